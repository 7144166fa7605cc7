// POST /v1/evaluate: a rota document in (JSON, or YAML with Content-Type: application/yaml; or a
// CSV or iCalendar export, read as `turnussjekk convert` reads it), the report out. The body is
// parsed here and validated by the route schema (RotaSchema); the handler only calls evaluate().
// The engine's own input checks (DST-gap times, unknown ids, end before start) arrive as
// InputError and leave as the same 400 problem as a schema error.
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { evaluate } from '../../src/engine/evaluate.ts';
import { evaluateByWorker, type WorkerReportCache } from '../../src/engine/workerReports.ts';
import { HeadroomSchema, ReportSchema } from '../../src/report/schema.ts';
import { z } from 'zod';
import { InputError } from '../../src/rota/errors.ts';
import { parseDocumentText } from '../../src/rota/load.ts';
import { RotaSchema } from '../../src/rota/schema.ts';
import type { RuleBook } from '../../src/rules/load.ts';
import { ReportCache } from '../cache.ts';
import { checkSpan } from '../limits.ts';
import { EvaluateQuerySchema, HeadroomQuerySchema, problemResponse } from '../schemas.ts';
import { addImportParsers, CSV_MEDIA_TYPES, ICS_MEDIA_TYPES } from './bodies.ts';

export const YAML_MEDIA_TYPES = ['application/yaml', 'application/x-yaml', 'text/yaml'];

export interface EvaluateRouteOptions {
  ruleBook: RuleBook;
  auth: boolean;
  maxSpanDays: number;
  /** Reports of identical JSON and YAML requests (api/cache.ts); none: every request is evaluated. */
  cache?: ReportCache;
  /** Single workers' reports (engine/workerReports.ts): a turnus posted again with changes evaluates only the workers it changes. */
  workerCache?: WorkerReportCache;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The request's key in the report cache, set when its body is read. */
    reportKey: string | undefined;
    /** The body, kept unparsed while its report is in the cache (in case it is evicted before it is sent). */
    rawText: string | undefined;
    rawMedia: 'json' | 'yaml' | undefined;
  }
}

/** The body of a request the cache will answer (never parsed). */
const CACHED = Symbol('answered from the report cache');

const queryOf = (url: string) => {
  const at = url.indexOf('?');
  return at < 0 ? '' : url.slice(at + 1);
};

