import type * as pulumi from "@pulumi/pulumi";
import { expect } from "chai";
import type { Plan, PlanResource } from "../../tools/synth/plan";
import { jsonInput, ofType, planComponent, planRefusal, resource } from "../../test/harness";
import type { PolicyDocument } from "../iam/policyDocument";
import { PublicLoadBalancer } from "../publicLoadBalancer/publicLoadBalancer";
import { SharedFileSystem } from "../sharedFileSystem/sharedFileSystem";
import {
    type HomeRestore,
    RSTUDIO_PORT,
    rstudioLoadBalancedApp,
    SHARED_UID,
    shinyLoadBalancedApp,
    workbenchAccessPoints,
} from "./presets";
import {
    rstudioAppName,
    RstudioWorkbench,
    type RstudioWorkbenchArgs,
    workbenchAccounts,
} from "./rstudioWorkbench";

const KEY = (d: string) => `arn:aws:kms:us-east-1:123456789012:key/${d}`;
const IMAGE = (n: string) =>
    `123456789012.dkr.ecr.us-east-1.amazonaws.com/${n}@sha256:${"a".repeat(64)}`;
const USERS = [
    { name: "alice", email: "alice@example.edu", uid: 10001 },
    { name: "bob", email: "bob@example.edu", uid: 10002 },
];

/** The workbench with its file system and load balancer, as the RStudio stack composes them. */
function declare(
    mode: RstudioWorkbenchArgs["mode"],
    opts: pulumi.ComponentResourceOptions,
    change: (a: RstudioWorkbenchArgs) => RstudioWorkbenchArgs = (a) => a,
    restores: HomeRestore[] = [],
) {
    const accounts = workbenchAccounts(mode, USERS);
    const files = new SharedFileSystem(
        "files",
        {
            vpcId: "vpc-1",
            subnetIds: ["subnet-a", "subnet-b"],
            kmsKeyArn: KEY("sharedFiles"),
            accessPoints: workbenchAccessPoints(accounts, restores),
        },
        opts,
    );
    const web = new PublicLoadBalancer(
        "web",
        {
            vpcId: "vpc-1",
            publicSubnetIds: ["subnet-p1", "subnet-p2"],
            domainName: "rstudio.example.edu",
            apps: {
                ...Object.fromEntries(
                    accounts.map((a) => [
                        rstudioAppName(mode, a.name),
                        rstudioLoadBalancedApp(
                            mode === "perUser"
                                ? `${a.name}.rstudio.example.edu`
                                : "rstudio.example.edu",
                        ),
                    ]),
                ),
                shiny: shinyLoadBalancedApp("shiny.example.edu"),
            },
            certificateNames: ["*.rstudio.example.edu", "shiny.example.edu"],
            hostedZoneId: "Z0123456789ABC",
        },
        opts,
    );
    new RstudioWorkbench(
        "workbench",
        change({
            namePrefix: "rstudio-dev",
            region: "us-east-1",
            sessionsKmsKeyArn: KEY("sessions"),
            users: USERS,
            mode,
            rstudio: { image: IMAGE("rstudio"), cpu: 1024, memory: 4096 },
            shiny: { image: IMAGE("shiny"), cpu: 512, memory: 1024, minTasks: 2, maxTasks: 5 },
            fileSystem: files,
            targets: web.apps,
            targetSecurityGroupId: web.targetSecurityGroupId,
            listener: web.httpsListener,
            subnetIds: ["subnet-a", "subnet-b"],
            vpcId: "vpc-1",
            secretsKmsKeyArn: KEY("secrets"),
            logsKmsKeyArn: KEY("logs"),
            logRetentionDays: 365,
        }),
        opts,
    );
}

const task = (plan: Plan, name: string) =>
    resource(plan, "aws:ecs/taskDefinition:TaskDefinition", name);
const container = (t: PlanResource) =>
    (JSON.parse(t.inputs.containerDefinitions as string) as Record<string, any>[])[0];
/** The access points a task mounts, by volume (the mocks' ids are `<resource name>-<7 hex>`). */
const mounted = (t: PlanResource) =>
    Object.fromEntries(
        (t.inputs.volumes as { name: string; efsVolumeConfiguration?: any }[])
            .filter((v) => v.efsVolumeConfiguration)
            .map((v) => [
                v.name,
                String(v.efsVolumeConfiguration.authorizationConfig.accessPointId).replace(
                    /-[0-9a-f]{7}$/,
                    "",
                ),
            ]),
    );

