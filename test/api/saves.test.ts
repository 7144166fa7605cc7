// Saves on a held rota (POST /v1/evaluate/changes): the answer is, byte for byte, what
// POST /v1/evaluate?changedSince=<base> answers for the rota the save makes, on the event loop and
// on threads that do and do not hold the base; errors name the save's own fields.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { App } from '../../api/app.ts';
import { buildLoadRota, editedWorker, editOf, saveOf } from '../../scripts/load-test.ts';
import { expectProblem, smallRota, testApp } from './helpers.ts';

/** The problem document of a response with this status and problem type. */
function problemOf(res: Awaited<ReturnType<App['inject']>>, status: number, kind: string) {
  const p = expectProblem(res, status);
  expect(p.type).toBe(`https://turnussjekk.no/problems/${kind}`);
  return p;
}

const post = (app: App, body: unknown, url = '/v1/evaluate', type = 'application/json') =>
  app.inject({
    method: 'POST',
    url,
    payload: typeof body === 'string' ? body : JSON.stringify(body),
    headers: { 'content-type': type },
  });
const saveUrl = (base: string) => `/v1/evaluate/changes?base=${encodeURIComponent(base)}`;
const sinceUrl = (base: string) => `/v1/evaluate?changedSince=${encodeURIComponent(base)}`;

/** The save's answer and the changedSince answer for the whole document it stands for, both 200. */
async function bothWays(app: App, base: string, save: unknown, whole: unknown) {
  const saved = await post(app, save, saveUrl(base));
  expect(saved.statusCode, saved.body).toBe(200);
  const since = await post(app, whole, sinceUrl(base));
  expect(since.statusCode).toBe(200);
  return { saved, since };
}

describe('a save on a held rota', () => {
  const doc = buildLoadRota();

  for (const threads of [0, 2]) {
    it(`answers what changedSince answers for the rota it makes, byte for byte, saves on saves too (${threads ? 'two threads' : 'event loop'})`, async () => {
      const app = await testApp({ threads });
      try {
        const first = await post(app, doc);
        const etag = first.headers.etag as string;
        // Edits anywhere in the turnus; on two threads, the first save rebuilds the base from the
        // body posted whole, and the saves after it go to the thread that holds it.
        for (const k of [0, 17, 640, 1_280, 1_281 * 3 + 5]) {
          const edited = editOf(doc, k);
          const { saved, since } = await bothWays(app, etag, saveOf(edited, [editedWorker(doc, k)]), edited);
          expect(saved.body).toBe(since.body);
          expect(saved.headers['x-turnussjekk-changed-since']).toBe(etag);
          expect(saved.headers.etag).not.toBe(etag);
          expect(JSON.parse(saved.body).summary.perWorker.map((w: { workerId: string }) => w.workerId)).toEqual([
            editedWorker(doc, k),
          ]);
        }
        // A save on a save: the second edit on top of the first.
        const once = editOf(doc, 100);
        const s1 = await post(app, saveOf(once, [editedWorker(doc, 100)]), saveUrl(etag));
        const twice = { ...once, periods: (editOf(once, 900).periods as unknown[]).slice() };
        const { saved, since } = await bothWays(
          app,
          s1.headers.etag as string,
          saveOf(twice, [editedWorker(doc, 900)]),
          twice,
        );
        expect(saved.body).toBe(since.body);
      } finally {
        await app.close();
      }
    }, 120_000);
  }

  it('equals changedSince for random edits of random workers (property, event loop)', async () => {
    const app = await testApp();
    try {
      const etag = (await post(app, doc)).headers.etag as string;
      await fc.assert(
        fc.asyncProperty(fc.nat(1_281 * 7 - 1), async (k) => {
          const edited = editOf(doc, k);
          const { saved, since } = await bothWays(app, etag, saveOf(edited, [editedWorker(doc, k)]), edited);
          expect(saved.body).toBe(since.body);
        }),
        { numRuns: 25, seed: 16 },
      );
    } finally {
      await app.close();
    }
  }, 120_000);
});

