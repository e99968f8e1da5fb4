import { isPrivateBlock, parseIpv4Cidr } from "../components/hipaaVpc/subnetPlan";

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

export function checkRegion(value: string): string | undefined {
    return /^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d{1,2}$/.test(value) ? undefined : "";
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
