// The span read ahead of validation must be the one the timeline gives, or nothing; and parts sent
// ahead must never change a report nor outlive an invalid rota.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateRota } from '../../scripts/generate-rota.ts';
import { evaluate } from '../../src/engine/evaluate.ts';
import { evaluateParallel, evaluateParts } from '../../src/engine/parallel.ts';
import { planSpan } from '../../src/engine/partition.ts';
import { spanAhead } from '../../src/engine/spanAhead.ts';
import { InputError } from '../../src/rota/errors.ts';
import { loadRotaFile, validateRotaDocument } from '../../src/rota/load.ts';
import type { Rota } from '../../src/rota/schema.ts';
import { buildTimeline } from '../../src/timeline/build.ts';

const scenarios = join(import.meta.dirname, '../../scenarios');

function timelineSpan(rota: Rota) {
  return planSpan(buildTimeline(rota));
}

describe('spanAhead', () => {
  it('equals the timeline’s plan span on every bundled scenario it reads', async () => {
    const files = (await readdir(scenarios)).filter((f) => /\.(ya?ml|json)$/.test(f) && !f.endsWith('.expected.json'));
    expect(files.length).toBeGreaterThan(5);
    let read = 0;
    for (const f of files) {
      const rota = await loadRotaFile(join(scenarios, f));
      const ahead = spanAhead(rota);
      if (ahead === undefined) continue;
      read++;
      expect(ahead, f).toEqual(timelineSpan(rota));
    }
    expect(read).toBeGreaterThan(3);
  });

  it.each([1, 2, 3, 11])('equals it on a generated rota (seed %i), with and without a declared plan', (seed) => {
    const doc = generateRota({ workers: 12, weeks: 6, seed }) as { periods: object[] };
    const rota = validateRotaDocument(doc);
    expect(spanAhead(rota)).toEqual(timelineSpan(rota));
    const planned = validateRotaDocument({ ...doc, plan: { from: '2025-01-01', to: '2025-12-31' } });
    expect(spanAhead(planned)).toEqual(timelineSpan(planned));
  });

  it('reads offsets and both DST changes exactly: a first instant written with +14:00 the day after, a Z end', () => {
    const doc = generateRota({ workers: 3, weeks: 2, seed: 5 }) as {
      periods: { assignmentId: string; start: string; end: string }[];
    };
    const assignmentId = doc.periods[0]!.assignmentId;
    const first = doc.periods.map((p) => p.start).sort()[0]!;
    const day = first.slice(0, 10);
    const next = new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    const extra = [
      { assignmentId, start: `${next}T01:00:00+14:00`, end: `${next}T02:00:00+14:00` },
      { assignmentId, start: '2025-03-30T01:30:00', end: '2025-03-30T04:00:00' },
      { assignmentId, start: '2025-10-26T02:30:00+01:00', end: '2025-10-26T23:00:00Z' },
    ];
    const rota = validateRotaDocument({ ...doc, periods: [...doc.periods, ...extra] });
    const ahead = spanAhead(rota);
    expect(ahead).toBeDefined();
    expect(ahead).toEqual(timelineSpan(rota));
  });

  it('gives nothing when it cannot read the span this way', () => {
    const doc = generateRota({ workers: 3, weeks: 2, seed: 5 }) as { periods: { start: string; end: string }[] };
    expect(spanAhead(validateRotaDocument({ ...doc, periods: [] }))).toBeUndefined();
    const early = [...doc.periods].sort((a, b) => (a.start < b.start ? -1 : 1))[0]!;
    // A candidate for the first instant that names no time: the timeline will say which, not the guess.
    const bad = { ...early, start: `${early.start.slice(0, 10)}T25:00:00` };
    expect(spanAhead(validateRotaDocument({ ...doc, periods: [...doc.periods, bad] }))).toBeUndefined();
    // A declared plan that ends before it starts.
    expect(spanAhead(validateRotaDocument({ ...doc, plan: { from: '2025-02-01', to: '2025-01-01' } }))).toBeUndefined();
  });
});

describe('parts sent ahead of validation', () => {
  const doc = generateRota({ workers: 24, weeks: 8, seed: 9 }) as { periods: { start: string; end: string }[] };

  it('on two processes give the same report as evaluate()', async () => {
    const rota = validateRotaDocument(doc);
    const whole = await evaluate(rota);
    expect(JSON.stringify(await evaluateParallel(rota, {}, { jobs: 2, workersPerPart: 5 }))).toBe(
      JSON.stringify(whole),
    );
  });

  it('an invalid rota gives the whole rota’s input error, no part, and leaves no folder behind', async () => {
    // Ends before it starts, in the middle of the rota: the span read ahead is fine, the timeline is not.
    const backwards = { ...doc.periods[3]!, start: doc.periods[3]!.end, end: doc.periods[3]!.start };
    const rota = validateRotaDocument({ ...doc, periods: [...doc.periods, backwards] });
    expect(spanAhead(rota)).toBeDefined();
    let expected: unknown;
    try {
      buildTimeline(rota);
    } catch (e) {
      expected = e;
    }
    expect(expected).toBeInstanceOf(InputError);
    const folder = mkdtempSync(join(tmpdir(), 'ahead-test-'));
    const before = process.env.TMPDIR;
    process.env.TMPDIR = folder;
    try {
      const got: unknown[] = [];
      let thrown: unknown;
      try {
        for await (const p of evaluateParts(rota, {}, { jobs: 2, workersPerPart: 5, render: 'json' })) got.push(p);
      } catch (e) {
        thrown = e;
      }
      expect(got).toEqual([]);
      expect(thrown).toBeInstanceOf(InputError);
      expect((thrown as Error).message).toBe((expected as Error).message);
      expect(readdirSync(folder)).toEqual([]);
    } finally {
      if (before === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = before;
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