describe('a save whose base is held by a busy thread', () => {
  it('goes to the free thread when it rebuilds the base in a few saves (without the reports a save made elsewhere), and waits for the holder when not', async () => {
    const doc = buildLoadRota();
    const app = await testApp({ threads: 2 });
    try {
      const pool = app.evaluationPool!;
      const runs: Array<{ route: string; chain: boolean; thread: number | undefined }> = [];
      const run = pool.run.bind(pool);
      pool.run = async (job, steps) => {
        const answer = await run(job, steps);
        runs.push({ route: job.route, chain: job.chain !== undefined, thread: answer.thread });
        return answer;
      };
      const etag = (await post(app, doc)).headers.etag as string;
      const once = editOf(doc, 100);
      const s1 = await post(app, saveOf(once, [editedWorker(doc, 100)]), saveUrl(etag));
      expect(s1.statusCode).toBe(200);
      const holder = runs.at(-1)!.thread!;
      // The holder busy with a turnus no thread has seen (none of its workers' reports is cached).
      const text = JSON.stringify(buildLoadRota({ workers: 100, weeks: 12, seed: 7 }));
      const busyOn = (thread: number) =>
        run({ route: 'evaluate', body: { format: 'json', text }, maxSpanDays: 731 }, (t) => (t === thread ? 0 : 9));
      const busy = busyOn(holder);
      expect(pool.running).toBe(1);
      const twice = { ...once, periods: (editOf(once, 900).periods as unknown[]).slice() };
      const saved = await post(app, saveOf(twice, [editedWorker(doc, 900)]), saveUrl(s1.headers.etag as string));
      expect(saved.statusCode, saved.body).toBe(200);
      expect((await busy).thread).toBe(holder);
      // Taken by the other thread, which did not hold the base and was sent its chain.
      expect(runs.at(-1)).toEqual({ route: 'save', chain: true, thread: expect.any(Number) });
      expect(runs.at(-1)!.thread).not.toBe(holder);
      const since = await post(app, twice, sinceUrl(s1.headers.etag as string));
      expect(saved.body).toBe(since.body);

      // Six saves on, the first thread would apply seven to rebuild the rota: with the new holder
      // busy, the next save waits for it rather than send the first thread the chain.
      const next = runs.filter((r) => r.route === 'save').at(-1)!.thread!;
      let doc2 = twice as Record<string, unknown>;
      let at = saved.headers.etag as string;
      for (const k of [1, 2, 3, 4, 5, 6, 7]) {
        if (k === 7) {
          const busy2 = busyOn(next);
          expect(pool.running).toBe(1);
          doc2 = editOf(doc2, 200 + k);
          const last = await post(app, saveOf(doc2, [editedWorker(doc, 200 + k)]), saveUrl(at));
          expect(last.statusCode, last.body).toBe(200);
          expect(runs.at(-1)).toEqual({ route: 'save', chain: false, thread: next });
          expect((await busy2).thread).toBe(next);
          expect(last.body).toBe((await post(app, doc2, sinceUrl(at))).body);
          break;
        }
        doc2 = editOf(doc2, 200 + k);
        const r = await post(app, saveOf(doc2, [editedWorker(doc, 200 + k)]), saveUrl(at));
        expect(r.statusCode).toBe(200);
        expect(runs.at(-1)!.thread).toBe(next);
        at = r.headers.etag as string;
      }
    } finally {
      await app.close();
    }
  }, 120_000);
});

describe('a planner saving on and on', () => {
  it('is never refused for a long chain: every 32 saves the rota is written down, and a rota rebuilt from there answers byte for byte', async () => {
    const doc = buildLoadRota();
    // Workers' cache of 1 MiB: the rotas held (half of it) are one, so a save on any earlier ETag is rebuilt.
    const app = await testApp({ threads: 0, workerCacheBytes: 1 << 20 });
    try {
      const etags = [(await post(app, doc)).headers.etag as string];
      const docs = [doc as Record<string, unknown>];
      for (let k = 1; k <= 300; k++) {
        const edited = editOf(docs.at(-1)!, k);
        const saved = await post(app, saveOf(edited, [editedWorker(doc, k)]), saveUrl(etags.at(-1)!));
        expect(saved.statusCode, `save ${k}: ${saved.body.slice(0, 200)}`).toBe(200);
        etags.push(saved.headers.etag as string);
        docs.push(edited);
      }
      // On the 270th save (written down on the 264th) and the 299th (on the 297th), neither held:
      // rebuilt from there, each answers what changedSince answers for the whole rota.
      for (const at of [270, 299]) {
        const edited = editOf(docs[at]!, 9_999);
        const { saved, since } = await bothWays(app, etags[at]!, saveOf(edited, [editedWorker(doc, 9_999)]), edited);
        expect(saved.body).toBe(since.body);
      }
    } finally {
      await app.close();
    }
  }, 120_000);
});