export const evaluateRoutes: FastifyPluginAsync<EvaluateRouteOptions> = async (
  scope,
  { ruleBook, auth, maxSpanDays, cache, workerCache },
) => {
  scope.decorateRequest('reportKey', undefined);
  scope.decorateRequest('rawText', undefined);
  scope.decorateRequest('rawMedia', undefined);
  const keep = (
    req: { rawText: string | undefined; rawMedia: 'json' | 'yaml' | undefined },
    text: string,
    media: 'json' | 'yaml',
  ) => {
    req.rawText = text;
    req.rawMedia = media;
    return CACHED;
  };
  // Only POST /v1/evaluate answers from the report cache (the headroom route shares the parsers).
  const keyFor = (req: { url: string }, media: string, body: string) =>
    cache && req.url.split('?')[0]!.endsWith('/evaluate') ? ReportCache.key(media, queryOf(req.url), body) : undefined;
  // Text → plain data with the loader's parser, so a syntax error names line and column the way
  // the CLI does. Both parsers read the body as a string under the app's body limit. Fastify's
  // default parsers are removed first, so text/plain and anything else is a 415.
  scope.removeAllContentTypeParsers();
  scope.addContentTypeParser('application/json', { parseAs: 'string' }, (req, body, done) => {
    try {
      req.reportKey = keyFor(req, 'json', body as string);
      // A body whose report is kept is not parsed at all: preValidation answers it.
      if (req.reportKey && cache!.has(req.reportKey)) return done(null, keep(req, body as string, 'json'));
      done(null, parseDocumentText(body as string, 'json'));
    } catch (err) {
      done(err as Error, undefined);
    }
  });
  scope.addContentTypeParser(YAML_MEDIA_TYPES, { parseAs: 'string' }, (req, body, done) => {
    try {
      req.reportKey = keyFor(req, 'yaml', body as string);
      if (req.reportKey && cache!.has(req.reportKey)) return done(null, keep(req, body as string, 'yaml'));
      done(null, parseDocumentText(body as string, 'yaml'));
    } catch (err) {
      // The loader turns YAML syntax errors into InputError; anything else the YAML library
      // throws on a hostile document (say, nesting past the stack) is still the client's input.
      done(
        err instanceof InputError
          ? err
          : new InputError([
              { path: '', message: `not valid YAML: the document cannot be read (${(err as Error).name})` },
            ]),
        undefined,
      );
    }
  });
  // CSV and iCalendar with the importers' defaults (POST /v1/rota takes their options).
  addImportParsers(scope);

  scope.withTypeProvider<ZodTypeProvider>().route({
    method: 'POST',
    url: '/evaluate',
    schema: {
      operationId: 'evaluate',
      tags: ['evaluate'],
      summary: 'Evaluate a rota against the rule book',
      description:
        'Takes a rota document (rota file v1) as JSON, or as YAML with `Content-Type: application/yaml`, and returns the report. ' +
        'A CSV export (`text/csv`, one period per row) or an iCalendar file (`text/calendar`) is read as `turnussjekk convert` reads it ' +
        '(docs/import-formats.md); its problems name the row and column (`row 5.start`) or the event. ' +
        'Invalid input is answered with 400 and an RFC 9457 problem document whose `errors` names every bad field by its path. ' +
        'A rota whose periods span more calendar days than the server allows (default 731) is refused the same way.',
      consumes: ['application/json', ...YAML_MEDIA_TYPES, ...CSV_MEDIA_TYPES, ...ICS_MEDIA_TYPES],
      querystring: EvaluateQuerySchema,
      body: RotaSchema,
      ...(auth ? { security: [{ bearerAuth: [] }] } : {}),
      response: {
        200: ReportSchema.describe('The report (report v1)'),
        400: problemResponse('Invalid rota document or query: every bad field is listed in `errors`'),
        ...(auth ? { 401: problemResponse('Missing or invalid bearer token') } : {}),
        413: problemResponse('Request body larger than the configured limit'),
        415: problemResponse('Content-Type is not JSON, YAML, CSV or iCalendar'),
        500: problemResponse('Unexpected server error (no details are disclosed)'),
      },
    },
    // A request seen before is answered from the cache before validation: its body was valid then
    // (only 200 responses are kept) and nothing else decides the report.
    preValidation: async (request, reply) => {
      const hit = cache && request.reportKey ? cache.get(request.reportKey) : undefined;
      if (hit !== undefined) {
        request.reportKey = undefined;
        return reply.header('x-turnussjekk-cache', 'hit').type('application/json; charset=utf-8').send(hit);
      }
      // Evicted between reading the body and now (another request filled the cache): read it after all.
      if ((request.body as unknown) === CACHED)
        request.body = parseDocumentText(request.rawText!, request.rawMedia!) as never;
    },
    onSend: async (request, reply, payload) => {
      if (cache && request.reportKey && reply.statusCode === 200 && typeof payload === 'string') {
        const bytes = Buffer.from(payload);
        cache.set(request.reportKey, bytes);
        reply.header('x-turnussjekk-cache', 'miss');
        return bytes;
      }
      return payload;
    },
    handler: async (request) => {
      checkSpan(request.body, maxSpanDays);
      const { asOf } = request.query;
      const options = { ruleBook, ...(asOf ? { asOf } : {}) };
      return workerCache ? evaluateByWorker(request.body, options, workerCache) : evaluate(request.body, options);
    },
  });

  scope.withTypeProvider<ZodTypeProvider>().route({
    method: 'POST',
    url: '/headroom',
    schema: {
      operationId: 'headroom',
      tags: ['evaluate'],
      summary: 'How much is left before each limit',
      description:
        'Takes a rota document as `POST /v1/evaluate` does and returns, per worker and limit, how much is left in the tightest window of the plan ' +
        "(the report's `headroom`): what HR checks before publishing a turnus or offering an extra shift. `left` is negative where a limit is broken.",
      consumes: ['application/json', ...YAML_MEDIA_TYPES, ...CSV_MEDIA_TYPES, ...ICS_MEDIA_TYPES],
      querystring: HeadroomQuerySchema,
      body: RotaSchema,
      ...(auth ? { security: [{ bearerAuth: [] }] } : {}),
      response: {
        200: z
          .object({ headroom: z.array(HeadroomSchema) })
          .describe('Per worker and limit: what is left in the tightest window'),
        400: problemResponse(
          'Invalid rota document or query (an unknown worker included): every bad field is listed in `errors`',
        ),
        ...(auth ? { 401: problemResponse('Missing or invalid bearer token') } : {}),
        413: problemResponse('Request body larger than the configured limit'),
        415: problemResponse('Content-Type is not JSON, YAML, CSV or iCalendar'),
        500: problemResponse('Unexpected server error (no details are disclosed)'),
      },
    },
    handler: async (request) => {
      checkSpan(request.body, maxSpanDays);
      const { asOf, worker } = request.query;
      if (worker !== undefined && !request.body.workers.some((w) => w.id === worker)) {
        throw Object.assign(new InputError([{ path: 'worker', message: `"${worker}" is not a worker of the rota` }]), {
          validationContext: 'querystring',
        });
      }
      const options = { ruleBook, conversions: false, variants: false, ...(asOf ? { asOf } : {}) };
      const report = workerCache
        ? await evaluateByWorker(request.body, options, workerCache)
        : await evaluate(request.body, options);
      return { headroom: report.headroom.filter((h) => worker === undefined || h.workerId === worker) };
    },
  });
};
