import * as pulumi from "@pulumi/pulumi";
import { readRstudioConfig, readStackConfig, systemOf } from "./stacks";
import { redcapProgram } from "./stacks/redcap/program";
import { rstudioProgram } from "./stacks/rstudio/program";

/**
 * One program for every system of the platform: the stack file's `platform:system` says which
 * (absent: REDCap). Each reads and validates its own configuration (throwing, with every problem
 * listed) before declaring anything.
 */
export = () =>
    systemOf(pulumi.runtime.allConfig(), pulumi.getStack()) === "rstudio"
        ? rstudioProgram(readRstudioConfig())
        : redcapProgram(readStackConfig());
