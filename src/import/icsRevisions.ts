// RFC 5545 § 3.8.4.7 and § 3.8.7.4: a UID names one event, and a RECURRENCE-ID with it one
// occurrence of it; a file that holds the same event twice (an export of the event as first
// sent and as changed, calendars pasted together) holds two revisions of it, and the one with the
// highest SEQUENCE is the event. Kept both, a moved shift would count twice.

export interface Revision {
  /** Position among the file's VEVENTs. */
  index: number;
  /** UID, with the RECURRENCE-ID's instant for an occurrence; undefined for an event without UID (never merged). */
  key: string | undefined;
  sequence: number;
  /** DTSTAMP in ms, which orders two revisions of the same SEQUENCE (RFC 5546 § 2.1.5). */
  stamp: number | undefined;
}

export interface Superseded {
  index: number;
  /** The revision kept in its place. */
  by: Revision;
  why: 'sequence' | 'stamp' | 'later';
}

/** Which revisions another one of the same key replaces: higher SEQUENCE, then later DTSTAMP, then later in the file. */
export function supersededRevisions(revisions: readonly Revision[]): Superseded[] {
  const newest = new Map<string, Revision>();
  const newer = (a: Revision, b: Revision) =>
    a.sequence !== b.sequence ? a.sequence > b.sequence : (a.stamp ?? -Infinity) >= (b.stamp ?? -Infinity);
  for (const r of revisions) {
    if (r.key === undefined) continue;
    const kept = newest.get(r.key);
    if (!kept || newer(r, kept)) newest.set(r.key, r);
  }
  const out: Superseded[] = [];
  for (const r of revisions) {
    if (r.key === undefined) continue;
    const by = newest.get(r.key)!;
    if (by === r) continue;
    const why =
      by.sequence !== r.sequence ? 'sequence' : (by.stamp ?? -Infinity) !== (r.stamp ?? -Infinity) ? 'stamp' : 'later';
    out.push({ index: r.index, by, why });
  }
  return out;
}
