// The HTTP API: a thin, stateless shell over evaluate(). Encapsulated plugins declare their zod
// schemas up front; the same schemas validate requests, type the handlers, check responses and
// write the OpenAPI document. Every error is an RFC 9457 problem document (problem.ts).
import { readFileSync } from 'node:fs';
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import { join } from 'node:path';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { LogController, type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { jsonSchemaTransform, serializerCompiler } from 'fastify-type-provider-zod';
import { listRules } from '../src/rules/catalogue.ts';
import { defaultRuleBook, type RuleBook } from '../src/rules/load.ts';
import { requireBearerToken } from './auth.ts';
import type { WorkerReportCache } from '../src/engine/workerReports.ts';
import type { ReportCache } from './cache.ts';
import { DigestStore } from './delta.ts';
import { RecipeStore } from './recipes.ts';
import type { EvaluateJob } from './evaluateJob.ts';
import { EvaluatePool } from './pool.ts';
import { validatorCompiler } from './compilers.ts';
import { resolveConfig, type ApiConfig, type ApiConfigOptions } from './config.ts';
import { pathOf, PROBLEM_MEDIA_TYPE, problem, problemFor, sendProblem } from './problem.ts';
import { MAX_PARAM_LENGTH, type Problem } from './schemas.ts';
import { agreementRoutes } from './routes/agreements.ts';
import { evaluateRoutes } from './routes/evaluate.ts';
import { metaRoutes } from './routes/meta.ts';
import { webPage } from './routes/page.ts';
import { rotaRoutes } from './routes/rota.ts';
import { ruleRoutes } from './routes/rules.ts';
import { DEFAULT_SCENARIOS_DIR, scenarioRoutes } from './routes/scenarios.ts';

export const API_VERSION = '1.0.0';

export interface BuildAppOptions extends ApiConfigOptions {
  /** false: no logs; true or omitted: JSON logs to stdout; or a pino level and/or destination stream. */
  logger?: boolean | { level?: string; stream?: { write(msg: string): void } };
  /** Where settings not given as options are read from (default process.env). */
  env?: Record<string, string | undefined>;
  /** Rule book to evaluate with (default: the bundled rules/). */
  ruleBook?: RuleBook;
  /** The report cache to use instead of one sized by cacheBytes (tests use their own). */
  reportCache?: ReportCache;
  /** The workers' report cache to use instead of one sized by workerCacheBytes (tests use their own). */
  workerCache?: WorkerReportCache;
  /** Folder of example rotas offered by GET /v1/scenarios and the web page (default: the bundled scenarios/). */
  scenariosDir?: string;
}

/**
 * The threads that evaluate, unless evaluation stays on the event loop: no threads configured, or
 * a rule book or workers' cache of the caller's own (they cannot cross to a thread; tests use them).
 */
function poolFor(config: ApiConfig, options: BuildAppOptions): EvaluatePool | undefined {
  const custom = (options.ruleBook !== undefined && options.ruleBook !== defaultRuleBook()) || options.workerCache;
  if (config.threads === 0 || custom) return undefined;
  const warmUp = config.warmUp ? warmUpJobs(options.scenariosDir ?? DEFAULT_SCENARIOS_DIR, config) : [];
  return new EvaluatePool({
    threads: config.threads,
    maxQueue: config.queue,
    workerCacheBytes: config.workerCacheBytes,
    ...(warmUp.length > 0 ? { warmUp } : {}),
  });
}

/**
 * What a started server's threads evaluate before the first request (EvaluatePool.warm): first a
 * one-worker weekend stay (about 0.14 s on a cold thread, all a client who comes meanwhile waits),
 * which compiles most of the engine; then twice a municipality with oppdrag, so the conversion
 * assessment is compiled and optimized too.
 */
const WARM_UP_SCENARIOS = ['weekend-respite-48h.yaml', 'municipality-fjordvik.yaml', 'municipality-fjordvik.yaml'];

/** The warm-up as requests would post it, each scenario read once; one that cannot be read is left out (only time is at stake). */
function warmUpJobs(dir: string, config: ApiConfig): EvaluateJob[] {
  const jobs = new Map<string, EvaluateJob | undefined>();
  for (const name of new Set(WARM_UP_SCENARIOS)) {
    try {
      const text = readFileSync(join(dir, name), 'utf8');
      jobs.set(name, { route: 'evaluate', body: { format: 'yaml', text }, maxSpanDays: config.maxSpanDays });
    } catch {
      // Left out.
    }
  }
  return WARM_UP_SCENARIOS.flatMap((name) => jobs.get(name) ?? []);
}

export type App = FastifyInstance & {
  turnussjekk: ApiConfig;
  /** The threads that evaluate (undefined: on the event loop); its counts are for tests and operators. */
  evaluationPool: EvaluatePool | undefined;
};

// Log lines carry method, path (no query string), status and duration: never a body, a header
// or a query value, so no rota content and no worker id reaches the logs.
const ENGINE_ERRORS = new Set(['TypeError', 'RangeError', 'ReferenceError']);
const logSerializers = {
  req: (req: { method?: string; url?: string }) => ({ method: req.method, url: pathOf(req.url ?? '') }),
  res: (res: { statusCode?: number }) => ({ statusCode: res.statusCode }),
  err: (err: Error & { code?: string; statusCode?: number }) => ({
    type: err.name,
    // Messages of our own and the libraries' errors may quote input (a worker id, a time), so only
    // Fastify's fixed messages and the JavaScript engine's own error messages are kept.
    message:
      err.code?.startsWith('FST_') || ENGINE_ERRORS.has(err.name) ? err.message : '(withheld: may quote request data)',
    ...(err.code ? { code: err.code } : {}),
    ...(err.statusCode ? { statusCode: err.statusCode } : {}),
    // Stack frames only: the first line of a stack repeats the message.
    stack: err.stack?.split('\n').slice(1).join('\n') ?? '',
  }),
};

function loggerOptions(option: BuildAppOptions['logger'], level: string): FastifyServerOptions['logger'] {
  if (option === false) return false;
  const custom = typeof option === 'object' ? option : {};
  return {
    level: custom.level ?? level,
    serializers: logSerializers,
    ...(custom.stream ? { stream: custom.stream } : {}),
  };
}

/** A problem without a kind of its own in problem.ts: `about:blank` and the status's own title (RFC 9457 § 4.2.1). */
function statusProblem(status: number, detail: string, instance?: string): Problem {
  return {
    type: 'about:blank',
    title: STATUS_CODES[status] ?? 'Error',
    status,
    detail,
    ...(instance !== undefined ? { instance } : {}),
    errors: [],
  };
}

/**
 * Requests Node's HTTP parser refuses before any route is chosen (malformed HTTP, headers past
 * its limit, a request not received within the request timeout) are answered with a problem
 * document too, like every other error, instead of Fastify's own JSON shape.
 */
function clientErrorHandler(err: Error & { code?: string }, socket: Socket): void {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, detail] =
    err.code === 'ERR_HTTP_REQUEST_TIMEOUT'
      ? [408, 'the request was not received in full within the server’s request timeout']
      : err.code === 'HPE_HEADER_OVERFLOW'
        ? [431, 'the request headers are larger than the server reads']
        : [400, 'the request is not well-formed HTTP'];
  const body = JSON.stringify(statusProblem(status, detail));
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: ${PROBLEM_MEDIA_TYPE}\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(err);
}

