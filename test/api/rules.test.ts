// GET /v1/rules, GET /v1/rules/:id and GET /health.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../api/app.ts';
import { RuleListSchema } from '../../api/schemas.ts';
import { listRules } from '../../src/rules/catalogue.ts';
import { defaultRuleBook } from '../../src/rules/load.ts';
import { expectProblem, testApp } from './helpers.ts';

let app: App;
beforeAll(async () => {
  app = await testApp();
});
afterAll(async () => {
  await app.close();
});

describe('GET /v1/rules', () => {
  it('lists every rule with id, citation, thresholds and dates in force, as `turnussjekk rules --format json` does', async () => {
    const res = await app.inject('/v1/rules');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    const rules = RuleListSchema.parse(res.json());
    expect(rules).toEqual(JSON.parse(JSON.stringify(listRules(defaultRuleBook()))));
    expect(rules.length).toBeGreaterThan(0);
    for (const r of rules) {
      expect(r.id).toMatch(/^(aml|avl|med|rota)\.[0-9a-z-]+\.[a-z0-9-]+$/);
      expect(r.citation.nb).not.toBe('');
      expect(r.inForce.from).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      for (const t of r.thresholds) for (const v of t.values) expect(v.since).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
    expect(rules.map((r) => r.id)).toContain('aml.10-8.daily-rest');
  });
});

describe('GET /v1/rules/:id', () => {
  it('answers one rule', async () => {
    const res = await app.inject('/v1/rules/aml.10-8.daily-rest');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ id: 'aml.10-8.daily-rest', citation: { nb: expect.stringMatching(/10-8/) } });
  });

  it('404 problem for an id no rule has', async () => {
    const p = expectProblem(await app.inject('/v1/rules/aml.10-99.nothing'), 404);
    expect(p.type).toBe('https://turnussjekk.no/problems/rule-not-found');
    expect(p.detail).toMatch(/aml\.10-99\.nothing/);
  });

  it('an id too long to be one is a 414 problem, not a 500', async () => {
    const p = expectProblem(await app.inject(`/v1/rules/${'x'.repeat(300)}`), 414);
    expect(p.title).toBe('URI Too Long');
  });

  it('a malformed %-escape in the path is a 400 problem', async () => {
    expectProblem(await app.inject('/v1/rules/%E0%A4%A'), 400);
  });
});

describe('GET /health and unknown routes', () => {
  it('health says ok and how many rules are loaded', async () => {
    const res = await app.inject('/health');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok', rules: listRules(defaultRuleBook()).length });
  });

  it('an unknown route is a 404 problem, without the query string; an unknown method on a known path a 405', async () => {
    const p = expectProblem(await app.inject('/v2/evaluate?token=secret'), 404);
    expect(p.instance).toBe('/v2/evaluate');
    expect(JSON.stringify(p)).not.toMatch(/secret/);
    // 405 with Allow since issue 17 (test/api/openapi-contract.test.ts has the cases).
    expectProblem(await app.inject({ method: 'DELETE', url: '/v1/rules' }), 405);
    expectProblem(await app.inject({ method: 'GET', url: '/v1/evaluate' }), 405);
  });

  it('HEAD works on the read-only routes', async () => {
    expect((await app.inject({ method: 'HEAD', url: '/health' })).statusCode).toBe(200);
  });
});