describe('a save on a rota posted with asOf', () => {
  it('is evaluated as of the held rota’s date, as changedSince with that asOf answers', async () => {
    const app = await testApp();
    try {
      const rota = smallRota();
      const asOf = '2018-06-01';
      const first = await post(app, rota, `/v1/evaluate?asOf=${asOf}`);
      const etag = first.headers.etag as string;
      const edited = {
        ...rota,
        periods: [{ assignmentId: 'a1', start: '2025-03-07T16:00', end: '2025-03-10T08:00', passiveHours: 20 }],
      };
      const saved = await post(app, saveOf(edited, ['w1']), saveUrl(etag));
      const since = await post(app, edited, `/v1/evaluate?asOf=${asOf}&changedSince=${encodeURIComponent(etag)}`);
      expect(saved.statusCode).toBe(200);
      expect(saved.body).toBe(since.body);
      // The date matters to this rota: today's rules answer otherwise.
      const today = await post(app, edited, `/v1/evaluate?changedSince=${encodeURIComponent(etag)}`);
      expect(today.body).not.toBe(since.body);
    } finally {
      await app.close();
    }
  });
});

describe('what a save does to the lists', () => {
  const three = (plan = true) =>
    smallRota({
      ...(plan ? { plan: { from: '2025-03-10', to: '2025-03-23' } } : {}),
      workers: [{ id: 'w1' }, { id: 'w2' }, { id: 'w3' }],
      assignments: [
        { id: 'a1', workerId: 'w1', kind: 'employment', contract: 'arbeidsavtale', employer: 'kommune-x' },
        { id: 'b1', workerId: 'w2', kind: 'employment', contract: 'arbeidsavtale', employer: 'kommune-x' },
        { id: 'c1', workerId: 'w3', kind: 'employment', contract: 'arbeidsavtale', employer: 'kommune-x' },
      ],
      periods: [
        { assignmentId: 'a1', start: '2025-03-10T07:30', end: '2025-03-10T22:00' },
        { assignmentId: 'b1', start: '2025-03-10T22:00', end: '2025-03-11T07:00' },
        { assignmentId: 'c1', start: '2025-03-12T07:30', end: '2025-03-12T21:00' },
        { assignmentId: 'b1', start: '2025-03-11T07:00', end: '2025-03-11T15:00' },
        { assignmentId: 'a1', start: '2025-03-13T07:30', end: '2025-03-13T15:00' },
      ],
      agreements: [{ type: 'aml-10-5-1-averaging', workerId: 'w2' }, { type: 'aml-10-5-1-averaging' }],
    });
  const shift = (assignmentId: string, start: string, end: string) => ({ assignmentId, start, end });
  const w2 = { workers: [{ id: 'w2' }], assignments: [(three().assignments as unknown[])[1]] } as Record<
    string,
    unknown
  >;

  // [what, the save, the lists of the whole rota it makes, the workers answered, the plan declared]
  const cases: Array<[string, Record<string, unknown>, Record<string, unknown>, string[], boolean?]> = [
    [
      'more periods than before: the extra ones after the last of the worker’s (w1’s last period moves on)',
      {
        ...w2,
        agreements: [{ type: 'aml-10-5-1-averaging', workerId: 'w2' }],
        periods: [
          shift('b1', '2025-03-10T20:00', '2025-03-11T07:00'),
          shift('b1', '2025-03-11T07:00', '2025-03-11T16:00'),
          shift('b1', '2025-03-13T07:00', '2025-03-13T15:00'),
        ],
      },
      {
        periods: [
          shift('a1', '2025-03-10T07:30', '2025-03-10T22:00'),
          shift('b1', '2025-03-10T20:00', '2025-03-11T07:00'),
          shift('c1', '2025-03-12T07:30', '2025-03-12T21:00'),
          shift('b1', '2025-03-11T07:00', '2025-03-11T16:00'),
          shift('b1', '2025-03-13T07:00', '2025-03-13T15:00'),
          shift('a1', '2025-03-13T07:30', '2025-03-13T15:00'),
        ],
      },
      ['w1', 'w2'],
    ],
    [
      'fewer: the places left over go, and so does the worker’s agreement (the one for everyone moves up: every worker answered)',
      { ...w2, periods: [shift('b1', '2025-03-14T07:00', '2025-03-14T15:00')] },
      {
        periods: [
          shift('a1', '2025-03-10T07:30', '2025-03-10T22:00'),
          shift('b1', '2025-03-14T07:00', '2025-03-14T15:00'),
          shift('c1', '2025-03-12T07:30', '2025-03-12T21:00'),
          shift('a1', '2025-03-13T07:30', '2025-03-13T15:00'),
        ],
        agreements: [{ type: 'aml-10-5-1-averaging' }],
      },
      ['w1', 'w2', 'w3'],
    ],
    [
      'a new worker after the others, with an assignment and an agreement at the ends of their lists',
      {
        workers: [{ id: 'w4' }],
        assignments: [
          { id: 'd1', workerId: 'w4', kind: 'employment', contract: 'arbeidsavtale', employer: 'kommune-x' },
        ],
        periods: [shift('d1', '2025-03-15T07:00', '2025-03-15T19:00')],
        agreements: [{ type: 'aml-10-5-1-averaging', workerId: 'w4' }],
      },
      {
        workers: [{ id: 'w1' }, { id: 'w2' }, { id: 'w3' }, { id: 'w4' }],
        assignments: [
          ...(three().assignments as unknown[]),
          { id: 'd1', workerId: 'w4', kind: 'employment', contract: 'arbeidsavtale', employer: 'kommune-x' },
        ],
        periods: [...(three().periods as unknown[]), shift('d1', '2025-03-15T07:00', '2025-03-15T19:00')],
        agreements: [...(three().agreements as unknown[]), { type: 'aml-10-5-1-averaging', workerId: 'w4' }],
      },
      ['w4'],
    ],
    [
      'a period past the last worked day of a rota without a plan moves the span: every worker evaluated in the new frame',
      {
        workers: [{ id: 'w3' }],
        assignments: [(three().assignments as unknown[])[2]],
        periods: [shift('c1', '2025-03-22T07:30', '2025-03-22T21:00')],
      },
      {
        periods: [
          ...(three().periods as unknown[]).slice(0, 2),
          shift('c1', '2025-03-22T07:30', '2025-03-22T21:00'),
          ...(three().periods as unknown[]).slice(3),
        ],
      },
      ['w1', 'w2', 'w3'],
      false,
    ],
  ];

  for (const [name, save, changes, answered, plan = true] of cases) {
    it(name, async () => {
      const app = await testApp();
      try {
        const etag = (await post(app, three(plan))).headers.etag as string;
        const { saved, since } = await bothWays(app, etag, save, { ...three(plan), ...changes });
        expect(saved.body).toBe(since.body);
        const workers = JSON.parse(saved.body).summary.perWorker.map((w: { workerId: string }) => w.workerId);
        expect(workers).toEqual(answered);
      } finally {
        await app.close();
      }
    });
  }
});

