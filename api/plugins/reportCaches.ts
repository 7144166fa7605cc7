// The report caches of POST /v1/evaluate as one plugin, registered in the evaluate routes' scope:
// - whole reports of identical requests (api/cache.ts), answered before validation with the bytes
//   already written, and kept when a 200 is sent;
// - single workers' reports (engine/workerReports.ts), which evaluation on the event loop reuses
//   (the pool's threads keep their own).
// The routes read the bodies and say which requests may be cached; the plugin owns the caches,
// their sizes and the hooks. fastify-plugin lets the hooks and decorations reach the routes of the
// scope that registers it, and no further.
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { WorkerReportCache } from '../../src/engine/workerReports.ts';
import type { RuleBook } from '../../src/rules/load.ts';
import { ReportCache } from '../cache.ts';

export interface ReportCachesOptions {
  ruleBook: RuleBook;
  /** A cache of the caller's own (tests); otherwise one of cacheBytes, and none at 0 bytes. */
  reportCache?: ReportCache;
  cacheBytes: number;
  /** A cache of the caller's own (tests); otherwise one of workerCacheBytes, and none at 0 bytes. */
  workerCache?: WorkerReportCache;
  workerCacheBytes: number;
  /** Whether a request's report may be kept and answered again, from its path and query string. */
  cacheable: (path: string, query: string) => boolean;
  /** Headers a hit carries that depend on the request (the ETag), set before it is sent. */
  onHit?: (request: FastifyRequest, reply: FastifyReply) => void;
}

export interface ReportCaches {
  /** Single workers' reports for evaluation on the event loop; none when sized 0. */
  workers: WorkerReportCache | undefined;
  /** Remembers the request's key in the report cache, as its body is read; nothing when it may not be cached. */
  keep(request: FastifyRequest, mediaType: string, body: string): void;
  /** The answer is not the report of the request alone (only what changed): it is not kept. */
  forget(request: FastifyRequest): void;
}

declare module 'fastify' {
  interface FastifyInstance {
    reportCaches: ReportCaches;
  }
  interface FastifyRequest {
    /** The request's key in the report cache, set when its body is read. */
    reportKey: string | undefined;
  }
}

const reportCaches: FastifyPluginAsync<ReportCachesOptions> = async (scope, options) => {
  const cache = options.reportCache ?? (options.cacheBytes > 0 ? new ReportCache(options.cacheBytes) : undefined);
  const workers =
    options.workerCache ??
    (options.workerCacheBytes > 0 ? new WorkerReportCache(options.workerCacheBytes, options.ruleBook) : undefined);

  scope.decorateRequest('reportKey', undefined);
  scope.decorate('reportCaches', {
    workers,
    keep(request, mediaType, body) {
      if (!cache) return;
      const at = request.url.indexOf('?');
      const path = at < 0 ? request.url : request.url.slice(0, at);
      const query = at < 0 ? '' : request.url.slice(at + 1);
      request.reportKey = options.cacheable(path, query) ? ReportCache.key(mediaType, query, body) : undefined;
    },
    forget(request) {
      request.reportKey = undefined;
    },
  } satisfies ReportCaches);

  // A request seen before is answered before validation: its body was valid then (only 200
  // responses are kept) and nothing else decides the report.
  scope.addHook('preValidation', async (request, reply) => {
    const hit = cache && request.reportKey ? cache.get(request.reportKey) : undefined;
    if (hit === undefined) return;
    request.reportKey = undefined;
    options.onHit?.(request, reply);
    return reply.header('x-turnussjekk-cache', 'hit').type('application/json; charset=utf-8').send(hit);
  });
  scope.addHook('onSend', async (request, reply, payload) => {
    if (cache && request.reportKey && reply.statusCode === 200 && Buffer.isBuffer(payload)) {
      cache.set(request.reportKey, payload);
      reply.header('x-turnussjekk-cache', 'miss');
    }
    return payload;
  });
};

export default fp(reportCaches, { name: 'turnussjekk-report-caches', fastify: '5.x' });
