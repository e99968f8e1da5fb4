import * as fs from "node:fs";
import * as path from "node:path";
import { actionProblem } from "../../policy-pack/lib/iamReference";
import { expect } from "chai";
import { planAnyForStack } from "../../test/harness";
import { generatedPolicies, policyFile, projectStacks } from "./cli";
import {
    allows,
    deployRolePolicy,
    MANAGED_POLICY_MAX_CHARS,
    policySize,
    previewRolePolicy,
    servicesOf,
    stackFacts,
    stackNeeds,
    trustedServices,
    type IamPolicy,
    type StackFacts,
} from "./rolePolicies";

const trust = (service: string | string[]) =>
    JSON.stringify({
        Version: "2012-10-17",
        Statement: [
            { Effect: "Allow", Principal: { Service: service }, Action: ["sts:AssumeRole"] },
        ],
    });

/** A small stack: a bucket, a log group, a Lambda role, an alarm, a DNS record. */
function facts(overrides: Partial<StackFacts> = {}): StackFacts {
    return {
        stack: "unit",
        regions: ["eu-west-1"],
        resources: [
            { type: "aws:s3/bucket:Bucket", custom: true, inputs: {} },
            { type: "aws:cloudwatch/logGroup:LogGroup", custom: true, inputs: {} },
            { type: "aws:cloudwatch/metricAlarm:MetricAlarm", custom: true, inputs: {} },
            { type: "aws:route53/record:Record", custom: true, inputs: {} },
            {
                type: "aws:iam/role:Role",
                custom: true,
                inputs: { assumeRolePolicy: trust("lambda.amazonaws.com") },
            },
            { type: "aws:lambda/function:Function", custom: true, inputs: {} },
            { type: "hipaa:storage:FileStore", custom: false, inputs: {} },
            { type: "random:index/randomPassword:RandomPassword", custom: true, inputs: {} },
        ],
        invokes: ["aws:index/getAvailabilityZones:getAvailabilityZones"],
        ...overrides,
    };
}

const statement = (policy: IamPolicy, sid: string) => {
    const found = policy.Statement.find((s) => s.Sid === sid);
    if (!found) {
        throw new Error(`no statement ${sid}`);
    }
    return found;
};

