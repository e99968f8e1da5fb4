import { expect } from "chai";
import { type ContainerSpec, containerDefinition } from "./containerDefinition";

const SPEC: ContainerSpec = {
    name: "shiny",
    image: "123456789012.dkr.ecr.us-east-1.amazonaws.com/shiny@sha256:" + "a".repeat(64),
    user: "shiny",
    environment: { APP_MODE: "production", B_FIRST: "b" },
    secrets: {
        DB_PASSWORD: {
            secretArn: "arn:aws:secretsmanager:us-east-1:1:secret:db",
            jsonKey: "password",
        },
        API_TOKEN: { secretArn: "arn:aws:secretsmanager:us-east-1:1:secret:token" },
    },
    writablePaths: { tmp: "/tmp", cache: "/var/cache/app" },
    logGroupName: "apps",
    region: "us-east-1",
    logStreamPrefix: "shiny",
};

describe("containerDefinition (the platform's container safeguards)", () => {
    it("always runs read-only, unprivileged, with an init process, writable only at the declared paths", () => {
        const c = containerDefinition(SPEC);
        expect(c).to.deep.include({
            name: "shiny",
            user: "shiny",
            essential: true,
            readonlyRootFilesystem: true,
            privileged: false,
            linuxParameters: { initProcessEnabled: true },
            portMappings: [],
            stopTimeout: 30,
        });
        expect(c.mountPoints).to.deep.equal([
            { sourceVolume: "tmp", containerPath: "/tmp", readOnly: false },
            { sourceVolume: "cache", containerPath: "/var/cache/app", readOnly: false },
        ]);
        expect(c).not.to.have.property("command");
        expect(c).not.to.have.property("healthCheck");
    });

    it("hands secrets only by reference, in name order, a JSON secret's key in ECS's form", () => {
        const c = containerDefinition(SPEC);
        expect(c.secrets).to.deep.equal([
            { name: "API_TOKEN", valueFrom: "arn:aws:secretsmanager:us-east-1:1:secret:token" },
            {
                name: "DB_PASSWORD",
                valueFrom: "arn:aws:secretsmanager:us-east-1:1:secret:db:password::",
            },
        ]);
        expect(c.environment).to.deep.equal([
            { name: "APP_MODE", value: "production" },
            { name: "B_FIRST", value: "b" },
        ]);
        expect(c.logConfiguration).to.deep.equal({
            logDriver: "awslogs",
            options: {
                "awslogs-group": "apps",
                "awslogs-region": "us-east-1",
                "awslogs-stream-prefix": "shiny",
            },
        });
    });

    it("maps the given ports, command, health check and stop timeout", () => {
        const healthCheck = {
            command: ["CMD-SHELL", "curl -fsS http://localhost:3838/ || exit 1"],
            interval: 30,
            timeout: 5,
            retries: 3,
            startPeriod: 30,
        };
        const c = containerDefinition({
            ...SPEC,
            ports: [3838],
            command: ["shiny-server"],
            healthCheck,
            stopTimeoutSeconds: 60,
        });
        expect(c).to.deep.include({
            portMappings: [{ containerPort: 3838, protocol: "tcp" }],
            command: ["shiny-server"],
            healthCheck,
            stopTimeout: 60,
        });
    });

    it("refuses a secret-looking variable in the environment and a root user, naming them", () => {
        for (const name of [
            "DB_PASSWORD",
            "aws_secret_access_key",
            "GITHUB_TOKEN",
            "SP_PRIVATE_KEY",
        ]) {
            expect(() => containerDefinition({ ...SPEC, environment: { [name]: "x" } })).to.throw(
                `${name} looks secret and must be passed in secrets, not environment`,
            );
        }
        for (const user of ["root", "0", "0:0", "root:staff"]) {
            expect(() => containerDefinition({ ...SPEC, user })).to.throw(
                `user "${user}" is not allowed; expected a non-root user`,
            );
        }
    });
});
