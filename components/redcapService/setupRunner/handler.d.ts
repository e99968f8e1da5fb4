export interface SetupEvent {
    cluster: string;
    taskDefinition: string;
    containerName: string;
    command?: string[];
    /** Marks this deploy's tasks: a hash of the values that re-run setup (setupRunner.ts). */
    startedBy?: string;
    subnets: string[];
    securityGroups: string[];
}
export interface Dependencies {
    ecs: { send(command: unknown): Promise<Record<string, unknown>> };
    commands: {
        RunTaskCommand: new (input: object) => unknown;
        DescribeTasksCommand: new (input: object) => unknown;
        ListTasksCommand: new (input: object) => unknown;
    };
    sleep(ms: number): Promise<void>;
    now(): number;
    deadlineMs: number;
    pollMs: number;
    log?(message: string): void;
}
export declare function runSetup(
    event: SetupEvent,
    deps: Dependencies,
): Promise<{ taskArn: string; exitCode: number; outcome: "started" | "adopted" | "already done" }>;
export declare function handler(event: SetupEvent): ReturnType<typeof runSetup>;
