// Evaluation on the pool's threads (api/pool.ts): the event loop answers /health and small rotas
// while a large rota is evaluated, a full queue is answered 503 with Retry-After, the threads answer
// what the event loop answers, and a client may ask for only the workers that changed.
// Every check is by order of answers or by the pool's counts, never by how long anything took.
import { describe, expect, it } from 'vitest';
import { buildLoadRota } from '../../scripts/load-test.ts';
import type { App } from '../../api/app.ts';
import { expectProblem, smallRota, testApp } from './helpers.ts';

const LARGE = JSON.stringify(buildLoadRota({ workers: 50, weeks: 6 }));
const SMALL = JSON.stringify(smallRota());
const HUGE = JSON.stringify(buildLoadRota({ workers: 300, weeks: 12 }));

const post = (app: App, body: string, url = '/v1/evaluate') =>
  app.inject({ method: 'POST', url, payload: body, headers: { 'content-type': 'application/json' } });

/** Resolves when the pool's counts say so (checked on every turn of the event loop). */
async function until(check: () => boolean): Promise<void> {
  while (!check()) await new Promise((r) => setImmediate(r));
}

describe('the evaluation pool', () => {
  it('answers /health and a small rota while a large rota is evaluated', async () => {
    const app = await testApp({ threads: 2, cacheBytes: 0, workerCacheBytes: 0 });
    try {
      const pool = app.evaluationPool!;
      // Both threads started and warm, so the small rota below finds one free.
      expect((await Promise.all([post(app, SMALL), post(app, SMALL)])).map((r) => r.statusCode)).toEqual([200, 200]);
      const order: string[] = [];
      const large = post(app, LARGE).then((r) => {
        order.push('large');
        return r;
      });
      await until(() => pool.running === 1);
      const health = app.inject({ method: 'GET', url: '/health' }).then((r) => {
        order.push('health');
        return r;
      });
      const small = post(app, SMALL).then((r) => {
        order.push('small');
        return r;
      });
      const [l, h, s] = await Promise.all([large, health, small]);
      expect([l.statusCode, h.statusCode, s.statusCode]).toEqual([200, 200, 200]);
      expect(order.at(-1)).toBe('large');
    } finally {
      await app.close();
    }
  });

  it('warm(): every thread starts at once and evaluates the bundled warm-up scenarios before the first request; the answers are the same', async () => {
    const cold = await testApp({ threads: 2, cacheBytes: 0, workerCacheBytes: 0, warmUp: false });
    const warm = await testApp({ threads: 2, cacheBytes: 0, workerCacheBytes: 0 });
    try {
      cold.evaluationPool!.warm();
      expect(cold.evaluationPool!.started).toBe(0);
      const pool = warm.evaluationPool!;
      pool.warm();
      expect(pool.started).toBe(2);
      await until(() => pool.warmedThreads === 2);
      // A one-worker weekend stay, then a municipality with oppdrag twice, on each thread.
      expect(pool.warmUpRuns).toBe(6);
      const [a, b] = await Promise.all([post(cold, LARGE), post(warm, LARGE)]);
      expect(b.statusCode).toBe(200);
      expect(b.body).toBe(a.body);
    } finally {
      await Promise.all([cold.close(), warm.close()]);
    }
  });

  it('a request that comes while the threads warm up waits at most for the run in hand, and gets the same answer', async () => {
    const cold = await testApp({ threads: 1, cacheBytes: 0, workerCacheBytes: 0, warmUp: false });
    const warm = await testApp({ threads: 1, cacheBytes: 0, workerCacheBytes: 0 });
    try {
      const pool = warm.evaluationPool!;
      pool.warm();
      const [a, b] = await Promise.all([post(cold, SMALL), post(warm, SMALL)]);
      expect(b.body).toBe(a.body);
      await until(() => pool.warmedThreads === 1);
      // The request came before the second of the three runs could start.
      expect(pool.warmUpRuns).toBeLessThan(3);
    } finally {
      await Promise.all([cold.close(), warm.close()]);
    }
  });

  it('answers 503 with Retry-After when every thread is busy and the queue is full', async () => {
    const app = await testApp({ threads: 1, queue: 1, cacheBytes: 0, workerCacheBytes: 0 });
    try {
      const pool = app.evaluationPool!;
      const running = post(app, LARGE);
      await until(() => pool.running === 1);
      const waiting = post(app, LARGE);
      await until(() => pool.waiting === 1);
      const refused = await post(app, LARGE);
      expectProblem(refused, 503);
      expect(JSON.parse(refused.body).type).toBe('https://turnussjekk.no/problems/service-unavailable');
      expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
      expect((await running).statusCode).toBe(200);
      expect((await waiting).statusCode).toBe(200);
      // The queue drained: the next one is taken.
      expect((await post(app, SMALL)).statusCode).toBe(200);
    } finally {
      await app.close();
    }
  });

  it('sends a save to a thread that holds its rota, or rebuilds it in a few recipes; a freed thread takes the first waiting job no other thread is nearer to', async () => {
    const app = await testApp({ threads: 2, cacheBytes: 0, workerCacheBytes: 0 });
    try {
      const pool = app.evaluationPool!;
      const job = (text: string) => ({
        route: 'evaluate' as const,
        body: { format: 'json' as const, text },
        maxSpanDays: 731,
      });
      const [a, b] = await Promise.all([pool.run(job(SMALL)), pool.run(job(SMALL))]);
      const [ta, tb] = [a!.thread!, b!.thread!];
      expect(ta).not.toBe(tb);
      /** A job whose rota `holder` holds, and the other thread rebuilds in `far` recipes. */
      const heldOn = (holder: number, far: number) => (t: number) => (t === holder ? 0 : far);
      // Free: each goes where its rota is held, whatever thread is first in the pool's list.
      for (const t of [tb, ta, tb]) expect((await pool.run(job(SMALL), heldOn(t, 9))).thread).toBe(t);
      // Both busy, b for far longer: a, freed, takes the waiting job it holds, though it is not
      // first in the queue; freed again, it takes the other, which it rebuilds in a few recipes,
      // rather than leave it waiting for b.
      const busy = [pool.run(job(LARGE), heldOn(ta, 9)), pool.run(job(HUGE), heldOn(tb, 9))];
      expect(pool.running).toBe(2);
      const toB = pool.run(job(SMALL), heldOn(tb, 2));
      const toA = pool.run(job(SMALL), heldOn(ta, 2));
      expect(pool.waiting).toBe(2);
      const order: string[] = [];
      await Promise.all([toA.then(() => order.push('a')), toB.then(() => order.push('b'))]);
      expect(order).toEqual(['a', 'b']);
      expect([(await toA).thread, (await toB).thread]).toEqual([ta, ta]);
      await Promise.all(busy);
      // The holder busy and the other free: the free one takes a job it rebuilds in a few recipes...
      let held = pool.run(job(LARGE), heldOn(ta, 9));
      expect((await pool.run(job(SMALL), heldOn(ta, 4))).thread).toBe(tb);
      expect((await held).thread).toBe(ta);
      // ...and leaves one far back in its chain to the holder, though it idles meanwhile.
      held = pool.run(job(LARGE), heldOn(ta, 9));
      const far = pool.run(job(SMALL), heldOn(ta, 5));
      expect([pool.running, pool.waiting]).toEqual([1, 1]);
      expect((await far).thread).toBe(ta);
      await held;
      // Two such jobs waiting: the free thread takes the one that has waited longest rather than idle.
      held = pool.run(job(LARGE), heldOn(ta, 9));
      const far1 = pool.run(job(SMALL), heldOn(ta, 5));
      expect([pool.running, pool.waiting]).toEqual([1, 1]);
      const far2 = pool.run(job(SMALL), heldOn(ta, 5));
      expect([pool.running, pool.waiting]).toEqual([2, 1]);
      expect((await far1).thread).toBe(tb);
      expect((await far2).thread).toBeDefined();
      await held;
      // A job no thread holds goes to any free thread...
      expect((await pool.run(job(SMALL), () => 9)).thread).toBeDefined();
      // ...and, waiting, is taken in its turn, not passed over by a job that came after it and is held.
      const busy3 = [pool.run(job(LARGE), heldOn(ta, 9)), pool.run(job(HUGE), heldOn(tb, 9))];
      const nobodys = pool.run(job(SMALL), () => 1);
      const mine = pool.run(job(SMALL), heldOn(ta, 9));
      const turns: string[] = [];
      await Promise.all([nobodys.then(() => turns.push('nobody’s')), mine.then(() => turns.push('a’s'))]);
      expect(turns).toEqual(['nobody’s', 'a’s']);
      await Promise.all(busy3);
    } finally {
      await app.close();
    }
  });

  it('answers what the event loop answers: reports, headroom and problems alike', async () => {
    const threads = await testApp({ threads: 1, cacheBytes: 0 });
    const loop = await testApp({ threads: 0, cacheBytes: 0 });
    try {
      const yaml = (app: App) =>
        app.inject({
          method: 'POST',
          url: '/v1/evaluate',
          payload: 'version: 1\ntimezone: Europe/Oslo\nworkers: [{ id: w1 }]\nassignments: []\nperiods: [',
          headers: { 'content-type': 'application/yaml' },
        });
      const csv = (app: App) =>
        app.inject({
          method: 'POST',
          url: '/v1/evaluate?asOf=2025-06-01',
          payload: 'worker,assignment,start,end\nw1,a1,2025-03-10T07:30,2025-03-10T15:00\n',
          headers: { 'content-type': 'text/csv' },
        });
      const requests = [
        (app: App) => post(app, SMALL),
        (app: App) => post(app, JSON.stringify(smallRota({ version: 2 }))),
        (app: App) => post(app, '{"version":'),
        (app: App) => post(app, SMALL, '/v1/headroom?worker=w1'),
        (app: App) => post(app, SMALL, '/v1/headroom?worker=nobody'),
        yaml,
        csv,
      ];
      for (const request of requests) {
        const [a, b] = [await request(threads), await request(loop)];
        expect([a.statusCode, a.headers['content-type']]).toEqual([b.statusCode, b.headers['content-type']]);
        expect(a.body).toBe(b.body);
      }
    } finally {
      await threads.close();
      await loop.close();
    }
  });
});

