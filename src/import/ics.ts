// iCalendar import (RFC 5545) through ical.js: one worker's shifts, each VEVENT a work period.
// Times are turned into exact instants here and written with an explicit UTC offset, so a night
// across a DST change keeps its true length whatever reads the rota next. Local times follow
// RFC 5545 § 3.3.5: a time the clocks skip is read with the offset before the gap, a time that
// happens twice is the first one. Recurring events are expanded deterministically within a
// bounded horizon (docs/import-formats.md).
import { readFile } from 'node:fs/promises';
import ICAL from 'ical.js';
import { DateTime, IANAZone } from 'luxon';
import { InputError, fromFile, type InputIssue } from '../rota/errors.ts';
import { validateRotaDocument } from '../rota/load.ts';
import type { Rota } from '../rota/schema.ts';
import { formatInstant, startOfLocalDate } from '../time/instant.ts';
import { MAX_SPAN_DAYS, timelineIssues } from '../timeline/build.ts';
import { IcsSource } from './icsSource.ts';
import { checkRecurText } from './icsRecur.ts';
import { type Revision, supersededRevisions } from './icsRevisions.ts';
import type { NoteSink } from './notes.ts';
import { addToDate, assertOptions, DEFAULT_TIMEZONE, type ImportOptions } from './options.ts';

type Component = InstanceType<typeof ICAL.Component>;
type Time = InstanceType<typeof ICAL.Time>;
type Duration = InstanceType<typeof ICAL.Duration>;
type Event = InstanceType<typeof ICAL.Event>;

/** Occurrences a single recurring event may produce within the horizon before the import refuses it. */
export const MAX_OCCURRENCES = 1000;
/** Rule steps tried per recurring event (EXDATEs and the `from` window skip steps). */
const MAX_STEPS = 100_000;
const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

export const ICS_DEFAULTS = { worker: 'w1', assignment: 'a1', kind: 'employment', contract: 'arbeidsavtale' } as const;

// ---------------------------------------------------------------------------------------------
// Wall time → instant

function wallAsUtc(t: Time): number {
  return Date.UTC(t.year, t.month - 1, t.day, t.hour, t.minute, t.second);
}

/** RFC 5545 § 3.3.5: skipped time → offset before the gap; repeated time → the first occurrence. */
export function resolveWallTime(wallUtc: number, zone: string): number {
  const z = IANAZone.create(zone);
  const candidates: number[] = [];
  for (const probe of [wallUtc - DAY_MS, wallUtc, wallUtc + DAY_MS]) {
    const offset = z.offset(probe);
    const instant = wallUtc - offset * MINUTE_MS;
    if (z.offset(instant) === offset) candidates.push(instant);
  }
  if (candidates.length === 0) return wallUtc - z.offset(wallUtc - DAY_MS) * MINUTE_MS;
  return Math.min(...candidates);
}

/**
 * An ical.js time zone backed by the IANA database (through luxon), used for TZIDs that are IANA
 * names without a VTIMEZONE in the file (Google and Outlook exports often leave it out). ical.js
 * then compares occurrences with UNTIL and EXDATE in real time, not as floating wall times.
 */
class IanaTimezone extends ICAL.Timezone {
  constructor(tzid: string) {
    super({ tzid });
  }

  override utcOffset(tt: Time): number {
    const wall = wallAsUtc(tt);
    return (wall - resolveWallTime(wall, this.tzid)) / 1000;
  }
}

function registerIanaZone(tzid: string): void {
  if (!ICAL.TimezoneService.has(tzid)) ICAL.TimezoneService.register(new IanaTimezone(tzid), tzid);
}

// ---------------------------------------------------------------------------------------------

interface Span {
  start: number;
  end: number;
  /** The VEVENT it comes from, so a problem found in the rota can name the event's line. */
  source: number;
}

/** Problems named one by one; the rest are counted (a file of 400 all-day events is not 400 lines). */
const MAX_ISSUES = 100;
/** The properties whose values the import reads; any other property may hold anything. */
const READ = ['DTSTART', 'DTEND', 'DURATION', 'RECURRENCE-ID', 'RRULE', 'RDATE', 'EXDATE'] as const;
const DATE_ONLY = /^\d{8}(?:,\d{8})*$/;

