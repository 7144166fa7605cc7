// An instant on a zone's wall clock, as the incidents' titles and patterns write it. Luxon decides
// every figure; each instant is read once per zone (and each span's length in days once), because a
// national report names the same shift boundaries over and over and luxon works out a zone's offset
// with Intl every time it makes a DateTime (the incidents took about a tenth of a national check).
import { DateTime } from 'luxon';
import { memoPer } from '../memo.ts';

interface Read {
  at: DateTime;
  /** Texts already written of this instant, by luxon format. */
  written: Map<string, string>;
}

const readIn = memoPer<string, number, Read>(100_000);
const daysIn = memoPer<string, string, number>(100_000);

function readOf(ms: number, zone: string): Read {
  return readIn(zone)(ms, () => ({ at: DateTime.fromMillis(ms, { zone }), written: new Map() }));
}

/** The instant in the zone, as luxon gives it. */
export function wallClock(ms: number, zone: string): DateTime {
  return readOf(ms, zone).at;
}

/** The instant written in a luxon format (toFormat), in the zone. */
export function wallText(ms: number, zone: string, format: string): string {
  const { at, written } = readOf(ms, zone);
  let text = written.get(format);
  if (text === undefined) written.set(format, (text = at.toFormat(format)));
  return text;
}

/** Days from one instant to another on the zone's calendar, as luxon's diff in days counts them. */
export function daysBetween(from: number, to: number, zone: string): number {
  return daysIn(zone)(`${from}|${to}`, () => wallClock(to, zone).diff(wallClock(from, zone), 'days').days);
}