/**
 * The methods each path answers, from every route as it is added, so that a known path asked with
 * another method is a 405 with `Allow` (RFC 9110 § 15.5.6) rather than a 404.
 */
class MethodTable {
  private readonly routes: Array<{ pattern: RegExp; methods: Set<string> }> = [];
  private readonly byUrl = new Map<string, Set<string>>();

  add(url: string, methods: string | string[]): void {
    let known = this.byUrl.get(url);
    if (!known) {
      known = new Set();
      this.byUrl.set(url, known);
      this.routes.push({ pattern: MethodTable.compile(url), methods: known });
    }
    for (const m of [methods].flat()) {
      known.add(m.toUpperCase());
      if (m.toUpperCase() === 'GET') known.add('HEAD'); // exposeHeadRoutes
    }
  }

  /** Every method some route answers on this path (no query string), sorted; empty for an unknown path. */
  allowed(path: string): string[] {
    let decoded: string;
    try {
      decoded = decodeURI(path);
    } catch {
      return [];
    }
    const out = new Set<string>();
    for (const r of this.routes) if (r.pattern.test(decoded)) for (const m of r.methods) out.add(m);
    return [...out].sort();
  }

  /** `/v1/rules/:id` → /^\/v1\/rules\/[^/]+$/, `/docs/static/*` → /^\/docs\/static\/.*$/ */
  private static compile(url: string): RegExp {
    const source = url
      .split('/')
      .map((segment) => {
        if (segment === '*') return '.*';
        if (segment.startsWith(':')) return '[^/]+';
        return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      })
      .join('/');
    return new RegExp(`^${source}$`);
  }
}

