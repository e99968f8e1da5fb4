/**
 * Where each component type is drawn. The one table to edit when a component is added: the
 * diagram refuses a plan with a component type missing here (and a test plans the real stacks),
 * so a new component can never silently drop out of the picture.
 */

/** The tiers, in the order they are drawn. */
export const TIERS = [
    { id: "edge", label: "Edge" },
    { id: "app", label: "Application" },
    { id: "data", label: "Data" },
    { id: "access", label: "Operator access" },
    { id: "network", label: "Network" },
    { id: "monitoring", label: "Monitoring and audit" },
    { id: "keys", label: "Keys" },
    // Only drawn when a stack declares resources outside every component.
    { id: "stack", label: "Outside any component" },
] as const;

export type TierId = (typeof TIERS)[number]["id"];

/**
 * For a component nested in another one that is better shown as part of it (its resources are
 * counted in the enclosing box) than as a box of its own.
 */
export const INSIDE_PARENT = "inside parent";

export type Placement = TierId | typeof INSIDE_PARENT;

/** Component type token → tier (or folded into the enclosing component). */
export const COMPONENT_TIERS: Readonly<Record<string, Placement>> = {
    "hipaa:network:PublicLoadBalancer": "edge",
    "hipaa:network:WebFirewall": "edge",
    "hipaa:app:RedcapService": "app",
    "hipaa:app:RedcapImage": "app",
    "hipaa:app:RstudioWorkbench": "app",
    "hipaa:mail:MailRelay": "app",
    "hipaa:database:RedcapDatabase": "data",
    "hipaa:storage:FileStore": "data",
    "hipaa:storage:DataBucket": "data",
    "hipaa:storage:SharedFileSystem": "data",
    "hipaa:storage:DataFeed": "data",
    "hipaa:backup:Backups": "data",
    "hipaa:access:BastionOrSsm": "access",
    "hipaa:network:HipaaVpc": "network",
    "hipaa:monitoring:AlertTopic": "monitoring",
    "hipaa:monitoring:ServiceAlarms": "monitoring",
    "hipaa:monitoring:EventAlerts": "monitoring",
    "hipaa:monitoring:SiteHealthCheck": "monitoring",
    "hipaa:monitoring:CostBudget": "monitoring",
    "hipaa:monitoring:AlarmSilence": "monitoring",
    "hipaa:audit:AuditBaseline": "monitoring",
    "hipaa:security:EncryptionKeys": "keys",
    // The cluster of an app's services: shown as part of the app that holds it.
    "hipaa:compute:FargateCluster": INSIDE_PARENT,
    // An app's services: shown as part of the app that runs them.
    "hipaa:compute:FargateService": INSIDE_PARENT,
    // RedcapImage's build (a remote awsx component): part of the image, not a box of its own.
    "awsx:ecr:Image": INSIDE_PARENT,
};
