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

/** The SQL that creates them lives in ./sql.js, which the bootstrap Lambda runs. */
export { userStatements } from "./sql";
