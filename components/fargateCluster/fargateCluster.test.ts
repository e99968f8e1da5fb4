import * as pulumi from "@pulumi/pulumi";
import { expect } from "chai";
import { planComponent, planRefusal, resource } from "../../test/harness";
import { FargateCluster, type FargateClusterArgs } from "./fargateCluster";

const BASE: FargateClusterArgs = {
    sessionsKmsKeyArn: "arn:aws:kms:us-east-1:123456789012:key/sessions",
    logsKmsKeyArn: "arn:aws:kms:us-east-1:123456789012:key/logs",
    logRetentionDays: 365,
};

class Previous extends pulumi.ComponentResource {
    constructor(name: string, opts?: pulumi.ComponentResourceOptions) {
        super("test:index:Previous", name, {}, opts);
        new FargateCluster(name, { ...BASE, previousParent: this }, { parent: this });
        this.registerOutputs({});
    }
}

describe("FargateCluster", () => {
    it("encrypts ECS Exec sessions with the sessions key and logs each one whole to a log group under the logs key", async () => {
        const plan = await planComponent((opts) => new FargateCluster("apps", BASE, opts));
        const cluster = resource(plan, "aws:ecs/cluster:Cluster", "apps");
        const logs = resource(plan, "aws:cloudwatch/logGroup:LogGroup", "apps-exec");
        expect(cluster.inputs.settings).to.deep.equal([
            { name: "containerInsights", value: "enabled" },
        ]);
        const exec = (
            cluster.inputs.configuration as {
                executeCommandConfiguration: Record<string, unknown> & {
                    logConfiguration: Record<string, unknown>;
                };
            }
        ).executeCommandConfiguration;
        expect(exec).to.deep.include({ kmsKeyId: BASE.sessionsKmsKeyArn, logging: "OVERRIDE" });
        expect(exec.logConfiguration.cloudWatchEncryptionEnabled).to.equal(true);
        // The log group's physical name: auto-named from "apps-exec".
        expect(exec.logConfiguration.cloudWatchLogGroupName).to.match(/^apps-exec-/);
        expect(cluster.propertyDependencies.configuration).to.deep.equal([logs.urn]);
        expect(logs.inputs).to.include({ kmsKeyId: BASE.logsKmsKeyArn, retentionInDays: 365 });
        expect(cluster.options).not.to.have.property("aliases");
    });

    it("moves the cluster and its log group from the component that declared them, instead of replacing them", async () => {
        const plan = await planComponent((opts) => new Previous("app", opts));
        const old = "urn:pulumi:unit::test::test:index:Previous$";
        expect(resource(plan, "aws:ecs/cluster:Cluster", "app").options.aliases).to.deep.equal([
            `${old}aws:ecs/cluster:Cluster::app`,
        ]);
        expect(
            resource(plan, "aws:cloudwatch/logGroup:LogGroup", "app-exec").options.aliases,
        ).to.deep.equal([`${old}aws:cloudwatch/logGroup:LogGroup::app-exec`]);
    });

    it("refuses a retention CloudWatch Logs does not offer", async () => {
        const { message, plan } = await planRefusal((opts) => {
            new FargateCluster("apps", { ...BASE, logRetentionDays: 100 }, opts);
        });
        expect(message).to.include("FargateCluster apps: logRetentionDays 100 is not allowed");
        expect(
            plan.resources.filter((r) => r.custom && r.type !== "pulumi:providers:aws"),
        ).to.deep.equal([]);
    });

    it("turns Container Insights off or to enhanced when told, says whether it is on, and refuses another value", async () => {
        let off: FargateCluster | undefined;
        const plan = await planComponent((opts) => {
            off = new FargateCluster("apps", { ...BASE, containerInsights: "disabled" }, opts);
        });
        expect(resource(plan, "aws:ecs/cluster:Cluster", "apps").inputs.settings).to.deep.equal([
            { name: "containerInsights", value: "disabled" },
        ]);
        expect(off?.containerInsights).to.equal(false);
        const enhanced = await planComponent(
            (opts) => new FargateCluster("apps", { ...BASE, containerInsights: "enhanced" }, opts),
        );
        expect(resource(enhanced, "aws:ecs/cluster:Cluster", "apps").inputs.settings).to.deep.equal(
            [{ name: "containerInsights", value: "enhanced" }],
        );
        const { message } = await planRefusal((opts) => {
            new FargateCluster(
                "apps",
                { ...BASE, containerInsights: "on" as unknown as "enabled" },
                opts,
            );
        });
        expect(message).to.include(
            'FargateCluster apps: containerInsights "on" is not allowed; expected one of enabled, enhanced, disabled',
        );
    });
});
