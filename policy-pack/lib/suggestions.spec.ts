import { expect } from "chai";
import { likelyMeant } from "./suggestions";

describe("likelyMeant (did you mean)", () => {
    it("finds the choice a typo was meant to be, ignoring case, and returns it as the choice is written", () => {
        expect(likelyMeant("mandtory", ["advisory", "mandatory", "disabled"])).to.equal(
            "mandatory",
        );
        expect(likelyMeant("AUTHORISEDPORTS", ["exemptionTag", "authorizedPorts"])).to.equal(
            "authorizedPorts",
        );
    });

    it("suggests nothing for a value too far from every choice, or when there is no choice", () => {
        expect(likelyMeant("banana", ["advisory", "mandatory"])).to.equal(undefined);
        expect(likelyMeant("anything", [])).to.equal(undefined);
    });

    it("allows a quarter of a long choice's length in edits, and 2 for a short one", () => {
        const long = "sg-world-open-authorized-ports-only"; // 35 characters: 8 edits
        expect(likelyMeant("sg-world-open-authorised-portz-onle", [long])).to.equal(long);
        expect(likelyMeant("xx-xxxxx-xxxx-authorized-ports-only", [long])).to.equal(undefined);
        expect(likelyMeant("abx", ["abc"])).to.equal("abc");
        expect(likelyMeant("xyz", ["abc"])).to.equal(undefined);
    });
});