type Recur = InstanceType<typeof ICAL.Recur>;

function isFloating(t: Time): boolean {
  return !t.zone || t.zone === ICAL.Timezone.localTimezone;
}

function quoted(raw: string): string {
  return `"${raw.length > 60 ? `${raw.slice(0, 57)}…` : raw}"`;
}

const DATE_TIME_TEXT = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})Z?)?$/;

/**
 * Why a date or date-time as written names no real day or time of day; ical.js reads 20250231
 * without complaint and rolls it over into March.
 */
function impossible(text: string): string | undefined {
  const m = DATE_TIME_TEXT.exec(text.trim());
  if (!m) return undefined;
  const [year, month, day] = [m[1], m[2], m[3]].map(Number) as [number, number, number];
  if (month < 1 || month > 12 || day < 1 || day > new Date(Date.UTC(year, month, 0)).getUTCDate()) {
    return `there is no ${day}.${month}.${year}`;
  }
  if (m[4] !== undefined && (Number(m[4]) > 23 || Number(m[5]) > 59 || Number(m[6]) > 60)) {
    return `there is no time of day ${m[4]}:${m[5]}`;
  }
  return undefined;
}

/** The dates and date-times written in a property's value: a list, a period's start, an RRULE's UNTIL. */
function writtenTimes(name: string, raw: string): string[] {
  if (name === 'DURATION') return [];
  if (name === 'RRULE')
    return raw.split(';').flatMap((part) => (/^UNTIL=/i.test(part.trim()) ? [part.trim().slice(6)] : []));
  return raw.split(',').map((v) => v.split('/')[0]!);
}

class IcsReader {
  readonly issues: InputIssue[] = [];
  private dropped = 0;

  constructor(
    private readonly zone: string,
    private readonly source: IcsSource,
    private readonly note: NoteSink,
  ) {}

  /** The instant a DATE-TIME names (UTC, IANA TZID, in-file VTIMEZONE, or floating = the rota's zone). */
  instant(t: Time): number {
    const zone = t.zone;
    if (zone === ICAL.Timezone.utcTimezone) return wallAsUtc(t);
    if (!zone || zone === ICAL.Timezone.localTimezone) return resolveWallTime(wallAsUtc(t), this.zone);
    if (zone.tzid && IANAZone.isValidZone(zone.tzid)) return resolveWallTime(wallAsUtc(t), zone.tzid);
    return t.toUnixTime() * 1000;
  }

  /** RFC 5545 § 3.8.2.5: days and weeks are nominal (same clock time), hours and less are exact. */
  plusDuration(start: Time, d: Duration): number {
    const sign = d.isNegative ? -1 : 1;
    const wall = start.clone();
    wall.adjust(sign * (d.weeks * 7 + d.days), 0, 0, 0);
    return this.instant(wall) + sign * ((d.hours * 60 + d.minutes) * 60 + d.seconds) * 1000;
  }

  label(vevent: Component, index: number): string {
    const summary = vevent.getFirstPropertyValue('summary');
    const uid = vevent.getFirstPropertyValue('uid');
    const name =
      typeof summary === 'string' && summary.trim()
        ? `"${summary.trim()}"`
        : typeof uid === 'string'
          ? `UID ${uid}`
          : `number ${index + 1}`;
    return `event ${name}`;
  }

  /** An error at VEVENT[index].field, on the line of that property (else of the event's BEGIN). */
  fail(index: number, field: string, message: string, line = this.source.lineOf(index, field)): undefined {
    if (this.issues.length >= MAX_ISSUES) {
      this.dropped++;
      return undefined;
    }
    this.issues.push({ path: `VEVENT[${index}]${field ? `.${field}` : ''}`, message, ...(line ? { line } : {}) });
    return undefined;
  }

  warn(index: number, field: string, message: string, line = this.source.lineOf(index, field)): void {
    this.note({
      level: 'warning',
      path: `VEVENT[${index}]${field ? `.${field}` : ''}`,
      message,
      ...(line ? { line } : {}),
    });
  }