describe('changedSince: only the workers whose reports changed', () => {
  const rota = (w2Start = '2025-03-10T22:00') =>
    smallRota({
      workers: [{ id: 'w1' }, { id: 'w2' }, { id: 'w3' }],
      assignments: [
        { id: 'a1', workerId: 'w1', kind: 'employment', contract: 'arbeidsavtale', employer: 'kommune-x' },
        { id: 'b1', workerId: 'w2', kind: 'employment', contract: 'arbeidsavtale', employer: 'kommune-x' },
        { id: 'c1', workerId: 'w3', kind: 'employment', contract: 'arbeidsavtale', employer: 'kommune-x' },
      ],
      periods: [
        { assignmentId: 'a1', start: '2025-03-10T07:30', end: '2025-03-10T22:00' },
        { assignmentId: 'b1', start: w2Start, end: '2025-03-11T07:00' },
        { assignmentId: 'b1', start: '2025-03-11T07:00', end: '2025-03-11T15:00' },
        { assignmentId: 'c1', start: '2025-03-12T07:30', end: '2025-03-12T21:00' },
      ],
    });
  type Report = {
    findings: Array<{ workerId: string }>;
    incidents: Array<{ workerId: string; findingIndexes: number[] }>;
    summary: Record<string, unknown> & { perWorker: Array<{ workerId: string }> };
    readings: unknown;
  };
  const of = (r: Report, worker: string) => ({
    findings: r.findings.filter((f) => f.workerId === worker),
    perWorker: r.summary.perWorker.filter((w) => w.workerId === worker),
  });

  for (const threads of [0, 1]) {
    it(`answers the changed worker alone, with the whole report's totals (${threads ? 'on a thread' : 'on the event loop'})`, async () => {
      const app = await testApp({ threads });
      try {
        const first = await post(app, JSON.stringify(rota()));
        const etag = first.headers.etag as string;
        expect(etag).toMatch(/^"[\w-]+"$/);
        expect(first.headers['x-turnussjekk-changed-since']).toBeUndefined();
        const old = JSON.parse(first.body) as Report;

        const url = `/v1/evaluate?changedSince=${encodeURIComponent(etag)}`;
        const delta = await post(app, JSON.stringify(rota('2025-03-11T01:00')), url);
        expect(delta.statusCode).toBe(200);
        expect(delta.headers['x-turnussjekk-changed-since']).toBe(etag);
        expect(delta.headers.etag).not.toBe(etag);
        const d = JSON.parse(delta.body) as Report;
        const whole = JSON.parse((await post(app, JSON.stringify(rota('2025-03-11T01:00')))).body) as Report;
        expect(d.summary.perWorker.map((w) => w.workerId)).toEqual(['w2']);
        expect(of(d, 'w2')).toEqual(of(whole, 'w2'));
        expect(d.findings.every((f) => f.workerId === 'w2')).toBe(true);
        for (const i of d.incidents) for (const x of i.findingIndexes) expect(d.findings[x]!.workerId).toBe(i.workerId);
        // The unchanged workers' parts are the ones the client holds.
        for (const w of ['w1', 'w3']) expect(of(old, w)).toEqual(of(whole, w));
        const { perWorker: _a, ...totals } = d.summary;
        const { perWorker: _b, ...wholeTotals } = whole.summary;
        expect(totals).toEqual(wholeTotals);
        expect(d.readings).toEqual(whole.readings);

        // Nothing changed: no worker; an ETag the server does not hold (or unquoted garbage): the whole report.
        const same = JSON.parse((await post(app, JSON.stringify(rota()), url)).body) as Report;
        expect([same.findings, same.summary.perWorker]).toEqual([[], []]);
        const unknown = await post(app, JSON.stringify(rota()), '/v1/evaluate?changedSince=nothing-we-know');
        expect(unknown.headers['x-turnussjekk-changed-since']).toBeUndefined();
        expect(unknown.body).toBe(first.body);
      } finally {
        await app.close();
      }
    });
  }

  it('no ETag without the workers’ report cache', async () => {
    const app = await testApp({ threads: 0, workerCacheBytes: 0 });
    try {
      expect((await post(app, JSON.stringify(rota()))).headers.etag).toBeUndefined();
    } finally {
      await app.close();
    }
  });
});
