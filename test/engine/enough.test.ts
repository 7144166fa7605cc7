// A conversion run asked only whether a violation binds the assignment (EvaluateOptions.enough)
// ends at the first check that makes one (src/engine/enough.ts). What it hands back must be findings
// of the whole run, of the kind asked for; a run that finds none must be the whole run; a later run
// of the same part must not inherit the question; and a base turnus, whose findings are chosen among
// its repetitions', runs whole.
import { readdirSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildLoadRota } from '../../scripts/load-test.ts';
import { EnoughFound } from '../../src/engine/enough.ts';
import { evaluate } from '../../src/engine/evaluate.ts';
import { partRuns } from '../../src/engine/partRuns.ts';
import { PartReuse } from '../../src/engine/reuse.ts';
import type { Finding } from '../../src/report/schema.ts';
import { loadRotaFile, validateRotaDocument } from '../../src/rota/load.ts';
import type { AgreementType, Rota } from '../../src/rota/schema.ts';
import { defaultRuleBook } from '../../src/rules/load.ts';
import { scheduleArb, scheduleRota } from '../support/schedules.ts';

const book = defaultRuleBook();
const TYPES = (Object.keys(book.agreements) as AgreementType[]).sort();

const employed = (rota: Rota, agreements: Rota['agreements'] = []): Rota =>
  validateRotaDocument({
    ...rota,
    assignments: rota.assignments.map((a) => ({ ...a, contract: 'arbeidsavtale' })),
    agreements: [...(rota.agreements ?? []), ...agreements],
  });

const run = (rota: Rota, reuse: PartReuse, enough?: (f: Finding) => boolean) =>
  evaluate(rota, { ruleBook: book, conversions: false, violationsOnly: true, reuse, ...(enough ? { enough } : {}) });

/** The early run's answer beside the whole run's, for one kind of finding. */
async function compare(rota: Rota, kind: (f: Finding) => boolean) {
  const whole = (await run(rota, new PartReuse())).findings;
  let stopped: Finding[] | undefined;
  let report: Finding[] | undefined;
  try {
    report = (await run(rota, new PartReuse(), kind)).findings;
  } catch (err) {
    if (!(err instanceof EnoughFound)) throw err;
    stopped = err.findings;
  }
  if (stopped) {
    // Some of the whole run's findings of the kind, as the whole run has them.
    expect(stopped.length).toBeGreaterThan(0);
    for (const f of stopped) {
      expect(kind(f)).toBe(true);
      expect(whole).toContainEqual(f);
    }
  } else {
    // Not stopped (none of the kind from a primary check, or a base turnus): the whole run.
    expect(report).toEqual(whole);
  }
  return stopped !== undefined;
}

const violation = (f: Finding) => f.severity === 'violation' && !f.hypothetical;

describe('a run asked whether a violation is left (enough)', () => {
  it('stops at one of the whole run’s violations, or runs whole when there is none', async () => {
    let stops = 0;
    let wholes = 0;
    await fc.assert(
      fc.asyncProperty(scheduleArb, fc.subarray(TYPES), async (s, types) => {
        const rota = employed(
          scheduleRota(s),
          types.map((type) => ({ type, workerId: 'w1' })),
        );
        if (await compare(rota, violation)) stops++;
        else wholes++;
      }),
      { numRuns: 60, seed: 20261205 },
    );
    // Both ways were taken.
    expect(stops).toBeGreaterThan(5);
    expect(wholes).toBeGreaterThan(5);
  });

  it('on the bundled scenarios, and for a kind of finding no run makes', async () => {
    const files = readdirSync('scenarios').filter((f) => /\.(ya?ml|json)$/.test(f) && !f.includes('.expected'));
    let stops = 0;
    for (const file of files) {
      const rota = employed(await loadRotaFile(`scenarios/${file}`));
      if (await compare(rota, violation)) stops++;
      expect(await compare(rota, (f) => f.ruleId === 'no.such.rule')).toBe(false);
    }
    expect(stops).toBeGreaterThan(3);
  });

  it('is not asked of a later run of the same part', async () => {
    const rota = employed(validateRotaDocument(buildLoadRota({ workers: 5, weeks: 6 })));
    const whole = (await run(rota, new PartReuse())).findings;
    expect(whole.length).toBeGreaterThan(1);
    const reuse = new PartReuse();
    await expect(run(rota, reuse, violation)).rejects.toBeInstanceOf(EnoughFound);
    expect((await run(rota, reuse)).findings).toEqual(whole);
  });

  it('runs a base turnus whole: its findings are chosen among its repetitions’', async () => {
    const rota = employed(await loadRotaFile('scenarios/nurse-grunnturnus-6-weeks.yaml'));
    expect(rota.cycle).toBeDefined();
    const whole = (await run(rota, new PartReuse())).findings;
    expect((await run(rota, new PartReuse(), () => true)).findings).toEqual(whole);
  });

  it('is answered by the assessment’s evaluator with the findings it stopped at', async () => {
    const rota = employed(await loadRotaFile('scenarios/weekend-respite-48h.yaml'));
    const runs = partRuns(evaluate, { ruleBook: book });
    const whole = (await runs(rota, new PartReuse())).findings;
    const early = (await runs(rota, new PartReuse(), violation)).findings;
    expect(early.length).toBeGreaterThan(0);
    expect(early.length).toBeLessThanOrEqual(whole.filter(violation).length);
    for (const f of early) expect(whole).toContainEqual(f);
  });
});
