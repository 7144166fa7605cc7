// Two routes that let the web page draw a rota without time arithmetic of its own; they translate
// HTTP to the calendar views of src/calendar/:
// POST /v1/rota reads a rota in any supported format (JSON, YAML, CSV, iCalendar; the last two with
// the import options of `turnussjekk convert` in the query string) and answers the validated rota
// document with each period's instants (periodInstants.ts), which the page edits and sends to
// /v1/evaluate. GET /v1/calendar answers a date range's frames and windows (pageCalendar.ts).
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { pageCalendar, spanDays } from '../../src/calendar/pageCalendar.ts';
import { periodInstants } from '../../src/calendar/periodInstants.ts';
import type { ImportOptions } from '../../src/import/index.ts';
import { InputError, formatPath } from '../../src/rota/errors.ts';
import { ASSIGNMENT_KINDS, CONTRACT_TYPES, RotaSchema, WEEKDAYS } from '../../src/rota/schema.ts';
import type { RuleBook } from '../../src/rules/load.ts';
import { isValidZone } from '../../src/time/instant.ts';
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

/** Days a calendar may span beyond the server's rota limit: finding windows reach past the plan. */
const CALENDAR_SLACK_DAYS = 400;

/** A query problem, named as a query parameter in the problem document like any other. */
const queryError = (path: string, message: string) =>
  Object.assign(new InputError([{ path, message }]), { validationContext: 'querystring' });

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
      const periods = periodInstants(rota);
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
      const span = spanDays(from, to);
      if (span < 0) throw queryError('to', `must not be before from (${from})`);
      if (maxSpanDays > 0 && span > maxSpanDays + CALENDAR_SLACK_DAYS)
        throw queryError('to', `the range spans ${span} days, more than ${maxSpanDays + CALENDAR_SLACK_DAYS}`);
      return pageCalendar(ruleBook, { from, to, zone, dayStart, weekStart });
    },
  );
};
