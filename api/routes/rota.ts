// Two routes that let the web page draw a rota without doing any time arithmetic of its own:
//
// POST /v1/rota reads a rota in any supported format (JSON, YAML, CSV, iCalendar; the last two
// with the import options of `turnussjekk convert` in the query string) and answers it as a
// validated rota document in JSON, which the page edits (agreements) and sends to /v1/evaluate,
// together with each period's start and end as ISO 8601 with the zone's offset. The rota passes
// through the same timeline stage as evaluate(), so DST-gap times and unknown ids are refused here
// with the same paths.
//
// GET /v1/calendar answers the frames and windows of a date range in a zone: day and week frames
// (the plan's døgnskille and week start), the night windows of AML § 10-11 (hours from the rule
// book), the Sunday and holiday windows of § 10-10 (Norwegian calendar, with the holidays' names)
// and every UTC offset change (DST).
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { DateTime } from 'luxon';
import { z } from 'zod';
import { sundayWindows } from '../../src/calendar/holidays.ts';
import { datedNightWindows, nightHourSeries } from '../../src/engine/planCalendar.ts';
import type { ImportOptions } from '../../src/import/index.ts';
import { InputError, formatPath } from '../../src/rota/errors.ts';
import { ASSIGNMENT_KINDS, CONTRACT_TYPES, RotaSchema, WEEKDAYS } from '../../src/rota/schema.ts';
import { valueAt } from '../../src/rules/limits.ts';
import type { RuleBook } from '../../src/rules/load.ts';
import { dayFrames, weekFrames, type FrameAnchor } from '../../src/time/frames.ts';
import { formatInstant, hours, isValidZone, startOfLocalDate } from '../../src/time/instant.ts';
import { offsetMinutes } from '../../src/time/zone.ts';
import { buildTimeline } from '../../src/timeline/build.ts';
import { checkSpan } from '../limits.ts';
import { IsoDateParam, queryMessage, problemResponse } from '../schemas.ts';
import { addImportParsers, CSV_MEDIA_TYPES, ICS_MEDIA_TYPES, parseDocumentBody } from './bodies.ts';
import { YAML_MEDIA_TYPES } from './evaluate.ts';
import { PAGE_ROUTE } from './page.ts';

const Id = z.string({ error: queryMessage }).min(1).max(200);

export const ImportQuerySchema = z.object({
  worker: Id.optional().describe(
    'CSV: the worker of rows without one; iCalendar: the worker (default X-WR-CALNAME, else w1)',
  ),
  assignment: Id.optional().describe('CSV: the assignment of rows without one; iCalendar: the assignment (default a1)'),
  kind: z
    .enum(ASSIGNMENT_KINDS, { error: queryMessage })
    .optional()
    .describe('CSV: the kind of rows without one; iCalendar: the kind (default employment)'),
  contract: z
    .enum(CONTRACT_TYPES, { error: queryMessage })
    .optional()
    .describe('CSV: the contract of rows without one; iCalendar: the contract (default arbeidsavtale)'),
  employer: Id.optional(),
  timezone: z
    .string({ error: queryMessage })
    .max(64)
    .refine(isValidZone, 'is not a known IANA time zone (e.g. Europe/Oslo)')
    .optional(),
  from: IsoDateParam.optional().describe('iCalendar: only shifts starting on or after this date'),
  until: IsoDateParam.optional().describe('iCalendar: only shifts starting on or before this date'),
});

const ResolvedPeriodSchema = z.object({
  index: z.number().int().describe('Index in rota.periods'),
  assignmentId: z.string(),
  workerId: z.string(),
  start: z.string().describe('ISO 8601 with the offset in force'),
  end: z.string(),
  hours: z.number(),
  passiveHours: z.number(),
});

export const RotaResponseSchema = z.object({
  rota: z.record(z.string(), z.unknown()).describe('The validated rota document (rota file v1), defaults filled in'),
  periods: z.array(ResolvedPeriodSchema),
});

const Window = z.object({ start: z.string(), end: z.string() });

export const CalendarQuerySchema = z.object({
  from: IsoDateParam.describe('First local date (YYYY-MM-DD)'),
  to: IsoDateParam.describe('Last local date (YYYY-MM-DD), inclusive'),
  timezone: z
    .string({ error: queryMessage })
    .max(64)
    .refine(isValidZone, 'is not a known IANA time zone (e.g. Europe/Oslo)')
    .default('Europe/Oslo'),
  dayStart: z
    .string({ error: queryMessage })
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time of day HH:MM')
    .default('00:00'),
  weekStart: z.enum(WEEKDAYS, { error: queryMessage }).default('monday'),
});

