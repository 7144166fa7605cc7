// A line locator from the lines of a file's entries, found by a scan of its text (jsonLines.ts,
// yamlLines.ts): an entry of a top-level list (`periods[12]`) is answered from them, anything else by
// the YAML parser, made only if such a path is asked.
import type { LineLocator } from './locate.ts';

const ENTRY = /^([^.[\]]+)\[(\d+)\]$/;

/** Answers from `lines` (each top-level list's entries' lines, by key) where it can; `other` for the rest, and for everything when the scan gave none. */
export function entryLocator(
  lines: ReadonlyMap<string, ArrayLike<number>> | undefined,
  other: () => LineLocator,
): LineLocator {
  if (!lines) return other();
  let fallback: LineLocator | undefined;
  return (path: string) => {
    if (path === '') return 1;
    const m = ENTRY.exec(path);
    const ofKey = m ? lines.get(m[1]!) : undefined;
    // Past the end of a list the parser finds no node either.
    if (ofKey) {
      const index = Number(m![2]);
      return index < ofKey.length ? ofKey[index] : undefined;
    }
    fallback ??= other();
    return fallback(path);
  };
}
