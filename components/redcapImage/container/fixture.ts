import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { makeCertificates } from "../../../test/certificates";
import { FargateContainer, type RunOptions } from "../../../test/container/fargateContainer";
import { FakeSecretsManager } from "../../../test/container/fakeSecretsManager";
import {
    type ContainerDefinition,
    plannedContainer,
    plannedTasks,
} from "../../../test/container/plannedTask";
import { type SmtpPeer, startSmtpPeer } from "../../../test/container/smtpPeer";
import { type MariaDb, startMariaDb } from "../../../test/mariadb";
import { prepareLocalContext } from "../../../tools/image/build";
import { podman, podmanAvailable, ULIMIT_FLAGS } from "../../../tools/image/podman";
import type { Plan } from "../../../tools/synth/plan";
import { planStack } from "../../../tools/synth/planStack";
import { planStackWithApp } from "../../../test/harness";
import { redcapUsers, userStatements } from "../../redcapDatabase/userBootstrap/databaseUsers";

/**
 * What the container tests run against: the image `npm run image:build` built from the current
 * sources, the offline plan of a real stack (its task definitions say how each container runs),
 * and real peers on loopback where the plan's names point: MariaDB on 3306 accepting only
 * verified TLS (as Aurora is configured), an SMTP server on the plan's port speaking STARTTLS and
 * AUTH (as SES does), and Secrets Manager's values for the task's secrets.
 */
export interface ContainerFixture {
    plan: Plan;
    image: string;
    db: MariaDb;
    smtp: SmtpPeer;
    secrets: FakeSecretsManager;
    /**
     * Starts the container of the task whose family ends with `-<suffix>` as Fargate would, from
     * the fixture's plan or another plan of the same stack (`plan`, e.g. with LDAP sign-in).
     */
    start(familySuffix: string, options?: Partial<RunOptions> & { plan?: Plan }): FargateContainer;
    /** Plans the same stack with changes to its `redcap:app` (e.g. a sign-in method). */
    planWithApp(changes: Record<string, unknown>): Promise<Plan>;
    /** Maps a host name to loopback for every container started after this call. */
    addHost(name: string): void;
    /** Adds a CA to the trust store every container started after this call verifies with. */
    trust(caFile: string): void;
    /** The plan's environment value of a container. */
    environment(familySuffix: string, name: string): string;
    /** The test value of a container's secret, as its environment gets it. */
    secret(familySuffix: string, name: string): string;
    stop(): Promise<void>;
}

/** The stack whose plan the tests run: dev, the one most teams deploy first. */
export const STACK = "dev";

