// Exact time: every instant is epoch milliseconds (UTC); wall-clock text is read in the rota's zone.
// A local time without an offset must name exactly one instant: times in the spring-forward gap
// do not exist and times in the autumn overlap exist twice, so both are refused, never guessed.
import { DateTime, IANAZone } from 'luxon';
import { memo, memoPer } from '../memo.ts';
import { offsetMinutes } from './zone.ts';

export type LocalTimeProblem = 'format' | 'range' | 'gap' | 'overlap';

export class LocalTimeError extends Error {
  constructor(
    readonly problem: LocalTimeProblem,
    message: string,
  ) {
    super(message);
    this.name = 'LocalTimeError';
  }
}

const LOCAL_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?(Z|[+-]\d{2}:\d{2})?$/;
const HOUR_MS = 3_600_000;
export const FIRST_YEAR = 1900;
export const LAST_YEAR = 2199;
const MINUTE_MS = 60_000;

// Luxon answers by constructing an Intl.DateTimeFormat (about 0.05 ms), on every request's rota.
const knownZones = new Set<string>();
export function isValidZone(zone: string): boolean {
  if (knownZones.has(zone)) return true;
  const valid = IANAZone.isValidZone(zone);
  if (valid && knownZones.size < 1_000) knownZones.add(zone);
  return valid;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

// A national rota writes the same few shift times on the same days for thousands of workers: each
// text is read once per zone. Only instants are kept; a text that is refused is refused every time.
// One memo per zone, so the hot path looks the text up as it is, without building a key.
const readTexts = memoPer<string, string, number>(200_000);

/** Reads `YYYY-MM-DDTHH:MM[:SS][Z|±HH:MM]` and returns the instant it names. */
export function parseInstant(text: string, zone: string): number {
  return readTexts(zone)(text, () => readInstant(text, zone));
}

function readInstant(text: string, zone: string): number {
  const m = LOCAL_DATE_TIME.exec(text);
  if (!m) {
    throw new LocalTimeError(
      'format',
      `"${text}" is not a date-time; expected YYYY-MM-DDTHH:MM, optionally with seconds and an offset (Z or +01:00)`,
    );
  }
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map((v) => (v === undefined ? 0 : Number(v))) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const offsetText = m[7];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) || hour > 23 || minute > 59 || second > 59) {
    throw new LocalTimeError('range', `"${text}" is not a real calendar date and time`);
  }
  // A rota is a plan of working time: dates far outside it are typing errors, and the calendar
  // arithmetic below (Date.UTC reads the years 0–99 as 1900–1999) is only exact inside this range.
  if (year < FIRST_YEAR || year > LAST_YEAR) {
    throw new LocalTimeError('range', `"${text}" is outside the years ${FIRST_YEAR}–${LAST_YEAR} a rota can cover`);
  }
  const wallAsUtc = Date.UTC(year, month - 1, day, hour, minute, second);
  if (offsetText !== undefined) {
    if (offsetText === 'Z') return wallAsUtc;
    const sign = offsetText.startsWith('-') ? -1 : 1;
    const [oh, om] = offsetText.slice(1).split(':').map(Number) as [number, number];
    if (oh > 14 || om > 59) throw new LocalTimeError('range', `"${text}" has an impossible UTC offset`);
    return wallAsUtc - sign * (oh * HOUR_MS + om * MINUTE_MS);
  }
  // Around a transition the two candidate offsets are the ones a day before and a day after.
  const candidates = new Set<number>();
  for (const probe of [wallAsUtc - 86_400_000, wallAsUtc, wallAsUtc + 86_400_000]) {
    const offsetMin = offsetMinutes(zone, probe);
    const instant = wallAsUtc - offsetMin * MINUTE_MS;
    if (offsetMinutes(zone, instant) === offsetMin) candidates.add(instant);
  }
  if (candidates.size === 0) {
    throw new LocalTimeError(
      'gap',
      `"${text}" does not exist in ${zone}: the clocks skip this hour when summer time starts; write the time with an explicit offset or move it`,
    );
  }
  if (candidates.size > 1) {
    const [a, b] = [...candidates].sort((x, y) => x - y) as [number, number];
    throw new LocalTimeError(
      'overlap',
      `"${text}" happens twice in ${zone} when summer time ends; add the offset to say which: ` +
        `${formatInstant(a, zone)} or ${formatInstant(b, zone)}`,
    );
  }
  return [...candidates][0]!;
}

const pad2 = (n: number) => String(n).padStart(2, '0');

// Findings of a national rota name the same frame boundaries over and over: each instant is
// written once per zone.
const writtenInstants = memoPer<string, number, string>(100_000);

/** ISO 8601 with the zone's offset, e.g. 2025-03-07T16:00:00+01:00 (milliseconds only when not zero). */
export function formatInstant(ms: number, zone: string): string {
  return writtenInstants(zone)(ms, () => writeInstant(ms, zone));
}

function writeInstant(ms: number, zone: string): string {
  const offset = offsetMinutes(zone, ms);
  const wall = new Date(ms + offset * MINUTE_MS).toISOString();
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  return `${ms % 1000 === 0 ? wall.slice(0, 19) : wall.slice(0, 23)}${sign}${pad2(Math.floor(abs / 60))}:${pad2(abs % 60)}`;
}

// A finding's window is read back as instants again and again (sorting a worker's findings, their
// incidents, a hypothetical pass's earlier findings): the same few texts, written by formatInstant.
const readInstants = memo<string, number>(100_000);

/** The instant an ISO 8601 text with an offset names, as Date.parse reads it (each text read once). */
export function instantOfText(text: string): number {
  return readInstants(text, () => Date.parse(text));
}

/** The local calendar date (YYYY-MM-DD) of an instant; dated law and agreements are looked up by it. */
export function localDate(ms: number, zone: string): string {
  return new Date(ms + offsetMinutes(zone, ms) * MINUTE_MS).toISOString().slice(0, 10);
}

/** Instant of a local calendar date's start (00:00 local), for `validFrom`-style dates. */
export function startOfLocalDate(isoDate: string, zone: string): number {
  // The same few dates (laws in force, agreements, the reference week) are asked for on every evaluation.
  return localDayStarts(`${zone}|${isoDate}`, () => DateTime.fromISO(isoDate, { zone }).startOf('day').toMillis());
}
const localDayStarts = memo<string, number>(10_000);

export const hours = (ms: number): number => ms / HOUR_MS;

/** A number of hours as a message writes it: rounded, with a decimal comma in Norwegian. */
export const hoursText = (h: number, lang: 'nb' | 'en', decimals = 2): string => {
  const scale = 10 ** decimals;
  const text = String(Math.round(h * scale) / scale);
  return lang === 'nb' ? text.replace('.', ',') : text;
};
export const msFromHours = (h: number): number => Math.round(h * HOUR_MS);
