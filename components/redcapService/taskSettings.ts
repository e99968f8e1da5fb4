import type * as pulumi from "@pulumi/pulumi";
import type { TaskContainer } from "../fargateService/taskDefinition";
import { REDCAP_HEALTH_PATH } from "../redcapImage/imageContract";
import type { PolicyDocument, PolicyStatement } from "../iam/policyDocument";

/**
 * REDCap's task, as pure data: the container definition and the two IAM policies. Secrets reach
 * the container only through `secrets[].valueFrom` (ECS reads them with the execution role at
 * start); `environment` holds only values that are not secret, and the tests check that.
 */

/**
 * Where the containers write at run time: small task-local volumes over a read-only root file
 * system. The image declares a VOLUME at each of these paths, owned by its user: Fargate's task
 * volumes are bind mounts, empty and owned by root unless the image declares one at exactly the
 * same path (the container tests run the image with these semantics).
 */
export const WRITABLE_PATHS: Record<string, string> = {
    config: "/run/redcap", // rendered database.php and msmtprc, the task's TLS certificate
    tmp: "/tmp", // PHP uploads in progress and sessions, ImageMagick and Ghostscript
    "apache-run": "/run/apache2",
    "apache-lock": "/run/lock/apache2",
    "redcap-temp": "/var/www/html/temp", // REDCap's own temporary files
    // ECS Exec's agent keeps its state and logs here; on a read-only root it cannot start without.
    "exec-agent-state": "/var/lib/amazon",
    "exec-agent-logs": "/var/log/amazon",
};

/** REDCap's three tasks on one image: the web server, the cron runner and the one-off setup. */
export type TaskKind = "web" | "cron" | "setup";

/** A secret a task reads and, for JSON secrets, the key to read (`T`: an ARN, or a future one). */
export interface TaskSecret<T> {
    arn: T;
    jsonKey?: string;
}

/**
 * What each task reads from Secrets Manager, as environment variable → secret. Only the setup
 * task connects as the schema user (it may create tables), and only it writes the S3 key and the
 * first administrator into REDCap; the others never see them.
 */
export function taskSecrets<T>(
    kind: TaskKind,
    secrets: {
        appDb: T;
        schemaDb: T;
        salt: T;
        smtp: T;
        s3Key: T;
        firstAdmin: T;
        ldapBind?: T;
        samlCredentials?: T;
    },
): Record<string, TaskSecret<T>> {
    const db = kind === "setup" ? secrets.schemaDb : secrets.appDb;
    return {
        REDCAP_DB_USERNAME: { arn: db, jsonKey: "username" },
        REDCAP_DB_PASSWORD: { arn: db, jsonKey: "password" },
        REDCAP_SALT: { arn: secrets.salt },
        SMTP_USERNAME: { arn: secrets.smtp, jsonKey: "username" },
        SMTP_PASSWORD: { arn: secrets.smtp, jsonKey: "password" },
        // Only the web server signs users in against the directory.
        ...(kind === "web" && secrets.ldapBind !== undefined
            ? { LDAP_BIND_PASSWORD: { arn: secrets.ldapBind } }
            : {}),
        ...(kind === "web" && secrets.samlCredentials !== undefined
            ? { SAML_SP_CREDENTIALS: { arn: secrets.samlCredentials } }
            : {}),
        ...(kind === "setup"
            ? {
                  S3_ACCESS_KEY_ID: { arn: secrets.s3Key, jsonKey: "accessKeyId" },
                  S3_SECRET_ACCESS_KEY: { arn: secrets.s3Key, jsonKey: "secretAccessKey" },
                  REDCAP_ADMIN_PASSWORD: { arn: secrets.firstAdmin },
              }
            : {}),
    };
}

export interface RedcapContainerArgs {
    name: string;
    image: pulumi.Input<string>;
    /** The user the processes run as (never root). */
    user: string;
    /** The HTTPS port the web server listens on. */
    port: number;
    /** Values that are not secret, e.g. the database host. */
    environment: Record<string, pulumi.Input<string>>;
    /** Environment variable → secret. */
    secrets: Record<string, { secretArn: pulumi.Input<string>; jsonKey?: string }>;
    /** Stream prefix of the container's logs. */
    logStreamPrefix: string;
    /** Overrides the image's command (the cron runner). */
    command?: string[];
    /** Whether this is the web server: its port and health check apply (not for cron or setup). */
    serves: boolean;
}

