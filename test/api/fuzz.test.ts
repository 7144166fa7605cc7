// Schema-driven fuzzing of the HTTP API (issue 17): requests generated from the OpenAPI document
// the app serves (test/api/fuzz-requests.ts), valid, at the bounds and mutated, for every
// operation, in-process through `inject`. Every answer must be no 5xx, a status the document lists
// for the operation, in a media type it lists for that status, with a body its schema accepts.
// Seeded and bounded: the same requests every run. FUZZ_SEED=<n> tries another seed, FUZZ_RUNS=<n>
// sends n requests per operation.
import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import {
  type Answer,
  type FuzzRequest,
  type Operation,
  operationsOf,
  requestArbitrary,
  responseProblems,
  responseValidators,
  type Seeds,
} from './fuzz-requests.ts';
import { testApp } from './helpers.ts';

const SEED = Number(process.env.FUZZ_SEED ?? 1_714_017);
/** Runs per operation: those that take a body get more, having more ways to be wrong. */
const RUNS = process.env.FUZZ_RUNS
  ? { withBody: Number(process.env.FUZZ_RUNS), without: Number(process.env.FUZZ_RUNS) }
  : { withBody: 50, without: 20 };
/** Small enough that the fuzzer reaches it (a documented 413), large enough for every generated rota. */
const BODY_LIMIT = 64 * 1024;

const FIXTURES = new URL('../fixtures/import/', import.meta.url);
const fixtures = (ext: string) =>
  readdirSync(FIXTURES)
    .filter((f) => f.endsWith(ext))
    .map((f) => readFileSync(new URL(f, FIXTURES), 'utf8'));

// Top level, so that the operations are known when the tests are collected.
const app = await testApp({ bodyLimit: BODY_LIMIT });
const doc = (await app.inject('/openapi.json')).json();
const operations = operationsOf(doc);
const seeds: Seeds = {
  known: {
    id: (await app.inject('/v1/rules')).json().map((r: { id: string }) => r.id),
    name: (await app.inject('/v1/scenarios')).json().map((s: { name: string }) => s.name),
    // The generated rotas' ids and zones; the schema says only "a string".
    worker: ['w1', 'w2', 'w3'],
    timezone: ['Europe/Oslo', 'UTC', 'America/New_York'],
    // A held rota for saves: the generated workers with nothing yet, so a generated save fits it.
    base: [
      (
        await app.inject({
          method: 'POST',
          url: '/v1/evaluate',
          payload: { version: 1, workers: [{ id: 'w1' }, { id: 'w2' }, { id: 'w3' }], assignments: [], periods: [] },
        })
      ).headers.etag as string,
    ],
  },
  texts: { 'text/csv': fixtures('.csv'), 'text/calendar': fixtures('.ics') },
  bodyLimit: BODY_LIMIT,
};
const validatorFor = responseValidators();
/** Per operation: how many answers of each status, to show the fuzzer reached more than 400s. */
const seen = new Map<string, Map<number, number>>();

afterAll(async () => {
  await app.close();
});

function describeRequest(r: FuzzRequest, res?: Answer): string {
  return [
    `${r.kind} request: ${r.method} ${r.url.length > 200 ? `${r.url.slice(0, 200)}…` : r.url}`,
    r.headers['content-type'] !== undefined ? `Content-Type: ${r.headers['content-type']}` : '',
    r.note ? `varied: ${r.note}` : '',
    r.payload !== undefined ? `body (${r.payload.length} chars): ${JSON.stringify(r.payload.slice(0, 300))}` : '',
    res ? `answer: ${res.statusCode} ${String(res.headers['content-type'] ?? '')} ${res.body.slice(0, 300)}` : '',
  ]
    .filter(Boolean)
    .join('\n  ');
}

async function send(r: FuzzRequest): Promise<Answer> {
  const res = await app.inject({
    method: r.method as 'GET',
    url: r.url,
    headers: r.headers,
    ...(r.payload !== undefined ? { payload: r.payload } : {}),
  });
  return { statusCode: res.statusCode, headers: res.headers, body: res.body };
}

