import { Region } from "@pulumi/aws/types/enums";
import { isPrivateBlock, parseIpv4Cidr } from "../components/hipaaVpc/subnetPlan";
import { isTimezone } from "../components/validation";
import { hasNonPrintable } from "../policy-pack/lib/printable";
import { likelyMeant } from "../policy-pack/lib/suggestions";

/**
 * Syntax checks of config values, as pure functions. Each returns undefined when the value is
 * fine, or a reason ("" when the expected form, stated by the caller, says it all).
 */
const EMAIL =
    /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;
const HOST_LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

export function checkEmail(value: string): string | undefined {
    return value.length <= 254 && EMAIL.test(value) ? undefined : "";
}

/** A fully qualified DNS name in lower case with at least two labels and an alphabetic TLD. */
export function checkDomainName(value: string): string | undefined {
    if (value.length > 253) {
        return "longer than 253 characters";
    }
    const labels = value.split(".");
    if (labels.length < 2) {
        return "needs at least two labels";
    }
    if (!labels.every((l) => HOST_LABEL.test(l))) {
        return "";
    }
    return /^[a-z]{2,63}$/.test(labels[labels.length - 1]) ? undefined : "";
}

/**
 * The regions of every AWS partition, as the AWS provider in use knows them: a region launched
 * later is accepted once @pulumi/aws is upgraded, and a mistyped one is never planned.
 */
export const AWS_REGIONS: readonly string[] = Object.values(Region);

/** `"did you mean ..."` for the closest of `choices` when it is a likely typo, else "". */
export function didYouMean(value: string, choices: readonly string[]): string {
    const meant = likelyMeant(value, choices);
    return meant ? `did you mean ${JSON.stringify(meant)}?` : "";
}

export function checkRegion(value: string): string | undefined {
    return AWS_REGIONS.includes(value)
        ? undefined
        : didYouMean(value.replace(/[^a-z0-9-]/gi, "").slice(0, 40), AWS_REGIONS);
}

export function checkVpcCidr(value: string): string | undefined {
    const block = parseIpv4Cidr(value);
    if ("error" in block) {
        return block.error;
    }
    if (block.prefixLength < 16 || block.prefixLength > 24) {
        return `a /${block.prefixLength} block`;
    }
    return isPrivateBlock(block)
        ? undefined
        : "not inside 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16";
}

/** AWS tag key rules for user-defined tags; `aws:` is reserved by AWS. */
export function checkTagKey(value: string): string | undefined {
    if (value.toLowerCase().startsWith("aws:")) {
        return "the aws: prefix is reserved";
    }
    return value.length >= 1 && value.length <= 128 && /^[\p{L}\p{Z}\p{N}_.:/=+\-@]+$/u.test(value)
        ? undefined
        : "";
}

export function checkTagValue(value: string): string | undefined {
    return value.length <= 256 && /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u.test(value) ? undefined : "";
}

/**
 * The shortest prefix an allow-list of people's networks may hold: a /8 is 16 million addresses,
 * as large as any one organization's network; anything wider is most of the internet.
 */
export const MIN_ALLOW_LIST_PREFIX = 8;

/**
 * An IPv4 block of an allow-list that keeps everyone else out (administrators' networks, the
 * only users of an app): never the whole internet, nor a block wider than an organization's.
 */
export function checkAllowListCidr(value: string): string | undefined {
    if (value.trim() === "::/0" || value.includes(":")) {
        return value.trim().endsWith("/0")
            ? "::/0 is the whole IPv6 internet; list the networks that should get in"
            : "an IPv6 block; these allow-lists take IPv4 only";
    }
    const block = parseIpv4Cidr(value);
    if ("error" in block) {
        return block.error;
    }
    if (block.prefixLength === 0) {
        return "0.0.0.0/0 is the whole internet; list the networks that should get in";
    }
    return block.prefixLength < MIN_ALLOW_LIST_PREFIX
        ? `a /${block.prefixLength} is ${2 ** (32 - block.prefixLength)} addresses, wider than any ` +
              `one organization's network (at most /${MIN_ALLOW_LIST_PREFIX})`
        : undefined;
}

/**
 * An IANA time zone name (components/validation.ts `isTimezone`), with a did-you-mean among the
 * zones this Node's ICU knows and UTC (which it lists only as an alias), listed only on a refusal.
 */
export function checkTimezone(value: string): string | undefined {
    return isTimezone(value)
        ? undefined
        : didYouMean(value.slice(0, 64), ["UTC", ...Intl.supportedValuesOf("timeZone")]);
}

/**
 * A path in the project folder: printable, at most 1024 characters (a control character or a
 * pasted page is a mistake, and would be printed in the plan's messages).
 */
export function checkProjectPath(value: string): string | undefined {
    if (value.trim() === "") return "";
    if (hasNonPrintable(value)) return "it holds a control or formatting character";
    return value.length > 1024 ? "longer than 1024 characters" : undefined;
}