/**
 * A REDCap container: the platform's container with REDCap's writable paths, and on the web
 * server its HTTPS port and health check.
 */
export function redcapContainer(args: RedcapContainerArgs): TaskContainer {
    return {
        name: args.name,
        image: args.image,
        user: args.user,
        environment: args.environment,
        secrets: args.secrets,
        writablePaths: WRITABLE_PATHS,
        ports: args.serves ? [args.port] : [],
        command: args.command,
        healthCheck: args.serves
            ? {
                  // HTTPS, verified against the certificate the container made at start.
                  command: [
                      "CMD-SHELL",
                      `curl -fsS --cacert /run/redcap/tls/cert.pem https://localhost:${args.port}${REDCAP_HEALTH_PATH} > /dev/null || exit 1`,
                  ],
                  interval: 30,
                  timeout: 5,
                  retries: 3,
                  startPeriod: 60,
              }
            : undefined,
        logStreamPrefix: args.logStreamPrefix,
    };
}

/**
 * What REDCap itself may do, besides ECS Exec: its uploads (in case a future REDCap takes task
 * credentials instead of a static key) and the files key through S3.
 */
export function uploadStatements(args: {
    bucketArn: string;
    filesKmsKeyArn: string;
}): PolicyStatement[] {
    return [
        {
            Sid: "ListUploads",
            Effect: "Allow",
            Action: ["s3:ListBucket"],
            Resource: args.bucketArn,
        },
        {
            Sid: "ReadWriteUploads",
            Effect: "Allow",
            Action: ["s3:DeleteObject", "s3:GetObject", "s3:PutObject"],
            Resource: `${args.bucketArn}/*`,
        },
        {
            Sid: "UseFilesKeyThroughS3",
            Effect: "Allow",
            Action: ["kms:Decrypt", "kms:GenerateDataKey"],
            Resource: args.filesKmsKeyArn,
        },
    ];
}

/**
 * What the setup runner may do: start the setup task in its cluster, find and watch its setup
 * tasks (one a deploy gave up on is waited for, not started twice), hand the task its roles.
 */
export function setupRunnerPolicy(args: {
    clusterArn: string;
    clusterName: string;
    setupFamily: string;
    taskRoleArns: string[];
    logGroupArn: string;
}): PolicyDocument {
    // The cluster's ARN already says partition, region and account: arn:<p>:ecs:<r>:<a>:cluster/<name>.
    const ecs = args.clusterArn.replace(/:cluster\/.*$/, "");
    if (ecs === args.clusterArn) {
        throw new Error(`setupRunnerPolicy: ${args.clusterArn} is not an ECS cluster ARN`);
    }
    return {
        Version: "2012-10-17",
        Statement: [
            {
                Sid: "RunSetupTaskInItsCluster",
                Effect: "Allow",
                Action: ["ecs:RunTask"],
                Resource: `${ecs}:task-definition/${args.setupFamily}:*`,
                Condition: { ArnEquals: { "ecs:cluster": args.clusterArn } },
            },
            {
                // ListTasks is authorized on container instances (Service Authorization Reference),
                // which Fargate has none of: "*", narrowed to this cluster by ecs:cluster.
                Sid: "FindEarlierSetupTasks",
                Effect: "Allow",
                Action: ["ecs:ListTasks"],
                Resource: "*",
                Condition: { ArnEquals: { "ecs:cluster": args.clusterArn } },
            },
            {
                Sid: "WatchSetupTask",
                Effect: "Allow",
                Action: ["ecs:DescribeTasks"],
                Resource: `${ecs}:task/${args.clusterName}/*`,
            },
            {
                Sid: "HandTheTaskItsRoles",
                Effect: "Allow",
                Action: ["iam:PassRole"],
                Resource: args.taskRoleArns,
                Condition: { StringEquals: { "iam:PassedToService": "ecs-tasks.amazonaws.com" } },
            },
            {
                Sid: "WriteRunnerLogs",
                Effect: "Allow",
                Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
                Resource: `${args.logGroupArn}:*`,
            },
        ],
    };
}
