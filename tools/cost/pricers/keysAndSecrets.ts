import { draft, T, type Pricer } from "../planIndex";

/** Prices keys and secrets: KMS customer-managed keys and requests, Secrets Manager secrets. */

export const kms: Pricer = {
    types: [T.key],
    price({ index, a }) {
        const keys = index.of(T.key).length;
        return keys === 0
            ? []
            : [
                  draft("KMS keys", `Customer-managed keys (${keys})`, keys, "kmsKeyMonth"),
                  draft("KMS keys", "Requests", a.kmsRequestsPerMonth / 1e4, "kms10kRequests"),
              ];
    },
};

export const secrets: Pricer = {
    types: [T.secret],
    price({ index }) {
        const own = index.of(T.secret).length;
        // RDS keeps the master password in a secret of its own (manageMasterUserPassword).
        const rds = index
            .of(T.cluster)
            .filter((c) => c.inputs.manageMasterUserPassword === true).length;
        return own + rds === 0
            ? []
            : [
                  draft(
                      "Secrets Manager",
                      `Secrets (${own} + ${rds} managed by RDS)`,
                      own + rds,
                      "secretMonth",
                  ),
              ];
    },
};
