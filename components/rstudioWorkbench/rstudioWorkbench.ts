import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import { FargateCluster } from "../fargateCluster/fargateCluster";
import { FargateService } from "../fargateService/fargateService";
import { checkFargateSize } from "../fargateService/fargateSize";
import { LOG_RETENTION_DAYS } from "../logRetention";
import type { LoadBalancerTarget } from "../publicLoadBalancer/publicLoadBalancer";
import { createStoredSecret } from "../secrets/storedSecret";
import type { SharedFileSystem } from "../sharedFileSystem/sharedFileSystem";
import { requireWholeNumber } from "../validation";
import {
    restoreAccessPoint,
    RSTUDIO_PORT,
    rstudioContainer,
    SHARED_ACCOUNT,
    SHARED_ACCOUNT_UID,
    SHINY_PORT,
    shinyContainer,
} from "./presets";

/** One person who uses RStudio. */
export interface WorkbenchUser {
    /** Linux user name: names the home folder and, per user, the host `<name>.rstudio.<domain>`. */
    name: string;
    email: string;
    /** POSIX id of the user's files: never reused for someone else. */
    uid: number;
}

export interface RstudioWorkbenchArgs {
    /** Prefix of task definition families, unique per account and region, e.g. `rstudio-prod`. */
    namePrefix: string;
    region: string;
    /**
     * The key ECS Exec encrypts operators' sessions with; the workbench's cluster records each
     * session in a log group under `logsKmsKeyArn`.
     */
    sessionsKmsKeyArn: pulumi.Input<string>;
    users: WorkbenchUser[];
    /**
     * `perUser`: a container per user, running as that user, at the load balancer target
     * `u-<name>`. `shared`: one container and one account (`rstudio`) for the whole team, at
     * `rstudio`.
     */
    mode: "perUser" | "shared";
    rstudio: { image: string; cpu: number; memory: number };
    shiny: { image: string; cpu: number; memory: number; minTasks: number; maxTasks: number };
    /**
     * The shared file system, with the access points of workbenchAccessPoints(): `home-<account>`,
     * `shared` and `data`.
     */
    fileSystem: SharedFileSystem;
    /** The load balancer's targets by app (`rstudio` or `u-<name>`, and `shiny`). */
    targets: Record<string, LoadBalancerTarget>;
    targetSecurityGroupId: pulumi.Input<string>;
    listener: pulumi.Resource;
    /** Private subnets of the tasks. */
    subnetIds: pulumi.Input<string>[];
    /** The VPC: each service's own group (HTTPS out: AWS APIs, package repositories) is made here. */
    vpcId: pulumi.Input<string>;
    secretsKmsKeyArn: pulumi.Input<string>;
    logsKmsKeyArn: pulumi.Input<string>;
    logRetentionDays: number;
}

/** The accounts that sign in to RStudio: each user, or the one shared account. */
export function workbenchAccounts(
    mode: RstudioWorkbenchArgs["mode"],
    users: WorkbenchUser[],
): { name: string; uid: number }[] {
    return mode === "perUser"
        ? users.map(({ name, uid }) => ({ name, uid }))
        : [{ name: SHARED_ACCOUNT, uid: SHARED_ACCOUNT_UID }];
}

/** The load balancer app a account's RStudio is served as. */
export const rstudioAppName = (mode: RstudioWorkbenchArgs["mode"], account: string): string =>
    mode === "perUser" ? `u-${account}` : "rstudio";

/**
 * RStudio Server and Shiny Server on the platform's Fargate services: RStudio as a container per
 * user (or one shared), each with its home on the shared file system and an initial password
 * generated into Secrets Manager; Shiny Server scaled out, serving the apps RStudio users publish
 * into the shared folder. Everything runs as non-root users on read-only roots.
 */
export class RstudioWorkbench extends pulumi.ComponentResource {
    /** Each account's initial password secret, by account name (hand over: see the runbook). */
    public readonly passwordSecretArns: pulumi.Output<Record<string, string>>;
    /** The RStudio services by account, and the Shiny service (read-only). */
    public readonly rstudioServices: Readonly<Record<string, FargateService>>;
    public readonly shinyService: FargateService;
    /** The cluster the services run in (read-only). */
    public readonly cluster: FargateCluster;

