// "Did you mean …?": the nearest valid name to a misspelt one, by edit distance. Small lists only
// (agreement types, kinds, field names, the ~420 IANA time zones), and only on the error path.

/**
 * Optimal string alignment distance: insertions, deletions, substitutions and transpositions of
 * two neighbouring characters (`Olso` → `Oslo` is one edit) each cost 1.
 */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  if (a.length === 0) return b.length;
  if (b.length === 0) return a.length;
  // Three rows: two back for transpositions, one back, and the current one.
  let before = new Array<number>(b.length + 1).fill(0);
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  let current = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      let d = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (
        i > 1 &&
        j > 1 &&
        a.charCodeAt(i - 1) === b.charCodeAt(j - 2) &&
        a.charCodeAt(i - 2) === b.charCodeAt(j - 1)
      ) {
        d = Math.min(d, before[j - 2]! + 1);
      }
      current[j] = d;
    }
    [before, previous, current] = [previous, current, before];
  }
  return previous[b.length]!;
}

/** Letter case, spaces, underscores and hyphens are not what makes a name wrong. */
const fold = (s: string) => s.toLowerCase().replace(/[\s_-]+/g, '-');

/**
 * The candidate nearest to `given`, when it is near enough to be what was meant: at most two
 * edits in five (so `avl-4-60` → `avl-4-60h`, `opdrag` → `oppdrag`, but no guess for `xyz`). Ties
 * go to the candidate listed first. `keyOf` compares by another text than the candidate itself.
 */
export function nearest(
  given: string,
  candidates: Iterable<string>,
  keyOf: (c: string) => string = (c) => c,
): string | undefined {
  const g = fold(given);
  if (g === '' || g.length > 100) return undefined;
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const c of candidates) {
    const k = fold(keyOf(c));
    // A length difference alone rules a candidate out before the distance is computed.
    const limit = Math.max(1, Math.floor((Math.max(g.length, k.length) * 2) / 5));
    if (Math.abs(g.length - k.length) > limit) continue;
    const d = editDistance(g, k);
    if (d <= limit && d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return best;
}

/** `; did you mean "x"?`, or nothing when no candidate is near. */
export function didYouMean(given: string, candidates: Iterable<string>): string {
  const hit = nearest(given, candidates);
  return hit === undefined ? '' : `; did you mean "${hit}"?`;
}

let zones: string[] | undefined;

/** The IANA time zones this Node knows (canonical names, and UTC). */
function timeZones(): string[] {
  if (!zones) {
    let known: string[] = [];
    try {
      known = Intl.supportedValuesOf('timeZone');
    } catch {
      // A Node without the list: no suggestion, the message still echoes the name.
    }
    zones = [...known, 'UTC'];
  }
  return zones;
}

/**
 * The time zone nearest to a name that is none: `Europe/Olso` → `Europe/Oslo`; a bare city is
 * compared with the city part, so `Oslo` → `Europe/Oslo` and `new york` → `America/New_York`.
 */
export function nearestTimeZone(given: string): string | undefined {
  const all = timeZones();
  if (given.includes('/')) return nearest(given, all);
  return nearest(given, all, (zone) => zone.slice(zone.lastIndexOf('/') + 1));
}

/** The message for a time zone that is not one: what was given, and the nearest name when there is one. */
export function unknownTimeZoneMessage(given: string): string {
  const hit = nearestTimeZone(given);
  return `${JSON.stringify(given)} is not a known IANA time zone${hit ? `; did you mean "${hit}"?` : ' (e.g. Europe/Oslo)'}`;
}