describe("RstudioWorkbench", () => {
    let plan: Plan;
    before(async () => {
        plan = await planComponent((opts) => declare("perUser", opts));
    });

    it("runs a container per user as that user, mounting only their home, the shared folder and the data read-only", () => {
        for (const user of USERS) {
            const t = task(plan, `workbench-u-${user.name}`);
            const c = container(t);
            expect(c.user).to.equal(`${user.uid}:${user.uid}`);
            expect(c.portMappings).to.deep.equal([
                { containerPort: RSTUDIO_PORT, protocol: "tcp" },
            ]);
            expect(c.readonlyRootFilesystem).to.equal(true);
            const mounts = Object.fromEntries(
                (
                    c.mountPoints as {
                        sourceVolume: string;
                        containerPath: string;
                        readOnly: boolean;
                    }[]
                ).map((m) => [m.sourceVolume, [m.containerPath, m.readOnly]]),
            );
            expect(mounts.home).to.deep.equal([`/home/${user.name}`, false]);
            expect(mounts.shared).to.deep.equal(["/srv/shiny-server", false]);
            expect(mounts.data).to.deep.equal(["/data", true]);
            const points = Object.values(mounted(t));
            expect(points.filter((p) => p.startsWith("files-home-"))).to.deep.equal([
                `files-home-${user.name}`,
            ]);
        }
        // The data is mounted read-only by IAM too: ClientMount without ClientWrite.
        const policy = jsonInput<PolicyDocument>(
            resource(plan, "aws:iam/policy:Policy", "workbench-u-alice-task"),
            "policy",
        );
        const data = policy.Statement.find((s) => s.Sid === "Mountdata");
        expect(data?.Action).to.deep.equal(["elasticfilesystem:ClientMount"]);
        expect(policy.Statement.find((s) => s.Sid === "Mounthome")?.Action).to.include(
            "elasticfilesystem:ClientWrite",
        );
        const service = resource(plan, "aws:ecs/service:Service", "workbench-u-alice");
        expect(service.inputs).to.include({
            desiredCount: 1,
            deploymentMinimumHealthyPercent: 0,
            deploymentMaximumPercent: 100,
        });
    });

    it("generates each user's initial password into an encrypted secret, handed to their container only by reference", () => {
        for (const user of USERS) {
            const secret = resource(
                plan,
                "aws:secretsmanager/secret:Secret",
                `workbench-${user.name}-password`,
            );
            expect(secret.inputs.kmsKeyId).to.equal(KEY("secrets"));
            expect(String(secret.inputs.description)).to.include(user.email);
            const c = container(task(plan, `workbench-u-${user.name}`));
            expect(c.secrets).to.deep.equal([
                {
                    name: "RSTUDIO_PASSWORD",
                    valueFrom: secret.inputs.name ?? c.secrets[0].valueFrom,
                },
            ]);
            expect(c.secrets[0].valueFrom).to.include(`workbench-${user.name}-password`);
            expect(JSON.stringify(c.environment)).not.to.match(/PASSWORD/);
        }
    });

    it("serves Shiny from the shared folder and the data, read only, scaled on CPU and requests", () => {
        const t = task(plan, "workbench-shiny");
        const c = container(t);
        expect(c.user).to.equal(`${SHARED_UID}:${SHARED_UID}`);
        expect(
            (c.mountPoints as { sourceVolume: string; readOnly: boolean }[])
                .filter((m) => ["shared", "data"].includes(m.sourceVolume))
                .map((m) => m.readOnly),
        ).to.deep.equal([true, true]);
        expect(mounted(t)).to.deep.equal({ shared: "files-shared", data: "files-data" });
        expect(
            resource(plan, "aws:appautoscaling/target:Target", "workbench-shiny").inputs,
        ).to.include({
            minCapacity: 2,
            maxCapacity: 5,
        });
        expect(
            ofType(plan, "aws:appautoscaling/policy:Policy")
                .map((p) => p.name)
                .sort(),
        ).to.deep.equal(["workbench-shiny-cpu", "workbench-shiny-requests"]);
    });

    it("runs one shared container and account for the team in shared mode", async () => {
        const shared = await planComponent((opts) => declare("shared", opts));
        const services = ofType(shared, "aws:ecs/service:Service")
            .map((s) => s.name)
            .sort();
        expect(services).to.deep.equal(["workbench-rstudio", "workbench-shiny"]);
        expect(container(task(shared, "workbench-rstudio")).environment).to.deep.include({
            name: "USER",
            value: "rstudio",
        });
        expect(ofType(shared, "aws:secretsmanager/secret:Secret").map((s) => s.name)).to.deep.equal(
            ["workbench-rstudio-password"],
        );
    });

    it("refuses a user without a load balancer target or a home, before declaring its services", async () => {
        const { message } = await planRefusal((opts) =>
            declare("perUser", opts, (a) => ({
                ...a,
                users: [...a.users, { name: "carol", email: "c@example.edu", uid: 10003 }],
            })),
        );
        expect(message).to.include("RstudioWorkbench workbench: targets has no u-carol");
    });

    it("shows a restored home to its owner only, read only, at /restored", async () => {
        const folder = "/aws-backup-restore_2026-12-03T01-02-03-471Z";
        const p = await planComponent((opts) =>
            declare("perUser", opts, undefined, [{ account: "alice", folder }]),
        );
        const point = resource(p, "aws:efs/accessPoint:AccessPoint", "files-restore-alice");
        expect(point.inputs.rootDirectory).to.deep.include({ path: `${folder}/home/alice` });
        expect(point.inputs.posixUser).to.deep.include({ uid: 10001, gid: 10001 });
        const alice = task(p, "workbench-u-alice");
        expect(mounted(alice)).to.deep.include({ restored: "files-restore-alice" });
        expect(
            (
                container(alice).mountPoints as {
                    sourceVolume: string;
                    containerPath: string;
                    readOnly: boolean;
                }[]
            ).find((m) => m.sourceVolume === "restored"),
        ).to.deep.equal({ sourceVolume: "restored", containerPath: "/restored", readOnly: true });
        expect(Object.values(mounted(task(p, "workbench-u-bob")))).not.to.include(
            "files-restore-alice",
        );
        const policy = jsonInput<PolicyDocument>(
            resource(p, "aws:iam/policy:Policy", "workbench-u-alice-task"),
            "policy",
        );
        expect(policy.Statement.find((s) => s.Sid === "Mountrestored")?.Action).to.deep.equal([
            "elasticfilesystem:ClientMount",
        ]);
        expect(() =>
            workbenchAccessPoints([{ name: "alice", uid: 10001 }], [{ account: "carol", folder }]),
        ).to.throw('restore of "carol" is not allowed; expected one of the accounts alice');
        expect(() =>
            workbenchAccessPoints(
                [{ name: "alice", uid: 10001 }],
                [{ account: "alice", folder: "/home/bob" }],
            ),
        ).to.throw('restore folder "/home/bob" is not allowed');
    });
});