    constructor(name: string, args: RstudioWorkbenchArgs, opts?: pulumi.ComponentResourceOptions) {
        super("hipaa:app:RstudioWorkbench", name, {}, opts);
        const where = `RstudioWorkbench ${name}`;
        for (const app of ["rstudio", "shiny"] as const) {
            const size = checkFargateSize(args[app].cpu, args[app].memory);
            if (size) {
                throw new Error(`${where}: ${app}.${size}`);
            }
        }
        requireWholeNumber(where, "shiny.minTasks", args.shiny.minTasks, 1, 50);
        requireWholeNumber(where, "shiny.maxTasks", args.shiny.maxTasks, args.shiny.minTasks, 50);
        if (!(LOG_RETENTION_DAYS as readonly number[]).includes(args.logRetentionDays)) {
            throw new Error(`${where}: logRetentionDays ${args.logRetentionDays} is not allowed`);
        }
        if (args.users.length === 0) {
            throw new Error(`${where}: users is empty; expected at least one`);
        }
        const accounts = workbenchAccounts(args.mode, args.users);
        for (const account of accounts) {
            const app = rstudioAppName(args.mode, account.name);
            if (!args.targets[app]) {
                throw new Error(
                    `${where}: targets has no ${app}; expected a load balancer target for ${account.name}'s RStudio`,
                );
            }
            if (!args.fileSystem.accessPoints[`home-${account.name}`]) {
                throw new Error(
                    `${where}: the file system has no access point home-${account.name}; create it with workbenchAccessPoints()`,
                );
            }
        }
        if (!args.targets.shiny) {
            throw new Error(
                `${where}: targets has no shiny; expected the load balancer's Shiny target`,
            );
        }
        const parent = { parent: this };
        const cluster = new FargateCluster(
            name,
            {
                sessionsKmsKeyArn: args.sessionsKmsKeyArn,
                logsKmsKeyArn: args.logsKmsKeyArn,
                logRetentionDays: args.logRetentionDays,
            },
            parent,
        );
        const volume = (point: string, readOnly = false) => ({
            fileSystemId: args.fileSystem.fileSystemId,
            fileSystemArn: args.fileSystem.fileSystemArn,
            accessPointId: args.fileSystem.accessPoints[point].id,
            accessPointArn: args.fileSystem.accessPoints[point].arn,
            readOnly,
        });
        const common = {
            cluster,
            region: args.region,
            subnetIds: args.subnetIds,
            vpcId: args.vpcId,
            // Each service's own group lets HTTPS out; the file system's client group adds NFS.
            additionalSecurityGroupIds: [args.fileSystem.clientSecurityGroupId],
            secretsKmsKeyArn: args.secretsKmsKeyArn,
            logs: { kmsKeyArn: args.logsKmsKeyArn, retentionDays: args.logRetentionDays },
        };

        // ---- an initial password per account, handed over out of band and changed by the user
        const passwords: Record<string, pulumi.Output<string>> = {};
        const services: Record<string, FargateService> = {};
        for (const account of accounts) {
            const user = args.users.find((u) => u.name === account.name);
            const password = new random.RandomPassword(
                `${name}-${account.name}`,
                { length: 24, special: false, minLower: 2, minUpper: 2, minNumeric: 2 },
                parent,
            );
            const { secret } = createStoredSecret(
                `${name}-${account.name}-password`,
                {
                    description: user
                        ? `RStudio sign-in of ${account.name} (${user.email}): initial password`
                        : `RStudio sign-in of the shared account ${account.name}: password`,
                    kmsKeyArn: args.secretsKmsKeyArn,
                    value: password.result,
                    protect: false,
                    notRotatedBecause:
                        "a person's sign-in password: handed over once, then changed by putting a new value (docs/runbooks/rstudio.md)",
                },
                this,
            );
            passwords[account.name] = secret.arn;
            const app = rstudioAppName(args.mode, account.name);
            // A home restored from a backup, while the file system has its access point.
            const restored =
                args.fileSystem.accessPoints[restoreAccessPoint(account.name)] !== undefined;
            services[account.name] = new FargateService(
                `${name}-${app}`,
                {
                    ...common,
                    family: `${args.namePrefix}-${app}`,
                    cpu: args.rstudio.cpu,
                    memory: args.rstudio.memory,
                    containers: [
                        rstudioContainer({
                            image: args.rstudio.image,
                            account,
                            passwordSecretArn: secret.arn,
                            restored,
                        }),
                    ],
                    fileSystems: {
                        home: volume(`home-${account.name}`),
                        shared: volume("shared"),
                        data: volume("data", true),
                        ...(restored
                            ? { restored: volume(restoreAccessPoint(account.name), true) }
                            : {}),
                    },
                    loadBalancer: {
                        targetGroupArn: args.targets[app].targetGroupArn,
                        containerName: "rstudio",
                        containerPort: RSTUDIO_PORT,
                        targetSecurityGroupId: args.targetSecurityGroupId,
                        listener: args.listener,
                    },
                    // One R server per home: the old task stops before the new one starts.
                    desiredCount: 1,
                    minimumHealthyPercent: 0,
                    maximumPercent: 100,
                },
                parent,
            );
        }

        // ---- Shiny Server, scaled out on CPU and requests
        this.shinyService = new FargateService(
            `${name}-shiny`,
            {
                ...common,
                family: `${args.namePrefix}-shiny`,
                cpu: args.shiny.cpu,
                memory: args.shiny.memory,
                containers: [shinyContainer(args.shiny.image)],
                fileSystems: { shared: volume("shared", true), data: volume("data", true) },
                loadBalancer: {
                    targetGroupArn: args.targets.shiny.targetGroupArn,
                    containerName: "shiny",
                    containerPort: SHINY_PORT,
                    targetSecurityGroupId: args.targetSecurityGroupId,
                    listener: args.listener,
                    requestCountLabel: args.targets.shiny.requestCountLabel,
                },
                scaling: { minTasks: args.shiny.minTasks, maxTasks: args.shiny.maxTasks },
            },
            parent,
        );

        this.rstudioServices = services;
        this.cluster = cluster;
        this.passwordSecretArns = pulumi.output(passwords);
        this.registerOutputs({ passwordSecretArns: this.passwordSecretArns });
    }
}
