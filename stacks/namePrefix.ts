/**
 * The prefix of the names AWS sees (`redcap-dev`): unique per project and stack, so dev and prod
 * can share an account. Tools that find a stack's resources (npm run wake) use it too; it imports
 * nothing, so they stay quick to start.
 */
export function stackNamePrefix(config: { project: string; stack: string }): string {
    return `${config.project}-${config.stack}`.toLowerCase().replace(/[^a-z0-9-]/g, "-");
}
