export * from "./redcapImage";
