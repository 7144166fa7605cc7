// Issue 14, item 4 for the API: a problem document names the line and column of each error in a
// JSON or YAML body, as the CLI does, and the OpenAPI document says so. And a query parameter
// given twice is named in the project's words (found by test/api/fuzz.test.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../api/app.ts';
import { expectProblem, SMALL_ROTA_YAML, testApp } from './helpers.ts';

let app: App;
beforeAll(async () => {
  app = await testApp();
});
afterAll(async () => {
  await app.close();
});

const BAD_YAML = `version: 1
workers:
  - id: w1
assignments:
  - id: a1
    workerId: w1
    kind: employment
    contract: arbeidsavtale
periods:
  - assignmentId: a1
    start: 2025-03-03T08:00
    end: tomorrow
  - assignmentId: a1
    start: 2025-03-04T08:00
`;

const post = (payload: string, contentType: string, url = '/v1/rota') =>
  app.inject({ method: 'POST', url, payload, headers: { 'content-type': contentType } });

describe('problem documents name line and column', () => {
  it('a YAML body with a bad value: 400 naming the path, its line and column', async () => {
    const p = expectProblem(await post(BAD_YAML, 'application/yaml'), 400);
    expect(p.errors).toContainEqual({
      path: 'periods[0].end',
      message: expect.stringMatching(/tomorrow/),
      in: 'body',
      line: 12,
      column: 5,
    });
    // A missing field is placed where its entry starts.
    expect(p.errors).toContainEqual({ path: 'periods[1].end', message: 'missing', in: 'body', line: 13, column: 5 });
  });

  it.each([
    ['/v1/evaluate', 0],
    ['/v1/headroom', 0],
    ['/v1/evaluate', 1],
  ])('the same from %s (threads: %i), which read their bodies in api/evaluateJob.ts', async (url, threads) => {
    const own = threads === 0 ? app : await testApp({ threads, cacheBytes: 0, workerCacheBytes: 0 });
    try {
      const res = await own.inject({
        method: 'POST',
        url,
        payload: BAD_YAML,
        headers: { 'content-type': 'application/yaml' },
      });
      const p = expectProblem(res, 400);
      expect(p.errors).toContainEqual(expect.objectContaining({ path: 'periods[0].end', line: 12, column: 5 }));
    } finally {
      if (own !== app) await own.close();
    }
  });

  it('the same in a JSON body', async () => {
    const json = JSON.stringify(
      {
        version: 1,
        workers: [{ id: 'w1' }],
        assignments: [{ id: 'a1', workerId: 'w1', kind: 'employment', contract: 'arbeidsavtale' }],
        periods: [{ assignmentId: 'a1', start: '2025-03-03T08:00', end: 7 }],
      },
      null,
      2,
    );
    const p = expectProblem(await post(json, 'application/json'), 400);
    const line = json.split('\n').findIndex((l) => l.includes('"end": 7')) + 1;
    expect(p.errors).toContainEqual(expect.objectContaining({ path: 'periods[0].end', line, column: 7 }));
  });

  it('an error the engine finds after the schema (a time in the DST gap) too', async () => {
    const yaml = BAD_YAML.replace('end: tomorrow', 'end: 2025-03-03T16:00').replace(
      '    start: 2025-03-04T08:00\n',
      '    start: 2025-03-30T02:30\n    end: 2025-03-30T10:00\n',
    );
    const p = expectProblem(await post(yaml, 'application/yaml'), 400);
    expect(p.errors).toEqual([expect.objectContaining({ path: 'periods[1].start', line: 14, column: 5 })]);
  });

  it('a YAML syntax error: the position as fields as well as in the message', async () => {
    const p = expectProblem(await post('version: 1\nworkers: [\n  {id: w1\n', 'application/yaml'), 400);
    expect(p.errors).toHaveLength(1);
    const [e] = p.errors;
    expect(e!.path).toBe('');
    expect(e!.message).toMatch(new RegExp(`^not valid YAML at line ${e!.line}, column ${e!.column}:`));
    expect(e!.line).toBeGreaterThanOrEqual(3);
  });

  it('errors outside a JSON or YAML body have none (a query parameter)', async () => {
    const p = expectProblem(await app.inject('/v1/calendar?from=2025-02-30&to=2025-03-01'), 400);
    expect(p.errors).toEqual([{ path: 'from', message: expect.any(String), in: 'query' }]);
  });

  it('the OpenAPI document describes line and column on each error', async () => {
    const doc = (await app.inject('/openapi.json')).json();
    const problem = doc.paths['/v1/rota'].post.responses['400'].content['application/problem+json'].schema;
    const resolve = (s: { $ref?: string }) =>
      s.$ref ? doc.components.schemas[s.$ref.replace('#/components/schemas/', '')] : s;
    const error = resolve(resolve(problem).properties.errors.items);
    expect(error.properties.line).toMatchObject({ type: 'integer', minimum: 1 });
    expect(error.properties.column).toMatchObject({ type: 'integer', minimum: 1 });
    expect(error.required ?? []).not.toContain('line');
  });
});

describe('a query parameter given twice', () => {
  it.each([
    ['POST', '/v1/evaluate?asOf=2025-01-01&asOf=2025-01-02', 'asOf'],
    ['POST', '/v1/headroom?worker=w1&worker=w2', 'worker'],
    ['POST', '/v1/rota?kind=employment&kind=employment', 'kind'],
    ['GET', '/v1/calendar?from=2025-01-01&to=2025-01-02&weekStart=monday&weekStart=sunday', 'weekStart'],
    ['GET', '/v1/calendar?from=2025-01-01&from=2025-01-01&to=2025-01-02', 'from'],
  ])('%s %s: 400 naming it, not "expected string, received array"', async (method, url, name) => {
    const res = await app.inject({
      method: method as 'GET',
      url,
      ...(method === 'POST'
        ? {
            payload: SMALL_ROTA_YAML,
            headers: { 'content-type': 'application/yaml' },
          }
        : {}),
    });
    const p = expectProblem(res, 400);
    expect(p.errors).toContainEqual({ path: name, message: 'is given more than once; give it once', in: 'query' });
  });

  it('lengths in plain words', async () => {
    const res = await app.inject({
      method: 'POST',
      url: `/v1/rota?worker=&employer=${'x'.repeat(201)}`,
      payload: SMALL_ROTA_YAML,
      headers: { 'content-type': 'application/yaml' },
    });
    expect(expectProblem(res, 400).errors).toEqual([
      { path: 'worker', message: 'is empty', in: 'query' },
      { path: 'employer', message: 'is longer than 200 characters', in: 'query' },
    ]);
  });

  it('a wrong single value keeps its own message', async () => {
    const p = expectProblem(await app.inject('/v1/calendar?from=2025-01-01&to=2025-01-02&weekStart=someday'), 400);
    expect(p.errors).toEqual([
      { path: 'weekStart', message: expect.not.stringMatching(/more than once/), in: 'query' },
    ]);
  });
});
