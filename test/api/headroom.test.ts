// POST /v1/headroom and `turnussjekk headroom`: per worker and limit, what is left in the tightest
// window, the report's `headroom`, for HR before publishing a turnus or offering an extra shift.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../api/app.ts';
import { evaluate } from '../../src/engine/evaluate.ts';
import { validateRotaDocument } from '../../src/rota/load.ts';
import { run, tempDir, write } from '../format/fixtures.ts';
import { expectProblem, postJson, smallRota, testApp } from './helpers.ts';

let app: App;
beforeAll(async () => {
  app = await testApp();
});
afterAll(() => app.close());

describe('POST /v1/headroom', () => {
  it("answers the report's headroom, for one worker when asked", async () => {
    const res = await postJson(app, smallRota(), '/v1/headroom');
    expect(res.statusCode).toBe(200);
    const { headroom } = res.json() as { headroom: Array<{ workerId: string; ruleId: string; left: number }> };
    const report = await evaluate(validateRotaDocument(smallRota()), { conversions: false, variants: false });
    expect(headroom).toEqual(report.headroom);
    expect(headroom.length).toBeGreaterThan(3);
    const one = await postJson(app, smallRota(), '/v1/headroom?worker=w1');
    expect(one.json()).toEqual(res.json());
  });

  it('an unknown worker is a 400 naming the query parameter', async () => {
    const p = expectProblem(await postJson(app, smallRota(), '/v1/headroom?worker=nobody'), 400);
    expect(JSON.stringify(p)).toContain('worker');
  });

  it('is not answered from the report cache of /v1/evaluate (the same body and query)', async () => {
    await postJson(app, smallRota());
    const res = await postJson(app, smallRota(), '/v1/headroom');
    expect(Object.keys(res.json() as object)).toEqual(['headroom']);
  });
});

describe('turnussjekk headroom', () => {
  it("prints each worker's limits, the tightest first, and JSON on request", async () => {
    const file = write(tempDir(), 'r.json', JSON.stringify(smallRota()));
    const text = await run(['headroom', file, '--lang', 'en']);
    expect(text.code).toBe(0);
    expect(text.out).toMatch(/^Worker w1\n/);
    expect(text.out).toMatch(/h left +aml\.10-6\.overtime-4weeks/);
    const json = await run(['headroom', file, '--format', 'json', '--worker', 'w1']);
    expect((JSON.parse(json.out) as { headroom: unknown[] }).headroom.length).toBeGreaterThan(3);
    const bad = await run(['headroom', file, '--worker', 'nobody']);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('--worker "nobody" is not in the rota');
  });
});
