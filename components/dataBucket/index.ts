export * from "./dataBucket";
