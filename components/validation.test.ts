import { expect } from "chai";
import { isTimezone, requireWholeNumber } from "./validation";

describe("component argument checks", () => {
    it("takes IANA time zone names as AWS and PHP do: canonical names, links, UTC, in their own capitals", () => {
        for (const zone of ["America/Chicago", "UTC", "Etc/GMT+5", "US/Eastern", "Asia/Kolkata"]) {
            expect(isTimezone(zone), zone).to.equal(true);
        }
        for (const zone of [
            "america/chicago", // ICU takes it; AWS does not
            "America/Springfield",
            "Chicago",
            "",
            "America/Chicago\u001b[31m",
            "x".repeat(3000),
        ]) {
            expect(isTimezone(zone), zone).to.equal(false);
        }
    });

    it("names the component, the argument and the range when a number is out of it", () => {
        expect(() => requireWholeNumber("Thing t", "count", 0, 1, 10, "tasks")).to.throw(
            "Thing t: count 0 is not allowed; expected a whole number of tasks from 1 to 10",
        );
        expect(() => requireWholeNumber("Thing t", "count", 1.5, 1, 10)).to.throw(
            "expected a whole number from 1 to 10",
        );
        expect(() => requireWholeNumber("Thing t", "count", 10, 1, 10)).not.to.throw();
    });
});
