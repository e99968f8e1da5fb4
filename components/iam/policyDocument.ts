/** The IAM policy document shape the components build as plain data (and test without mocks). */
export interface PolicyStatement {
    Sid?: string;
    Effect: "Allow" | "Deny";
    Principal?: "*" | { AWS: string | string[] } | { Service: string | string[] };
    Action: string[];
    Resource?: string | string[];
    Condition?: Record<string, Record<string, string | string[]>>;
}

export interface PolicyDocument {
    Version: "2012-10-17";
    Statement: PolicyStatement[];
}

/** The trust policy of a role that one AWS service assumes, optionally with conditions. */
export function serviceTrustPolicy(
    service: string,
    condition?: Record<string, Record<string, string | string[]>>,
): PolicyDocument {
    return {
        Version: "2012-10-17",
        Statement: [
            {
                Sid: "ServiceAssumesRole",
                Effect: "Allow",
                Principal: { Service: service },
                Action: ["sts:AssumeRole"],
                ...(condition ? { Condition: condition } : {}),
            },
        ],
    };
}
