// The turnus the load test posts (scripts/load-test.ts) is a valid, realistic rota: the figures
// it produces are for real work, not for a request the API turns away.
import { describe, expect, it } from 'vitest';
import type { Report } from '../../src/report/schema.ts';
import { validateRotaDocument } from '../../src/rota/load.ts';
import { stringify as toYaml } from 'yaml';
import { buildLoadRota, editOf, floorApp } from '../../scripts/load-test.ts';
import { buildTimeline } from '../../src/timeline/build.ts';
import { postJson, testApp } from './helpers.ts';

describe('the load-test turnus', () => {
  const doc = buildLoadRota();
  const rota = validateRotaDocument(doc);

  it('has 50 workers over 6 weeks with day, evening and night shifts and respite stays', () => {
    expect(rota.workers).toHaveLength(50);
    const starts = rota.periods.map((p) => p.start);
    expect(starts.reduce((a, b) => (a < b ? a : b))).toBe('2025-03-03T07:30');
    expect(starts.reduce((a, b) => (a > b ? a : b)) < '2025-04-14').toBe(true);
    const times = new Set(starts.map((s) => s.slice(11)));
    expect([...times].sort()).toEqual(['07:30', '15:00', '16:00', '22:30']);
    expect(rota.periods.filter((p) => p.passiveHours === 16).length).toBeGreaterThan(10);
    expect(buildLoadRota()).toEqual(doc); // deterministic
  });

  it('is answered 200 by the API, with no double bookings', async () => {
    const app = await testApp();
    try {
      const res = await postJson(app, doc);
      expect(res.statusCode).toBe(200);
      const report = res.json() as Report;
      expect(report.summary.workers).toBe(50);
      expect(report.findings.filter((f) => f.ruleId === 'rota.integrity.overlap')).toEqual([]);
      expect(report.ledger.length).toBe(rota.assignments.length);
    } finally {
      await app.close();
    }
  });

  it('--edits saves change one period each, differ from each other and stay valid at the largest change', () => {
    const periods = doc.periods as Array<{ end: string }>;
    const P = periods.length;
    for (const k of [0, 1, P - 1, P, 6 * P + 5, 7 * P - 1]) {
      const edited = editOf(doc, k).periods as Array<{ end: string }>;
      const changed = edited.flatMap((p, j) => (p.end !== periods[j]!.end ? [j] : []));
      expect(changed).toEqual([k % P]);
      expect(edited[k % P]!.end < periods[k % P]!.end).toBe(true);
    }
    expect(editOf(doc, 3)).not.toEqual(editOf(doc, P + 3));
    expect(editOf(doc, 7 * P + 3)).toEqual(editOf(doc, 3));
    // Every period at its largest change (3.5 hours earlier) at once: no DST gap, no end before its start.
    const latest = (doc.periods as Array<{ end: string }>).map(
      (_p, i) => (editOf(doc, 6 * P + i).periods as Array<{ end: string }>)[i]!,
    );
    expect(() => buildTimeline(validateRotaDocument({ ...doc, periods: latest }))).not.toThrow();
  });

  it('--chain: a planner who saves the same shift again at every round stays valid, her last edit counting', () => {
    const P = (doc.periods as unknown[]).length;
    let mine = doc;
    // Period 5 shortened at each of the seven rounds (30, 60, … 210 minutes): added up, 14 hours.
    for (let k = 5; k < 7 * P; k += P) mine = editOf(mine, k, doc);
    const ends = (d: Record<string, unknown>) => (d.periods as Array<{ end: string }>).map((p) => p.end);
    expect(ends(mine)).toEqual(ends(editOf(doc, 6 * P + 5)));
    expect(() => buildTimeline(validateRotaDocument(mine))).not.toThrow();
  });

  it('--target floor posts the saves to an app that only reads them, answered 200 with an ETag', async () => {
    // The floor app itself, not a timed run: what the bench compares with must read every body it is sent.
    const app = floorApp();
    const periods = (doc.periods as unknown[]).length;
    const json = await app.inject({
      method: 'POST',
      url: '/v1/evaluate?changedSince=%22floor%22',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify(editOf(doc, 1)),
    });
    expect(json.statusCode).toBe(200);
    expect(json.headers.etag).toBe('"floor"');
    expect(json.json()).toEqual({ findings: [], periodsRead: periods });
    const yaml = await app.inject({
      method: 'POST',
      url: '/v1/evaluate',
      headers: { 'content-type': 'application/yaml' },
      payload: toYaml(editOf(doc, 2)),
    });
    expect(yaml.json()).toEqual({ findings: [], periodsRead: periods });
    const broken = await app.inject({
      method: 'POST',
      url: '/v1/evaluate',
      headers: { 'content-type': 'application/json' },
      payload: '{"periods": [',
    });
    expect(broken.statusCode).toBe(500);
    await app.close();
  });
});