export const CalendarSchema = z.object({
  timezone: z.string(),
  start: z.string(),
  end: z.string(),
  days: z.array(Window.extend({ date: z.string() })).describe('Day frames (døgn) from the døgnskille'),
  weeks: z
    .array(Window.extend({ isoWeek: z.number().int(), weekYear: z.number().int() }))
    .describe('Week frames from the week start'),
  nights: z.array(Window).describe('Night windows, AML § 10-11 (1)'),
  nightHours: z
    .object({ start: z.number(), end: z.number() })
    .optional()
    .describe('The night hours in force on `from` (AML § 10-11); absent when the rule book has none'),
  sundays: z
    .array(Window.extend({ dates: z.array(z.string()), names: z.array(z.object({ nb: z.string(), en: z.string() })) }))
    .describe('Sunday and holiday windows, AML § 10-10, with the days they protect'),
  offsetChanges: z
    .array(z.object({ at: z.string(), before: z.string(), after: z.string() }))
    .describe('UTC offset changes (summer time)'),
});

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
/** Days a calendar may span beyond the server's rota limit: finding windows reach past the plan. */
const CALENDAR_SLACK_DAYS = 400;

function offsetText(minutes: number): string {
  const abs = Math.abs(minutes);
  return `${minutes < 0 ? '-' : '+'}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/** Every instant in [from, to) where the zone's offset changes, to the minute. */
export function offsetChanges(
  zone: string,
  from: number,
  to: number,
): Array<{ at: number; before: number; after: number }> {
  const out: Array<{ at: number; before: number; after: number }> = [];
  for (let t = from; t < to; t += DAY_MS) {
    const next = Math.min(t + DAY_MS, to);
    const before = offsetMinutes(zone, t);
    if (offsetMinutes(zone, next) === before) continue;
    let lo = t;
    let hi = next; // offset(lo) === before, offset(hi) !== before
    while (hi - lo > 60_000) {
      const mid = lo + Math.max(1, Math.floor((hi - lo) / 120_000)) * 60_000;
      if (offsetMinutes(zone, mid) === before) lo = mid;
      else hi = mid;
    }
    out.push({ at: hi, before, after: offsetMinutes(zone, hi) });
  }
  return out;
}

function importOptionsOf(request: FastifyRequest): ImportOptions {
  const parsed = ImportQuerySchema.safeParse(request.query ?? {});
  if (parsed.success) return parsed.data;
  const err = new InputError(parsed.error.issues.map((i) => ({ path: formatPath(i.path), message: i.message })));
  // Named as query parameters in the problem document, like any other query error.
  throw Object.assign(err, { validationContext: 'querystring' });
}

export interface RotaRouteOptions {
  ruleBook: RuleBook;
  auth: boolean;
  maxSpanDays: number;
}

export const rotaRoutes: FastifyPluginAsync<RotaRouteOptions> = async (scope, { ruleBook, auth, maxSpanDays }) => {
  const security = auth ? { security: [{ bearerAuth: [] }] } : {};
  const unauthorized = auth ? { 401: problemResponse('Missing or invalid bearer token') } : {};

  scope.removeAllContentTypeParsers();
  const documentParser =
    (format: 'json' | 'yaml') =>
    (_req: unknown, body: string | Buffer, done: (err: Error | null, body?: unknown) => void) => {
      try {
        done(null, parseDocumentBody(body as string, format));
      } catch (err) {
        done(err as Error);
      }
    };
  scope.addContentTypeParser('application/json', { parseAs: 'string' }, documentParser('json'));
  scope.addContentTypeParser(YAML_MEDIA_TYPES, { parseAs: 'string' }, documentParser('yaml'));
  addImportParsers(scope, importOptionsOf);

  const api = scope.withTypeProvider<ZodTypeProvider>();

  api.post(
    '/rota',
    {
      schema: {
        ...PAGE_ROUTE,
        operationId: 'readRota',
        summary: 'Read a rota in any supported format; answer it as JSON with each period’s instants',
        description:
          'Takes a rota as `POST /v1/evaluate` does (JSON, YAML, a CSV export or an iCalendar file; the query string gives the CSV and ' +
          'iCalendar import options of `turnussjekk convert`) and answers it as a validated rota document in JSON, defaults filled in, ' +
          'with each period’s start and end as ISO 8601 with the offset in force. DST-gap times and unknown ids are refused with the paths evaluate uses.',
        consumes: ['application/json', ...YAML_MEDIA_TYPES, ...CSV_MEDIA_TYPES, ...ICS_MEDIA_TYPES],
        querystring: ImportQuerySchema,
        body: RotaSchema,
        ...security,
        response: {
          200: RotaResponseSchema,
          400: problemResponse(
            'Invalid rota, CSV row, calendar event or import option: every one is listed in `errors`',
          ),
          413: problemResponse('Request body larger than the configured limit'),
          415: problemResponse('Content-Type is not JSON, YAML, CSV or iCalendar'),
          ...unauthorized,
        },
      },
    },
    async (request) => {
      const rota = request.body;
      checkSpan(rota, maxSpanDays);
      const timeline = buildTimeline(rota);
      const periods = timeline.intervals
        .map((iv) => ({
          index: iv.periodIndex,
          assignmentId: iv.assignmentId,
          workerId: iv.workerId,
          start: formatInstant(iv.start, timeline.zone),
          end: formatInstant(iv.end, timeline.zone),
          hours: Math.round(hours(iv.end - iv.start) * 100) / 100,
          passiveHours: Math.round(hours(iv.passiveMs) * 100) / 100,
        }))
        .sort((a, b) => a.index - b.index);
      return { rota: rota as unknown as Record<string, unknown>, periods };
    },
  );

  api.get(
    '/calendar',
    {
      schema: {
        ...PAGE_ROUTE,
        operationId: 'calendar',
        summary: 'Day and week frames, night and Sunday/holiday windows and offset changes of a date range',
        description:
          'The frames and windows of the dates `from` to `to` in a zone, so a client draws a rota without time arithmetic of its own: ' +
          'day and week frames (døgnskille and week start), night windows (AML § 10-11), Sunday and holiday windows with the holidays’ names ' +
          '(AML § 10-10) and every UTC offset change (summer time).',
        querystring: CalendarQuerySchema,
        ...security,
        response: {
          200: CalendarSchema,
          400: problemResponse('Invalid dates, zone or frame settings'),
          ...unauthorized,
        },
      },
    },
    async (request) => {
      const { from, to, timezone: zone, dayStart, weekStart } = request.query;
      const span = Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
      if (span < 0)
        throw Object.assign(new InputError([{ path: 'to', message: `must not be before from (${from})` }]), {
          validationContext: 'querystring',
        });
      if (maxSpanDays > 0 && span > maxSpanDays + CALENDAR_SLACK_DAYS) {
        throw Object.assign(
          new InputError([
            { path: 'to', message: `the range spans ${span} days, more than ${maxSpanDays + CALENDAR_SLACK_DAYS}` },
          ]),
          {
            validationContext: 'querystring',
          },
        );
      }
      const [h, m] = dayStart.split(':').map(Number) as [number, number];
      const anchor: FrameAnchor = {
        zone,
        dayStartMinutes: h * 60 + m,
        weekStartWeekday: WEEKDAYS.indexOf(weekStart) + 1,
      };
      const start = startOfLocalDate(from, zone);
      const end = startOfLocalDate(DateTime.fromISO(to, { zone: 'UTC' }).plus({ days: 1 }).toISODate()!, zone);
      const fmt = (ms: number) => formatInstant(ms, zone);
      const window = (w: { start: number; end: number }) => ({ start: fmt(w.start), end: fmt(w.end) });

      const days = dayFrames(start, end, anchor).map((d) => ({
        ...window(d),
        date: DateTime.fromMillis(d.start, { zone }).toISODate()!,
      }));
      const weeks = weekFrames(start, end, anchor).map((w) => {
        const local = DateTime.fromMillis(w.start, { zone });
        return { ...window(w), isoWeek: local.weekNumber, weekYear: local.weekYear };
      });
      // Nights start on calendar days (midnight to midnight), including the evening before `from`.
      const midnight = { ...anchor, dayStartMinutes: 0 };
      // The hours in force on each night's date; the ones on `from` are reported as the range's.
      const nightSeries = nightHourSeries(ruleBook, zone);
      const nights = (nightSeries ? datedNightWindows(dayFrames(start - DAY_MS, end, midnight), zone, nightSeries) : [])
        .filter((n) => n.end > start && n.start < end)
        .map(window);
      const nightStart = nightSeries && valueAt(nightSeries.start, start);
      const nightEnd = nightSeries && valueAt(nightSeries.end, start);
      const night =
        nightStart !== undefined && nightEnd !== undefined ? { nightHours: { start: nightStart, end: nightEnd } } : {};
      const sundays = sundayWindows(start, end, zone).map((w) => {
        const names = new Map<string, { nb: string; en: string }>();
        for (const d of w.days) for (const n of d.names) names.set(n.nb, n);
        return { ...window(w), dates: w.days.map((d) => d.date), names: [...names.values()] };
      });
      const changes = offsetChanges(zone, start - HOUR_MS, end).map((c) => ({
        at: fmt(c.at),
        before: offsetText(c.before),
        after: offsetText(c.after),
      }));
      return {
        timezone: zone,
        start: fmt(start),
        end: fmt(end),
        days,
        weeks,
        nights,
        ...night,
        sundays,
        offsetChanges: changes,
      };
    },
  );
};