describe('what a save refuses', () => {
  it('names the save’s own fields, its line and column, and what is not held', async () => {
    const app = await testApp();
    try {
      const rota = smallRota();
      const etag = (await post(app, rota)).headers.etag as string;
      const url = saveUrl(etag);
      const good = saveOf(rota, ['w1']);

      const badEnd = `{"workers":[{"id":"w1"}],\n"assignments":${JSON.stringify(good.assignments)},\n"periods":[{"assignmentId":"a1","start":"2025-03-30T02:30","end":"2025-03-30T09:00"}]}`;
      const gap = problemOf(await post(app, badEnd, url), 400, 'invalid-input');
      expect(gap.errors).toMatchObject([{ path: 'periods[0].start', line: 3 }]);
      expect(gap.errors[0]!.message).toMatch(/does not exist|gap|summer time/i);

      const extra = problemOf(await post(app, { ...good, version: 1 }, url), 400, 'invalid-input');
      expect(extra.errors.map((e) => e.path)).toEqual(['version']);

      const clash = {
        workers: [{ id: 'w2' }],
        assignments: [
          { id: 'a1', workerId: 'w2', kind: 'employment', contract: 'arbeidsavtale', employer: 'kommune-x' },
        ],
        periods: [],
      };
      const taken = problemOf(await post(app, clash, url), 400, 'invalid-input');
      expect(taken.errors).toMatchObject([{ path: 'assignments[0].id' }]);
      expect(taken.errors[0]!.message).toContain('"w1"');

      const everyone = problemOf(
        await post(app, { ...good, agreements: [{ type: 'aml-10-5-1-averaging' }] }, url),
        400,
        'invalid-input',
      );
      expect(everyone.errors.map((e) => e.path)).toEqual(['agreements[0].workerId']);

      const unknownWorker = problemOf(
        await post(app, { ...good, agreements: [{ type: 'aml-10-5-1-averaging', workerId: 'w9' }] }, url),
        400,
        'invalid-input',
      );
      expect(unknownWorker.errors.map((e) => e.path)).toEqual(['agreements[0].workerId']);

      problemOf(await post(app, good, saveUrl('"not-held"')), 412, 'base-not-held');
      problemOf(await post(app, 'w1;a1', url, 'text/csv'), 415, 'unsupported-media-type');
      const noBase = problemOf(await post(app, good, '/v1/evaluate/changes'), 400, 'invalid-request');
      expect(noBase.errors.map((e) => e.path)).toEqual(['base']);
      // The refused saves held nothing: the base still answers a good save.
      expect((await post(app, good, url)).statusCode).toBe(200);
    } finally {
      await app.close();
    }
  });

  it('names the save’s period that stretches the rota past the server’s span, and the held rota’s by its own index', async () => {
    const app = await testApp({ maxSpanDays: 731 });
    try {
      const rota = smallRota({
        workers: [{ id: 'w1' }, { id: 'w2' }],
        assignments: [
          { id: 'a1', workerId: 'w1', kind: 'employment', contract: 'arbeidsavtale' },
          { id: 'b1', workerId: 'w2', kind: 'employment', contract: 'arbeidsavtale' },
        ],
        periods: [
          { assignmentId: 'a1', start: '2025-03-10T07:30', end: '2025-03-10T15:00' },
          { assignmentId: 'b1', start: '2025-03-11T07:30', end: '2025-03-11T15:00' },
        ],
      });
      const url = saveUrl((await post(app, rota)).headers.etag as string);
      const w2 = (start: string, end: string) => ({
        workers: [{ id: 'w2' }],
        assignments: [{ id: 'b1', workerId: 'w2', kind: 'employment', contract: 'arbeidsavtale' }],
        periods: [
          { assignmentId: 'b1', start: '2025-03-12T07:30', end: '2025-03-12T15:00' },
          { assignmentId: 'b1', start, end },
        ],
      });
      const late = problemOf(await post(app, w2('2027-06-01T07:30', '2027-06-01T15:00'), url), 400, 'invalid-input');
      expect(late.errors.map((e) => e.path)).toEqual(['periods[1].end']);
      expect(late.errors[0]!.message).toContain("from the held rota's periods[0].start");
      // The same rota posted whole is refused too: a save is never accepted where the whole rota is not.
      const whole = {
        ...rota,
        periods: [...(rota.periods as unknown[]).slice(0, 1), ...w2('2027-06-01T07:30', '2027-06-01T15:00').periods],
      };
      expect((await post(app, whole)).statusCode).toBe(400);
    } finally {
      await app.close();
    }
  });

  it('refuses a save that makes the rota span more than ten years, as the whole rota is refused', async () => {
    const app = await testApp({ maxSpanDays: 0 });
    try {
      const rota = smallRota();
      const url = saveUrl((await post(app, rota)).headers.etag as string);
      const far = {
        ...saveOf(rota, ['w1']),
        periods: [{ assignmentId: 'a2', start: '2036-03-10T07:30', end: '2036-03-10T15:00' }],
      };
      // w1 is the only worker: the save moves the whole rota, which stays within ten years.
      expect((await post(app, far, url)).statusCode).toBe(200);
      const wide = {
        ...far,
        workers: [{ id: 'w2' }],
        assignments: [{ id: 'b1', workerId: 'w2', kind: 'employment', contract: 'arbeidsavtale' }],
        periods: [{ assignmentId: 'b1', start: '2036-03-10T07:30', end: '2036-03-10T15:00' }],
      };
      const p = problemOf(await post(app, wide, url), 400, 'invalid-input');
      expect(p.errors.map((e) => e.path)).toEqual(['periods']);
      expect(p.errors[0]!.message).toMatch(
        /^with this save the rota's periods span \d+ days; one rota file may span at most 3653 days/,
      );
      const whole = {
        ...rota,
        workers: [{ id: 'w1' }, { id: 'w2' }],
        assignments: [...(rota.assignments as unknown[]), ...wide.assignments],
        periods: [...(rota.periods as unknown[]), ...wide.periods],
      };
      expect((await post(app, whole)).statusCode).toBe(400);
    } finally {
      await app.close();
    }
  });

  it('holds nothing without the workers’ report cache: 412', async () => {
    const app = await testApp({ workerCacheBytes: 0 });
    try {
      const rota = smallRota();
      expect((await post(app, rota)).headers.etag).toBeUndefined();
      const p = problemOf(await post(app, saveOf(rota, ['w1']), saveUrl('"x"')), 412, 'base-not-held');
      expect(p.detail).toContain('cache is off');
    } finally {
      await app.close();
    }
  });
});
