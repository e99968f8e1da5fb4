import { expect } from "chai";
import { weeklyRunningHours } from "./schedule";

describe("weeklyRunningHours", () => {
    it("multiplies the daily window by the days it applies to", () => {
        expect(weeklyRunningHours("cron(0 7 ? * MON-FRI *)", "cron(0 19 ? * MON-FRI *)")).to.equal(
            60,
        );
        expect(weeklyRunningHours("cron(30 8 ? * * *)", "cron(0 17 ? * * *)")).to.equal(8.5 * 7);
        expect(
            weeklyRunningHours("cron(0 9 ? * MON,WED,FRI *)", "cron(0 12 ? * MON,WED,FRI *)"),
        ).to.equal(9);
    });

    it("reads numbered days (1 = Sunday) and ranges that wrap around the week", () => {
        expect(weeklyRunningHours("cron(0 8 ? * 2-6 *)", "cron(0 18 ? * 2-6 *)")).to.equal(50);
        expect(weeklyRunningHours("cron(0 10 ? * SAT-SUN *)", "cron(0 12 ? * SAT-SUN *)")).to.equal(
            4,
        );
        expect(weeklyRunningHours("cron(0 0 ? * SUN-SAT *)", "cron(0 1 ? * SUN-SAT *)")).to.equal(
            7,
        );
    });

    it("gives up (undefined) on shapes it cannot be sure of", () => {
        // Different days, a stop before the start, rates and unknown day names.
        expect(weeklyRunningHours("cron(0 7 ? * MON-FRI *)", "cron(0 19 ? * MON-SAT *)")).to.equal(
            undefined,
        );
        expect(weeklyRunningHours("cron(0 19 ? * * *)", "cron(0 7 ? * * *)")).to.equal(undefined);
        expect(weeklyRunningHours("rate(1 hour)", "cron(0 19 ? * * *)")).to.equal(undefined);
        expect(weeklyRunningHours("cron(0 7 ? * FUNDAY *)", "cron(0 19 ? * FUNDAY *)")).to.equal(
            undefined,
        );
        expect(weeklyRunningHours("cron(0 7 1 * ? *)", "cron(0 19 1 * ? *)")).to.equal(undefined);
    });
});
