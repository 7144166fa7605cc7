// Runs every case file beside the rules (rules/**/*.cases.yaml; rules/CASES.md): each case's rota
// through the public evaluate(), its findings against the case's expectations.
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/engine/evaluate.ts';
import { loadRuleBook } from '../../src/rules/load.ts';
import type { Report } from '../../src/report/schema.ts';
import { validateRotaDocument } from '../../src/rota/load.ts';
import {
  differences,
  expectationsOf,
  findCaseFiles,
  loadCaseFile,
  parseCaseFile,
  rotaOf,
  ruleFileBeside,
} from './cases.ts';

const files = findCaseFiles();
const loaded = files.map((f) => loadCaseFile(f));

describe('the case files', () => {
  it('are found, one beside each rule file, and hold cases', () => {
    // Guards against a runner that passes because it found nothing to run.
    // A floor at the count when the tables moved here: cases lost by accident fail here.
    expect(loaded.reduce((n, f) => n + f.cases.length, 0)).toBeGreaterThanOrEqual(300);
    const ruleFiles = loadRuleBook().files.map((f) => f.file);
    expect(ruleFiles.length).toBeGreaterThan(0);
    for (const rule of ruleFiles)
      expect(files, `${rule} has no case file beside it`).toContain(rule.replace(/\.json$/, '.cases.yaml'));
    for (const f of loaded) {
      expect(ruleFileBeside(f.file), `${f.file} stands beside no rule file`).toBeDefined();
      expect(f.cases.length).toBeGreaterThan(0);
    }
  });
});

for (const { file, cases } of loaded) {
  describe(file, () => {
    it.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
      const report = await evaluate(validateRotaDocument(rotaOf(c)), c.options ?? {});
      expect(differences(report, expectationsOf(c))).toEqual([]);
    });
  });
}

describe('the runner cannot pass a case that does not hold', () => {
  const finding = { ruleId: 'aml.10-9.break', severity: 'violation', measured: 0, limit: 0.5 };
  const report = { findings: [finding] } as unknown as Report;

  it('an expected finding that is missing is a difference', () => {
    const expected = new Map([['aml.10-9.break/violation', [{ measured: 0 }, { measured: 0.25 }]]]);
    expect(differences(report, expected)[0]).toMatch(/expected 2 finding\(s\), found 1/);
  });

  it('a finding nobody expected is a difference', () => {
    expect(differences(report, new Map([['aml.10-9.break', []]]))).toHaveLength(1);
  });

  it('a field that differs is a difference, naming the field', () => {
    const d = differences(report, new Map([['aml.10-9.break', [{ limit: 0 }]]]));
    expect(d).toEqual(['aml.10-9.break[0].limit: expected 0, found 0.5']);
  });

  it('a malformed case file is refused, naming the file and the case', () => {
    const text = [
      'rule: aml.10-9.break',
      'cases:',
      '  - name: fine',
      '    periods: [[2025-03-05T08:00, 2025-03-05T13:30]]',
      '    expect: []',
      '  - name: a typo in a field',
      '    periodz: [[2025-03-05T08:00, 2025-03-05T13:30]]',
      '    expect: []',
    ].join('\n');
    expect(() => parseCaseFile('aml/x.cases.yaml', text)).toThrow(
      /aml\/x\.cases\.yaml[\s\S]*cases\[1\] "a typo in a field"/,
    );
    expect(() => parseCaseFile('aml/x.cases.yaml', 'cases: [')).toThrow(/aml\/x\.cases\.yaml/);
  });
});
