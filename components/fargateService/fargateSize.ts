/** The task sizes Fargate accepts: for each CPU (units of 1/1024 vCPU), the memory range in MiB and its step. */
export const FARGATE_SIZES: Record<number, { min: number; max: number; step: number }> = {
    256: { min: 512, max: 2048, step: 512 },
    512: { min: 1024, max: 4096, step: 1024 },
    1024: { min: 2048, max: 8192, step: 1024 },
    2048: { min: 4096, max: 16384, step: 1024 },
    4096: { min: 8192, max: 30720, step: 1024 },
    8192: { min: 16384, max: 61440, step: 4096 },
    16384: { min: 32768, max: 122880, step: 8192 },
};

/** Memory values Fargate allows with `cpu` (256 also takes 512, 1024 and 2048). */
export function memoryChoices(cpu: number): number[] {
    const size = FARGATE_SIZES[cpu];
    if (!size) {
        return [];
    }
    const values: number[] = [];
    for (let m = size.min; m <= size.max; m += size.step) {
        values.push(m);
    }
    return cpu === 256 ? [512, 1024, 2048] : values;
}

/** Undefined when Fargate accepts the pair, else what is allowed. */
export function checkFargateSize(cpu: number, memory: number): string | undefined {
    if (!FARGATE_SIZES[cpu]) {
        return `cpu ${cpu} is not a Fargate size; expected one of ${Object.keys(FARGATE_SIZES).join(", ")}`;
    }
    const choices = memoryChoices(cpu);
    if (!choices.includes(memory)) {
        const size = FARGATE_SIZES[cpu];
        return `memory ${memory} is not allowed with cpu ${cpu}; expected ${size.min} to ${size.max} MiB in steps of ${cpu === 256 ? "512" : size.step}`;
    }
    return undefined;
}
