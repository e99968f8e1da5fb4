export declare function userStatements(
    database: string,
    users: { username: string; privileges: string[]; password: string }[],
): string[];
