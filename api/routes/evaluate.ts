// POST /v1/evaluate: a rota document in (JSON, or YAML with Content-Type: application/yaml; or a
// CSV or iCalendar export, read as `turnussjekk convert` reads it), the report out. The body is
// parsed here and validated by the route schema (RotaSchema); the handler only calls evaluate().
// The engine's own input checks (DST-gap times, unknown ids, end before start) arrive as
// InputError and leave as the same 400 problem as a schema error.
import type { FastifyPluginAsync, FastifyReply, FastifyRequest, FastifySchemaCompiler } from 'fastify';
import type { FastifyRouteSchemaDef } from 'fastify/types/schema.js';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { HeadroomSchema, ReportSchema } from '../../src/report/schema.ts';
import { InputError } from '../../src/rota/errors.ts';
import { RotaSchema } from '../../src/rota/schema.ts';
import type { RuleBook } from '../../src/rules/load.ts';
import { validatorCompiler } from '../compilers.ts';
import { DigestStore } from '../delta.ts';
import { type EvaluateJob, type JobAnswer, type RawBody, runJob } from '../evaluateJob.ts';
import reportCaches, { type ReportCachesOptions } from '../plugins/reportCaches.ts';
import { type EvaluatePool, QueueFullError, type RebuildSteps } from '../pool.ts';
import { pathOf, problem, sendProblem } from '../problem.ts';
import { CHECKPOINT_AFTER, type RecipeStore } from '../recipes.ts';
import { RotaStates } from '../rotaStates.ts';
import { RotaPatchSchema } from '../../src/rota/patch.ts';
import { EvaluateQuerySchema, HeadroomQuerySchema, problemResponse, queryMessage } from '../schemas.ts';
import { CSV_MEDIA_TYPES, ICS_MEDIA_TYPES } from './bodies.ts';

export const YAML_MEDIA_TYPES = ['application/yaml', 'application/x-yaml', 'text/yaml'];

export interface EvaluateRouteOptions {
  ruleBook: RuleBook;
  auth: boolean;
  maxSpanDays: number;
  /** The report caches' sizes, or caches of the caller's own (api/plugins/reportCaches.ts). */
  caches: Omit<ReportCachesOptions, 'ruleBook' | 'cacheable' | 'onHit'>;
  /** Threads that evaluate (api/pool.ts); none: evaluated on the event loop with ruleBook and workerCache. */
  pool?: EvaluatePool;
  /** The workers' digests of reports answered (api/delta.ts): ETag and `changedSince`; none: neither. */
  digests?: DigestStore;
  /** What each ETag stands for (api/recipes.ts), for saves on it; none (or no digests): no saves. */
  recipes?: RecipeStore;
}

/**
 * The body goes to the evaluation thread as it arrived, unread: reading and validating a large rota
 * is work too, and it happens there (api/evaluateJob.ts, with the loader's own messages). The route
 * keeps RotaSchema as its body schema, for the OpenAPI document; query and path are validated here.
 */
function bodyOnThread<T>(route: FastifyRouteSchemaDef<T>): ReturnType<FastifySchemaCompiler<T>> {
  const validate = validatorCompiler(route as unknown as FastifyRouteSchemaDef<z.ZodType>);
  if (route.httpPart !== 'body') return validate;
  // No body at all (no content type) never reached a parser: the rota schema names it as missing.
  return (data: unknown) => (data !== undefined && data !== null ? { value: data } : validate(data));
}

const EvaluateRouteQuerySchema = EvaluateQuerySchema.extend({
  changedSince: z
    .string({ error: queryMessage })
    .min(1)
    .max(200)
    .optional()
    .describe(
      'The ETag of a report this client holds (from an earlier answer): answer only the workers whose part of the report differs from it. ' +
        'The answer then carries `X-Turnussjekk-Changed-Since` with that ETag; without the header it is the whole report (an ETag this server no longer holds).',
    ),
});

