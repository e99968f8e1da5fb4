export * from "./alarmSpecs";
export * from "./alertTopic";
export * from "./dashboard";
export * from "./maxConnections";
export * from "./serviceAlarms";
export * from "./tierAlarms";
export * from "./topicPolicy";
