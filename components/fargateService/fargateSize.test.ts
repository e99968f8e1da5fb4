import { expect } from "chai";
import { checkFargateSize, memoryChoices } from "./fargateSize";

describe("Fargate task sizes", () => {
    it("accepts the pairs AWS lists, including REDCap's 2 vCPU / 4 GB and 4 vCPU / 8 GB", () => {
        for (const [cpu, memory] of [
            [256, 512],
            [512, 4096],
            [1024, 2048],
            [2048, 4096],
            [4096, 8192],
            [8192, 61440],
            [16384, 122880],
        ]) {
            expect(checkFargateSize(cpu, memory), `${cpu}/${memory}`).to.equal(undefined);
        }
    });

    it("refuses pairs Fargate rejects, saying what is allowed", () => {
        expect(checkFargateSize(2048, 2048)).to.equal(
            "memory 2048 is not allowed with cpu 2048; expected 4096 to 16384 MiB in steps of 1024",
        );
        expect(checkFargateSize(1000, 2048)).to.equal(
            "cpu 1000 is not a Fargate size; expected one of 256, 512, 1024, 2048, 4096, 8192, 16384",
        );
        expect(checkFargateSize(8192, 20000)).to.include("in steps of 4096");
    });

    it("lists the memory choices of a CPU size", () => {
        expect(memoryChoices(256)).to.deep.equal([512, 1024, 2048]);
        expect(memoryChoices(512)).to.deep.equal([1024, 2048, 3072, 4096]);
        expect(memoryChoices(3)).to.deep.equal([]);
    });
});
