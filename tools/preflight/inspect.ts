import { CloudTrailClient, DescribeTrailsCommand } from "@aws-sdk/client-cloudtrail";
import {
    ConfigServiceClient,
    DescribeConfigurationRecordersCommand,
    DescribeDeliveryChannelsCommand,
} from "@aws-sdk/client-config-service";
import {
    GetAdministratorAccountCommand,
    GuardDutyClient,
    ListDetectorsCommand,
} from "@aws-sdk/client-guardduty";
import { GetRoleCommand, IAMClient } from "@aws-sdk/client-iam";
import { DescribeHubCommand, SecurityHubClient } from "@aws-sdk/client-securityhub";
import { DescribeDocumentCommand, SSMClient } from "@aws-sdk/client-ssm";
import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { SESSION_PREFERENCES_DOCUMENT } from "../../components/auditBaseline/accountSingletons";

/**
 * The service-linked roles the program's services need, and the service that owns each. AWS
 * creates each on the service's first use, but a role created in the same minute as the first
 * ECS service is not always assumable yet (ECS then fails with "Unable to assume the service
 * linked role"), so the preflight asks for the missing ones to be created first.
 */
export const SERVICE_LINKED_ROLES = [
    { role: "AWSServiceRoleForECS", service: "ecs.amazonaws.com" },
    {
        role: "AWSServiceRoleForElasticLoadBalancing",
        service: "elasticloadbalancing.amazonaws.com",
    },
    { role: "AWSServiceRoleForRDS", service: "rds.amazonaws.com" },
    {
        role: "AWSServiceRoleForApplicationAutoScaling_ECSService",
        service: "ecs.application-autoscaling.amazonaws.com",
    },
] as const;

/** Every read-only call the preflight makes: the permissions its caller needs. */
export const PREFLIGHT_PERMISSIONS = [
    "sts:GetCallerIdentity",
    "cloudtrail:DescribeTrails",
    "config:DescribeConfigurationRecorders",
    "config:DescribeDeliveryChannels",
    "guardduty:ListDetectors",
    "guardduty:GetAdministratorAccount",
    "securityhub:DescribeHub",
    "ssm:DescribeDocument",
    "iam:GetRole",
] as const;

export interface TrailFound {
    name: string;
    arn: string;
    homeRegion: string;
    organization: boolean;
}

/** What the target account and region already hold. */
export interface AccountState {
    accountId: string;
    region: string;
    trails: TrailFound[];
    recorders: string[];
    deliveryChannels: string[];
    guardDutyDetectorIds: string[];
    /** The organization's delegated GuardDuty administrator, if one manages this account. */
    guardDutyAdministrator?: string;
    securityHubArn?: string;
    sessionPreferencesExists: boolean;
    /** Role name → exists. */
    serviceLinkedRoles: Record<string, boolean>;
    /** Reads that were refused (missing permission), with the error: their answer is unknown. */
    unreadable: string[];
}

export interface Clients {
    sts: STSClient;
    cloudTrail: CloudTrailClient;
    config: ConfigServiceClient;
    guardDuty: GuardDutyClient;
    securityHub: SecurityHubClient;
    ssm: SSMClient;
    iam: IAMClient;
}

export function createClients(region: string, profile?: string): Clients {
    const options = { region, ...(profile && { profile }) };
    return {
        sts: new STSClient(options),
        cloudTrail: new CloudTrailClient(options),
        config: new ConfigServiceClient(options),
        guardDuty: new GuardDutyClient(options),
        securityHub: new SecurityHubClient(options),
        ssm: new SSMClient(options),
        iam: new IAMClient(options),
    };
}

/** The error names each service answers "it does not exist" with. */
const NOT_FOUND = new Set([
    "InvalidAccessException", // Security Hub: the account is not subscribed
    "ResourceNotFoundException",
    "InvalidDocument", // SSM
    "NoSuchEntityException", // IAM
    "NoSuchEntity",
]);

/**
 * Reads the account, read-only. A refused read is recorded in `unreadable` and the rest goes on,
 * so one missing permission does not hide everything else.
 */
export async function inspectAccount(clients: Clients, region: string): Promise<AccountState> {
    const unreadable: string[] = [];
    /** The call's answer; `absent` when the service says it does not exist; undefined if refused. */
    async function read<T>(what: string, call: () => Promise<T>, absent: T): Promise<T> {
        try {
            return await call();
        } catch (e) {
            const name = (e as { name?: string }).name ?? "";
            if (NOT_FOUND.has(name)) {
                return absent;
            }
            unreadable.push(`${what}: ${name || String(e)}`);
            return absent;
        }
    }
    const identity = await clients.sts.send(new GetCallerIdentityCommand({}));
    const trails = await read(
        "cloudtrail:DescribeTrails",
        async () =>
            (
                await clients.cloudTrail.send(
                    new DescribeTrailsCommand({ includeShadowTrails: true }),
                )
            ).trailList ?? [],
        [],
    );
    const recorders = await read(
        "config:DescribeConfigurationRecorders",
        async () =>
            (await clients.config.send(new DescribeConfigurationRecordersCommand({})))
                .ConfigurationRecorders ?? [],
        [],
    );
    const channels = await read(
        "config:DescribeDeliveryChannels",
        async () =>
            (await clients.config.send(new DescribeDeliveryChannelsCommand({}))).DeliveryChannels ??
            [],
        [],
    );
    const detectorIds = await read(
        "guardduty:ListDetectors",
        async () => (await clients.guardDuty.send(new ListDetectorsCommand({}))).DetectorIds ?? [],
        [],
    );
    const administrator =
        detectorIds.length > 0
            ? await read(
                  "guardduty:GetAdministratorAccount",
                  async () =>
                      (
                          await clients.guardDuty.send(
                              new GetAdministratorAccountCommand({ DetectorId: detectorIds[0] }),
                          )
                      ).Administrator?.AccountId,
                  undefined,
              )
            : undefined;
    const hubArn = await read(
        "securityhub:DescribeHub",
        async () => (await clients.securityHub.send(new DescribeHubCommand({}))).HubArn,
        undefined,
    );
    const sessionPreferencesExists = await read(
        "ssm:DescribeDocument",
        async () => {
            await clients.ssm.send(
                new DescribeDocumentCommand({ Name: SESSION_PREFERENCES_DOCUMENT }),
            );
            return true;
        },
        false,
    );
    const serviceLinkedRoles: Record<string, boolean> = {};
    for (const { role } of SERVICE_LINKED_ROLES) {
        serviceLinkedRoles[role] = await read(
            `iam:GetRole ${role}`,
            async () => {
                await clients.iam.send(new GetRoleCommand({ RoleName: role }));
                return true;
            },
            false,
        );
    }
    return {
        accountId: identity.Account ?? "",
        region,
        trails: trails.map((t) => ({
            name: t.Name ?? "",
            arn: t.TrailARN ?? "",
            homeRegion: t.HomeRegion ?? "",
            organization: t.IsOrganizationTrail === true,
        })),
        recorders: recorders.map((r) => r.name ?? ""),
        deliveryChannels: channels.map((c) => c.name ?? ""),
        guardDutyDetectorIds: detectorIds,
        guardDutyAdministrator: administrator,
        securityHubArn: hubArn,
        sessionPreferencesExists,
        serviceLinkedRoles,
        unreadable,
    };
}
