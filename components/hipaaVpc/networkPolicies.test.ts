import { expect } from "chai";
import { flowLogsTrustPolicy, flowLogsWritePolicy, isolatedTierAcl } from "./networkPolicies";

describe("flow log policies", () => {
    it("the role trusts VPC Flow Logs for this account's flow logs only", () => {
        const [statement] = flowLogsTrustPolicy({
            accountId: "123456789012",
            region: "eu-west-2",
            partition: "aws",
        }).Statement;
        expect(statement.Principal).to.deep.equal({ Service: "vpc-flow-logs.amazonaws.com" });
        expect(statement.Action).to.deep.equal(["sts:AssumeRole"]);
        expect(statement.Condition).to.deep.equal({
            StringEquals: { "aws:SourceAccount": "123456789012" },
            ArnLike: { "aws:SourceArn": "arn:aws:ec2:eu-west-2:123456789012:vpc-flow-log/*" },
        });
    });

    it("the role writes to its one log group and nothing else", () => {
        const arn = "arn:aws:logs:eu-west-2:123456789012:log-group:/redcap-prod/vpc-flow-logs";
        const doc = flowLogsWritePolicy(arn);
        expect(doc.Statement).to.have.length(1);
        expect(doc.Statement[0].Resource).to.deep.equal([arn, `${arn}:*`]);
        expect(doc.Statement[0].Action).to.deep.equal([
            "logs:CreateLogStream",
            "logs:DescribeLogStreams",
            "logs:PutLogEvents",
        ]);
    });
});

describe("isolatedTierAcl", () => {
    it("admits the database port from each application subnet and replies to its ephemeral ports", () => {
        const acl = isolatedTierAcl(["10.40.0.0/20", "10.40.16.0/20"], 3306);
        expect(acl.ingress).to.deep.equal([
            {
                ruleNo: 100,
                action: "allow",
                protocol: "tcp",
                cidrBlock: "10.40.0.0/20",
                fromPort: 3306,
                toPort: 3306,
            },
            {
                ruleNo: 110,
                action: "allow",
                protocol: "tcp",
                cidrBlock: "10.40.16.0/20",
                fromPort: 3306,
                toPort: 3306,
            },
        ]);
        expect(acl.egress.map((e) => [e.cidrBlock, e.fromPort, e.toPort])).to.deep.equal([
            ["10.40.0.0/20", 1024, 65535],
            ["10.40.16.0/20", 1024, 65535],
        ]);
    });

    it("never allows the whole internet or all protocols", () => {
        const acl = isolatedTierAcl(["10.40.0.0/20"], 5432);
        for (const entry of [...acl.ingress, ...acl.egress]) {
            expect(entry.cidrBlock).not.to.equal("0.0.0.0/0");
            expect(entry.protocol).to.equal("tcp");
        }
    });

    it("refuses an empty tier and a bad port", () => {
        expect(() => isolatedTierAcl([], 3306)).to.throw("applicationCidrs is empty");
        expect(() => isolatedTierAcl(["10.0.0.0/24"], 70000)).to.throw(
            "databasePort 70000 is not a port number",
        );
    });
});
