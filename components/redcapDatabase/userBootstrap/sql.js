// @ts-check
"use strict";
/**
 * The SQL that makes REDCap's database and users exist with exactly the given privileges and
 * passwords. Plain JavaScript because it runs in two places: in the bootstrap Lambda (which
 * cannot run TypeScript) and in the tests. Idempotent: safe to run on every deploy, and a changed
 * password is applied too.
 */

const IDENTIFIER = /^[a-z][a-z0-9_]{0,31}$/;
const PRIVILEGE = /^[A-Z][A-Z ]*$/;

/** Quotes a MySQL string literal (passwords come from a generator that avoids ' and \ anyway). */
function literal(value) {
    return `'${String(value).replace(/\\/g, "\\\\").replace(/'/g, "''")}'`;
}

/**
 * @param {string} database
 * @param {{ username: string, privileges: string[], password: string }[]} users
 * @returns {string[]}
 */
function userStatements(database, users) {
    for (const name of [database, ...users.map((u) => u.username)]) {
        if (!IDENTIFIER.test(name)) {
            throw new Error(`userStatements: "${name}" is not a plain lower-case identifier`);
        }
    }
    const statements = [
        `CREATE DATABASE IF NOT EXISTS \`${database}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`,
    ];
    for (const { username, privileges, password } of users) {
        if (privileges.length === 0 || !privileges.every((p) => PRIVILEGE.test(p))) {
            throw new Error(
                `userStatements: privileges of ${username} must be plain SQL privilege names`,
            );
        }
        const account = `'${username}'@'%'`;
        statements.push(
            `CREATE USER IF NOT EXISTS ${account} IDENTIFIED BY ${literal(password)} REQUIRE SSL`,
            `ALTER USER ${account} IDENTIFIED BY ${literal(password)} REQUIRE SSL`,
            `REVOKE ALL PRIVILEGES, GRANT OPTION FROM ${account}`,
            `GRANT ${privileges.join(", ")} ON \`${database}\`.* TO ${account}`,
        );
    }
    return statements;
}

module.exports = { userStatements };
