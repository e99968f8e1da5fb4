import { expect } from "chai";
import {
    apacheWorkerEnvironment,
    apacheWorkerLimits,
    MAX_WORKERS,
    MIN_WORKERS,
    SHARED_MEMORY_MIB,
    WORKER_MEMORY_MIB,
} from "./webServerSizing";

describe("RedcapService: Apache's workers sized from the task's memory", () => {
    it("fits the workers' budget and the shared memory inside the task", () => {
        for (const memory of [1024, 2048, 3072, 4096, 8192, 16384, 30720]) {
            const { maxRequestWorkers } = apacheWorkerLimits(memory);
            expect(SHARED_MEMORY_MIB + maxRequestWorkers * WORKER_MEMORY_MIB).to.be.at.most(memory);
            // One more worker would not fit (unless capped).
            if (maxRequestWorkers < MAX_WORKERS) {
                expect(
                    SHARED_MEMORY_MIB + (maxRequestWorkers + 1) * WORKER_MEMORY_MIB,
                ).to.be.greaterThan(memory);
            }
        }
    });

    it("gives the default 4 GiB task 38 workers, far below Apache's default of 150", () => {
        expect(apacheWorkerLimits(4096)).to.deep.equal({ maxRequestWorkers: 38, startServers: 4 });
    });

    it("keeps a minimum on the smallest task and a cap on the largest", () => {
        expect(apacheWorkerLimits(512).maxRequestWorkers).to.equal(MIN_WORKERS);
        expect(apacheWorkerLimits(512).startServers).to.equal(MIN_WORKERS);
        expect(apacheWorkerLimits(122880).maxRequestWorkers).to.equal(MAX_WORKERS);
    });

    it("refuses a memory size that is not whole MiB, naming it", () => {
        expect(() => apacheWorkerLimits(100)).to.throw("task memory 100 MiB is not allowed");
        expect(() => apacheWorkerLimits(1024.5)).to.throw("1024.5 MiB is not allowed");
    });

    it("hands the limits to the image as environment variables", () => {
        expect(apacheWorkerEnvironment(2048)).to.deep.equal({
            APACHE_MAX_REQUEST_WORKERS: "16",
            APACHE_START_SERVERS: "4",
        });
    });
});
