import { expect } from "chai";
import { efsClientStatement, fileSystemPolicy } from "./fileSystemPolicy";

const FS = "arn:aws:elasticfilesystem:us-east-1:123456789012:file-system/fs-1";
const AP = (n: number) => `arn:aws:elasticfilesystem:us-east-1:123456789012:access-point/fsap-${n}`;

describe("SharedFileSystem policies", () => {
    it("names the access points in a stable order and refuses a policy without any", () => {
        const doc = fileSystemPolicy({
            fileSystemArn: FS,
            accessPointArns: [AP(2), AP(1)],
            accountId: "123456789012",
            partition: "aws-us-gov",
        });
        const allow = doc.Statement[1];
        expect(allow.Principal).to.deep.equal({ AWS: "arn:aws-us-gov:iam::123456789012:root" });
        expect(allow.Condition!.StringEquals["elasticfilesystem:AccessPointArn"]).to.deep.equal([
            AP(1),
            AP(2),
        ]);
        expect(() =>
            fileSystemPolicy({
                fileSystemArn: FS,
                accessPointArns: [],
                accountId: "1",
                partition: "aws",
            }),
        ).to.throw("accessPointArns is empty");
    });

    it("gives a client role mount, and write unless read-only, through one access point", () => {
        expect(
            efsClientStatement({ sid: "Home", fileSystemArn: FS, accessPointArn: AP(1) }),
        ).to.deep.equal({
            Sid: "Home",
            Effect: "Allow",
            Action: ["elasticfilesystem:ClientMount", "elasticfilesystem:ClientWrite"],
            Resource: FS,
            Condition: { StringEquals: { "elasticfilesystem:AccessPointArn": AP(1) } },
        });
        expect(
            efsClientStatement({
                sid: "Apps",
                fileSystemArn: FS,
                accessPointArn: AP(2),
                readOnly: true,
            }).Action,
        ).to.deep.equal(["elasticfilesystem:ClientMount"]);
    });
});
