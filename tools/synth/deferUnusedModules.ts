import Module from "node:module";
import * as path from "node:path";

/**
 * Modules `@pulumi/pulumi` loads at startup only for `pulumi.runtime.serializeFunction` (turning a
 * JavaScript closure into Lambda code), which this program never calls: the TypeScript compiler
 * (9 MB, parsed to analyse closures) and npm's Arborist (to find a closure's packages). Loading them
 * is about a tenth of the offline plan's time.
 */
export const DEFERRED_SDK_MODULES = ["typescript", "@npmcli/arborist"] as const;

/**
 * Installs stand-ins for DEFERRED_SDK_MODULES, as the SDK would resolve them, that load the real
 * module on first use: nothing changes for code that does use them, and nothing is loaded for code
 * that does not. Call it before anything loads `@pulumi/pulumi`. Returns the modules it deferred
 * (none that are already loaded).
 */
export function deferUnusedSdkModules(): string[] {
    const sdkDir = path.dirname(require.resolve("@pulumi/pulumi/package.json"));
    const deferred: string[] = [];
    for (const request of DEFERRED_SDK_MODULES) {
        let file: string;
        try {
            file = require.resolve(request, { paths: [sdkDir] });
        } catch {
            continue; // not installed: the SDK falls back on its own
        }
        if (require.cache[file]) {
            continue;
        }
        let real: object | undefined;
        const load = (): object => {
            if (!real) {
                delete require.cache[file];
                // eslint-disable-next-line @typescript-eslint/no-require-imports
                real = require(file) as object;
            }
            return real;
        };
        const standIn = new Module(file);
        standIn.filename = file;
        standIn.loaded = true;
        standIn.exports = new Proxy(
            {},
            {
                // The SDK's `__importStar` asks for `__esModule` first: answering it must not load.
                get: (_, key): unknown =>
                    key === "__esModule" ? true : (Reflect.get(load(), key) as unknown),
                has: (_, key) => key in load(),
                ownKeys: () => Reflect.ownKeys(load()),
                getOwnPropertyDescriptor: (_, key) => {
                    const descriptor = Reflect.getOwnPropertyDescriptor(load(), key);
                    return descriptor && { ...descriptor, configurable: true };
                },
            },
        );
        require.cache[file] = standIn;
        deferred.push(request);
    }
    return deferred;
}
