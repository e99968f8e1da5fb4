import * as aws from "@pulumi/aws";

/**
 * Whether resources of an `aws:` type token accept tags: the generated class of every taggable
 * AWS resource declares a `tagsAll` output. Reading the class keeps this true for every resource
 * type a later component adds, with no list to maintain.
 */
export function isTaggableAwsType(type: string): boolean {
    const [pkg, modulePath, className] = type.split(":");
    if (pkg !== "aws" || !modulePath || !className) {
        return false;
    }
    const moduleName = modulePath.split("/")[0];
    const namespace = (
        moduleName === "index" ? aws : (aws as unknown as Record<string, unknown>)[moduleName]
    ) as Record<string, unknown> | undefined;
    const resourceClass = namespace?.[className];
    if (typeof resourceClass !== "function") {
        throw new Error(`no @pulumi/aws class for ${type}`);
    }
    return resourceClass.toString().includes('"tagsAll"');
}
