// POST /v1/evaluate: JSON and YAML in, the report out; every kind of bad input is a 400/413/415
// problem document naming each bad field by its path, never a 500 and never a stack trace.
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../api/app.ts';
import { evaluate } from '../../src/engine/evaluate.ts';
import { ReportSchema, type Report } from '../../src/report/schema.ts';
import { parseRotaText, validateRotaDocument } from '../../src/rota/load.ts';
import { defaultRuleBook } from '../../src/rules/load.ts';
import {
  errorPaths,
  expectNoInternals,
  expectProblem,
  postJson,
  postYaml,
  smallRota,
  SMALL_ROTA_YAML,
  testApp,
} from './helpers.ts';

let app: App;
beforeAll(async () => {
  app = await testApp();
});
afterAll(async () => {
  await app.close();
});

describe('POST /v1/evaluate: the report', () => {
  it('answers a JSON rota with the same report evaluate() gives', async () => {
    const res = await postJson(app, smallRota());
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    const report = res.json() as Report;
    expect(ReportSchema.parse(report)).toEqual(report);
    expect(report).toEqual(JSON.parse(JSON.stringify(await evaluate(validateRotaDocument(smallRota())))));
    expect(report.version).toBe(1);
    expect(report.ledger.map((r) => [r.assignmentId, r.hours])).toEqual([
      ['a1', 48],
      ['a2', 7.5],
    ]);
    expect(report.findings.some((f) => f.hypothetical === true)).toBe(true);
  });

  it('reads YAML sent as application/yaml, and as text/yaml, the same as the JSON', async () => {
    const fromJson = (await postJson(app, smallRota())).json();
    for (const type of ['application/yaml', 'text/yaml', 'application/yaml; charset=utf-8']) {
      const res = await postYaml(app, SMALL_ROTA_YAML, type);
      expect(res.statusCode, type).toBe(200);
      expect(res.json()).toEqual(fromJson);
    }
  });

  it('accepts a YAML rota file from disk (the curl example in docs/deploy.md)', async () => {
    const scenario = new URL('../../scenarios/weekend-respite-48h.yaml', import.meta.url);
    let file: string;
    if (existsSync(scenario)) file = scenario.pathname;
    else {
      file = join(mkdtempSync(join(tmpdir(), 'turnussjekk-api-')), 'rota.yaml');
      writeFileSync(file, SMALL_ROTA_YAML);
    }
    const text = readFileSync(file, 'utf8');
    const res = await postYaml(app, text);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual(JSON.parse(JSON.stringify(await evaluate(parseRotaText(text, 'yaml')))));
  });

  it('passes asOf through to evaluate()', async () => {
    const res = await postJson(app, smallRota(), '/v1/evaluate?asOf=2025-06-01');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual(
      JSON.parse(JSON.stringify(await evaluate(validateRotaDocument(smallRota()), { asOf: '2025-06-01' }))),
    );
  });

  it('ignores query parameters it does not know', async () => {
    expect((await postJson(app, smallRota(), '/v1/evaluate?pretty=1')).statusCode).toBe(200);
  });
});

