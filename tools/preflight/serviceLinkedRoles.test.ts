import {
    CreateServiceLinkedRoleCommand,
    GetRoleCommand,
    IAMClient,
    InvalidInputException,
    NoSuchEntityException,
} from "@aws-sdk/client-iam";
import { mockClient } from "aws-sdk-client-mock";
import { expect } from "chai";
import { SERVICE_LINKED_ROLES } from "./inspect";
import {
    type CreateOptions,
    createServiceLinkedRoles,
    renderCreations,
} from "./serviceLinkedRoles";

const meta = { $metadata: {} };
const ECS = { role: "AWSServiceRoleForECS", service: "ecs.amazonaws.com" };
const RDS = { role: "AWSServiceRoleForRDS", service: "rds.amazonaws.com" };

describe("preflight --create-service-linked-roles (IAM mocked: no network)", () => {
    const iam = mockClient(IAMClient);
    const slept: number[] = [];
    const options: CreateOptions = {
        sleep: (ms) => {
            slept.push(ms);
            return Promise.resolve();
        },
        pollMs: 5,
        attempts: 3,
    };
    beforeEach(() => {
        iam.reset();
        slept.length = 0;
    });
    after(() => iam.restore());

    it("creates exactly the missing roles, by service name, and waits until IAM reads each back", async () => {
        iam.on(CreateServiceLinkedRoleCommand).resolves({});
        // ECS's role reads back on the second try (IAM is eventually consistent); RDS's at once.
        iam.on(GetRoleCommand, { RoleName: ECS.role })
            .rejectsOnce(new NoSuchEntityException({ message: "not yet", ...meta }))
            .resolves({});
        iam.on(GetRoleCommand, { RoleName: RDS.role }).resolves({});
        const results = await createServiceLinkedRoles(
            iam as unknown as IAMClient,
            [ECS, RDS],
            options,
        );
        expect(results.map((r) => [r.role, r.outcome])).to.deep.equal([
            [ECS.role, "created"],
            [RDS.role, "created"],
        ]);
        expect(
            iam.commandCalls(CreateServiceLinkedRoleCommand).map((c) => c.args[0].input),
        ).to.deep.equal([
            { AWSServiceName: "ecs.amazonaws.com" },
            { AWSServiceName: "rds.amazonaws.com" },
        ]);
        expect(slept).to.deep.equal([5]);
    });

    it("counts a role created meanwhile as present, and reports a refused creation on one line", async () => {
        iam.on(CreateServiceLinkedRoleCommand, { AWSServiceName: ECS.service }).rejects(
            new InvalidInputException({
                message:
                    "Service role name AWSServiceRoleForECS has been taken in this account, please try a different suffix.",
                ...meta,
            }),
        );
        const denied = Object.assign(
            new Error("User: arn:aws:iam::111122223333:user/x is not\nauthorized \u001b[31m"),
            {
                name: "AccessDenied",
            },
        );
        iam.on(CreateServiceLinkedRoleCommand, { AWSServiceName: RDS.service }).rejects(denied);
        const results = await createServiceLinkedRoles(
            iam as unknown as IAMClient,
            [ECS, RDS],
            options,
        );
        expect(results[0].outcome).to.equal("existed");
        expect(results[1]).to.deep.include({ outcome: "failed" });
        expect(results[1].detail).to.match(
            /^AccessDenied: User: .* is not authorized \\u001b\[31m$/,
        );
        const text = renderCreations(results);
        expect(text).to.include("AWSServiceRoleForECS: already exists");
        expect(text).to.include("AWSServiceRoleForRDS: NOT created (AccessDenied");
        expect(text).not.to.include("\u001b");
        expect(iam.commandCalls(GetRoleCommand)).to.have.length(0);
    });

    it("says a role was created when only reading it back was refused", async () => {
        iam.on(CreateServiceLinkedRoleCommand).resolves({});
        iam.on(GetRoleCommand).rejects(
            Object.assign(new Error("not allowed to read"), { name: "AccessDenied" }),
        );
        const [result] = await createServiceLinkedRoles(
            iam as unknown as IAMClient,
            [ECS],
            options,
        );
        expect(result.outcome).to.equal("failed");
        expect(result.detail).to.equal(
            "created, but not read back: AccessDenied: not allowed to read",
        );
    });

    it("fails, saying so, when a created role never reads back", async () => {
        iam.on(CreateServiceLinkedRoleCommand).resolves({});
        iam.on(GetRoleCommand).rejects(new NoSuchEntityException({ message: "no", ...meta }));
        const [result] = await createServiceLinkedRoles(
            iam as unknown as IAMClient,
            [ECS],
            options,
        );
        expect(result.outcome).to.equal("failed");
        expect(result.detail).to.match(/did not read it back within 0.015 s/);
        expect(iam.commandCalls(GetRoleCommand)).to.have.length(3);
    });

    it("knows a service-linked role for each service whose first use can race its role", () => {
        expect(SERVICE_LINKED_ROLES.map((r) => r.service)).to.include.members([
            "ecs.amazonaws.com",
            "elasticloadbalancing.amazonaws.com",
            "rds.amazonaws.com",
            "ecs.application-autoscaling.amazonaws.com",
        ]);
        expect(renderCreations([])).to.equal("Service-linked roles: nothing to create.");
    });
});
