// The instants where a zone's UTC offset changes (summer time), for a client that draws a rota and
// must show the hour that is missing in spring and the hour that repeats in autumn.
import { offsetMinutes } from '../time/zone.ts';

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

export interface OffsetChange {
  /** The first instant of the new offset. */
  at: number;
  /** Offsets in minutes east of UTC. */
  before: number;
  after: number;
}

/**
 * Every instant in [from, to) where the zone's offset changes, to the minute. A day is compared end
 * to end and searched only when its offsets differ: zones change at most a few times a year, so a
 * year costs about 365 look-ups and two short searches.
 */
export function offsetChanges(zone: string, from: number, to: number): OffsetChange[] {
  const out: OffsetChange[] = [];
  for (let t = from; t < to; t += DAY_MS) {
    const next = Math.min(t + DAY_MS, to);
    const before = offsetMinutes(zone, t);
    if (offsetMinutes(zone, next) === before) continue;
    let lo = t;
    let hi = next; // offset(lo) === before, offset(hi) !== before
    while (hi - lo > MINUTE_MS) {
      const mid = lo + Math.max(1, Math.floor((hi - lo) / (2 * MINUTE_MS))) * MINUTE_MS;
      if (offsetMinutes(zone, mid) === before) lo = mid;
      else hi = mid;
    }
    out.push({ at: hi, before, after: offsetMinutes(zone, hi) });
  }
  return out;
}

/** An offset in minutes as ISO 8601 writes it: +02:00, -03:30. */
export function offsetText(minutes: number): string {
  const abs = Math.abs(minutes);
  return `${minutes < 0 ? '-' : '+'}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}
