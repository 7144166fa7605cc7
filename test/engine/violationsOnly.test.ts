// A conversion tier's run (violationsOnly) reads its violations alone, and judgement takes a shortcut
// for it (judgement.ts: a window within the limit series' own value is not judged further, as no
// agreement or extension makes a limit stricter). Its findings must be exactly the violations of a
// full evaluation of the same rota: over random schedules with random agreements (which lift limits,
// hand windows to other rules, lower the rest that separates work periods), the bundled scenarios
// and the load test's turnus.
import { readdirSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildLoadRota } from '../../scripts/load-test.ts';
import { evaluate } from '../../src/engine/evaluate.ts';
import { PartReuse } from '../../src/engine/reuse.ts';
import { loadRotaFile, validateRotaDocument } from '../../src/rota/load.ts';
import type { Finding } from '../../src/report/schema.ts';
import type { AgreementType, Rota } from '../../src/rota/schema.ts';
import { defaultRuleBook } from '../../src/rules/load.ts';
import { scheduleArb, scheduleRota } from '../support/schedules.ts';

const book = defaultRuleBook();
const TYPES = (Object.keys(book.agreements) as AgreementType[]).sort();

/** Every oppdrag as employment: the tiers' runs judge the assignment as an arbeidsavtale. */
const employed = (rota: Rota, agreements: Rota['agreements']): Rota =>
  validateRotaDocument({
    ...rota,
    assignments: rota.assignments.map((a) => ({ ...a, contract: 'arbeidsavtale' })),
    agreements: [...(rota.agreements ?? []), ...agreements],
  });

async function expectSameViolations(rota: Rota) {
  const full = await evaluate(rota, { ruleBook: book, conversions: false });
  const only = await evaluate(rota, { ruleBook: book, conversions: false, violationsOnly: true });
  // A violation over part of an averaging block is written as a warning, in both runs.
  const partial = (f: Finding) => f.severity === 'warning' && f.message.en.includes('The rota shows only');
  expect(only.findings).toEqual(full.findings.filter((f) => f.severity === 'violation' || partial(f)));
  return only.findings.length;
}

describe('a violations-only run finds exactly the violations of a full evaluation', () => {
  it('on random schedules under random agreements', async () => {
    let violations = 0;
    await fc.assert(
      fc.asyncProperty(scheduleArb, fc.subarray(TYPES), async (s, types) => {
        violations += await expectSameViolations(
          employed(
            scheduleRota(s),
            types.map((type) => ({ type, workerId: 'w1' })),
          ),
        );
      }),
      { numRuns: 60, seed: 20261203 },
    );
    // The property is about violations: the schedules must have them.
    expect(violations).toBeGreaterThan(100);
  });

  it('on the bundled scenarios and the load test’s turnus', async () => {
    const files = readdirSync('scenarios').filter((f) => /\.(ya?ml|json)$/.test(f) && !f.includes('.expected'));
    let compared = 0;
    for (const file of files) {
      const rota = await loadRotaFile(`scenarios/${file}`);
      await expectSameViolations(employed(rota, []));
      compared++;
    }
    expect(compared).toBeGreaterThanOrEqual(10);
    expect(
      await expectSameViolations(employed(validateRotaDocument(buildLoadRota({ workers: 50, weeks: 6 })), [])),
    ).toBeGreaterThan(0);
  });
});

describe("a conversion tier's run (handed a part's reuse) leaves its findings unworded", () => {
  it('has the violations-only run’s findings, with no message and no details', async () => {
    const rota = employed(validateRotaDocument(buildLoadRota({ workers: 10, weeks: 6 })), []);
    const worded = await evaluate(rota, { ruleBook: book, conversions: false, violationsOnly: true });
    const reuse = new PartReuse();
    const unworded = await evaluate(rota, { ruleBook: book, conversions: false, violationsOnly: true, reuse });
    expect(worded.findings.length).toBeGreaterThan(0);
    expect(worded.findings.every((f) => f.message.nb !== '' && f.message.en !== '')).toBe(true);
    expect(unworded.findings).toEqual(
      worded.findings.map(({ details: _details, ...f }) => ({ ...f, message: { nb: '', en: '' } })),
    );
    // A later run of the part, taking what the first measured, gives the same.
    expect(
      (await evaluate(rota, { ruleBook: book, conversions: false, violationsOnly: true, reuse })).findings,
    ).toEqual(unworded.findings);
  });
});