describe("rolePolicies", () => {
    describe("servicesOf", () => {
        it("maps a module to its IAM service prefix", () => {
            expect(servicesOf("aws:lb/loadBalancer:LoadBalancer")).to.deep.equal([
                "elasticloadbalancing",
            ]);
            expect(servicesOf("aws:sesv2/emailIdentity:EmailIdentity")).to.deep.equal(["ses"]);
        });

        it("splits the cloudwatch module into logs, cloudwatch and events", () => {
            expect(servicesOf("aws:cloudwatch/logGroup:LogGroup")).to.deep.equal(["logs"]);
            expect(servicesOf("aws:cloudwatch/metricAlarm:MetricAlarm")).to.deep.equal([
                "cloudwatch",
            ]);
            expect(servicesOf("aws:cloudwatch/eventRule:EventRule")).to.deep.equal(["events"]);
        });

        it("knows what calls no AWS API, and refuses to guess the rest", () => {
            expect(servicesOf("random:index/randomPassword:RandomPassword")).to.deep.equal([]);
            expect(servicesOf("aws:index/getRegion:getRegion")).to.deep.equal([]);
            expect(servicesOf("aws:cloudwatch/somethingNew:SomethingNew")).to.equal(undefined);
            expect(servicesOf("aws:neptune/cluster:Cluster")).to.equal(undefined);
        });
    });

    describe("stackNeeds", () => {
        it("collects services of custom resources and invokes only", () => {
            const needs = stackNeeds(facts());
            expect(needs.services).to.deep.equal([
                "cloudwatch",
                "ec2",
                "iam",
                "lambda",
                "logs",
                "route53",
                "s3",
            ]);
            expect(needs.passedToServices).to.deep.equal(["lambda.amazonaws.com"]);
            expect(needs.partition).to.equal("aws");
        });

        it("names every unmapped type, so the roles never silently miss a service", () => {
            const unknown = facts({
                resources: [
                    ...facts().resources,
                    { type: "aws:neptune/cluster:Cluster", custom: true, inputs: {} },
                    { type: "aws:iam/group:Group", custom: true, inputs: {} },
                ],
            });
            expect(() => stackNeeds(unknown)).to.throw(
                /aws:iam\/group:Group, aws:neptune\/cluster:Cluster/,
            );
        });

        it("reads the zip's object ARN in the stack's partition", () => {
            const needs = stackNeeds(
                facts({
                    regions: ["us-gov-west-1"],
                    redcapZipS3Uri: "s3://zips/redcap/15.0.1.zip",
                }),
            );
            expect(needs.zipObjectArns).to.deep.equal([
                "arn:aws-us-gov:s3:::zips/redcap/15.0.1.zip",
            ]);
        });
    });

    describe("trustedServices", () => {
        it("reads one or several service principals", () => {
            expect(trustedServices(trust("ec2.amazonaws.com"), "x")).to.deep.equal([
                "ec2.amazonaws.com",
            ]);
            expect(
                trustedServices(trust(["a.amazonaws.com", "b.amazonaws.com"]), "x"),
            ).to.deep.equal(["a.amazonaws.com", "b.amazonaws.com"]);
        });

        it("refuses a trust policy it cannot see", () => {
            expect(() => trustedServices("[unknown]", "stack dev")).to.throw(SyntaxError);
            expect(() => trustedServices(undefined, "stack dev")).to.throw(/not known offline/);
        });
    });

    describe("deployRolePolicy", () => {
        const policy = deployRolePolicy(stackNeeds(facts()));

        it("manages regional services only in the stack's regions", () => {
            const regional = statement(policy, "ManageStackServicesInStackRegions");
            expect(regional.Action).to.include.members(["s3:*", "logs:*", "lambda:*", "ec2:*"]);
            expect(regional.Action).to.not.include("route53:*");
            expect(regional.Condition).to.deep.equal({
                StringEquals: { "aws:RequestedRegion": ["eu-west-1"] },
            });
            expect(statement(policy, "ManageGlobalStackServices").Action).to.deep.equal([
                "route53:*",
            ]);
        });

        it("never grants IAM service-wide, only the writes of the IAM types declared", () => {
            expect(allows(policy, "iam:CreateRole")).to.equal(true);
            expect(allows(policy, "iam:GetRole")).to.equal(true);
            expect(allows(policy, "iam:CreateUser")).to.equal(false);
            expect(allows(policy, "iam:PutUserPolicy")).to.equal(false);
            expect(policy.Statement.flatMap((s) => s.Action)).to.not.include("iam:*");
        });

        it("passes roles only to the services their trust policies name", () => {
            expect(
                statement(policy, "PassRolesOnlyToTheServicesThatTrustThem").Condition,
            ).to.deep.equal({ StringEquals: { "iam:PassedToService": ["lambda.amazonaws.com"] } });
        });

        it("writes DNS records only in the zones the config names, when every record names one", () => {
            const inZone = (zoneId: unknown) =>
                facts({
                    resources: [
                        { type: "aws:route53/record:Record", custom: true, inputs: { zoneId } },
                        {
                            type: "aws:route53/record:Record",
                            custom: true,
                            inputs: { zoneId: "Z2ABC" },
                        },
                    ],
                });
            const scoped = deployRolePolicy(stackNeeds(inZone("Z1DEF")));
            expect(statement(scoped, "ChangeRecordsInStackZones")).to.deep.include({
                Action: ["route53:ChangeResourceRecordSets"],
                Resource: [
                    "arn:aws:route53:::hostedzone/Z1DEF",
                    "arn:aws:route53:::hostedzone/Z2ABC",
                ],
            });
            expect(allows(scoped, "route53:GetChange")).to.equal(true);
            expect(allows(scoped, "route53:DeleteHostedZone")).to.equal(false);
            expect(scoped.Statement.map((s) => s.Sid)).to.not.include("ManageGlobalStackServices");
            // A zone the plan cannot name (created or looked up by the stack): service-wide.
            const unscoped = deployRolePolicy(
                stackNeeds(inZone("urn:pulumi:dev::redcap::aws:route53/zone:Zone::zone")),
            );
            expect(statement(unscoped, "ManageGlobalStackServices").Action).to.deep.equal([
                "route53:*",
            ]);
        });

        it("passes the RDS monitoring role under both names IAM may check", () => {
            const needs = stackNeeds(
                facts({
                    resources: [
                        {
                            type: "aws:iam/role:Role",
                            custom: true,
                            inputs: { assumeRolePolicy: trust("monitoring.rds.amazonaws.com") },
                        },
                    ],
                }),
            );
            expect(needs.passedToServices).to.deep.equal([
                "monitoring.rds.amazonaws.com",
                "rds.amazonaws.com",
            ]);
        });

        it("creates no service-linked role for services the stack does not use", () => {
            expect(policy.Statement.map((s) => s.Sid)).to.not.include(
                "CreateServiceLinkedRolesOfStackServices",
            );
            const withEcs = deployRolePolicy(
                stackNeeds(
                    facts({
                        resources: [{ type: "aws:ecs/cluster:Cluster", custom: true, inputs: {} }],
                    }),
                ),
            );
            expect(
                statement(withEcs, "CreateServiceLinkedRolesOfStackServices").Condition,
            ).to.deep.equal({ StringEquals: { "iam:AWSServiceName": ["ecs.amazonaws.com"] } });
        });

        it("denies reading recorded logs, for the services the stack uses", () => {
            const deny = statement(policy, "NeverShellsOrRecordedData");
            expect(deny.Effect).to.equal("Deny");
            expect(deny.Action).to.include("logs:GetLogEvents");
            expect(deny.Action).to.not.include("ecs:ExecuteCommand");
        });
    });

    describe("previewRolePolicy", () => {
        it("allows only Describe, Get and List", () => {
            const policy = previewRolePolicy(stackNeeds(facts()));
            for (const action of policy.Statement.filter((s) => s.Effect === "Allow").flatMap(
                (s) => s.Action,
            )) {
                expect(action).to.match(/^[a-z0-9-]+:(Describe|Get|List)\*$/);
            }
            expect(allows(policy, "s3:PutObject")).to.equal(false);
            expect(allows(policy, "iam:PassRole")).to.equal(false);
        });

        it("denies secret values and every object but the REDCap zip", () => {
            const withSecrets = facts({
                resources: [
                    ...facts().resources,
                    { type: "aws:secretsmanager/secret:Secret", custom: true, inputs: {} },
                ],
                redcapZipS3Uri: "s3://zips/redcap.zip",
            });
            const policy = previewRolePolicy(stackNeeds(withSecrets));
            expect(statement(policy, "NeverSecretsShellsOrRecordedData").Action).to.include.members(
                [
                    "secretsmanager:GetSecretValue",
                    // The stack has EC2 resources (facts' invoke): no console output or password data.
                    "ec2:GetConsoleOutput",
                    "ec2:GetPasswordData",
                ],
            );
            expect(statement(policy, "NoObjectDataButTheRedcapZip")).to.deep.include({
                Effect: "Deny",
                Action: ["s3:GetObject*"],
                NotResource: ["arn:aws:s3:::zips/redcap.zip"],
            });
            expect(
                statement(previewRolePolicy(stackNeeds(facts())), "NoObjectDataButTheRedcapZip")
                    .Resource,
            ).to.equal("*");
        });

        it("pulls the image build cache only when the stack builds an image", () => {
            expect(
                previewRolePolicy(stackNeeds(facts())).Statement.map((s) => s.Sid),
            ).to.not.include("PullImageBuildCache");
            const image = facts({
                resources: [
                    { type: "aws:ecr/repository:Repository", custom: true, inputs: {} },
                    { type: "awsx:ecr:Image", custom: false, inputs: {} },
                ],
            });
            expect(allows(previewRolePolicy(stackNeeds(image)), "ecr:BatchGetImage")).to.equal(
                true,
            );
        });
    });

    describe("allows", () => {
        it("matches wildcards and ignores case, as IAM does", () => {
            const policy: IamPolicy = {
                Version: "2012-10-17",
                Statement: [
                    { Sid: "A", Effect: "Allow", Action: ["ec2:Describe*"], Resource: "*" },
                ],
            };
            expect(allows(policy, "ec2:DescribeVpcs")).to.equal(true);
            expect(allows(policy, "EC2:describevpcs")).to.equal(true);
            expect(allows(policy, "ec2:CreateVpc")).to.equal(false);
        });
    });

    describe("the committed policies of the real stacks (docs/ci/)", () => {
        let generated: Map<string, IamPolicy>;
        before(async () => {
            generated = await generatedPolicies((stack) => planAnyForStack(stack));
        });

        it("name only actions that exist (a pattern matching none grants nothing)", () => {
            const unknown: string[] = [];
            for (const [file, policy] of generated) {
                const statements = (policy as { Statement: { Action?: string | string[] }[] })
                    .Statement;
                for (const action of statements.flatMap((st) => [st.Action ?? []].flat())) {
                    const problem = actionProblem(action);
                    if (problem) unknown.push(`${path.basename(file)}: ${problem}`);
                }
            }
            expect(unknown).to.deep.equal([]);
        });

        it("exist for every stack file and are what the plans call for", () => {
            expect(projectStacks()).to.include.members(["dev", "prod"]);
            for (const [file, policy] of generated) {
                const committed = fs.existsSync(file)
                    ? (JSON.parse(fs.readFileSync(file, "utf8")) as unknown)
                    : undefined;
                expect(
                    committed,
                    `${file} is stale: run node -r ./tools/register-ts.js tools/ci/cli.ts role-policies --write`,
                ).to.deep.equal(policy);
            }
        });

        for (const stack of ["dev", "prod"]) {
            it(`${stack}: the deploy role covers every service its plan calls, the preview role reads them`, async () => {
                const needs = stackNeeds(stackFacts(await planAnyForStack(stack)));
                const deploy = generated.get(policyFile(stack, "deploy"))!;
                const preview = generated.get(policyFile(stack, "preview"))!;
                for (const service of needs.services) {
                    // IAM and Route 53 are granted action by action (checked above).
                    if (service !== "iam" && service !== "route53") {
                        expect(allows(deploy, `${service}:AnyAction`), service).to.equal(true);
                    }
                    // Some read of the service (Describe*, Get* or List*, those it has).
                    const reads = [`${service}:Describe*`, `${service}:Get*`, `${service}:List*`];
                    expect(
                        reads.some((a) => allows(preview, a)),
                        service,
                    ).to.equal(true);
                }
                expect(needs.hostedZones, "the stack file's hostedZoneId").to.have.length(1);
                expect(allows(deploy, "route53:ChangeResourceRecordSets")).to.equal(true);
                expect(policySize(deploy)).to.be.below(MANAGED_POLICY_MAX_CHARS);
                expect(policySize(preview)).to.be.below(MANAGED_POLICY_MAX_CHARS);
            });

            it(`${stack}: every role the plan creates can be passed to the service that assumes it`, async () => {
                const { plan } = await planAnyForStack(stack);
                const passed = statement(
                    generated.get(policyFile(stack, "deploy"))!,
                    "PassRolesOnlyToTheServicesThatTrustThem",
                ).Condition!.StringEquals["iam:PassedToService"];
                const roles = plan.resources.filter((r) => r.type === "aws:iam/role:Role");
                expect(roles).to.not.be.empty;
                for (const role of roles) {
                    for (const service of trustedServices(role.inputs.assumeRolePolicy, role.urn)) {
                        expect(passed, role.name).to.include(service);
                    }
                }
            });
        }
    });
});