  /** The issues in the order of the file (values are checked for every event before any is expanded). */
  allIssues(): InputIssue[] {
    const sorted = [...this.issues].sort((a, b) => (a.line ?? Infinity) - (b.line ?? Infinity));
    if (this.dropped === 0) return sorted;
    return [
      ...sorted,
      { path: '', message: `… and ${this.dropped} more problems not shown; fix the ones above first` },
    ];
  }

  /** DTEND, or DURATION when the event gives that instead: where its end is written. */
  endField(vevent: Component): 'DTEND' | 'DURATION' {
    return !vevent.hasProperty('dtend') && vevent.hasProperty('duration') ? 'DURATION' : 'DTEND';
  }

  /**
   * Every value the import reads can be read, and names a real time; an RRULE also as written
   * (src/import/icsRecur.ts). ical.js decodes a value only when asked, so a garbage date would
   * otherwise surface as a crash halfway through the expansion.
   */
  readable(vevent: Component, index: number): boolean {
    const before = this.issues.length + this.dropped;
    for (const name of READ) {
      const written = this.source.events[index]?.properties.get(name) ?? [];
      vevent.getAllProperties(name.toLowerCase()).forEach((prop, k) => {
        const raw = written[k];
        try {
          prop.getValues();
        } catch (err) {
          this.fail(index, name, this.unreadable(vevent, index, name, prop.type, raw?.raw, err as Error), raw?.line);
          return;
        }
        for (const written of raw ? writtenTimes(name, raw.raw) : []) {
          const wrong = impossible(written);
          if (wrong) {
            this.fail(
              index,
              name,
              `${this.label(vevent, index)}: ${name} ${quoted(raw!.raw)} is not a real time: ${wrong}`,
              raw!.line,
            );
            return;
          }
        }
        if (name === 'RRULE' && raw) {
          const check = checkRecurText(raw.raw);
          if (check.error) this.fail(index, name, `${this.label(vevent, index)}: ${check.error}`, raw.line);
          for (const w of check.warnings) this.warn(index, name, `${this.label(vevent, index)}: ${w}`, raw.line);
        }
      });
    }
    return this.issues.length + this.dropped === before;
  }

  private unreadable(
    vevent: Component,
    index: number,
    name: string,
    type: string,
    raw: string | undefined,
    err: Error,
  ): string {
    const what = `${this.label(vevent, index)}: ${name} ${raw === undefined ? '' : `${quoted(raw)} `}`;
    if (type === 'recur') return `${what}cannot be read as a repeat rule (${err.message})`;
    if (type === 'duration') return `${what}is not a duration; write it like PT8H or PT7H30M`;
    if (type === 'date') return `${what}is not a date; write it like 20250307`;
    if (type === 'date-time' && raw !== undefined && DATE_ONLY.test(raw.trim())) {
      return `${what}is a date without a time of day (and not marked VALUE=DATE); a work period needs start and end times, like 20250307T160000`;
    }
    if (type === 'date-time')
      return `${what}is not a date-time; write it like 20250307T160000 (with TZID=… or a Z for UTC)`;
    return `${what}cannot be read as ${type} (${err.message})`;
  }

  /** SEQUENCE (default 0); one that is no whole number is read as 0, with a warning. */
  sequenceOf(vevent: Component, index: number): number {
    const raw = this.source.property(index, 'SEQUENCE')?.raw.trim();
    if (raw === undefined) return 0;
    if (/^\d{1,9}$/.test(raw)) return Number(raw);
    this.warn(
      index,
      'SEQUENCE',
      `${this.label(vevent, index)}: SEQUENCE ${quoted(raw)} is not a whole number; read as 0`,
    );
    return 0;
  }

  stampOf(vevent: Component): number | undefined {
    try {
      const stamp = vevent.getFirstPropertyValue('dtstamp');
      return stamp instanceof ICAL.Time ? this.instant(stamp) : undefined;
    } catch {
      return undefined; // DTSTAMP only orders revisions; a garbage one orders nothing
    }
  }

