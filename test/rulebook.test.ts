import { cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listRules } from '../src/rules/catalogue.ts';
import { DEFAULT_RULES_DIR, defaultRuleBook, loadRuleBook, parameterOf, RuleFileError } from '../src/rules/load.ts';
import { RULE_ID } from '../src/rules/schema.ts';
import { check } from './support/rota.ts';

const book = loadRuleBook();

function ruleDirWith(file: string, content: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'rules-'));
  cpSync(DEFAULT_RULES_DIR, dir, { recursive: true });
  writeFileSync(join(dir, file), content);
  return dir;
}

const normalHours = JSON.parse(readFileSync(join(DEFAULT_RULES_DIR, 'aml/10-4-normal-hours.json'), 'utf8'));

describe('rule book', () => {
  it('loads every rule file under rules/', () => {
    const onDisk = ['aml', 'avl', 'med', 'rota'].flatMap((d) => {
      try {
        return readdirSync(join(DEFAULT_RULES_DIR, d))
          .filter((n) => n.endsWith('.json'))
          .map((n) => `${d}/${n}`);
      } catch {
        return [];
      }
    });
    expect(book.files.map((f) => f.file).sort()).toEqual(onDisk.sort());
  });

  it('lists every rule with a citation, and every threshold with a dated value', () => {
    const list = listRules(book);
    const ids = new Set(book.files.flatMap((f) => f.checks.map((c) => c.id)));
    expect(new Set(list.map((r) => r.id))).toEqual(ids);
    for (const r of list) {
      expect(r.id).toMatch(RULE_ID);
      expect(r.citation.nb.length).toBeGreaterThan(5);
      expect(r.thresholds.length).toBeGreaterThan(0);
      for (const t of r.thresholds) for (const v of t.values) expect(v.since).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
  });

  it('has every canonical rule id of the contract', () => {
    const CANONICAL = [
      'aml.10-4.normal-day',
      'aml.10-4.normal-week',
      'aml.10-5.average',
      'aml.10-5.day',
      'aml.10-5.week',
      'aml.10-6.overtime-week',
      'aml.10-6.overtime-4weeks',
      'aml.10-6.overtime-year',
      'aml.10-6.total-day',
      'aml.10-6.total-week',
      'aml.10-6.standing-overtime',
      'aml.10-8.daily-rest',
      'aml.10-8.weekly-rest',
      'aml.10-8.sunday-rotation',
      'aml.10-9.break',
      'aml.10-9.overtime-break',
      'aml.10-10.sunday-work',
      'aml.10-11.night-work',
      'aml.10-11.night-average',
      'aml.10-11.night-heavy',
      'avl.4.average-60',
      'avl.4.week-88',
      'avl.5.other-position',
      'avl.6.continuous',
      'avl.7.reduced-daily-rest',
      'avl.8.rest-16',
      'avl.10.combined-continuous',
      'avl.10.other-work-share',
      'avl.11.weekly-rest-24',
      'avl.12.extended-stay',
      'med.2.average',
      'med.3.daily-rest',
      'rota.integrity.overlap',
    ];
    const ids = listRules(book).map((r) => r.id);
    expect(ids).toEqual(expect.arrayContaining(CANONICAL));
    // The list above is the contract's, as the project records it in docs/contract.md.
    const text = readFileSync(new URL('../docs/contract.md', import.meta.url), 'utf8');
    const listed = [...text.matchAll(/`((?:aml|avl|med|rota)\.[0-9a-z-]+\.[a-z0-9-]+)`/g)].map((m) => m[1]!);
    expect(listed.length).toBeGreaterThanOrEqual(CANONICAL.length);
    expect(ids).toEqual(expect.arrayContaining([...new Set(listed)]));
  });

  it('every agreement a rule names is in the agreement catalogue', () => {
    for (const f of book.files)
      for (const c of f.checks) for (const a of c.agreements) expect(book.agreements[a.type]).toBeDefined();
  });
});

describe('a hostile or broken rule file is a startup error naming the file', () => {
  it('rejects an operator that is not on the closed list (no code from rule files)', () => {
    const hostile = structuredClone(normalHours);
    hostile.checks[0].operator = 'eval';
    const dir = ruleDirWith('aml/10-4-normal-hours.json', JSON.stringify(hostile));
    expect(() => loadRuleBook(dir)).toThrowError(RuleFileError);
    expect(() => loadRuleBook(dir)).toThrowError(/aml\/10-4-normal-hours\.json[\s\S]*checks\[0\]\.operator/);
  });

  it('rejects fields the schema does not declare, such as a custom condition', () => {
    const hostile = structuredClone(normalHours);
    hostile.checks[0].conditions = { all: [{ fact: 'x', operator: 'custom', value: 'process.exit()' }] };
    expect(() => loadRuleBook(ruleDirWith('aml/10-4-normal-hours.json', JSON.stringify(hostile)))).toThrowError(
      /conditions|Unrecognized/,
    );
  });

  it('rejects malformed JSON', () => {
    expect(() => loadRuleBook(ruleDirWith('aml/x.json', '{ "provision": '))).toThrowError(/aml\/x\.json/);
  });

  it('rejects a limit that names no parameter, and an id outside its paragraph', () => {
    const broken = structuredClone(normalHours);
    broken.checks[0].limit = 'nope';
    broken.checks[1].id = 'aml.10-6.normal-week';
    const dir = ruleDirWith('aml/10-4-normal-hours.json', JSON.stringify(broken));
    expect(() => loadRuleBook(dir)).toThrowError(/no parameter "nope"[\s\S]*must start with "aml\.10-4\."/);
  });

  it('rejects threshold dates that do not ascend', () => {
    const broken = structuredClone(normalHours);
    broken.parameters.maxNormalHoursPerDay.values = [
      { since: '2010-01-01', value: 9 },
      { since: '2006-01-01', value: 8 },
    ];
    expect(() => loadRuleBook(ruleDirWith('aml/10-4-normal-hours.json', JSON.stringify(broken)))).toThrowError(
      /dates must ascend/,
    );
  });
});

describe('a parameter asked for by its name (parameterOf)', () => {
  it('comes from the one rule file that defines it', () => {
    const book = defaultRuleBook();
    expect(parameterOf(book, 'standbyFactor')).toBe(
      book.files.find((f) => f.file === 'aml/10-4-normal-hours.json')!.parameters.standbyFactor,
    );
    expect(parameterOf(book, 'noSuchParameter')).toBeUndefined();
  });
  it('is refused as ambiguous when two files define it, naming both', () => {
    const book = defaultRuleBook();
    const owner = book.files.find((f) => f.parameters.minSpanHours)!;
    const twice = { ...book, files: [...book.files, { ...owner, file: 'avl/copy.json' }] };
    expect(() => parameterOf(twice, 'minSpanHours')).toThrow(RuleFileError);
    expect(() => parameterOf(twice, 'minSpanHours')).toThrow(
      /avl\/copy\.json.*also defined in avl\/12-extended-stay\.json/s,
    );
  });
});

describe("a rule file's file-level agreements", () => {
  const check = (id: string, extra: Record<string, unknown> = {}) => ({ ...normalHours.checks[0], id, ...extra });
  it('go to every check that lists none of its own; a check keeps its own list, and [] means none', () => {
    const own = [normalHours.agreements[0]];
    const file = {
      ...normalHours,
      agreements: normalHours.agreements,
      checks: [
        ...normalHours.checks,
        ...[
          check('aml.10-4.default-list'),
          check('aml.10-4.own-list', { agreements: own }),
          check('aml.10-4.no-list', { agreements: [] }),
        ].map(({ agreements, ...c }, i) => (i === 0 ? c : { ...c, agreements })),
      ],
    };
    expect(file.agreements.length).toBeGreaterThan(0);
    const loaded = loadRuleBook(ruleDirWith('aml/10-4-normal-hours.json', JSON.stringify(file)));
    const checks = loaded.files.find((f) => f.file === 'aml/10-4-normal-hours.json')!.checks;
    expect(checks.slice(-3).map((c) => c.agreements)).toEqual([file.agreements, own, []]);
  });
});

describe('the night, declared by one provision (`night` in its rule file)', () => {
  const nightFile = 'aml/10-11-night-work.json';
  const nightWork = JSON.parse(readFileSync(join(DEFAULT_RULES_DIR, nightFile), 'utf8'));
  const evenings = ['03', '04', '05'].map((d) => [`2025-03-${d}T21:00`, `2025-03-${d}T23:00`] as [string, string]);
  const evening = [{ type: 'aml-10-11-3-evening-work' as const }];

  it('moves the night for the agreements it lists, and for no other: the rule file decides, not the code', async () => {
    const moved = await check({ periods: evenings, agreements: evening });
    expect(moved.profiles[0]).toMatchObject({ nightHours: 0 });
    const unlisted = structuredClone(nightWork);
    unlisted.night.agreements = [];
    const ruleBook = loadRuleBook(ruleDirWith(nightFile, JSON.stringify(unlisted)));
    const notMoved = await check({ periods: evenings, agreements: evening }, { ruleBook });
    expect(notMoved.profiles[0]).toMatchObject({ nightHours: 6 });
    expect(notMoved.findings.find((f) => f.ruleId === 'aml.10-11.night-work')!.message.en).toMatch(
      /between 21:00 and 6:00/,
    );
  });

  it('a night hour it names must be a parameter of its file', () => {
    const broken = structuredClone(nightWork);
    broken.night.agreements[0].startHour = 'noSuchHour';
    expect(() => loadRuleBook(ruleDirWith(nightFile, JSON.stringify(broken)))).toThrowError(
      /aml\/10-11-night-work\.json[\s\S]*night\.agreements\[0\]\.startHour: no parameter "noSuchHour"/,
    );
  });

  it('only one provision says when the night is', () => {
    const dir = ruleDirWith(
      'aml/10-11-copy.json',
      JSON.stringify({ ...nightWork, checks: nightWork.checks.slice(0, 1) }),
    );
    expect(() => loadRuleBook(dir)).toThrowError(/night: only one provision says when the night is/);
  });
});
