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
}

class IcsReader {
  readonly issues: InputIssue[] = [];

  constructor(private readonly zone: string) {}

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

  fail(index: number, field: string, message: string): undefined {
    this.issues.push({ path: `VEVENT[${index}]${field ? `.${field}` : ''}`, message });
    return undefined;
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
    return this.checked({ start, end }, vevent, index);
  }

  checked(span: Span, vevent: Component, index: number): Span | undefined {
    if (span.end <= span.start) {
      return this.fail(
        index,
        'DTEND',
        `${this.label(vevent, index)} starting ${formatInstant(span.start, this.zone)} does not end after it starts (${formatInstant(span.end, this.zone)})`,
      );
    }
    return span;
  }

  /** Every occurrence of a recurring VEVENT within [from, until). */
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
    const rules = master.getAllProperties('rrule').map((p) => p.getFirstValue() as InstanceType<typeof ICAL.Recur>);
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
                  { start: this.instant(details.startDate), end: this.instant(details.endDate) },
                  exception,
                  exIndex,
                );
        } else {
          span = this.checked({ start: this.instant(next), end: endOf(next) }, master, index);
        }
        if (!span || span.start < window.from || span.start >= horizon) continue;
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

function parseCalendars(text: string): Component[] {
  let jcal: unknown;
  try {
    jcal = ICAL.parse(text.startsWith('\uFEFF') ? text.slice(1) : text);
  } catch (err) {
    throw new InputError([{ path: '', message: `not valid iCalendar: ${(err as Error).message}` }]);
  }
  const roots = Array.isArray(jcal) && typeof jcal[0] === 'string' ? [jcal] : Array.isArray(jcal) ? jcal : [];
  const calendars = roots.map((j) => new ICAL.Component(j as unknown[]));
  if (calendars.length === 0 || calendars.some((c) => c.name !== 'vcalendar')) {
    throw new InputError([{ path: '', message: 'not an iCalendar file: expected BEGIN:VCALENDAR … END:VCALENDAR' }]);
  }
  return calendars;
}

/** iCalendar text to a validated Rota of one worker's shifts. */
export function parseIcsText(text: string, options: ImportOptions = {}): Rota {
  assertOptions(options);
  const calendars = parseCalendars(text);
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
        issues.push({
          path: `VEVENT[${index}].${prop.name.toUpperCase()}`,
          message: `unknown time zone TZID=${tzid}: it is not an IANA name (like Europe/Oslo) and the file has no VTIMEZONE for it`,
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

  const reader = new IcsReader(zone);
  // Exceptions (RECURRENCE-ID) belong to the master event with the same UID.
  const masters = new Map<string, number>();
  vevents.forEach((ev, index) => {
    const uid = ev.getFirstPropertyValue('uid');
    if (!ev.hasProperty('recurrence-id') && typeof uid === 'string' && !masters.has(uid)) masters.set(uid, index);
  });
  const exceptionsOf = new Map<number, Array<{ component: Component; index: number }>>();
  const standalone: number[] = [];
  vevents.forEach((ev, index) => {
    const uid = ev.getFirstPropertyValue('uid');
    const masterIndex = typeof uid === 'string' ? masters.get(uid) : undefined;
    const master = masterIndex === undefined ? undefined : vevents[masterIndex];
    if (ev.hasProperty('recurrence-id') && master && (master.hasProperty('rrule') || master.hasProperty('rdate'))) {
      exceptionsOf.set(masterIndex!, [...(exceptionsOf.get(masterIndex!) ?? []), { component: ev, index }]);
    } else {
      standalone.push(index);
    }
  });

  const spans: Span[] = [];
  for (const index of standalone) {
    const ev = vevents[index]!;
    if (isCancelled(ev)) continue;
    if (ev.hasProperty('rrule') || ev.hasProperty('rdate')) {
      spans.push(...reader.expand(ev, index, exceptionsOf.get(index) ?? [], window));
    } else {
      const span = reader.spanOf(ev, index);
      const inWindow = span && span.start >= window.from && (window.until === undefined || span.start < window.until);
      if (span && inWindow) spans.push(span);
    }
  }
  if (reader.issues.length > 0) throw new InputError(reader.issues);
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
  return validateRotaDocument(doc);
}

/** Reads an .ics file into a Rota; errors carry the file name. */
export async function loadIcsFile(file: string, options: ImportOptions = {}): Promise<Rota> {
  return fromFile(file, readFile, (bytes) => parseIcsText(bytes.toString('utf8'), options));
}