  /** The note that VEVENT[s.index] is left out for a later revision of the same event or occurrence. */
  superseded(
    vevents: Component[],
    s: { index: number; by: Revision; why: 'sequence' | 'stamp' | 'later' },
    sequence: number,
  ): void {
    const ev = vevents[s.index]!;
    const rid = ev.getFirstPropertyValue('recurrence-id') as Time | null;
    const what = rid
      ? `the change to one occurrence of ${this.label(ev, s.index)} (RECURRENCE-ID ${rid.isDate ? rid.toString() : formatInstant(this.instant(rid), this.zone)}, SEQUENCE ${sequence})`
      : `${this.label(ev, s.index)} (SEQUENCE ${sequence})`;
    const why =
      s.why === 'sequence'
        ? `VEVENT[${s.by.index}] has the same UID${rid ? ' and RECURRENCE-ID' : ''} and a higher SEQUENCE (${s.by.sequence})`
        : s.why === 'stamp'
          ? `VEVENT[${s.by.index}] has the same UID${rid ? ' and RECURRENCE-ID' : ''} and SEQUENCE, and a later DTSTAMP`
          : `VEVENT[${s.by.index}] repeats it (same UID${rid ? ', RECURRENCE-ID' : ''} and SEQUENCE) later in the file`;
    this.note({
      level: 'note',
      path: `VEVENT[${s.index}]`,
      message: `${what} is left out: ${why}, and RFC 5545 keeps one revision of an event, the latest`,
      ...(this.source.lineOf(s.index) ? { line: this.source.lineOf(s.index)! } : {}),
    });
  }

  /** DTSTART of a VEVENT as a date-time, or an issue (missing, all-day). */
  startOf(vevent: Component, index: number): Time | undefined {
    const start = vevent.getFirstPropertyValue('dtstart') as Time | null;
    if (!start) return this.fail(index, 'DTSTART', `${this.label(vevent, index)} has no DTSTART`);
    if (start.isDate) {
      return this.fail(
        index,
        'DTSTART',
        `${this.label(vevent, index)} on ${start.toString()} is an all-day event; a work period needs start and end times, so give the shift its clock times (or remove the event)`,
      );
    }
    return start;
  }

  /** Start and end of a single (non-recurring or exception) VEVENT. */
  spanOf(vevent: Component, index: number): Span | undefined {
    const startTime = this.startOf(vevent, index);
    if (!startTime) return undefined;
    const start = this.instant(startTime);
    let end: number;
    const dtend = vevent.getFirstPropertyValue('dtend') as Time | null;
    const duration = vevent.getFirstPropertyValue('duration') as Duration | null;
    if (dtend) {
      if (dtend.isDate)
        return this.fail(
          index,
          'DTEND',
          `${this.label(vevent, index)} ends on a date without a time; give DTEND a time of day`,
        );
      end = this.instant(dtend);
    } else if (duration) {
      end = this.plusDuration(startTime, duration);
    } else {
      return this.fail(
        index,
        'DTEND',
        `${this.label(vevent, index)} at ${startTime.toString()} has no end; give it DTEND or DURATION`,
      );
    }
    return this.checked({ start, end, source: index }, vevent, index);
  }

  checked(span: Span, vevent: Component, index: number): Span | undefined {
    if (span.end <= span.start) {
      return this.fail(
        index,
        this.endField(vevent),
        `${this.label(vevent, index)} starting ${formatInstant(span.start, this.zone)} does not end after it starts (${formatInstant(span.end, this.zone)})`,
      );
    }
    return span;
  }

