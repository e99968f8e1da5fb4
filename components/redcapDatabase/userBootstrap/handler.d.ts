export interface BootstrapEvent {
    host: string;
    port: number;
    database: string;
    masterSecretArn: string;
    users: { secretArn: string; privileges: string[] }[];
}
export interface Connection {
    query(sql: string): Promise<unknown>;
    end(): Promise<void>;
}
export interface Dependencies {
    getSecret(arn: string): Promise<Record<string, unknown>>;
    connect(options: {
        host: string;
        port: number;
        user: string;
        password: string;
    }): Promise<Connection>;
}
export declare function bootstrap(
    event: BootstrapEvent,
    deps: Dependencies,
): Promise<{ database: string; users: string[]; statements: number }>;
export declare function handler(event: BootstrapEvent): ReturnType<typeof bootstrap>;
