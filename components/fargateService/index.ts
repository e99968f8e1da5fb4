export * from "./containerDefinition";