export async function startFixture(): Promise<ContainerFixture> {
    if (!podmanAvailable()) {
        throw new Error("podman is not installed or cannot run; run tools/install.sh");
    }
    // REDCAP_TEST_IMAGE runs the tests on another local image: your own prebuilt one
    // (redcap:app.imageUri), or a deliberately broken variant to see which tests catch it.
    const given = process.env.REDCAP_TEST_IMAGE;
    const image = given || prepareLocalContext().reference;
    if (podman(["image", "exists", image]).status !== 0) {
        throw new Error(
            given
                ? `REDCAP_TEST_IMAGE ${given} is not a local image`
                : `${image} is not built from the current sources; run npm run image:build first`,
        );
    }
    const { plan } = await planStack(STACK);
    const web = plannedContainer(plan, "web").container;
    const env = (name: string) => environmentValue(web, "web", name);
    const dbHost = env("REDCAP_DB_HOST");
    const smtpHost = env("SMTP_HOST");
    const smtpPort = Number(env("SMTP_PORT"));

    const secrets = new FakeSecretsManager();
    // The database users as the bootstrap Lambda creates them, with the privileges it grants.
    const users = redcapUsers().map((user) => ({
        ...user,
        password: `SENTINEL-${user.username}-${Math.random().toString(36).slice(2)}`,
    }));
    for (const task of plannedTasks(plan)) {
        for (const { name, valueFrom } of task.containers[0].secrets ?? []) {
            if (name !== "REDCAP_DB_USERNAME") {
                continue;
            }
            const { arn } = FakeSecretsManager.parse(valueFrom);
            const user = users.find((u) => arn.includes(u.username));
            if (!user) {
                throw new Error(
                    `${task.family}: ${arn} is not one of ${users.map((u) => u.username).join(", ")}`,
                );
            }
            secrets.set(arn, { username: user.username, password: user.password });
        }
    }

    const db = await startMariaDb({ tls: true, port: 3306, hostNames: [dbHost] });
    for (const statement of userStatements(env("REDCAP_DB_NAME"), users)) {
        await db.admin.query(statement);
    }
    const tlsDir = fs.mkdtempSync(path.join(os.tmpdir(), "redcap-smtp-tls-"));
    const smtpTls = makeCertificates(tlsDir, [smtpHost]);
    const smtpSecret = web.secrets?.find((s) => s.name === "SMTP_USERNAME")?.valueFrom;
    if (!smtpSecret) {
        throw new Error("the web container reads no SMTP_USERNAME secret");
    }
    const smtpArn = FakeSecretsManager.parse(smtpSecret).arn;
    const smtp = await startSmtpPeer({
        port: smtpPort,
        cert: smtpTls.cert,
        key: smtpTls.key,
        username: secrets.read(`${smtpArn}:username::`),
        password: secrets.read(`${smtpArn}:password::`),
    });

    // The trust stores the containers verify their peers with, holding the test CAs: the image's
    // public CA bundle plus the SMTP CA, and the database's CA in place of AWS's RDS bundle.
    const bundle = path.join(tlsDir, "ca-certificates.crt");
    const imageBundle = podman([
        "run",
        "--rm",
        "--network",
        "none",
        ...ULIMIT_FLAGS,
        "--entrypoint",
        "cat",
        image,
        "/etc/ssl/certs/ca-certificates.crt",
    ]).stdout;
    fs.writeFileSync(bundle, imageBundle + fs.readFileSync(smtpTls.ca, "utf8"));
    const files = {
        "/etc/ssl/certs/ca-certificates.crt": bundle,
        "/etc/ssl/rds/global-bundle.pem": db.caFile!,
    };
    const hosts = { [dbHost]: "127.0.0.1", [smtpHost]: "127.0.0.1" };

    const started: FargateContainer[] = [];
    const containerOf = (suffix: string, from: Plan = plan) => plannedContainer(from, suffix);
    return {
        plan,
        image,
        db,
        smtp,
        secrets,
        start(suffix, { plan: from, ...options } = {}) {
            const { task, container } = containerOf(suffix, from);
            const secretValues = Object.fromEntries(
                (container.secrets ?? []).map(({ name, valueFrom }) => [
                    name,
                    secrets.read(valueFrom),
                ]),
            );
            const running = FargateContainer.start(task, container, {
                image,
                secretValues,
                hosts,
                files,
                ...options,
            });
            started.push(running);
            return running;
        },
        async planWithApp(changes) {
            return (await planStackWithApp(STACK, changes)).plan;
        },
        addHost(name) {
            hosts[name] = "127.0.0.1";
        },
        trust(caFile) {
            fs.appendFileSync(bundle, fs.readFileSync(caFile, "utf8"));
        },
        environment(suffix, name) {
            return environmentValue(containerOf(suffix).container, suffix, name);
        },
        secret(suffix, name) {
            const found = containerOf(suffix).container.secrets?.find((s) => s.name === name);
            if (!found) {
                throw new Error(`the ${suffix} container reads no secret ${name}`);
            }
            return secrets.read(found.valueFrom);
        },
        async stop() {
            for (const container of started) {
                container.stop();
            }
            await smtp.stop();
            await db.stop();
            fs.rmSync(tlsDir, { recursive: true, force: true });
        },
    };
}

/** A container definition's environment value; throws naming the container when it has none. */
function environmentValue(container: ContainerDefinition, suffix: string, name: string): string {
    const found = container.environment?.find((e) => e.name === name);
    if (!found) {
        throw new Error(`the ${suffix} container's environment has no ${name}`);
    }
    return found.value;
}
