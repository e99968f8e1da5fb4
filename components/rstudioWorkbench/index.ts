export * from "./presets";
export * from "./rstudioWorkbench";
