// The HTTP API: a thin, stateless shell over evaluate(). Encapsulated plugins declare their zod
// schemas up front; the same schemas validate requests, type the handlers, check responses and
// write the OpenAPI document. Every error is an RFC 9457 problem document (problem.ts).
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { LogController, type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { jsonSchemaTransform, serializerCompiler } from 'fastify-type-provider-zod';
import { listRules } from '../src/rules/catalogue.ts';
import { defaultRuleBook, type RuleBook } from '../src/rules/load.ts';
import { requireBearerToken } from './auth.ts';
import { WorkerReportCache } from '../src/engine/workerReports.ts';
import { ReportCache } from './cache.ts';
import { validatorCompiler } from './compilers.ts';
import { resolveConfig, type ApiConfig, type ApiConfigOptions } from './config.ts';
import { pathOf, problem, problemFor, sendProblem } from './problem.ts';
import { agreementRoutes } from './routes/agreements.ts';
import { evaluateRoutes } from './routes/evaluate.ts';
import { metaRoutes } from './routes/meta.ts';
import { webPage } from './routes/page.ts';
import { rotaRoutes } from './routes/rota.ts';
import { ruleRoutes } from './routes/rules.ts';
import { scenarioRoutes } from './routes/scenarios.ts';

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

export type App = FastifyInstance & { turnussjekk: ApiConfig };

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
    message: err.code?.startsWith('FST_') || ENGINE_ERRORS.has(err.name) ? err.message : '(withheld: may quote request data)',
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
    // Router-level errors (a malformed %-escape, an overlong path parameter) are problems too.
    frameworkErrors: (err, request, reply) => {
      sendProblem(reply, problemFor(err, request, config.bodyLimit));
    },
  });
  app.decorate('turnussjekk', config);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  app.addHook('onResponse', async (request, reply) => {
    request.log.info(
      { method: request.method, url: pathOf(request.url), statusCode: reply.statusCode, durationMs: Math.round(reply.elapsedTime * 100) / 100 },
      'request',
    );
  });

  app.setErrorHandler((err, request, reply) => {
    const p = problemFor(err as Error, request, config.bodyLimit);
    if (p.status >= 500) request.log.error({ err }, 'request failed');
    return sendProblem(reply, p);
  });
  app.setNotFoundHandler((request, reply) =>
    sendProblem(reply, problem('not-found', `no route ${request.method} ${pathOf(request.url)}; see /openapi.json`, [], pathOf(request.url))),
  );

  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'turnussjekk',
        version: API_VERSION,
        description:
          'Working-time compliance for Norwegian municipalities: arbeidsmiljøloven chapter 10 and the avlaster regulation, as code. ' +
          'Stateless: each request is judged on its own body. Errors are RFC 9457 problem documents (application/problem+json).',
      },
      tags: [
        { name: 'evaluate', description: 'Judge a rota' },
        { name: 'rules', description: 'The rule book' },
        { name: 'meta', description: 'Health and this document' },
      ],
      components: auth
        ? { securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', description: 'One of the configured API tokens' } } }
        : {},
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, {
    routePrefix: '/docs',
    // Served from the package's own files; no CDN, no outside validator.
    staticCSP:
      "default-src 'self'; base-uri 'self'; frame-ancestors 'self'; img-src 'self' data:; object-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'",
    validatorUrl: false,
    uiConfig: { deepLinking: true },
  });

  await app.register(metaRoutes, { ruleCount: rules.length });
  await app.register(
    async (v1) => {
      if (auth) requireBearerToken(v1, config.tokens);
      await v1.register(ruleRoutes, { rules, auth });
      await v1.register(evaluateRoutes, {
        ruleBook,
        auth,
        maxSpanDays: config.maxSpanDays,
        ...(options.reportCache ? { cache: options.reportCache } : config.cacheBytes > 0 ? { cache: new ReportCache(config.cacheBytes) } : {}),
        ...(options.workerCache
          ? { workerCache: options.workerCache }
          : config.workerCacheBytes > 0
            ? { workerCache: new WorkerReportCache(config.workerCacheBytes, ruleBook) }
            : {}),
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