  /**
   * RFC 5545 § 3.3.10: UNTIL is a date-time when DTSTART is one, in UTC when DTSTART has a zone.
   * Files break both; each is read as the calendar program that wrote it shows it (a floating
   * UNTIL as a time in DTSTART's zone, a date as the end of that day), with a warning.
   */
  alignUntil(master: Component, index: number, start: Time): void {
    for (const prop of master.getAllProperties('rrule')) {
      const rule = prop.getFirstValue() as Recur;
      const until = rule.until;
      if (!until) continue;
      const zoneName = isFloating(start) ? this.zone : (start.zone?.tzid ?? this.zone);
      if (until.isDate) {
        rule.until = ICAL.Time.fromData(
          { year: until.year, month: until.month, day: until.day, hour: 23, minute: 59, second: 59, isDate: false },
          start.zone ?? undefined,
        );
        this.warn(
          index,
          'RRULE',
          `${this.label(master, index)}: UNTIL=${until.toICALString()} is a date while DTSTART has a time of day (RFC 5545 wants both alike); read as the end of that day, ${until.toString()} 23:59:59 in ${zoneName}`,
        );
      } else if (isFloating(until) && !isFloating(start)) {
        rule.until = ICAL.Time.fromData(
          {
            year: until.year,
            month: until.month,
            day: until.day,
            hour: until.hour,
            minute: until.minute,
            second: until.second,
          },
          start.zone ?? undefined,
        );
        this.warn(
          index,
          'RRULE',
          `${this.label(master, index)}: UNTIL=${until.toICALString()} has no time zone while DTSTART has one (RFC 5545 wants UNTIL in UTC, ending in Z); read as ${until.toString().replace('T', ' ')} in ${zoneName}`,
        );
      }
    }
  }

  /** Every occurrence of a recurring VEVENT within [from, until); at most one error for the whole series. */
  expand(
    master: Component,
    index: number,
    exceptions: Array<{ component: Component; index: number }>,
    window: { from: number; until: number | undefined },
  ): Span[] {
    const startTime = this.startOf(master, index);
    if (!startTime) return [];
    const masterStart = this.instant(startTime);
    const dtend = master.getFirstPropertyValue('dtend') as Time | null;
    const duration = master.getFirstPropertyValue('duration') as Duration | null;
    if (!dtend && !duration) {
      this.fail(
        index,
        'DTEND',
        `${this.label(master, index)} at ${startTime.toString()} has no end; give it DTEND or DURATION`,
      );
      return [];
    }
    if (dtend?.isDate) {
      this.fail(index, 'DTEND', `${this.label(master, index)} ends on a date without a time; give DTEND a time of day`);
      return [];
    }
    this.alignUntil(master, index, startTime);
    // One occurrence's end: the same clock times as the first event when DTEND is in DTSTART's zone
    // (what calendar apps show); an exact length when the zones differ; DURATION as written.
    const sameZone = dtend && dtend.zone?.tzid === startTime.zone?.tzid;
    const wallLength = dtend && sameZone ? dtend.subtractDate(startTime) : undefined;
    const exactLength = dtend && !sameZone ? this.instant(dtend) - masterStart : undefined;
    const endOf = (occurrence: Time): number => {
      if (wallLength) {
        const end = occurrence.clone();
        end.addDuration(wallLength);
        return this.instant(end);
      }
      if (exactLength !== undefined) return this.instant(occurrence) + exactLength;
      return this.plusDuration(occurrence, duration!);
    };

    // Horizon: --until, else a year after --from, else the rule's own end, else a year after DTSTART.
    const rules = master.getAllProperties('rrule').map((p) => p.getFirstValue() as Recur);
    const finite = rules.every((r) => r.count || r.until);
    const horizon =
      window.until ??
      (finite ? Infinity : DateTime.fromMillis(masterStart, { zone: this.zone }).plus({ years: 1 }).toMillis());

    let event: Event;
    try {
      event = new ICAL.Event(master, { strictExceptions: true, exceptions: exceptions.map((e) => e.component) });
    } catch (err) {
      this.fail(index, 'RECURRENCE-ID', `${this.label(master, index)}: ${(err as Error).message}`);
      return [];
    }
    const exceptionIndex = new Map(exceptions.map((e) => [e.component, e.index]));
    const used = new Set<Component>();
    const spans: Span[] = [];
    let steps = 0;
    try {
      const it = event.iterator();
      for (let next = it.next(); next; next = it.next()) {
        if (this.instant(next) >= horizon) break;
        if (++steps > MAX_STEPS) {
          this.fail(
            index,
            'RRULE',
            `${this.label(master, index)} repeats more than ${MAX_STEPS} times before the horizon; give --from/--until`,
          );
          return [];
        }
        const details = event.getOccurrenceDetails(next);
        let span: Span | undefined;
        if (details.item !== event) {
          const exception = details.item.component;
          used.add(exception);
          if (isCancelled(exception)) continue;
          const exIndex = exceptionIndex.get(exception) ?? index;
          span =
            details.startDate === details.item.startDate
              ? this.spanOf(exception, exIndex)
              : this.checked(
                  { start: this.instant(details.startDate), end: this.instant(details.endDate), source: exIndex },
                  exception,
                  exIndex,
                );
        } else {
          span = this.checked({ start: this.instant(next), end: endOf(next), source: index }, master, index);
        }
        // The first bad occurrence stands for the series: the rest share its cause.
        if (!span) return [];
        if (span.start < window.from || span.start >= horizon) continue;
        spans.push(span);
        if (spans.length > MAX_OCCURRENCES) {
          this.fail(
            index,
            'RRULE',
            `${this.label(master, index)} has more than ${MAX_OCCURRENCES} occurrences within the horizon` +
              ` (${formatInstant(masterStart, this.zone).slice(0, 10)} onwards); import a shorter period with --from and --until`,
          );
          return [];
        }
      }
    } catch (err) {
      if (err instanceof InputError) throw err;
      this.fail(
        index,
        'RRULE',
        `${this.label(master, index)}: cannot expand the recurrence (${(err as Error).message})`,
      );
      return [];
    }
    // An exception whose RECURRENCE-ID matched no occurrence (e.g. an EXDATE'd instance moved
    // elsewhere) is still a shift the calendar shows; keep it when its original slot is in range.
    for (const e of exceptions) {
      if (used.has(e.component) || isCancelled(e.component)) continue;
      const rid = e.component.getFirstPropertyValue('recurrence-id') as Time | null;
      if (rid && !rid.isDate && this.instant(rid) >= horizon) continue;
      const span = this.spanOf(e.component, e.index);
      if (span && span.start >= window.from && span.start < horizon) spans.push(span);
    }
    return spans;
  }
}

