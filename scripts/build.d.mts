// Types of scripts/build.mjs (plain JavaScript, so that `npm ci` can run it without TypeScript).
/** Whether dist/ was built from the sources as they are now, by this Node (the code cache is its V8's). */
export function isFresh(): boolean;
/** Builds dist/ from the sources; the time it took in milliseconds. */
export function build(): Promise<number>;
/** Builds when dist/ is not fresh (isFresh); true if it built. */
export function ensureBuilt(): Promise<boolean>;
