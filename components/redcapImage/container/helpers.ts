import * as fs from "node:fs";

/** Polls `condition` until it holds, or throws after `timeoutMs` with `context()` for the reader. */
export async function waitUntil(
    condition: () => boolean,
    timeoutMs: number,
    context: () => string = () => "",
): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!condition()) {
        if (Date.now() > deadline) {
            throw new Error(`not within ${timeoutMs} ms:\n${context()}`);
        }
        await new Promise((resolve) => setTimeout(resolve, 500));
    }
}

/** A process's resident memory (VmRSS) in KiB, or 0 when it has ended. */
export function processMemoryKiB(pid: number): number {
    try {
        const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
        return Number(/^VmRSS:\s+(\d+)/m.exec(status)?.[1] ?? 0);
    } catch {
        return 0;
    }
}

/** A one-page PDF (200 x 100 points) with a filled rectangle, written out by hand. */
export function minimalPdf(): Buffer {
    const content = "0 0 1 rg 20 20 160 60 re f";
    const objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 100] /Contents 4 0 R >>",
        `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
    ];
    let pdf = "%PDF-1.4\n";
    const offsets: number[] = [];
    objects.forEach((body, i) => {
        offsets.push(pdf.length);
        pdf += `${i + 1} 0 obj\n${body}\nendobj\n`;
    });
    const xref = pdf.length;
    pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
    for (const offset of offsets) {
        pdf += `${String(offset).padStart(10, "0")} 00000 n \n`;
    }
    pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
    return Buffer.from(pdf, "latin1");
}
