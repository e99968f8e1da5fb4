import { expect } from "chai";
import { AWS_ROOT, TAGGABLE_FILE, taggableTypes } from "../tools/taggableTypes";
import { describeCases, R } from "../test/cases";
import { taggingAndApprovedServicesPolicies } from "./taggingAndApprovedServices";
import * as fs from "node:fs";

const TAGS = {
    project: "redcap",
    environment: "prod",
    owner: "research-it@example.edu",
    "data-classification": "phi",
    "cost-center": "RIT-1001",
};
const provider = (tags: Record<string, string>): R => ({
    type: "pulumi:providers:aws",
    name: "aws",
    props: { region: "us-east-1", defaultTags: JSON.stringify({ tags }) },
});
const bucket = (tags?: Record<string, string>): R => ({
    type: "aws:s3/bucket:Bucket",
    name: "uploads",
    props: tags ? { tags } : {},
    provider: "aws",
});

describe("policy pack: tagging and approved services", () => {
    it("knows every taggable type of the pinned @pulumi/aws (regenerate with tools/taggableTypes.ts --write)", function () {
        this.timeout(60000);
        expect(JSON.parse(fs.readFileSync(TAGGABLE_FILE, "utf8"))).to.deep.equal(
            taggableTypes(AWS_ROOT),
        );
    });
    describeCases(taggingAndApprovedServicesPolicies, {
        "required-tags": {
            sameInputOnEveryType: true,
            compliant: [
                { stack: [bucket(), provider(TAGS)] },
                { stack: [bucket(TAGS), provider({})] },
                {
                    stack: [
                        {
                            type: "aws:s3/bucketPolicy:BucketPolicy",
                            name: "policy",
                            props: { policy: "{}" },
                        },
                    ],
                },
                {
                    stack: [bucket({ team: "x" }), provider({ team: "y" })],
                    config: { requiredTags: ["team"] },
                },
            ],
            violating: [
                {
                    stack: [
                        bucket({ Name: "uploads" }),
                        provider({ project: "redcap", environment: "prod" }),
                    ],
                    message: /missing required tag\(s\): owner, data-classification, cost-center/,
                    unknown: "uploads:tags",
                },
                { stack: [bucket({ ...TAGS, owner: " " }), provider({})], message: /owner/ },
                {
                    stack: [{ type: "aws:kms/key:Key", name: "data", props: {} }],
                    message: /project, environment/,
                },
            ],
        },
        "disallowed-resource-types": {
            compliant: [
                { stack: [bucket(TAGS), provider({})] },
                {
                    stack: [{ type: "aws:dynamodb/table:Table", name: "t", props: {} }],
                    config: { allowedTypes: ["aws:dynamodb/table:Table"] },
                },
            ],
            violating: [
                {
                    stack: [
                        {
                            type: "aws:dynamodb/table:Table",
                            name: "sessions",
                            props: { billingMode: "PAY_PER_REQUEST" },
                        },
                    ],
                    message: /aws:dynamodb\/table:Table is not approved/,
                },
                {
                    // The deprecated inline website block on the bucket itself.
                    stack: [
                        {
                            type: "aws:s3/bucket:Bucket",
                            name: "site",
                            props: { website: { indexDocument: "index.html" } },
                        },
                    ],
                    message: /inline website configuration/,
                    unknown: "site:website",
                },
                {
                    stack: [{ type: "aws:sqs/queue:Queue", name: "q", props: {} }],
                    message: /sqs/,
                    config: { disallowedTypes: ["aws:sqs/queue:Queue"] },
                },
                {
                    stack: [
                        {
                            type: "aws:elb/loadBalancer:LoadBalancer",
                            name: "classic",
                            props: { name: "classic" },
                        },
                    ],
                    message: /not approved/,
                    unknown: "classic:tags",
                    config: { disallowedTypes: ["aws:elb/loadBalancer:LoadBalancer"] },
                },
            ],
        },
    });
});