function isCancelled(vevent: Component): boolean {
  const status = vevent.getFirstPropertyValue('status');
  return typeof status === 'string' && status.toUpperCase() === 'CANCELLED';
}

function textOf(calendar: Component | undefined, name: string): string | undefined {
  const v = calendar?.getFirstPropertyValue(name);
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
}

function parseCalendars(text: string, source: IcsSource): Component[] {
  let jcal: unknown;
  try {
    jcal = ICAL.parse(text);
  } catch (err) {
    // ical.js says what it could not read but not where: find the line it stops at.
    const at = source.parseFailure();
    if (!at) throw new InputError([{ path: '', message: `not valid iCalendar: ${(err as Error).message}` }]);
    const path = [at.where, at.property].filter(Boolean).join('.');
    const what = at.property ? `${at.property} ${quoted(at.raw)} cannot be read: ` : '';
    throw new InputError([{ path, message: `not valid iCalendar: ${what}${at.message}`, line: at.line }]);
  }
  const roots = Array.isArray(jcal) && typeof jcal[0] === 'string' ? [jcal] : Array.isArray(jcal) ? jcal : [];
  const calendars = roots.map((j) => new ICAL.Component(j as unknown[]));
  if (calendars.length === 0 || calendars.some((c) => c.name !== 'vcalendar')) {
    throw new InputError([{ path: '', message: 'not an iCalendar file: expected BEGIN:VCALENDAR … END:VCALENDAR' }]);
  }
  return calendars;
}

/**
 * iCalendar text to a validated Rota of one worker's shifts. `onNote` hears what the reader of
 * the rota should know (src/import/notes.ts): a revision left out, a rule read as the file did
 * not quite say. An error names its line (InputIssue.line): the CLI prints it as `… (line 16)`,
 * as for a rota file, and the API's problem document carries it as `line`.
 */
export function parseIcsText(text: string, options: ImportOptions = {}, onNote: NoteSink = () => {}): Rota {
  return readIcs(text, options, onNote);
}

