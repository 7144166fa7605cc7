// Time-zone offsets, cached. Asking the IANA database (through Intl) costs microseconds per call and
// a year's rota asks millions of times; offsets only change at transitions, so each quarter hour is
// looked up once. A quarter hour that contains a transition is never cached.
import { IANAZone } from 'luxon';

const QUARTER_HOUR = 15 * 60_000;
const MAX_ENTRIES = 500_000;

interface ZoneCache {
  zone: IANAZone;
  quarters: Map<number, number>;
}

const zones = new Map<string, ZoneCache>();

/** Offset from UTC in minutes of `zone` at the instant `ms`. */
export function offsetMinutes(zone: string, ms: number): number {
  let z = zones.get(zone);
  if (!z) {
    z = { zone: IANAZone.create(zone), quarters: new Map() };
    zones.set(zone, z);
  }
  const q = Math.floor(ms / QUARTER_HOUR);
  const cached = z.quarters.get(q);
  if (cached !== undefined) return cached;
  const atStart = z.zone.offset(q * QUARTER_HOUR);
  if (z.zone.offset((q + 1) * QUARTER_HOUR - 1) !== atStart) return z.zone.offset(ms);
  if (z.quarters.size >= MAX_ENTRIES) z.quarters.clear();
  z.quarters.set(q, atStart);
  return atStart;
}
