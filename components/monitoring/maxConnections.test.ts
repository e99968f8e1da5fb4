import { expect } from "chai";
import { auroraMysqlMaxConnections } from "./maxConnections";

// Aurora User Guide, "Performance and scaling for Aurora Serverless v2": the table "Maximum
// connections for Aurora Serverless v2" (Aurora MySQL column) and the worked Aurora MySQL example
// (8–32 ACU → 3000, 12.5–80 ACU → 4000, 0.5–128 ACU → 5000).
const DOCUMENTED: [number, number][] = [
    [1, 90],
    [4, 135],
    [8, 1000],
    [16, 2000],
    [32, 3000],
    [64, 4000],
    [128, 5000],
];

describe("auroraMysqlMaxConnections", () => {
    for (const [acu, connections] of DOCUMENTED) {
        it(`gives AWS's documented ${connections} for a maximum of ${acu} ACU`, () => {
            expect(auroraMysqlMaxConnections(acu)).to.equal(connections);
        });
    }

    it("gives 4000 for a maximum of 80 ACU, as in AWS's worked example", () => {
        expect(auroraMysqlMaxConnections(80)).to.equal(4000);
    });

    it("between documented capacities, never exceeds the next documented value nor falls below the previous one", () => {
        for (let acu = 1; acu <= 128; acu += 0.5) {
            const below = DOCUMENTED.filter(([a]) => a <= acu).pop()!;
            const above = DOCUMENTED.find(([a]) => a >= acu)!;
            const value = auroraMysqlMaxConnections(acu);
            expect(value, `${acu} ACU`).to.be.within(below[1], above[1]);
            if (acu > 1) {
                expect(value, `${acu} ACU`).to.be.at.least(auroraMysqlMaxConnections(acu - 0.5));
            }
        }
    });

    it("stays at the last documented value up to 256 ACU", () => {
        expect(auroraMysqlMaxConnections(256)).to.equal(5000);
    });

    for (const bad of [0.5, 0.75, 256.5, Number.NaN]) {
        it(`refuses a maximum capacity of ${bad}`, () => {
            expect(() => auroraMysqlMaxConnections(bad)).to.throw(
                `maxCapacityAcu ${bad} is not allowed; expected 1 to 256 ACU in steps of 0.5`,
            );
        });
    }
});
