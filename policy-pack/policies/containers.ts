import { resourceRule } from "../lib/policy";
import { containersOf } from "../lib/containers";

const TASK = "aws:ecs/taskDefinition:TaskDefinition";

export const ecsTaskNotPrivileged = resourceRule({
    name: "ecs-task-not-privileged",
    area: "containers",
    description:
        "Checks that ECS tasks use awsvpc networking, do not share the host's PID or IPC namespace, and run no privileged container.",
    citation:
        "164.308(a)(3)(i), 164.308(a)(3)(ii)(A), 164.308(a)(4)(ii)(B), 164.308(a)(4)(ii)(C), 164.312(a)(1)",
    awsConfig: "ecs-task-definition-user-for-host-mode-check",
    severity: "high",
    enforcementLevel: "mandatory",
    remediationSteps:
        'Use `networkMode: "awsvpc"` (Fargate requires it), leave `pidMode`/`ipcMode` unset and never set `privileged: true`.',
    types: [TASK],
    check(props, { report }) {
        const containers = containersOf(props.containerDefinitions);
        const fargate = ((props.requiresCompatibilities ?? []) as string[]).includes("FARGATE");
        // Unset means bridge on EC2 (Fargate requires awsvpc, so there unset cannot happen).
        const mode = (props.networkMode as string | undefined) ?? (fargate ? "awsvpc" : "bridge");
        if (mode !== "awsvpc") {
            const root = containers.some((c) => !c.user || /^(root|0)(:|$)/.test(String(c.user)));
            report(
                `networkMode is ${mode}${props.networkMode === undefined ? " (unset)" : ""}: use awsvpc${mode === "host" && root ? " (and a container runs as root on the host's network)" : ""}`,
            );
        }
        if (props.pidMode === "host" || props.ipcMode === "host")
            report("the task shares the host's PID or IPC namespace");
        for (const c of containers.filter((c) => c.privileged === true))
            report(`container ${c.name ?? "?"} is privileged`);
    },
});

export const ecsReadonlyRootfs = resourceRule({
    name: "ecs-readonly-rootfs",
    area: "containers",
    description:
        "Checks that every container's root filesystem is read-only (writable paths as volumes).",
    citation: "164.308(a)(3)(i), 164.312(c)(1)",
    awsConfig: "ecs-containers-readonly-access",
    severity: "medium",
    enforcementLevel: "advisory",
    remediationSteps:
        "Set `readonlyRootFilesystem: true` and mount volumes for the paths the application writes (/tmp, sessions, Apache's run directory).",
    types: [TASK],
    check(props, { report }) {
        for (const c of containersOf(props.containerDefinitions).filter(
            (c) => c.readonlyRootFilesystem !== true,
        ))
            report(`container ${c.name ?? "?"} has a writable root filesystem`);
    },
});

export const ecsDistinctExecTaskRoles = resourceRule({
    name: "ecs-distinct-exec-task-roles",
    area: "containers",
    description:
        "Checks that a task's execution role (pulls images, reads secrets) differs from its task role (what the application may do).",
    citation: "164.308(a)(4)(ii)(B), 164.312(a)(1)",
    awsConfig: "none (checkov CKV_AWS_249)",
    severity: "medium",
    enforcementLevel: "advisory",
    remediationSteps:
        "Create two roles: an execution role with ECR, logs and the task's secrets, and a task role with only what the application calls.",
    types: [TASK],
    check(props, { report }) {
        if (props.executionRoleArn && props.executionRoleArn === props.taskRoleArn)
            report("executionRoleArn and taskRoleArn are the same role");
    },
});

export const ecsFargatePlatformLatest = resourceRule({
    name: "ecs-fargate-platform-latest",
    area: "containers",
    description:
        "Checks that Fargate services run on the LATEST platform version (kernel and runtime patches).",
    citation: "164.308(a)(5)(ii)(A)",
    awsConfig: "none (checkov CKV_AWS_332)",
    severity: "low",
    enforcementLevel: "advisory",
    remediationSteps: 'Leave `platformVersion` unset or "LATEST".',
    types: ["aws:ecs/service:Service"],
    check(props, { report }) {
        if (props.platformVersion !== undefined && props.platformVersion !== "LATEST")
            report(`platformVersion is pinned to ${props.platformVersion}`);
    },
});

export const ecrRepoHardening = resourceRule({
    name: "ecr-repo-hardening",
    area: "containers",
    description:
        "Checks that ECR repositories scan images on push, keep tags immutable and encrypt with KMS.",
    citation: "164.308(a)(5)(ii)(B), 164.312(c)(1)",
    awsConfig:
        "ecr-private-image-scanning-enabled, ecr-private-tag-immutability-enabled, ecr-kms-encryption-1",
    severity: "medium",
    enforcementLevel: "advisory",
    remediationSteps:
        'Set `imageScanningConfiguration.scanOnPush: true`, `imageTagMutability: "IMMUTABLE"` and `encryptionConfigurations: [{ encryptionType: "KMS", kmsKey }]`.',
    types: ["aws:ecr/repository:Repository"],
    check(props, { report }) {
        if (props.imageScanningConfiguration?.scanOnPush !== true)
            report("imageScanningConfiguration.scanOnPush is not true");
        if (!String(props.imageTagMutability ?? "MUTABLE").startsWith("IMMUTABLE"))
            report(`imageTagMutability is ${props.imageTagMutability ?? "MUTABLE"}`);
        if (
            !((props.encryptionConfigurations ?? []) as { encryptionType?: string }[]).some(
                (e) => e.encryptionType === "KMS",
            )
        )
            report("images are not encrypted with KMS");
    },
});

export const containerPolicies = [
    ecsTaskNotPrivileged,
    ecsReadonlyRootfs,
    ecsDistinctExecTaskRoles,
    ecsFargatePlatformLatest,
    ecrRepoHardening,
];
