// The report cache: an identical request is answered with the same bytes without evaluating again;
// anything that could change the report (body, media type, query) is another entry; only 200s are
// kept; authentication still comes first; and memory stays under the configured bound.
import { describe, expect, it } from 'vitest';
import { ReportCache } from '../../api/cache.ts';
import { WorkerReportCache } from '../../src/engine/workerReports.ts';
import { ConfigError, resolveConfig } from '../../api/config.ts';
import { postJson, SMALL_ROTA_YAML, smallRota, testApp } from './helpers.ts';

describe('POST /v1/evaluate with the report cache', () => {
  it('answers a repeated request from the cache, byte for byte, and a changed one by evaluating', async () => {
    const app = await testApp();
    try {
      const first = await postJson(app, smallRota());
      const again = await postJson(app, smallRota());
      expect(first.statusCode).toBe(200);
      expect(first.headers['x-turnussjekk-cache']).toBe('miss');
      expect(again.headers['x-turnussjekk-cache']).toBe('hit');
      expect(again.headers['content-type']).toBe(first.headers['content-type']);
      expect(again.body).toBe(first.body);

      // Another period: another report, not the cached one.
      const changed = smallRota({
        periods: [{ assignmentId: 'a2', start: '2025-03-10T07:30', end: '2025-03-10T22:00' }],
      });
      const other = await postJson(app, changed);
      expect(other.headers['x-turnussjekk-cache']).toBe('miss');
      expect(other.body).not.toBe(first.body);

      // Another query (the law of another date) is another entry.
      const asOf = await app.inject({ method: 'POST', url: '/v1/evaluate?asOf=2016-01-01', payload: smallRota() });
      expect(asOf.headers['x-turnussjekk-cache']).toBe('miss');
      expect(asOf.body).not.toBe(first.body);

      // The same rota as YAML is its own entry, with the same report.
      const yaml = () =>
        app.inject({
          method: 'POST',
          url: '/v1/evaluate',
          payload: SMALL_ROTA_YAML,
          headers: { 'content-type': 'application/yaml' },
        });
      const y1 = await yaml();
      const y2 = await yaml();
      expect([y1.headers['x-turnussjekk-cache'], y2.headers['x-turnussjekk-cache']]).toEqual(['miss', 'hit']);
      expect(y2.json()).toEqual(y1.json());
    } finally {
      await app.close();
    }
  });

  it('never keeps an error: a bad body is refused every time', async () => {
    const app = await testApp();
    try {
      const bad = smallRota({ periods: [{ assignmentId: 'a2', start: '2025-03-30T02:30', end: '2025-03-30T09:00' }] });
      for (let i = 0; i < 2; i++) {
        const r = await postJson(app, bad);
        expect(r.statusCode).toBe(400);
        expect(r.headers['x-turnussjekk-cache']).toBeUndefined();
      }
    } finally {
      await app.close();
    }
  });

  it('is off with TURNUSSJEKK_CACHE_MB=0, and the reports are the same', async () => {
    const on = await testApp();
    const off = await testApp({ env: { TURNUSSJEKK_CACHE_MB: '0' } });
    try {
      expect(off.turnussjekk.cacheBytes).toBe(0);
      const a = await postJson(off, smallRota());
      const b = await postJson(off, smallRota());
      expect(b.headers['x-turnussjekk-cache']).toBeUndefined();
      expect(b.body).toBe(a.body);
      expect((await postJson(on, smallRota())).body).toBe(a.body);
    } finally {
      await on.close();
      await off.close();
    }
  });

  it('does not let a cached report past authentication', async () => {
    const token = 'tk_live_0123456789abcdef';
    const app = await testApp({ env: { TURNUSSJEKK_TOKENS: token } });
    try {
      const ok = await app.inject({
        method: 'POST',
        url: '/v1/evaluate',
        payload: smallRota(),
        headers: { authorization: `Bearer ${token}` },
      });
      expect(ok.statusCode).toBe(200);
      const anonymous = await app.inject({ method: 'POST', url: '/v1/evaluate', payload: smallRota() });
      expect(anonymous.statusCode).toBe(401);
      expect(anonymous.body).not.toContain('findings');
    } finally {
      await app.close();
    }
  });
});