/** Request bodies in media types other than JSON are text: documented as strings (see documentBodies). */
const TEXT_BODIES: Record<string, string> = {
  'application/yaml': 'The rota document (rota file v1) as YAML text',
  'application/x-yaml': 'The rota document (rota file v1) as YAML text',
  'text/yaml': 'The rota document (rota file v1) as YAML text',
  'text/csv':
    'A CSV export, one period per row (UTF-8, UTF-16 or Windows-1252), read as `turnussjekk convert` reads it (docs/import-formats.md)',
  'text/calendar': 'An iCalendar file (RFC 5545), read as `turnussjekk convert` reads it (docs/import-formats.md)',
};
const isJsonMedia = (media: string) => media === 'application/json' || media.endsWith('+json');

/**
 * A route validates its body with the rota schema whatever the media type (the parsers turn YAML,
 * CSV and iCalendar into the same object), and @fastify/swagger would document that object under
 * every media type in `consumes`. What a client sends in the other media types is text, so the
 * document gives JSON the schema and each other media type a string.
 */
function documentBodies(schema: Record<string, unknown>): Record<string, unknown> {
  const { consumes, body, ...rest } = schema;
  if (body === undefined || !Array.isArray(consumes)) return schema;
  const content: Record<string, { schema: unknown }> = {};
  for (const media of consumes as string[]) {
    content[media] = isJsonMedia(media)
      ? { schema: body }
      : { schema: { type: 'string', contentMediaType: media, description: TEXT_BODIES[media] ?? 'Text' } };
  }
  return { ...rest, body: { content } };
}

