// A rota evaluated worker by worker with each worker's report kept: the report must be exactly
// evaluate()'s, new or from the cache, and anything a worker's findings depend on (their periods,
// the plan's span, the law's date) must lead to a new evaluation, never to a kept report.
import { describe, expect, it } from 'vitest';
import { generateRota } from '../../scripts/generate-rota.ts';
import { evaluate } from '../../src/engine/evaluate.ts';
import { evaluateByWorker, WorkerReportCache } from '../../src/engine/workerReports.ts';
import type { Rota } from '../../src/rota/schema.ts';
import { loadRotaFile, validateRotaDocument } from '../../src/rota/load.ts';
import { loadRuleBook } from '../../src/rules/load.ts';

// 12 workers over 6 weeks with the generator's mix: oppdrag (conversions), day jobs, støttekontakter, turnus.
const doc = generateRota({ workers: 12, weeks: 6, seed: 11 }) as {
  periods: Array<{ assignmentId: string; start: string; end: string }>;
};
const rota = validateRotaDocument(doc);
const bytes = (x: unknown) => JSON.stringify(x);

/** The rota with period i ending 30 minutes earlier: one worker's facts change, the plan's span does not. */
function shortened(i: number): Rota {
  const periods = doc.periods.map((p, j) =>
    j === i ? { ...p, end: new Date(Date.parse(`${p.end}Z`) - 30 * 60_000).toISOString().slice(0, 16) } : p,
  );
  return validateRotaDocument({ ...doc, periods });
}

describe('evaluateByWorker', () => {
  it("gives evaluate()'s report, conversions included, new and again from the cache", async () => {
    const whole = await evaluate(rota);
    expect(whole.conversions.length).toBeGreaterThan(0);
    const cache = new WorkerReportCache(64 << 20);
    expect(bytes(await evaluateByWorker(rota, {}, cache))).toBe(bytes(whole));
    expect([cache.hits, cache.misses, cache.size]).toEqual([0, 12, 12]);
    expect(bytes(await evaluateByWorker(rota, {}, cache))).toBe(bytes(whole));
    expect([cache.hits, cache.misses]).toEqual([12, 12]);
  });

  it("evaluates only the worker an edit changes, and the report is the edited rota's", async () => {
    const cache = new WorkerReportCache(64 << 20);
    await evaluateByWorker(rota, {}, cache);
    // A period in the middle of the plan (not its first or last): the span stays.
    const i = doc.periods.length >> 1;
    const edited = shortened(i);
    const report = await evaluateByWorker(edited, {}, cache);
    expect([cache.hits, cache.misses]).toEqual([11, 13]);
    expect(bytes(report)).toBe(bytes(await evaluate(edited)));
    expect(bytes(report)).not.toBe(bytes(await evaluate(rota)));
  });

  it("evaluates every worker again when the plan's span changes (frames and blocks are the whole plan's)", async () => {
    const cache = new WorkerReportCache(64 << 20);
    await evaluateByWorker(rota, {}, cache);
    // One more period, a week after the plan's end, for the first worker's first assignment.
    const last = doc.periods.reduce((a, p) => (p.end > a ? p.end : a), '');
    const later = new Date(Date.parse(`${last}Z`) + 7 * 86_400_000).toISOString().slice(0, 10);
    const extended = validateRotaDocument({
      ...doc,
      periods: [
        ...doc.periods,
        { assignmentId: doc.periods[0]!.assignmentId, start: `${later}T08:00`, end: `${later}T12:00` },
      ],
    });
    const report = await evaluateByWorker(extended, {}, cache);
    expect([cache.hits, cache.misses]).toEqual([0, 24]);
    expect(bytes(report)).toBe(bytes(await evaluate(extended)));
  });

  it('keeps reports under the law of another date apart', async () => {
    const cache = new WorkerReportCache(64 << 20);
    await evaluateByWorker(rota, {}, cache);
    const asOf = await evaluateByWorker(rota, { asOf: '2016-01-01' }, cache);
    expect(cache.hits).toBe(0);
    expect(bytes(asOf)).toBe(bytes(await evaluate(rota, { asOf: '2016-01-01' })));
  });

  it('hands out kept reports frozen, so one caller cannot change what the next one gets', async () => {
    const cache = new WorkerReportCache(64 << 20);
    const first = await evaluateByWorker(rota, {}, cache);
    const kept = first.findings.find((f) => f.details === undefined || !('periodIndex' in f.details))!;
    expect(() => {
      (kept as { measured: number }).measured = -1;
    }).toThrow(TypeError);
    expect(bytes(await evaluateByWorker(rota, {}, cache))).toBe(bytes(await evaluate(rota)));
  });

  it('reckons each report it keeps at its length as JSON, within a few per cent', async () => {
    const lengths: Array<[reckoned: number, json: number]> = [];
    const cache = new (class extends WorkerReportCache {
      override set(key: string, report: Parameters<WorkerReportCache['set']>[1]): void {
        const json = key.length + JSON.stringify(report).length;
        const before = this.usedBytes;
        super.set(key, report);
        lengths.push([this.usedBytes - before, json]);
      }
    })(64 << 20);
    await evaluateByWorker(rota, {}, cache);
    expect(lengths.length).toBeGreaterThan(0);
    for (const [reckoned, json] of lengths) {
      expect(reckoned).toBeGreaterThan(json * 0.95);
      expect(reckoned).toBeLessThan(json * 1.05);
    }
  });

  it('stays within its byte bound, least recently used out first, and keeps no report larger than the bound', async () => {
    const cache = new WorkerReportCache(64 << 20);
    await evaluateByWorker(rota, {}, cache);
    const perWorker = cache.usedBytes / cache.size;
    const small = new WorkerReportCache(Math.ceil(perWorker * 4));
    const report = await evaluateByWorker(rota, {}, small);
    expect(bytes(report)).toBe(bytes(await evaluate(rota)));
    expect(small.usedBytes).toBeLessThanOrEqual(small.maxBytes);
    expect(small.size).toBeGreaterThan(0);
    expect(small.size).toBeLessThan(12);
    const tiny = new WorkerReportCache(100);
    await evaluateByWorker(rota, {}, tiny);
    expect([tiny.size, tiny.usedBytes]).toEqual([0, 0]);
  });

  it('evaluates a rota with variants, or under another rule book, whole', async () => {
    const cache = new WorkerReportCache(64 << 20);
    const withVariants = await loadRotaFile('scenarios/friday-to-monday-respite.yaml');
    expect(withVariants.variants?.length).toBeGreaterThan(0);
    expect(bytes(await evaluateByWorker(withVariants, {}, cache))).toBe(bytes(await evaluate(withVariants)));
    const other = loadRuleBook();
    expect(bytes(await evaluateByWorker(rota, { ruleBook: other }, cache))).toBe(
      bytes(await evaluate(rota, { ruleBook: other })),
    );
    expect(cache.size).toBe(0);
  });
});