describe('ReportCache', () => {
  it('keeps the most recently used entries within its byte bound', () => {
    const bytes = (c: string, n: number) => Buffer.alloc(n, c);
    const cache = new ReportCache(50);
    cache.set('a', bytes('x', 20));
    cache.set('b', bytes('y', 20));
    expect(cache.get('a')).toEqual(bytes('x', 20)); // a is now the most recent
    cache.set('c', bytes('z', 20)); // 60 bytes > 50: the least recent (b) goes
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBeDefined();
    expect(cache.get('c')).toBeDefined();
    expect(cache.usedBytes).toBe(40);
    cache.set('huge', bytes('h', 51)); // larger than the whole cache: not kept, nothing evicted
    expect(cache.has('huge')).toBe(false);
    expect(cache.size).toBe(2);
    expect([cache.hits, cache.misses]).toEqual([3, 1]);
  });

  it('a report evicted between reading the body and answering is evaluated after all', async () => {
    // A cache whose entries vanish as soon as they are looked at: the body was seen as cached, the report is gone.
    class Forgetful extends ReportCache {
      override get(): Buffer | undefined {
        return undefined;
      }
    }
    const app = await testApp({ reportCache: new Forgetful(1 << 20) });
    try {
      const first = await postJson(app, smallRota());
      const second = await postJson(app, smallRota({}));
      expect(second.statusCode).toBe(200);
      expect(second.body).toBe(first.body);
      const yaml = () =>
        app.inject({
          method: 'POST',
          url: '/v1/evaluate',
          payload: SMALL_ROTA_YAML,
          headers: { 'content-type': 'application/yaml' },
        });
      expect((await yaml()).body).toBe((await yaml()).body);
    } finally {
      await app.close();
    }
  });

  it('keys differ by media type, query and body', () => {
    const k = ReportCache.key('json', '', '{}');
    expect(ReportCache.key('yaml', '', '{}')).not.toBe(k);
    expect(ReportCache.key('json', 'asOf=2020-01-01', '{}')).not.toBe(k);
    expect(ReportCache.key('json', '', '{ }')).not.toBe(k);
    expect(ReportCache.key('json', '', '{}')).toBe(k);
  });

  it('TURNUSSJEKK_CACHE_MB is read as MiB, and a bad value stops the start', () => {
    expect(resolveConfig({}, {}).cacheBytes).toBe(64 * 1024 * 1024);
    expect(resolveConfig({}, { TURNUSSJEKK_CACHE_MB: '8' }).cacheBytes).toBe(8 * 1024 * 1024);
    expect(() => resolveConfig({}, { TURNUSSJEKK_CACHE_MB: 'lots' })).toThrow(ConfigError);
  });
});

describe("POST /v1/evaluate with the workers' report cache", () => {
  /** Two workers; the second one's night shift starts at `nightStart` (inside the plan's span). */
  const twoWorkers = (nightStart = '2025-03-10T22:00') =>
    smallRota({
      workers: [{ id: 'w1' }, { id: 'w2' }],
      assignments: [
        { id: 'a1', workerId: 'w1', kind: 'respite-carer-home', contract: 'oppdrag', employer: 'kommune-x' },
        { id: 'a2', workerId: 'w1', kind: 'employment', contract: 'arbeidsavtale', employer: 'kommune-x' },
        { id: 'b1', workerId: 'w2', kind: 'employment', contract: 'arbeidsavtale', employer: 'kommune-x' },
      ],
      periods: [
        { assignmentId: 'a1', start: '2025-03-07T16:00', end: '2025-03-09T16:00', passiveHours: 16 },
        { assignmentId: 'a2', start: '2025-03-10T07:30', end: '2025-03-10T15:00' },
        { assignmentId: 'b1', start: nightStart, end: '2025-03-11T07:00' },
        { assignmentId: 'b1', start: '2025-03-11T07:00', end: '2025-03-11T15:00' },
      ],
    });

  it('evaluates only the worker a changed turnus changes, with the report an uncached server gives', async () => {
    const workerCache = new WorkerReportCache(1 << 20);
    const app = await testApp({ cacheBytes: 0, workerCache });
    const plain = await testApp({ cacheBytes: 0, workerCacheBytes: 0 });
    try {
      expect(plain.turnussjekk.workerCacheBytes).toBe(0);
      const first = await postJson(app, twoWorkers());
      expect(first.statusCode).toBe(200);
      expect([workerCache.hits, workerCache.misses]).toEqual([0, 2]);
      const edited = await postJson(app, twoWorkers('2025-03-11T01:00'));
      expect([workerCache.hits, workerCache.misses]).toEqual([1, 3]);
      expect(edited.body).toBe((await postJson(plain, twoWorkers('2025-03-11T01:00'))).body);
      expect(edited.body).not.toBe(first.body);
    } finally {
      await app.close();
      await plain.close();
    }
  });

  it('TURNUSSJEKK_WORKER_CACHE_MB is read as MiB (0 = off), and a bad value stops the start', () => {
    expect(resolveConfig({}, {}).workerCacheBytes).toBe(64 * 1024 * 1024);
    expect(resolveConfig({}, { TURNUSSJEKK_WORKER_CACHE_MB: '0' }).workerCacheBytes).toBe(0);
    expect(resolveConfig({}, { TURNUSSJEKK_WORKER_CACHE_MB: '8' }).workerCacheBytes).toBe(8 * 1024 * 1024);
    expect(() => resolveConfig({}, { TURNUSSJEKK_WORKER_CACHE_MB: '-1' })).toThrow(ConfigError);
  });
});
