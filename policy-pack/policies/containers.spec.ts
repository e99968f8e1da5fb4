import { describeCases, R } from "../test/cases";
import { containerPolicies } from "./containers";

const task = (containers: Record<string, unknown>[], props: Record<string, unknown> = {}): R => ({
    type: "aws:ecs/taskDefinition:TaskDefinition",
    name: "web",
    props: {
        family: "web",
        networkMode: "awsvpc",
        requiresCompatibilities: ["FARGATE"],
        executionRoleArn: "arn:aws:iam::123456789012:role/exec",
        taskRoleArn: "arn:aws:iam::123456789012:role/task",
        containerDefinitions: JSON.stringify(containers),
        ...props,
    },
});
const safe = { name: "redcap", readonlyRootFilesystem: true, privileged: false };

describe("policy pack: containers", () => {
    describeCases(containerPolicies, {
        "ecs-task-not-privileged": {
            compliant: [{ stack: [task([safe])] }],
            violating: [
                {
                    stack: [task([{ ...safe, privileged: true }])],
                    message: /container redcap is privileged/,
                    unknown: "web:containerDefinitions",
                },
                { stack: [task([safe], { pidMode: "host" })], message: /PID or IPC/ },
                {
                    stack: [task([safe], { networkMode: "host" })],
                    message: /networkMode is host: use awsvpc \(and a container runs as root/,
                },
                {
                    // Host networking is refused even when no container is root.
                    stack: [task([{ ...safe, user: "1000:1000" }], { networkMode: "host" })],
                    message: /networkMode is host: use awsvpc$/,
                },
                {
                    // Unset on EC2 means bridge.
                    stack: [
                        task([safe], { networkMode: undefined, requiresCompatibilities: ["EC2"] }),
                    ],
                    message: /networkMode is bridge \(unset\): use awsvpc/,
                },
                {
                    stack: [task([{ ...safe, user: "0:0" }], { networkMode: "host" })],
                    message: /runs as root/,
                },
            ],
        },
        "ecs-readonly-rootfs": {
            compliant: [{ stack: [task([safe])] }],
            violating: [
                {
                    stack: [task([{ name: "cron" }])],
                    message: /container cron has a writable root/,
                    unknown: "web:containerDefinitions",
                },
            ],
        },
        "ecs-distinct-exec-task-roles": {
            compliant: [{ stack: [task([safe])] }],
            violating: [
                {
                    stack: [task([safe], { taskRoleArn: "arn:aws:iam::123456789012:role/exec" })],
                    message: /same role/,
                    unknown: "web:taskRoleArn",
                },
            ],
        },
        "ecs-fargate-platform-latest": {
            compliant: [
                {
                    stack: [
                        {
                            type: "aws:ecs/service:Service",
                            name: "svc",
                            props: { launchType: "FARGATE" },
                        },
                    ],
                },
            ],
            violating: [
                {
                    stack: [
                        {
                            type: "aws:ecs/service:Service",
                            name: "svc",
                            props: { platformVersion: "1.3.0" },
                        },
                    ],
                    message: /pinned to 1.3.0/,
                    unknown: "svc:platformVersion",
                },
            ],
        },
        "ecr-repo-hardening": {
            compliant: [
                {
                    stack: [
                        {
                            type: "aws:ecr/repository:Repository",
                            name: "repo",
                            props: {
                                imageScanningConfiguration: { scanOnPush: true },
                                imageTagMutability: "IMMUTABLE",
                                encryptionConfigurations: [{ encryptionType: "KMS", kmsKey: "k" }],
                            },
                        },
                    ],
                },
            ],
            violating: [
                {
                    stack: [
                        {
                            type: "aws:ecr/repository:Repository",
                            name: "repo",
                            props: { imageTagMutability: "MUTABLE" },
                        },
                    ],
                    message: /imageTagMutability is MUTABLE/,
                    unknown: "repo:imageScanningConfiguration",
                },
                {
                    stack: [
                        {
                            type: "aws:ecr/repository:Repository",
                            name: "repo",
                            props: {
                                imageScanningConfiguration: { scanOnPush: false },
                                imageTagMutability: "IMMUTABLE",
                                encryptionConfigurations: [{ encryptionType: "KMS", kmsKey: "k" }],
                            },
                        },
                    ],
                    message: /imageScanningConfiguration.scanOnPush is not true/,
                    unknown: "repo:imageScanningConfiguration.scanOnPush",
                },
                {
                    stack: [
                        {
                            type: "aws:ecr/repository:Repository",
                            name: "repo",
                            props: {
                                imageScanningConfiguration: { scanOnPush: true },
                                imageTagMutability: "IMMUTABLE",
                                encryptionConfigurations: [{ encryptionType: "AES256" }],
                            },
                        },
                    ],
                    message: /images are not encrypted with KMS/,
                    unknown: "repo:encryptionConfigurations",
                },
            ],
        },
    });
});