describe(`schema-driven fuzzing (seed ${SEED})`, () => {
  it('covers every operation of the document', () => {
    expect(operations.length).toBeGreaterThanOrEqual(11);
    expect(operations.map((o) => `${o.method} ${o.path}`)).toEqual(
      expect.arrayContaining(['post /v1/evaluate', 'post /v1/headroom', 'post /v1/rota', 'get /v1/calendar']),
    );
  });

  it.each(operations.map((o) => [`${o.method.toUpperCase()} ${o.path}`, o] as [string, Operation]))(
    '%s answers every generated request as documented',
    async (name, operation) => {
      const counts = new Map<number, number>();
      seen.set(name, counts);
      const property = fc.asyncProperty(requestArbitrary(operation, seeds), async (request) => {
        const res = await send(request);
        counts.set(res.statusCode, (counts.get(res.statusCode) ?? 0) + 1);
        const problems = responseProblems(operation, res, validatorFor);
        if (problems.length > 0) throw new Error(`${problems.join('\n')}\n  ${describeRequest(request, res)}`);
      });
      const numRuns = operation.op.requestBody ? RUNS.withBody : RUNS.without;
      // Stops at the first failure without shrinking, so a run never sends more than numRuns requests;
      // the seed and path in the message replay it.
      const details = await fc.check(property, { seed: SEED, numRuns, endOnFailure: true });
      if (details.failed) {
        throw new Error(
          `${name}: ${(details.errorInstance as Error)?.message}\n` +
            `replay: FUZZ_SEED=${SEED} npx vitest run test/api/fuzz.test.ts (fast-check path ${details.counterexamplePath})`,
        );
      }
      // Valid requests were accepted: the fuzzer reached the operation, not only its validation.
      expect(
        [...counts.keys()].some((s) => s >= 200 && s < 300),
        `${name}: ${JSON.stringify([...counts])}`,
      ).toBe(true);
    },
  );

  it('sent a few hundred requests, refused ones for every operation that takes input', () => {
    if (process.env.FUZZ_RUNS) console.log(JSON.stringify([...seen].map(([k, c]) => [k, [...c]])));
    const total = [...seen.values()].reduce((n, c) => n + [...c.values()].reduce((a, b) => a + b, 0), 0);
    expect(total).toBeGreaterThanOrEqual(250);
    const takesInput = operations.filter((o) => o.op.requestBody || o.op.parameters?.length);
    expect(takesInput.length).toBeGreaterThanOrEqual(6);
    for (const o of takesInput) {
      const name = `${o.method.toUpperCase()} ${o.path}`;
      const counts = seen.get(name) ?? new Map<number, number>();
      expect(
        [...counts.keys()].some((s) => s >= 400),
        `${name} never refused a request: ${JSON.stringify([...counts])}`,
      ).toBe(true);
    }
  });
});

describe('the fuzzer’s check of a response', () => {
  const evaluate = operations.find((o) => o.method === 'post' && o.path === '/v1/evaluate')!;
  const problem = (status: number) =>
    JSON.stringify({ type: 'about:blank', title: 'x', status, detail: 'x', errors: [] });
  const json = { 'content-type': 'application/json; charset=utf-8' };
  const problemJson = { 'content-type': 'application/problem+json' };

  it('passes a documented answer', () => {
    expect(
      responseProblems(evaluate, { statusCode: 400, headers: problemJson, body: problem(400) }, validatorFor),
    ).toEqual([]);
  });

  it('passes a problem that names a time (an event "at 2025-03-10T06:30:00Z")', () => {
    const body = JSON.stringify({
      ...JSON.parse(problem(400)),
      detail: 'event "Dagvakt" at 2025-03-10T06:30:00Z has no end (line 14)',
    });
    expect(responseProblems(evaluate, { statusCode: 400, headers: problemJson, body }, validatorFor)).toEqual([]);
  });

  it.each([
    ['a 5xx', { statusCode: 503, headers: problemJson, body: problem(503) }, /5xx/],
    ['an undocumented status', { statusCode: 418, headers: problemJson, body: problem(418) }, /not documented/],
    ['an undocumented media type', { statusCode: 400, headers: json, body: problem(400) }, /content type/],
    ['a body the schema refuses', { statusCode: 200, headers: json, body: '{"version":2}' }, /schema/],
    ['a body that is no JSON', { statusCode: 200, headers: json, body: '<html>' }, /not JSON/],
    [
      'a problem whose status differs',
      { statusCode: 400, headers: problemJson, body: problem(415) },
      /status 415 is not the response's/,
    ],
    [
      'a problem showing a stack frame',
      {
        statusCode: 400,
        headers: problemJson,
        body: JSON.stringify({ ...JSON.parse(problem(400)), detail: 'at f (/srv/app/x.js:1:2)' }),
      },
      /internals/,
    ],
    [
      'a problem naming an error class',
      {
        statusCode: 400,
        headers: problemJson,
        body: JSON.stringify({ ...JSON.parse(problem(400)), detail: 'ZodError: bad' }),
      },
      /internals/,
    ],
  ])('fails %s', (_, answer, message) => {
    expect(responseProblems(evaluate, answer, validatorFor).join('\n')).toMatch(message);
  });
});