export async function buildApp(options: BuildAppOptions = {}): Promise<App> {
  const config = resolveConfig(options, options.env ?? process.env);
  const ruleBook = options.ruleBook ?? defaultRuleBook();
  const rules = listRules(ruleBook);
  const auth = config.tokens.length > 0;

  const app = Fastify({
    logger: loggerOptions(options.logger, config.logLevel),
    // Fastify's own per-request lines would log the full URL; the onResponse hook below logs instead.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: config.bodyLimit,
    requestTimeout: config.requestTimeout,
    connectionTimeout: config.connectionTimeout,
    return503OnClosing: true,
    routerOptions: { maxParamLength: MAX_PARAM_LENGTH },
    // Router-level errors (a malformed %-escape, an overlong path parameter) are problems too.
    // Neither repeats the path: it may be long, and it is the client's own input.
    frameworkErrors: (err, request, reply) => {
      if (err.code === 'FST_ERR_MAX_PARAM_LENGTH') {
        return sendProblem(
          reply,
          statusProblem(414, `a path parameter is longer than the ${MAX_PARAM_LENGTH} characters this server reads`),
        );
      }
      if (err.code === 'FST_ERR_BAD_URL') {
        return sendProblem(
          reply,
          problem('invalid-request', 'the path is not a valid URL: it has a malformed %-escape'),
        );
      }
      return sendProblem(reply, problemFor(err, request, config.bodyLimit));
    },
    clientErrorHandler,
  });
  app.decorate('turnussjekk', config);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  app.addHook('onResponse', async (request, reply) => {
    request.log.info(
      {
        method: request.method,
        url: pathOf(request.url),
        statusCode: reply.statusCode,
        durationMs: Math.round(reply.elapsedTime * 100) / 100,
      },
      'request',
    );
  });

  app.setErrorHandler((err, request, reply) => {
    const p = problemFor(err as Error, request, config.bodyLimit);
    if (p.status >= 500) request.log.error({ err }, 'request failed');
    return sendProblem(reply, p);
  });
  const methods = new MethodTable();
  app.addHook('onRoute', (route) => methods.add(route.url, route.method));
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0]!;
    const allow = methods.allowed(path);
    if (allow.length > 0) {
      reply.header('allow', allow.join(', '));
      return sendProblem(
        reply,
        statusProblem(
          405,
          `${request.method} is not allowed on ${pathOf(request.url)}; it answers ${allow.join(', ')}`,
          pathOf(request.url),
        ),
      );
    }
    return sendProblem(
      reply,
      problem(
        'not-found',
        `no route ${request.method} ${pathOf(request.url)}; see /openapi.json`,
        [],
        pathOf(request.url),
      ),
    );
  });

  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'turnussjekk',
        version: API_VERSION,
        description:
          'Working-time compliance for Norwegian municipalities: arbeidsmiljøloven chapter 10 and the avlaster regulation, as code. ' +
          'Stateless: each request is judged on its own body. Errors are RFC 9457 problem documents (application/problem+json).',
        // Whoever runs the server answers for it; the project names no address of its own.
        contact: { name: 'The operator of this turnussjekk server' },
        // package.json says UNLICENSED: no licence is granted, and there is no page of terms to
        // link to. SPDX's form for a licence outside its list (LicenseRef-) says exactly that.
        license: { name: 'UNLICENSED: proprietary, no licence is granted', identifier: 'LicenseRef-UNLICENSED' },
      },
      // Relative: the document describes the server that serves it, whatever its host and port.
      servers: [{ url: '/', description: 'The server that serves this document' }],
      // Open unless an operation says otherwise: with tokens configured, every /v1 operation
      // requires the bearer token (its own `security`); /health and this document stay open.
      security: [],
      tags: [
        { name: 'evaluate', description: 'Judge a rota' },
        { name: 'rules', description: 'The rule book' },
        {
          name: 'page',
          description:
            'What the web page needs besides evaluate (example rotas, agreement types, reading a rota, calendar frames); other clients may use it too',
        },
        { name: 'meta', description: 'Health and this document' },
      ],
      components: auth
        ? {
            securitySchemes: {
              bearerAuth: { type: 'http', scheme: 'bearer', description: 'One of the configured API tokens' },
            },
          }
        : {},
    },
    transform: (input) => {
      const out = jsonSchemaTransform(input);
      return out.schema ? { ...out, schema: documentBodies(out.schema as Record<string, unknown>) } : out;
    },
  });
  await app.register(fastifySwaggerUi, {
    routePrefix: '/docs',
    // Served from the package's own files; no CDN, no outside validator.
    staticCSP:
      "default-src 'self'; base-uri 'self'; frame-ancestors 'self'; img-src 'self' data:; object-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'",
    validatorUrl: false,
    uiConfig: { deepLinking: true },
  });

  const pool = poolFor(config, options);
  if (pool) app.addHook('onClose', () => pool.close());
  app.decorate('evaluationPool', pool);
  // The digests of an eighth as many bytes as the workers' reports: a few kilobytes a report.
  const digestBytes = options.workerCache ? options.workerCache.maxBytes / 8 : config.workerCacheBytes / 8;
  const digests = digestBytes > 0 ? new DigestStore(digestBytes) : undefined;
  // The bodies saves are on: half as many bytes as the workers' reports (a 50-worker turnus is 113 KiB).
  const recipes = digests ? new RecipeStore(digestBytes * 4) : undefined;

  await app.register(metaRoutes, { ruleCount: rules.length });
  await app.register(
    async (v1) => {
      if (auth) requireBearerToken(v1, config.tokens);
      await v1.register(ruleRoutes, { rules, auth });
      await v1.register(evaluateRoutes, {
        ruleBook,
        auth,
        maxSpanDays: config.maxSpanDays,
        ...(pool ? { pool } : {}),
        ...(digests ? { digests } : {}),
        ...(recipes ? { recipes } : {}),
        caches: {
          cacheBytes: config.cacheBytes,
          workerCacheBytes: config.workerCacheBytes,
          ...(options.reportCache ? { reportCache: options.reportCache } : {}),
          ...(options.workerCache ? { workerCache: options.workerCache } : {}),
        },
      });
      // What the web page needs besides evaluate (kept out of the OpenAPI document, see routes/page.ts).
      await v1.register(scenarioRoutes, { auth, ...(options.scenariosDir ? { dir: options.scenariosDir } : {}) });
      await v1.register(agreementRoutes, { ruleBook, auth });
      await v1.register(rotaRoutes, { ruleBook, auth, maxSpanDays: config.maxSpanDays });
    },
    { prefix: '/v1' },
  );
  // The web page (web/) at /: static files only, open like /docs; the page calls /v1 for everything.
  await app.register(webPage);

  return app as unknown as App;
}
