// Types of scripts/build.mjs (plain JavaScript, so that `npm ci` can run it without TypeScript).
/** Whether dist/ was built from the sources as they are now. */
export function isFresh(): boolean;
/** Builds dist/ from the sources; the time it took in milliseconds. */
export function build(): Promise<number>;
/** Builds when a source changed since the last build; true if it built. */
export function ensureBuilt(): Promise<boolean>;