function readIcs(text: string, options: ImportOptions, onNote: NoteSink): Rota {
  assertOptions(options);
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const source = new IcsSource(body);
  const calendars = parseCalendars(body, source);
  const vevents = calendars.flatMap((c) => c.getAllSubcomponents('vevent'));
  const first = calendars[0];

  // Time zones: every TZID must be a VTIMEZONE in the file or an IANA name.
  const issues: InputIssue[] = [];
  const defined = new Set(
    calendars.flatMap((c) => c.getAllSubcomponents('vtimezone').map((z) => String(z.getFirstPropertyValue('tzid')))),
  );
  const firstIana: string[] = [];
  vevents.forEach((ev, index) => {
    for (const prop of ev.getAllProperties()) {
      const tzid = prop.getParameter('tzid');
      if (typeof tzid !== 'string') continue;
      if (IANAZone.isValidZone(tzid)) {
        registerIanaZone(tzid);
        firstIana.push(tzid);
      } else if (!defined.has(tzid)) {
        const line = source.lineOf(index, prop.name);
        issues.push({
          path: `VEVENT[${index}].${prop.name.toUpperCase()}`,
          message: `unknown time zone TZID=${tzid}: it is not an IANA name (like Europe/Oslo) and the file has no VTIMEZONE for it`,
          ...(line ? { line } : {}),
        });
      }
    }
  });
  if (issues.length > 0) throw new InputError(issues);

  const wrZone = textOf(first, 'x-wr-timezone');
  const zone =
    options.timezone ??
    (wrZone && IANAZone.isValidZone(wrZone) ? wrZone : undefined) ??
    firstIana[0] ??
    DEFAULT_TIMEZONE;
  const workerId = options.worker ?? textOf(first, 'x-wr-calname') ?? ICS_DEFAULTS.worker;
  if (workerId.length > 200) {
    throw new InputError([
      {
        path: 'X-WR-CALNAME',
        message:
          'the calendar name is longer than 200 characters, too long for a worker id; give the worker id as an option (--worker)',
      },
    ]);
  }
  const assignmentId = options.assignment ?? ICS_DEFAULTS.assignment;
  const window = {
    from: options.from ? startOfLocalDate(options.from, zone) : -Infinity,
    until: options.until
      ? startOfLocalDate(addToDate(options.until, { days: 1 }), zone)
      : options.from
        ? startOfLocalDate(addToDate(options.from, { years: 1 }), zone)
        : undefined,
  };

  const reader = new IcsReader(zone, source, onNote);
  const readable = vevents.map((ev, index) => reader.readable(ev, index));

  // One revision per event and per changed occurrence: the highest SEQUENCE (src/import/icsRevisions.ts).
  const revisions: Revision[] = [];
  vevents.forEach((ev, index) => {
    if (!readable[index]) return;
    const uid = ev.getFirstPropertyValue('uid');
    const rid = ev.getFirstPropertyValue('recurrence-id') as Time | null;
    const ridKey = rid ? (rid.isDate ? rid.toString() : String(reader.instant(rid))) : undefined;
    const key = typeof uid === 'string' && uid.trim() !== '' ? (ridKey ? `${uid}\u0000${ridKey}` : uid) : undefined;
    revisions.push({ index, key, sequence: reader.sequenceOf(ev, index), stamp: reader.stampOf(ev) });
  });
  const left = new Set<number>();
  const sequenceAt = new Map(revisions.map((r) => [r.index, r.sequence]));
  for (const s of supersededRevisions(revisions)) {
    left.add(s.index);
    reader.superseded(vevents, s, sequenceAt.get(s.index)!);
  }
  const kept = revisions.map((r) => r.index).filter((index) => !left.has(index));

  // Exceptions (RECURRENCE-ID) belong to the master event with the same UID.
  const masters = new Map<string, number>();
  for (const index of kept) {
    const ev = vevents[index]!;
    const uid = ev.getFirstPropertyValue('uid');
    if (!ev.hasProperty('recurrence-id') && typeof uid === 'string' && !masters.has(uid)) masters.set(uid, index);
  }
  const exceptionsOf = new Map<number, Array<{ component: Component; index: number }>>();
  const standalone: number[] = [];
  for (const index of kept) {
    const ev = vevents[index]!;
    const uid = ev.getFirstPropertyValue('uid');
    const masterIndex = typeof uid === 'string' ? masters.get(uid) : undefined;
    const master = masterIndex === undefined ? undefined : vevents[masterIndex];
    if (ev.hasProperty('recurrence-id') && master && (master.hasProperty('rrule') || master.hasProperty('rdate'))) {
      exceptionsOf.set(masterIndex!, [...(exceptionsOf.get(masterIndex!) ?? []), { component: ev, index }]);
    } else {
      standalone.push(index);
    }
  }

  const spans: Span[] = [];
  for (const index of standalone) {
    const ev = vevents[index]!;
    if (isCancelled(ev)) continue;
    try {
      if (ev.hasProperty('rrule') || ev.hasProperty('rdate')) {
        spans.push(...reader.expand(ev, index, exceptionsOf.get(index) ?? [], window));
      } else {
        const span = reader.spanOf(ev, index);
        const inWindow = span && span.start >= window.from && (window.until === undefined || span.start < window.until);
        if (span && inWindow) spans.push(span);
      }
    } catch (err) {
      // Whatever else ical.js cannot make of this event (a VTIMEZONE it refers to that is
      // garbage, say) is still this event's problem, named at its line.
      if (err instanceof InputError) throw err;
      reader.fail(index, '', `${reader.label(ev, index)} cannot be read (${(err as Error).message})`);
    }
  }
  if (reader.issues.length > 0) throw new InputError(reader.allIssues());
  if (spans.length === 0) {
    throw new InputError([
      {
        path: '',
        message: `no shifts: the calendar has no timed events${options.from || options.until ? ' in the chosen period' : ''}`,
      },
    ]);
  }

  spans.sort((a, b) => a.start - b.start || a.end - b.end);
  const doc = {
    version: 1,
    timezone: zone,
    workers: [{ id: workerId }],
    assignments: [
      {
        id: assignmentId,
        workerId,
        kind: options.kind ?? ICS_DEFAULTS.kind,
        contract: options.contract ?? ICS_DEFAULTS.contract,
        ...(options.employer ? { employer: options.employer } : {}),
      },
    ],
    periods: spans.map((s) => ({ assignmentId, start: formatInstant(s.start, zone), end: formatInstant(s.end, zone) })),
    agreements: [],
  };
  // The checks `check` makes of a rota (a period over a month, a span over ten years), here, so
  // that no calendar converts into a rota that check then refuses; named by the event's line.
  const place = (issue: InputIssue): InputIssue => {
    const period = /^periods\[(\d+)\](?:\.(\w+))?/.exec(issue.path);
    if (period) {
      const index = spans[Number(period[1])]!.source;
      const ev = vevents[index]!;
      const field = period[2] === 'start' ? 'DTSTART' : reader.endField(ev);
      const line = source.lineOf(index, field);
      return {
        path: `VEVENT[${index}].${field}`,
        message: `${reader.label(ev, index)}: ${issue.message}`,
        ...(line ? { line } : {}),
      };
    }
    if (issue.path === 'periods') {
      const days = Math.ceil((spans.at(-1)!.end - spans[0]!.start) / DAY_MS);
      const date = (ms: number) => formatInstant(ms, zone).slice(0, 10);
      return {
        path: '',
        message:
          `the shifts span ${days} days (${date(spans[0]!.start)} to ${date(spans.at(-1)!.end)}); one rota file may span at most ` +
          `${MAX_SPAN_DAYS} days (about ten years): choose a shorter period with --from and --until`,
      };
    }
    return issue;
  };
  let rota: Rota;
  try {
    rota = validateRotaDocument(doc);
  } catch (err) {
    throw err instanceof InputError ? new InputError(err.issues.map(place)) : err;
  }
  const refused = timelineIssues(rota);
  if (refused.length > 0) throw new InputError(refused.map(place));
  return rota;
}

/** Reads an .ics file into a Rota; errors carry the file name. */
export async function loadIcsFile(file: string, options: ImportOptions = {}, onNote?: NoteSink): Promise<Rota> {
  return fromFile(file, readFile, (bytes) => parseIcsText(bytes.toString('utf8'), options, onNote));
}
