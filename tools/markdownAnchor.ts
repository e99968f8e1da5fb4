/**
 * GitHub's anchor for a Markdown heading: link text kept and its target dropped, emphasis marks
 * dropped, lower case, punctuation removed (letters, marks, digits, `_`, `-` and spaces stay),
 * each space a hyphen. Duplicate headings get -1, -2 suffixes; callers that need them count.
 */
export function headingAnchor(heading: string): string {
    const text = heading
        .replace(/!?\[([^\]]*)\]\([^)]*\)/g, "$1")
        .replace(/[`*]/g, "")
        .trim()
        .toLowerCase();
    return text.replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, "").replace(/ /g, "-");
}
