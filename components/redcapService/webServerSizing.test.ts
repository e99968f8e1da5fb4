import { expect } from "chai";
import {
    phpWorkerEnvironment,
    phpWorkerLimits,
    MAX_WORKERS,
    MIN_WORKERS,
    SAML_SERVICE_PROVIDER_MIB,
    SHARED_MEMORY_MIB,
    WORKER_MEMORY_MIB,
} from "./webServerSizing";

describe("RedcapService: PHP's workers sized from the task's memory", () => {
    it("fits the workers' budget and the shared memory inside the task", () => {
        for (const memory of [1024, 2048, 3072, 4096, 8192, 16384, 30720]) {
            const { maxWorkers } = phpWorkerLimits(memory);
            expect(SHARED_MEMORY_MIB + maxWorkers * WORKER_MEMORY_MIB).to.be.at.most(memory);
            // One more worker would not fit (unless capped).
            if (maxWorkers < MAX_WORKERS) {
                expect(SHARED_MEMORY_MIB + (maxWorkers + 1) * WORKER_MEMORY_MIB).to.be.greaterThan(
                    memory,
                );
            }
        }
    });

    it("sets shibd's memory aside with SAML sign-in, so the workers still fit", () => {
        for (const memory of [2048, 4096, 8192]) {
            const { maxWorkers } = phpWorkerLimits(memory, { samlSignIn: true });
            const shared = SHARED_MEMORY_MIB + SAML_SERVICE_PROVIDER_MIB;
            expect(shared + maxWorkers * WORKER_MEMORY_MIB).to.be.at.most(memory);
            expect(shared + (maxWorkers + 1) * WORKER_MEMORY_MIB).to.be.greaterThan(memory);
        }
        expect(phpWorkerLimits(4096, { samlSignIn: true }).maxWorkers).to.equal(37);
        expect(phpWorkerEnvironment(4096, { samlSignIn: true })).to.include({
            PHP_FPM_MAX_CHILDREN: "37",
        });
    });

    it("gives the default 4 GiB task 38 workers, not a default unrelated to memory", () => {
        expect(phpWorkerLimits(4096)).to.deep.equal({ maxWorkers: 38, startWorkers: 4 });
    });

    it("keeps a minimum on the smallest task and a cap on the largest", () => {
        expect(phpWorkerLimits(512).maxWorkers).to.equal(MIN_WORKERS);
        expect(phpWorkerLimits(512).startWorkers).to.equal(MIN_WORKERS);
        expect(phpWorkerLimits(122880).maxWorkers).to.equal(MAX_WORKERS);
    });

    it("refuses a memory size that is not whole MiB, naming it", () => {
        expect(() => phpWorkerLimits(100)).to.throw("task memory 100 MiB is not allowed");
        expect(() => phpWorkerLimits(1024.5)).to.throw("1024.5 MiB is not allowed");
    });

    it("hands the limits to the image as environment variables", () => {
        expect(phpWorkerEnvironment(2048)).to.deep.equal({
            PHP_FPM_MAX_CHILDREN: "16",
            PHP_FPM_START_SERVERS: "4",
        });
    });
});
