// Imported first by the CLI, before anything loads @pulumi/pulumi (see deferUnusedModules.ts).
import { deferUnusedSdkModules } from "./deferUnusedModules";

deferUnusedSdkModules();
