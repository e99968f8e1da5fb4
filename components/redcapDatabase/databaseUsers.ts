/**
 * REDCap's database users, as the SQL that creates them. REDCap's install guide asks for a user
 * with SELECT, INSERT, UPDATE and DELETE on its database only; installs and upgrades (REDCap's
 * "updates user", `redcap_updates_user`) also need CREATE, DROP, ALTER and REFERENCES, which
 * REDCap itself checks before an upgrade. Both must connect over TLS.
 */

export interface DatabaseUser {
    /** The MySQL user name. */
    username: string;
    privileges: string[];
    /** What the user is for, for the secret's description. */
    purpose: string;
}

export const APP_PRIVILEGES = ["SELECT", "INSERT", "UPDATE", "DELETE"];
export const SCHEMA_PRIVILEGES = [...APP_PRIVILEGES, "CREATE", "DROP", "ALTER", "REFERENCES"];

export function redcapUsers(): DatabaseUser[] {
    return [
        {
            username: "redcap_app",
            privileges: APP_PRIVILEGES,
            purpose: "REDCap's everyday connection",
        },
        {
            username: "redcap_schema",
            privileges: SCHEMA_PRIVILEGES,
            purpose: "REDCap's install and upgrade connection (redcap_updates_user)",
        },
    ];
}

const IDENTIFIER = /^[a-z][a-z0-9_]{0,31}$/;

/** Quotes a string literal for MySQL; passwords come from a generator that avoids ' and \ anyway. */
function literal(value: string): string {
    return `'${value.replace(/\\/g, "\\\\").replace(/'/g, "''")}'`;
}

/**
 * Idempotent statements that make the database and the users exist with exactly these privileges
 * and these passwords: safe to run on every deploy (a rotated password is applied too).
 */
export function userStatements(
    database: string,
    users: { user: DatabaseUser; password: string }[],
): string[] {
    for (const name of [database, ...users.map((u) => u.user.username)]) {
        if (!IDENTIFIER.test(name)) {
            throw new Error(`userStatements: "${name}" is not a plain lower-case identifier`);
        }
    }
    const statements = [
        `CREATE DATABASE IF NOT EXISTS \`${database}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`,
    ];
    for (const { user, password } of users) {
        const account = `'${user.username}'@'%'`;
        statements.push(
            `CREATE USER IF NOT EXISTS ${account} IDENTIFIED BY ${literal(password)} REQUIRE SSL`,
            `ALTER USER ${account} IDENTIFIED BY ${literal(password)} REQUIRE SSL`,
            `REVOKE ALL PRIVILEGES, GRANT OPTION FROM ${account}`,
            `GRANT ${user.privileges.join(", ")} ON \`${database}\`.* TO ${account}`,
        );
    }
    return statements;
}