const SaveQuerySchema = z.object({
  base: z
    .string({ error: queryMessage })
    .min(1)
    .max(200)
    .describe(
      'The ETag of the rota the save is on: one this server answered for `POST /v1/evaluate` or for an earlier save (quoted or not)',
    ),
});

export const evaluateRoutes: FastifyPluginAsync<EvaluateRouteOptions> = async (
  scope,
  { ruleBook, auth, maxSpanDays, caches, pool, digests, recipes },
) => {
  const etagOf = (raw: RawBody, asOf: unknown) =>
    DigestStore.etag(raw.format, typeof asOf === 'string' ? asOf : undefined, raw.text ?? raw.bytes!);
  await scope.register(reportCaches, {
    ...caches,
    ruleBook,
    // Only POST /v1/evaluate answers from the report cache (the headroom route shares the parsers),
    // and not a request for what changed.
    cacheable: (path, query) => path.endsWith('/evaluate') && !query.includes('changedSince='),
    ...(digests
      ? {
          onHit: (request: FastifyRequest, reply: FastifyReply) =>
            reply.header(
              'etag',
              etagOf(request.body as unknown as RawBody, (request.query as { asOf?: unknown }).asOf),
            ),
        }
      : {}),
  });
  const workerCache = scope.reportCaches.workers;
  // On the event loop (no pool), the rotas held for saves are kept here, as each thread keeps its own.
  const states = !pool && workerCache ? new RotaStates(workerCache.maxBytes / 2) : undefined;
  const saves = digests && recipes ? recipes : undefined;
  const run = (job: EvaluateJob, steps?: RebuildSteps): Promise<JobAnswer> =>
    pool
      ? pool.run(job, steps)
      : runJob(job, { ruleBook, ...(workerCache ? { workerCache } : {}), ...(states ? { states } : {}) });

  // Every body is kept as it arrived (bodyOnThread). Fastify's default parsers are removed first,
  // so text/plain and anything else is a 415.
  scope.removeAllContentTypeParsers();
  scope.addContentTypeParser('application/json', { parseAs: 'string' }, (req, body, done) => {
    scope.reportCaches.keep(req, 'json', body as string);
    done(null, { format: 'json', text: body as string } satisfies RawBody);
  });
  scope.addContentTypeParser(YAML_MEDIA_TYPES, { parseAs: 'string' }, (req, body, done) => {
    scope.reportCaches.keep(req, 'yaml', body as string);
    done(null, { format: 'yaml', text: body as string } satisfies RawBody);
  });
  // CSV is read as bytes: Norwegian Excel writes Windows-1252 or UTF-16, which the thread detects.
  // Both are read with the importers' defaults (POST /v1/rota takes their options).
  scope.addContentTypeParser(CSV_MEDIA_TYPES, { parseAs: 'buffer' }, (_req, body, done) => {
    done(null, { format: 'csv', bytes: body as Buffer } satisfies RawBody);
  });
  scope.addContentTypeParser(ICS_MEDIA_TYPES, { parseAs: 'string' }, (_req, body, done) => {
    done(null, { format: 'ics', text: body as string } satisfies RawBody);
  });

  /** The job's answer as the reply: its bytes, or its error thrown for the error handler. */
  const answer = async (
    request: FastifyRequest,
    reply: FastifyReply,
    job: EvaluateJob | (() => Promise<JobAnswer>),
    onDone?: (result: JobAnswer) => void,
  ): Promise<Buffer | FastifyReply> => {
    let result: JobAnswer;
    try {
      result = await (typeof job === 'function' ? job() : run(job));
    } catch (err) {
      if (!(err instanceof QueueFullError)) throw err;
      reply.header('retry-after', String(err.retryAfterSeconds));
      return sendProblem(
        reply,
        problem(
          'service-unavailable',
          'every evaluation thread is busy and the queue of waiting requests is full; try again after the seconds in Retry-After',
          [],
          pathOf(request.url),
        ),
      );
    }
    if (result.input) {
      const err = new InputError(result.input.issues);
      throw result.input.context ? Object.assign(err, { validationContext: result.input.context }) : err;
    }
    if (result.error) {
      const { name, message, stack } = result.error;
      throw Object.assign(new Error(message), { name, ...(stack ? { stack } : {}) });
    }
    onDone?.(result);
    if (result.delta) scope.reportCaches.forget(request);
    reply.type('application/json; charset=utf-8');
    const json = result.json!;
    return Buffer.from(json.buffer, json.byteOffset, json.byteLength);
  };

  // What both routes that take a rota body answer besides 200 and 400.
  const rotaBodyProblems = {
    ...(auth ? { 401: problemResponse('Missing or invalid bearer token') } : {}),
    413: problemResponse('Request body larger than the configured limit'),
    415: problemResponse('Content-Type is not JSON, YAML, CSV or iCalendar'),
    500: problemResponse('Unexpected server error (no details are disclosed)'),
    503: problemResponse(
      'Every evaluation thread is busy and the queue of waiting requests is full (or the server is shutting down): try again after the seconds in `Retry-After`',
    ),
  };

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
        'A rota whose periods span more calendar days than the server allows (default 731) is refused the same way. ' +
        'With the workers’ report cache on (the default), the answer carries an `ETag`; a client that saves often may send it back as ' +
        '`changedSince` and is answered with only the workers whose part of the report differs: every per-worker list (findings, incidents, ' +
        'headroom, conversions, ledger, profiles, `summary.perWorker`) holds only those workers, incidents index the findings given, and ' +
        'the summary’s totals and the readings are the whole report’s. Such an answer carries `X-Turnussjekk-Changed-Since`.',
      consumes: ['application/json', ...YAML_MEDIA_TYPES, ...CSV_MEDIA_TYPES, ...ICS_MEDIA_TYPES],
      querystring: EvaluateRouteQuerySchema,
      body: RotaSchema,
      ...(auth ? { security: [{ bearerAuth: [] }] } : {}),
      response: {
        200: ReportSchema.describe('The report (report v1)'),
        400: problemResponse('Invalid rota document or query: every bad field is listed in `errors`'),
        ...rotaBodyProblems,
      },
    },
    validatorCompiler: bodyOnThread,
    handler: async (request, reply) => {
      const raw = request.body as unknown as RawBody;
      const { asOf, changedSince } = request.query;
      const since = changedSince !== undefined ? DigestStore.normalize(changedSince) : undefined;
      const base = since !== undefined ? digests?.get(since) : undefined;
      const job: EvaluateJob = {
        route: 'evaluate',
        body: raw,
        maxSpanDays,
        ...(asOf ? { asOf } : {}),
        ...(base ? { base } : {}),
      };
      const result = await answer(request, reply, job, (done) => {
        if (digests && done.digests) {
          const etag = etagOf(raw, asOf);
          digests.set(etag, done.digests);
          saves?.keep({ etag, ...(asOf ? { asOf } : {}), body: raw });
          reply.header('etag', etag);
        }
        if (done.delta) reply.header('x-turnussjekk-changed-since', since!);
      });
      return result;
    },
  });

  scope.withTypeProvider<ZodTypeProvider>().route({
    method: 'POST',
    url: '/evaluate/changes',
    schema: {
      operationId: 'evaluateSave',
      tags: ['evaluate'],
      summary: 'Save some workers of a rota the server holds, and evaluate what changed',
      description:
        'For a client that saves often: instead of the whole rota, it sends the parts of some workers (each worker with all their assignments, periods and agreements) ' +
        'in place of theirs in the rota held under `base` (an ETag this server answered). The saved workers replace those with the same ids where they stand, new ones are added after the others; ' +
        'in each list the saved items take the places of the workers’ items in order, any more follow the last of them (or end the list). ' +
        'The answer is what `POST /v1/evaluate?changedSince=<base>` answers for the rota the save makes: only the workers whose part of the report differs, with the summary’s totals and the readings of the whole report. ' +
        'It carries the new rota’s `ETag` (the base of the next save) and `X-Turnussjekk-Changed-Since`. Errors name the save’s own fields. ' +
        'Saves may be made on saves without end. An ETag this server does not hold (its rota evicted, or answered by another instance) ' +
        'is answered 412: post the whole rota again. A rota with variants or a cycle is evaluated whole and has no ETag to save on.',
      consumes: ['application/json', ...YAML_MEDIA_TYPES],
      querystring: SaveQuerySchema,
      body: RotaPatchSchema,
      ...(auth ? { security: [{ bearerAuth: [] }] } : {}),
      response: {
        200: ReportSchema.describe('The report of the rota the save makes, holding only the workers that changed'),
        400: problemResponse(
          'Invalid save or query: every bad field of the save is listed in `errors` by its path in the save',
        ),
        412: problemResponse('The rota named by `base` is not held here: post the whole rota to `/v1/evaluate` again'),
        ...rotaBodyProblems,
        415: problemResponse('Content-Type is not JSON or YAML'),
      },
    },
    validatorCompiler: bodyOnThread,
    handler: async (request, reply) => {
      const raw = request.body as unknown as RawBody;
      if (raw.format !== 'json' && raw.format !== 'yaml')
        return sendProblem(reply, problem('unsupported-media-type', 'a save is JSON or YAML', [], pathOf(request.url)));
      const base = DigestStore.normalize(request.query.base);
      const chain = saves?.chain(base);
      if (!saves || !chain)
        return sendProblem(
          reply,
          problem(
            'base-not-held',
            saves
              ? `no rota is held here under ${base} (evicted, or answered by another instance): post the whole rota to /v1/evaluate and save on the ETag it answers`
              : 'this server holds no rotas for saves (the workers’ report cache is off): post the whole rota to /v1/evaluate',
            [],
            pathOf(request.url),
          ),
        );
      // The held rota's ETag stands where a whole post has its asOf: the save names its rota by both.
      const etag = DigestStore.etag(`save:${raw.format}`, base, raw.text!);
      const job: EvaluateJob = {
        route: 'save',
        body: raw,
        maxSpanDays,
        held: base,
        etag,
        ...(chain.length > CHECKPOINT_AFTER ? { checkpoint: true } : {}),
      };
      let rebuilt = false;
      const onDone = (done: JobAnswer) => {
        digests!.set(etag, done.digests!);
        const start = chain[0]!;
        const asOf = 'body' in start ? start.asOf : undefined;
        saves.keep(
          done.checkpoint !== undefined
            ? { etag, ...(asOf ? { asOf } : {}), body: { format: 'json', text: done.checkpoint } }
            : { etag, base, save: raw },
          done.thread,
        );
        // It holds the base now, and, when it rebuilt it, every rota of the chain on the way.
        for (const recipe of rebuilt ? chain : chain.slice(-1)) saves.heldBy(recipe.etag, done.thread);
        reply.header('etag', etag);
        reply.header('x-turnussjekk-changed-since', base);
      };
      // To a thread that holds the base, or one that rebuilds it in a few saves; one that does not
      // hold it says so, and is sent the chain to rebuild it.
      const runSave = async () => {
        const first = await run(job, (thread) => saves.rebuildSteps(base, thread));
        if (!first.notHeld) return first;
        rebuilt = true;
        return run({ ...job, chain });
      };
      return answer(request, reply, runSave, onDone);
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
        ...rotaBodyProblems,
      },
    },
    validatorCompiler: bodyOnThread,
    handler: async (request, reply) => {
      const { asOf, worker } = request.query;
      const job: EvaluateJob = {
        route: 'headroom',
        body: request.body as unknown as RawBody,
        maxSpanDays,
        ...(asOf ? { asOf } : {}),
        ...(worker !== undefined ? { worker } : {}),
      };
      return answer(request, reply, job);
    },
  });
};
