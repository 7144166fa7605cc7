// `turnussjekk compare` as a municipality meets it: the rota as written and each named variant side
// by side (text: one row per variant; JSON: `variants` with name, violations and conversion
// verdicts), and exit 2 when there is nothing to compare or a variant is invalid, with the error
// path pointing into `variants[i]`. Runs main() in-process, as test/cli.test.ts does.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VariantSummary } from '../src/variants/compare.ts';
import { cli } from './support/cli.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const rel = (...parts: string[]) => relative(process.cwd(), join(root, ...parts)) || '.';
const scenario = (name: string) => rel('scenarios', `${name}.yaml`);
const STACK = /^\s{4}at /m;

type VariantJson = VariantSummary;

async function compareJson(name: string): Promise<VariantJson[]> {
  const r = await cli('compare', scenario(name), '--format', 'json');
  expect(r.err).toBe('');
  // Exit code as check's for the rota as written (the first variant): every scenario here has violations.
  expect(r.code).toBe(1);
  const doc = JSON.parse(r.out) as { file: string; variants: VariantJson[] };
  expect(doc.file).toBe(scenario(name));
  return doc.variants;
}

const byName = (vs: VariantJson[], name: string): VariantJson => {
  const v = vs.find((x) => x.name === name);
  expect(v, `variant ${name}`).toBeDefined();
  return v!;
};

describe('turnussjekk compare: text', () => {
  it('prints a header and one row per variant, the rota as written first, then the descriptions', async () => {
    const r = await cli('compare', scenario('carer-with-day-job-weekend-respite'), '--lang', 'en');
    expect(r.code).toBe(1);
    expect(r.err).toBe('');
    const lines = r.out.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^variant\s+violations\s+warnings\s+hours\s+cost \(NOK\)\s+conversion$/);
    expect(lines[1]).toMatch(/^-+(\s+-+)+$/);
    const rows = lines.slice(2, 7).map((l) => l.split(/\s{2,}/)[0]);
    expect(rows).toEqual([
      'rota',
      'as-today',
      'converted-with-avl-agreements',
      'friday-shift-moved',
      'friday-moved-and-converted',
    ]);
    // The verdict column names each oppdrag's verdict; converted variants have no oppdrag left.
    expect(lines[2]).toContain('avl-sigrid-helg: needs collective agreement');
    expect(lines[5]).toContain('avl-sigrid-helg: with written agreement (avl-4-60h, avl-11-weekly-rest-24h)');
    expect(lines[6]).toMatch(/^friday-moved-and-converted\s+0\s+0\s+600\s+–\s+–$/);
    expect(r.out).toContain('friday-shift-moved: As today (respite still oppdrag, no agreements)');
  });

  it('is Norwegian by default', async () => {
    const r = await cli('compare', scenario('holiday-week-respite'));
    expect(r.code).toBe(1);
    const lines = r.out.split('\n');
    expect(lines[0]).toMatch(/^variant\s+brudd\s+advarsler\s+timer\s+kostnad \(NOK\)\s+omgjøring$/);
    expect(lines.slice(2, 6).map((l) => l.split(/\s{2,}/)[0])).toEqual([
      'rota',
      'as-today',
      'section-12-not-very-burdensome',
      'section-12-burden-not-assessed',
    ]);
    expect(lines[2]).toContain('avl-arne-ferieuke: med skriftlig avtale (avl-12-extended-stay)');
  });

  it('shows a dash in the cost column when no assignment states pay', async () => {
    const r = await cli('compare', scenario('friday-to-monday-respite'), '--lang', 'en');
    expect(r.code).toBe(1);
    const rows = r.out.split('\n').slice(2, 7);
    expect(rows.map((l) => l.split(/\s{2,}/)[0])).toEqual([
      'rota',
      'as-today',
      'with-section-12-agreement',
      'split-between-two-carers',
      'split-and-converted',
    ]);
    for (const row of rows) expect(row.split(/\s{2,}/)[4]).toBe('–');
  });
});