describe('POST /v1/evaluate: bad input is a 400 problem naming every bad field', () => {
  it('malformed JSON: 400 with line and column, not a 500', async () => {
    const p = expectProblem(await postJson(app, '{"version": 1,\n "workers": [}'), 400);
    expect(p.type).toBe('https://turnussjekk.no/problems/invalid-input');
    expect(p.errors).toHaveLength(1);
    expect(p.errors[0]).toMatchObject({ path: '', in: 'body' });
    expect(p.errors[0]!.message).toMatch(/^not valid JSON/);
  });

  it('where the JSON parser gives a position, the message gives line and column', async () => {
    const p = expectProblem(await postJson(app, '{\n  "version": 1,\n}'), 400);
    expect(p.errors[0]!.message).toMatch(/^not valid JSON at line 3, column 1/);
  });

  it('malformed YAML: 400 with line and column', async () => {
    const p = expectProblem(await postYaml(app, 'version: 1\nworkers: [\n  - id: w1\n'), 400);
    expect(p.errors[0]!.message).toMatch(/^not valid YAML at line \d+, column \d+/);
  });

  it('duplicate YAML keys are refused, not silently merged', async () => {
    const p = expectProblem(
      await postYaml(app, SMALL_ROTA_YAML.replace('version: 1\n', 'version: 1\nversion: 1\n')),
      400,
    );
    expect(p.errors[0]!.message).toMatch(/not valid YAML/);
  });

  it('an empty body, with or without a content type', async () => {
    expectProblem(await postJson(app, ''), 400);
    expectProblem(await app.inject({ method: 'POST', url: '/v1/evaluate' }), 400);
  });

  it('a JSON value that is not an object', async () => {
    const p = expectProblem(await postJson(app, '[1, 2]'), 400);
    expect(p.errors).toEqual([{ path: '', message: expect.stringMatching(/must be an object/), in: 'body' }]);
  });

  it('unknown fields, anywhere, each with its path', async () => {
    const rota = smallRota({ colour: 'blue' }) as {
      periods: Array<Record<string, unknown>>;
      workers: Array<Record<string, unknown>>;
    };
    rota.periods[1]!.passivehours = 2;
    rota.workers[0]!.email = 'x@example.org';
    const p = expectProblem(await postJson(app, rota), 400);
    expect(errorPaths(p).sort()).toEqual(['colour', 'periods[1].passivehours', 'workers[0].email']);
    expect(p.errors.every((e) => /unknown field/.test(e.message))).toBe(true);
  });

  it('lists every invalid field at once, not just the first', async () => {
    const rota = smallRota({
      version: 2,
      timezone: 'Europe/Atlantis',
      periods: [
        { assignmentId: 'a1', start: '2025-03-07T16:00' },
        { assignmentId: 'a1', start: 'friday', end: '2025-03-09T16:00', passiveHours: -1 },
      ],
    }) as { assignments: Array<Record<string, unknown>> };
    rota.assignments[0]!.kind = 'babysitting';
    const p = expectProblem(await postJson(app, rota), 400);
    expect(errorPaths(p)).toEqual(
      expect.arrayContaining([
        'version',
        'timezone',
        'assignments[0].kind',
        'periods[0].end',
        'periods[1].passiveHours',
      ]),
    );
    expect(p.errors.find((e) => e.path === 'periods[0].end')!.message).toBe('missing');
    expect(p.detail).toMatch(new RegExp(`^${p.errors.length} problems`));
  });

  it('a local time in the spring-forward DST gap names the field', async () => {
    const rota = smallRota({ periods: [{ assignmentId: 'a2', start: '2025-03-30T02:30', end: '2025-03-30T08:00' }] });
    const p = expectProblem(await postJson(app, rota), 400);
    expect(p.errors).toEqual([
      {
        path: 'periods[0].start',
        message: expect.stringMatching(/does not exist in Europe\/Oslo/),
        in: 'body',
        // Where the member stands in the one-line JSON body (its key, as the CLI places it).
        line: 1,
        column: JSON.stringify(rota).indexOf('"start":"2025-03-30T02:30"') + 1,
      },
    ]);
  });

  it('an ambiguous autumn time names the field and both readings', async () => {
    const rota = smallRota({ periods: [{ assignmentId: 'a2', start: '2025-10-26T02:30', end: '2025-10-26T08:00' }] });
    const p = expectProblem(await postJson(app, rota), 400);
    expect(p.errors[0]).toMatchObject({ path: 'periods[0].start' });
    expect(p.errors[0]!.message).toMatch(/\+02:00.*\+01:00/);
  });

  it('unknown assignment and unknown worker ids, and an end before the start, all in one answer', async () => {
    const rota = smallRota({
      assignments: [
        { id: 'a1', workerId: 'w1', kind: 'respite-carer-home', contract: 'oppdrag' },
        { id: 'a2', workerId: 'ghost', kind: 'employment', contract: 'arbeidsavtale' },
      ],
      periods: [
        { assignmentId: 'a9', start: '2025-03-07T16:00', end: '2025-03-09T16:00' },
        { assignmentId: 'a1', start: '2025-03-10T15:00', end: '2025-03-10T07:30' },
      ],
    });
    const p = expectProblem(await postJson(app, rota), 400);
    expect(errorPaths(p).sort()).toEqual(['assignments[1].workerId', 'periods[0].assignmentId', 'periods[1].end']);
    expect(p.errors.find((e) => e.path === 'periods[0].assignmentId')!.message).toMatch(/unknown assignment "a9"/);
  });

  it('YAML input gets the same field paths as JSON', async () => {
    const p = expectProblem(await postYaml(app, SMALL_ROTA_YAML.replace('2025-03-10T15:00', '2025-03-10T05:00')), 400);
    expect(errorPaths(p)).toEqual(['periods[1].end']);
  });

  it('a bad asOf is a 400 naming the query parameter', async () => {
    for (const asOf of ['2025-02-30', 'yesterday', '2025-1-1']) {
      const p = expectProblem(await postJson(app, smallRota(), `/v1/evaluate?asOf=${asOf}`), 400);
      expect(p.type).toBe('https://turnussjekk.no/problems/invalid-request');
      expect(p.errors).toEqual([{ path: 'asOf', message: expect.any(String), in: 'query' }]);
    }
  });

  it('a prototype-pollution attempt is an unknown field, and pollutes nothing', async () => {
    const p = expectProblem(
      await postJson(
        app,
        '{"version":1,"__proto__":{"polluted":true},"workers":[{"id":"w1"}],"assignments":[],"periods":[]}',
      ),
      400,
    );
    expect(errorPaths(p)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('POST /v1/evaluate: media type and size', () => {
  it('415 for a content type that is neither JSON nor YAML', async () => {
    for (const type of [
      'text/plain',
      'application/xml',
      'multipart/form-data; boundary=x',
      'application/x-www-form-urlencoded',
    ]) {
      const res = await app.inject({
        method: 'POST',
        url: '/v1/evaluate',
        payload: 'version=1',
        headers: { 'content-type': type },
      });
      const p = expectProblem(res, 415);
      expect(p.type).toBe('https://turnussjekk.no/problems/unsupported-media-type');
    }
    expectProblem(
      await app.inject({ method: 'POST', url: '/v1/evaluate', payload: Buffer.from(JSON.stringify(smallRota())) }),
      415,
    );
  });

  it('413 for a body over the limit (option), JSON and YAML alike', async () => {
    const small = await testApp({ bodyLimit: 1024 });
    try {
      const big = smallRota({ workers: Array.from({ length: 100 }, (_, i) => ({ id: `worker-${i}` })) });
      const p = expectProblem(await postJson(small, big), 413);
      expect(p.type).toBe('https://turnussjekk.no/problems/body-too-large');
      expect(p.detail).toMatch(/1024 bytes/);
      expectProblem(await postYaml(small, `${SMALL_ROTA_YAML}# ${'x'.repeat(2000)}\n`), 413);
      expect((await postJson(small, smallRota())).statusCode).toBe(200);
    } finally {
      await small.close();
    }
  });

  it('413 with the limit from TURNUSSJEKK_BODY_LIMIT; the default is 5 MiB', async () => {
    const fromEnv = await testApp({ env: { TURNUSSJEKK_BODY_LIMIT: '1KiB' } });
    const byDefault = await testApp();
    try {
      expect(fromEnv.turnussjekk.bodyLimit).toBe(1024);
      expect(byDefault.turnussjekk.bodyLimit).toBe(5 * 1024 * 1024);
      expectProblem(await postYaml(fromEnv, `${SMALL_ROTA_YAML}# ${'x'.repeat(2000)}\n`), 413);
      expect((await postYaml(byDefault, `${SMALL_ROTA_YAML}# ${'x'.repeat(2000)}\n`)).statusCode).toBe(200);
    } finally {
      await fromEnv.close();
      await byDefault.close();
    }
  });
});

describe('POST /v1/evaluate: a rota spanning more days than the server evaluates at once', () => {
  const century = smallRota({
    periods: [
      { assignmentId: 'a2', start: '2025-03-10T07:30', end: '2025-03-10T15:00' },
      { assignmentId: 'a1', start: '1900-01-01T00:00', end: '2100-01-01T00:00' },
    ],
  });

  it('a 300-byte body asking for two centuries is refused with the period named (before any evaluation)', async () => {
    const p = expectProblem(await postJson(app, century), 400);
    expect(p.errors).toEqual([
      {
        path: 'periods[1].end',
        message: expect.stringMatching(/spans 73049 days \(from periods\[1\]\.start\), more than the 731 days/),
        in: 'body',
      },
    ]);
  });

  it('two years pass; the limit is settable by option and TURNUSSJEKK_MAX_SPAN_DAYS', async () => {
    const twoYears = smallRota({
      periods: [
        { assignmentId: 'a2', start: '2025-01-01T07:30', end: '2025-01-01T15:00' },
        { assignmentId: 'a2', start: '2026-12-31T07:30', end: '2026-12-31T15:00' },
      ],
    });
    expect((await postJson(app, twoYears)).statusCode).toBe(200);
    const strict = await testApp({ env: { TURNUSSJEKK_MAX_SPAN_DAYS: '30' } });
    try {
      expect(strict.turnussjekk.maxSpanDays).toBe(30);
      expect(errorPaths(expectProblem(await postJson(strict, twoYears), 400))).toEqual(['periods[1].end']);
      expect((await postJson(strict, smallRota())).statusCode).toBe(200);
    } finally {
      await strict.close();
    }
  });
});

describe('errors never leak internals', () => {
  it('an unexpected failure in evaluate() is a bare 500 problem', async () => {
    // A rule book without its readings catalogue makes evaluate() throw a TypeError deep inside.
    const broken = await testApp({ ruleBook: { ...defaultRuleBook(), readings: null as never } });
    try {
      const res = await postJson(broken, smallRota());
      const p = expectProblem(res, 500);
      expect(p.type).toBe('https://turnussjekk.no/problems/internal');
      expect(p.detail).toMatch(/request id req-/);
      expect(res.body).not.toMatch(/TypeError|Cannot read|null/);
    } finally {
      await broken.close();
    }
  });

  it('problem documents carry no request content beyond the field paths and messages', async () => {
    const res = await postJson(app, smallRota({ secretField: 'do-not-echo-me' }));
    expectNoInternals(res.body);
    expect(res.body).not.toMatch(/do-not-echo-me/);
  });
});
