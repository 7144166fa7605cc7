// Shared builders for the API tests: a small rota in JSON and YAML, an app without logs, and an
// assertion that a response is a well-formed RFC 9457 problem document without internals.
import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { buildApp, type App, type BuildAppOptions } from '../../api/app.ts';
import { ProblemSchema, type Problem } from '../../api/schemas.ts';

/** A respite weekend (oppdrag) and an employed Monday shift for one worker. */
export function smallRota(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    version: 1,
    timezone: 'Europe/Oslo',
    workers: [{ id: 'w1' }],
    assignments: [
      { id: 'a1', workerId: 'w1', kind: 'respite-carer-home', contract: 'oppdrag', employer: 'kommune-x' },
      { id: 'a2', workerId: 'w1', kind: 'employment', contract: 'arbeidsavtale', employer: 'kommune-x' },
    ],
    periods: [
      { assignmentId: 'a1', start: '2025-03-07T16:00', end: '2025-03-09T16:00', passiveHours: 16 },
      { assignmentId: 'a2', start: '2025-03-10T07:30', end: '2025-03-10T15:00' },
    ],
    ...overrides,
  };
}

export const SMALL_ROTA_YAML = `# one respite weekend and a shift the Monday after
version: 1
timezone: Europe/Oslo
workers:
  - id: w1
assignments:
  - id: a1
    workerId: w1
    kind: respite-carer-home
    contract: oppdrag
    employer: kommune-x
  - id: a2
    workerId: w1
    kind: employment
    contract: arbeidsavtale
    employer: kommune-x
periods:
  - assignmentId: a1
    start: 2025-03-07T16:00
    end: 2025-03-09T16:00
    passiveHours: 16
  - assignmentId: a2
    start: 2025-03-10T07:30
    end: 2025-03-10T15:00
`;

/**
 * The app in this process, evaluating on the event loop unless a test asks for threads: a thread
 * started from the sources compiles them first (seconds each), and the threads' own path is proven
 * in pool.test.ts, by the built server in server*.test.ts and by the bad-input children.
 */
export function testApp(options: BuildAppOptions = {}): Promise<App> {
  return buildApp({ logger: false, env: {}, threads: 0, ...options });
}

export function postJson(app: App, body: unknown, url = '/v1/evaluate', headers: Record<string, string> = {}) {
  return app.inject({
    method: 'POST',
    url,
    payload: typeof body === 'string' ? body : JSON.stringify(body),
    headers: { 'content-type': 'application/json', ...headers },
  });
}

export function postYaml(app: App, text: string, contentType = 'application/yaml') {
  return app.inject({ method: 'POST', url: '/v1/evaluate', payload: text, headers: { 'content-type': contentType } });
}

/** The response is a problem document with this status; returns it for further checks. */
export function expectProblem(res: LightMyRequestResponse, status: number): Problem {
  expect(res.statusCode).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  const body = res.json() as Problem;
  expect(ProblemSchema.strict().parse(body)).toEqual(body);
  expect(body.status).toBe(status);
  expect(body.type).toMatch(/^(https:\/\/turnussjekk\.no\/problems\/[a-z-]+|about:blank)$/);
  expectNoInternals(res.body);
  return body;
}

/** No stack frames, file paths or error class names leak into a response. */
export function expectNoInternals(text: string): void {
  // A stack frame (`at f (/x/y.js:1:2)`, `at node:internal/…:1:2`); a time such as "at 06:30:00Z" is none.
  expect(text).not.toMatch(/\bat (?:\S+ \()?(?:file:|node:|\/|[A-Za-z]:\\)[^\s)]*:\d+:\d+/);
  expect(text).not.toMatch(/\/work\/|node_modules|\.ts:\d+|file:\/\//);
  expect(text).not.toMatch(/"stack"|InputError|ZodError|FastifyError/);
}

export function errorPaths(p: Problem): string[] {
  return p.errors.map((e) => e.path);
}
