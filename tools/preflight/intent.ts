import { singletonSettings } from "../../components/auditBaseline/accountSingletons";
import type { AnyStackConfig } from "../../stacks/system";
import type { StackIntent } from "./report";

/**
 * What a stack's validated config says about the account baseline. RStudio's baseline always has
 * GuardDuty and never Security Hub, as its program declares.
 */
export function intentOf(stack: string, config: AnyStackConfig): StackIntent {
    if (config.system === "redcap") {
        const audit = config.audit;
        return {
            stack,
            namespace: "redcap",
            accountBaseline: audit.accountBaseline,
            guardDuty: audit.guardDuty,
            securityHub: audit.securityHub,
            singletons: singletonSettings(audit),
        };
    }
    return {
        stack,
        namespace: "rstudio",
        accountBaseline: config.audit.accountBaseline,
        guardDuty: true,
        securityHub: false,
        singletons: singletonSettings(config.audit),
    };
}
