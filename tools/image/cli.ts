import { buildImage } from "./build";
import { podmanAvailable } from "./podman";

/**
 * `npm run image:build [-- --refresh-base] [--force]`: builds REDCap's image here with podman
 * (tools/image/build.ts). The last line of output is the local image reference.
 */
async function main(argv: string[]): Promise<number> {
    const known = new Set(["--refresh-base", "--force"]);
    const unknown = argv.filter((arg) => !known.has(arg));
    if (unknown.length > 0) {
        console.error(
            `image:build: ${unknown.map((a) => JSON.stringify(a)).join(", ")} not allowed; expected --refresh-base, --force`,
        );
        return 2;
    }
    if (!podmanAvailable()) {
        console.error("image:build: podman is not installed or cannot run; run tools/install.sh");
        return 1;
    }
    const reference = await buildImage({
        refreshBase: argv.includes("--refresh-base"),
        force: argv.includes("--force"),
        log: (line) => console.error(line),
    });
    console.log(reference);
    return 0;
}

main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
        console.error(`image:build: ${error instanceof Error ? error.message : String(error)}`);
        process.exit(1);
    },
);
