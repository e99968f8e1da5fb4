/** One container of an ECS task definition, as the `containerDefinitions` JSON describes it. */
export interface Container {
    name?: string;
    privileged?: boolean;
    readonlyRootFilesystem?: boolean;
    user?: string;
    logConfiguration?: { logDriver?: string };
    environment?: { name?: string; value?: string }[];
    secrets?: { name?: string; valueFrom?: string }[];
}

/**
 * The containers of a task definition. `containerDefinitions` is a JSON string (or, from some
 * programs, an array); an unparseable value yields no containers rather than a guess.
 */
export function containersOf(definitions: unknown): Container[] {
    if (Array.isArray(definitions)) {
        return definitions as Container[];
    }
    if (typeof definitions !== "string") {
        return [];
    }
    try {
        const parsed = JSON.parse(definitions) as unknown;
        return Array.isArray(parsed) ? (parsed as Container[]) : [];
    } catch {
        return [];
    }
}