describe('turnussjekk compare --format json', () => {
  it('lists every variant with name, violations and verdicts; as-today repeats the rota as written', async () => {
    const vs = await compareJson('carer-with-day-job-weekend-respite');
    expect(vs.map((v) => v.name)).toEqual([
      'rota',
      'as-today',
      'converted-with-avl-agreements',
      'friday-shift-moved',
      'friday-moved-and-converted',
    ]);
    for (const v of vs) {
      expect(typeof v.violations).toBe('number');
      expect(Array.isArray(v.verdicts)).toBe(true);
    }
    const { description: _d, ...asToday } = byName(vs, 'as-today');
    expect(asToday).toEqual({ ...byName(vs, 'rota'), name: 'as-today' });
  });

  it('carer with a day job: only moving the Friday shift and converting with §§ 4 and 11 is lawful', async () => {
    const vs = await compareJson('carer-with-day-job-weekend-respite');
    expect(byName(vs, 'as-today').verdicts).toEqual([
      expect.objectContaining({ assignmentId: 'avl-sigrid-helg', verdict: 'needs-collective-agreement' }),
    ]);
    // Converted with the written agreements, the 16 h weekly rest still breaks § 11's 24 h in each stay week.
    const converted = byName(vs, 'converted-with-avl-agreements');
    expect(converted.verdicts).toEqual([]);
    expect(converted.findingsByRule).toEqual({ 'avl.11.weekly-rest-24': 3 });
    expect(byName(vs, 'friday-shift-moved').verdicts).toEqual([
      {
        assignmentId: 'avl-sigrid-helg',
        verdict: 'convertible-with-agreement',
        requiredAgreements: ['avl-4-60h', 'avl-11-weekly-rest-24h'],
      },
    ]);
    expect(byName(vs, 'friday-moved-and-converted')).toMatchObject({
      violations: 0,
      warnings: 0,
      hours: 600,
      verdicts: [],
    });
  });

  it('holiday week: § 12 clears the stay; without the burden statement it is a warning, not a violation', async () => {
    const vs = await compareJson('holiday-week-respite');
    expect(byName(vs, 'rota').verdicts).toEqual([
      {
        assignmentId: 'avl-arne-ferieuke',
        verdict: 'convertible-with-agreement',
        requiredAgreements: ['avl-12-extended-stay'],
      },
    ]);
    const assessed = byName(vs, 'section-12-not-very-burdensome');
    const unassessed = byName(vs, 'section-12-burden-not-assessed');
    expect(assessed.violations).toBe(0);
    expect(unassessed.violations).toBe(0);
    expect(unassessed.warnings).toBe(assessed.warnings + 1);
    for (const v of vs) expect(v.hours).toBe(144);
  });

  it('Friday to Monday: the § 12 agreement clears every violation; the split leaves Knut a 48-hour stay under § 4', async () => {
    const vs = await compareJson('friday-to-monday-respite');
    expect(byName(vs, 'with-section-12-agreement')).toMatchObject({
      violations: 0,
      warnings: 0,
      hours: 191,
      verdicts: [],
    });
    const split = byName(vs, 'split-between-two-carers');
    expect(split.hours).toBe(191);
    expect(split.verdicts.map((c) => c.assignmentId)).toEqual(['avl-knut-langhelg', 'avl-liv-sondag']);
    expect(split.verdicts[0]).toEqual({
      assignmentId: 'avl-knut-langhelg',
      verdict: 'convertible-with-agreement',
      requiredAgreements: ['avl-4-60h'],
    });
  });

  it('carries the conversion cost per variant when the oppdrag states pay', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'turnussjekk-compare-cost-'));
    try {
      const file = join(dir, 'pay.yaml');
      writeFileSync(
        file,
        `version: 1
workers: [{ id: w1 }]
assignments:
  - id: stk
    workerId: w1
    kind: support-contact
    contract: oppdrag
    pay: { hoursPaid: 7, hourlyWage: 215, todayRatePerHour: 185 }
periods:
  - { assignmentId: stk, start: 2025-09-06T11:00, end: 2025-09-06T15:00 }
  - { assignmentId: stk, start: 2025-09-16T17:00, end: 2025-09-16T20:00 }
variants:
  - name: one-visit
    periods: [{ assignmentId: stk, start: 2025-09-06T11:00, end: 2025-09-06T15:00 }]
`,
      );
      const r = await cli('compare', file, '--format', 'json');
      // Two short visits break nothing: exit 0, as check's.
      expect(r.code).toBe(0);
      const vs = (JSON.parse(r.out) as { variants: VariantJson[] }).variants;
      expect(vs.map((v) => [v.name, v.hours, v.cost])).toEqual([
        ['rota', 7, 7 * 215],
        ['one-visit', 4, 4 * 215],
      ]);
      expect(vs[0]!.verdicts).toEqual([{ assignmentId: 'stk', verdict: 'convertible', requiredAgreements: [] }]);
      const text = await cli('compare', file, '--lang', 'en');
      expect(text.out.split('\n')[2]).toMatch(/^rota\s+0\s+0\s+7\s+1,505\s+stk: convertible$/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('turnussjekk compare: invalid input', () => {
  let dir: string;
  const write = (name: string, text: string) => {
    const file = join(dir, name);
    writeFileSync(file, text);
    return file;
  };
  const BASE = `version: 1
workers: [{ id: w1 }]
assignments: [{ id: a1, workerId: w1, kind: respite-carer-home, contract: oppdrag }]
periods: [{ assignmentId: a1, start: 2025-03-07T16:00, end: 2025-03-09T16:00 }]
`;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'turnussjekk-compare-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('exits 2 for a rota with no variants, naming the file and the field', async () => {
    const r = await cli('compare', scenario('weekend-respite-48h'));
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toContain(scenario('weekend-respite-48h'));
    expect(r.err).toMatch(/variants: the rota names no variants to compare/);
    expect(r.err).not.toMatch(STACK);
  });

  it('exits 2 for an empty variants list too', async () => {
    const r = await cli('compare', write('empty.yaml', `${BASE}variants: []\n`));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/variants: the rota names no variants to compare/);
  });

  it('exits 2 for a variant that breaks the schema; the error path starts with variants[', async () => {
    const file = write(
      'bad-kind.yaml',
      `${BASE}variants:
  - name: ok
  - name: bad-kind
    assignments: [{ id: a1, workerId: w1, kind: babysitting, contract: oppdrag }]
`,
    );
    const r = await cli('compare', file);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toContain(file);
    expect(r.err).toMatch(/: variants\[1\]\.assignments\[0\]\.kind: must be one of/);
    expect(r.err).not.toMatch(STACK);
  });

  it('exits 2 for a variant whose lists do not fit together; the error path starts with variants[', async () => {
    const file = write(
      'unknown-assignment.yaml',
      `${BASE}variants:
  - name: ok
  - name: unknown-assignment
    periods: [{ assignmentId: nope, start: 2025-03-07T16:00, end: 2025-03-09T16:00 }]
`,
    );
    const r = await cli('compare', file);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    const path = r.err.slice(r.err.indexOf(`${file}: `) + file.length + 2);
    expect(path.startsWith('variants[1].periods[0].assignmentId')).toBe(true);
    expect(r.err).toMatch(/unknown assignment "nope"/);
    expect(r.err).not.toMatch(STACK);
  });

  it('exits 2 on usage errors: an unknown format, no file, two files', async () => {
    for (const argv of [
      ['compare', scenario('holiday-week-respite'), '--format', 'sarif'],
      ['compare'],
      ['compare', scenario('holiday-week-respite'), scenario('friday-to-monday-respite')],
    ]) {
      const r = await cli(...argv);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.err).toMatch(/turnussjekk compare <rota file>/);
    }
  });
});
