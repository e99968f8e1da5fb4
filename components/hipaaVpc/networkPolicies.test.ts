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
        const acl = isolatedTierAcl(["10.40.0.0/20", "10.40.16.0/20"], [3306]);
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

    it("admits each of several database ports from each application subnet, in numbered rules", () => {
        const acl = isolatedTierAcl(["10.40.0.0/20", "10.40.16.0/20"], [27017, 5432]);
        expect(acl.ingress.map((e) => [e.ruleNo, e.cidrBlock, e.fromPort, e.toPort])).to.deep.equal(
            [
                [100, "10.40.0.0/20", 27017, 27017],
                [110, "10.40.16.0/20", 27017, 27017],
                [120, "10.40.0.0/20", 5432, 5432],
                [130, "10.40.16.0/20", 5432, 5432],
            ],
        );
        expect(acl.egress.map((e) => e.ruleNo)).to.deep.equal([100, 110]);
    });

    it("never allows the whole internet or all protocols", () => {
        const acl = isolatedTierAcl(["10.40.0.0/20"], [5432]);
        for (const entry of [...acl.ingress, ...acl.egress]) {
            expect(entry.cidrBlock).not.to.equal("0.0.0.0/0");
            expect(entry.protocol).to.equal("tcp");
        }
    });

    it("admits nothing at all to a tier without a database port", () => {
        expect(isolatedTierAcl(["10.0.0.0/24", "10.0.1.0/24"], [])).to.deep.equal({
            ingress: [],
            egress: [],
        });
    });

    it("refuses an empty tier and a bad port", () => {
        expect(() => isolatedTierAcl([], [3306])).to.throw("applicationCidrs is empty");
        expect(() => isolatedTierAcl(["10.0.0.0/24"], [27017, 70000])).to.throw(
            "databasePort 70000 is not a port number",
        );
        const cidrs = ["10.0.0.0/24", "10.0.1.0/24", "10.0.2.0/24"];
        expect(() => isolatedTierAcl(cidrs, [1, 2, 3, 4, 5, 6, 7])).to.throw(
            "7 ports from 3 subnets need 21 rules; a network ACL takes 20 per direction",
        );
    });
});
