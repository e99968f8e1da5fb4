import { expect } from "chai";
import { sleepCrons } from "./sleepSchedule";

describe("sleepCrons", () => {
    it("turns awake hours into wake, sleep and alert crons in the given time zone", () => {
        expect(sleepCrons("weekdays 07:00-19:00", "America/New_York")).to.deep.equal({
            timezone: "America/New_York",
            wake: "cron(0 7 ? * MON-FRI *)",
            sleep: "cron(0 19 ? * MON-FRI *)",
            resumeAlerts: "cron(15 7 ? * MON-FRI *)",
            rearmAlerts: "cron(16 7 ? * MON-FRI *)",
        });
        expect(sleepCrons("daily 08:50-17:30", "UTC")).to.include({
            wake: "cron(50 8 ? * * *)",
            sleep: "cron(30 17 ? * * *)",
            // 15 minutes after 08:50 is 09:05: the hour rolls over.
            resumeAlerts: "cron(5 9 ? * * *)",
            rearmAlerts: "cron(6 9 ? * * *)",
        });
        expect(sleepCrons("MON,WED-FRI 09:00-12:00", "UTC")).to.include({
            wake: "cron(0 9 ? * MON,WED-FRI *)",
        });
    });

    it("refuses hours it cannot turn into same-day crons, saying what is allowed", () => {
        for (const bad of [
            "weekdays 7:00-19:00",
            "weekdays 07:00-24:00",
            "workdays 07:00-19:00",
            "MON-FUN 07:00-19:00",
            "weekdays 19:00-07:00",
            "weekdays 07:00-07:20",
            "weekdays 07:00-19:00; rm",
        ]) {
            const result = sleepCrons(bad, "UTC");
            expect(result, bad)
                .to.have.property("problem")
                .that.match(/<days> HH:MM-HH:MM/);
        }
    });
});
