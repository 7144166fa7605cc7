import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { beforeAll, describe, expect, it } from 'vitest';
import { entryFinder } from '../../src/report/entries.ts';
import { DEFAULT_DOCS_BASE, docsBase, ruleDocPath, sarifLog } from '../../src/format/sarif.ts';
import type { Report } from '../../src/report/schema.ts';
import { locateLines, parsePath } from '../../src/rota/locate.ts';
import { validateRotaDocument } from '../../src/rota/load.ts';
import { listRules } from '../../src/rules/catalogue.ts';
import { defaultRuleBook } from '../../src/rules/load.ts';
import { JSON_PERIOD_LINES, JSON_ROTA, lineOf, run, tempDir, write, YAML_ROTA } from './fixtures.ts';

const require = createRequire(import.meta.url);

/** The SARIF 2.1.0 schema as shipped is draft-04 (`id`); ajv's default dialect reads it once `id` is `$id`. */
function sarifValidator() {
  const schema = JSON.parse(
    readFileSync(require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8'),
  );
  delete schema.$schema;
  schema.$id = schema.id;
  delete schema.id;
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false }); // the schema's language pattern is not valid with the u flag;
  addFormats.default(ajv);
  return ajv.compile(schema);
}

interface SarifResultView {
  ruleId: string;
  ruleIndex: number;
  level: string;
  message: { text: string };
  locations: Array<{ physicalLocation: { artifactLocation: { uri: string }; region?: { startLine: number } } }>;
  properties: { workerId: string; severity: string };
}

describe('locateLines', () => {
  it('finds periods, nested fields and other entries in YAML, including flow maps and comments', () => {
    const at = locateLines(YAML_ROTA, 'yaml');
    expect(at('periods[0]')).toBe(lineOf(YAML_ROTA, '# P0'));
    expect(at('periods[1]')).toBe(lineOf(YAML_ROTA, '# P1'));
    expect(at('periods[1].end')).toBe(lineOf(YAML_ROTA, '# P1') + 2);
    expect(at('periods[2]')).toBe(lineOf(YAML_ROTA, '# P2'));
    expect(at('periods[3]')).toBe(lineOf(YAML_ROTA, '# P3') + 1); // the entry starts after its comment
    expect(at('assignments[1]')).toBe(lineOf(YAML_ROTA, 'id: a2'));
    expect(at('workers[1].id')).toBe(lineOf(YAML_ROTA, 'id: w2'));
    expect(at('')).toBe(1);
    expect(at('periods[4]')).toBeUndefined();
    expect(at('nothing.here')).toBeUndefined();
  });

  it('reads JSON with the same parser (YAML 1.2 is a superset of JSON)', () => {
    const at = locateLines(JSON_ROTA, 'json');
    expect([0, 1, 2, 3].map((i) => at(`periods[${i}]`))).toEqual(JSON_PERIOD_LINES);
    expect(at('periods[3].end')).toBe(JSON_PERIOD_LINES[3]! + 3);
    const pretty = JSON.stringify({ version: 1, periods: [{ a: 'x\\/"\t' }, { a: 'æøå' }] }, null, 2);
    expect(locateLines(pretty, 'json')('periods[1]')).toBe(pretty.split('\n').indexOf('    {', 4) + 1);
  });

  it('reads the file again, when it may, only for a path that is not an entry', () => {
    for (const [text, format] of [
      [JSON_ROTA, 'json'],
      [YAML_ROTA, 'yaml'],
    ] as const) {
      let reads = 0;
      const at = locateLines(text, format, () => (reads++, text));
      const held = locateLines(text, format);
      expect([0, 1, 2, 3].map((i) => at(`periods[${i}]`))).toEqual([0, 1, 2, 3].map((i) => held(`periods[${i}]`)));
      expect(reads).toBe(0);
      expect(at('periods[3].end')).toBe(held('periods[3].end'));
      expect(at('periods[2].start')).toBe(held('periods[2].start'));
      expect(reads).toBe(1);
    }
    // Read again as nothing (the file gone): no line, not an error.
    expect(locateLines(JSON_ROTA, 'json', () => '')('periods[3].end')).toBeUndefined();
  });

  it('gives up quietly on text it cannot parse', () => {
    const at = locateLines('{"periods": [', 'json');
    expect(at('periods[0]')).toBeUndefined();
    expect(at('')).toBe(1);
  });

  it('parses paths', () => {
    expect(parsePath('periods[12].start')).toEqual(['periods', 12, 'start']);
    expect(parsePath('agreements[0].params.maxHours')).toEqual(['agreements', 0, 'params', 'maxHours']);
  });
});

describe('entryFinder: from a finding to the rota entry', () => {
  const rota = validateRotaDocument({
    version: 1,
    workers: [{ id: 'w1' }, { id: 'w2' }],
    assignments: [
      { id: 'a1', workerId: 'w1', kind: 'employment', contract: 'arbeidsavtale' },
      { id: 'a2', workerId: 'w1', kind: 'respite-carer-home', contract: 'oppdrag' },
      { id: 'a3', workerId: 'w2', kind: 'employment', contract: 'arbeidsavtale' },
    ],
    periods: [
      { assignmentId: 'a2', start: '2025-03-05T08:00', end: '2025-03-05T12:00' },
      { assignmentId: 'a1', start: '2025-03-03T08:00', end: '2025-03-03T16:00' },
      { assignmentId: 'a1', start: '2025-03-04T08:00', end: '2025-03-04T16:00' },
      { assignmentId: 'a2', start: '2025-03-04T10:00', end: '2025-03-04T18:00' },
    ],
  });
  const find = entryFinder(rota);
  const f = (assignmentIds: string[], start: string, end: string, workerId = 'w1') =>
    find({ workerId, assignmentIds, window: { start, end } });

  it('takes the first period (file order) of the named assignments that overlaps the window', () => {
    expect(f(['a1'], '2025-03-04T00:00:00+01:00', '2025-03-05T00:00:00+01:00')).toBe('periods[2]');
    expect(f(['a1', 'a2'], '2025-03-04T00:00:00+01:00', '2025-03-06T00:00:00+01:00')).toBe('periods[0]');
    expect(f(['a2'], '2025-03-04T00:00:00+01:00', '2025-03-05T00:00:00+01:00')).toBe('periods[3]');
  });

  it('takes a period touching the window when none overlaps (a rest window between periods)', () => {
    expect(f(['a1'], '2025-03-03T16:00:00+01:00', '2025-03-04T08:00:00+01:00')).toBe('periods[1]');
  });

  it('falls back to the assignment entry, then the worker', () => {
    expect(f(['a2'], '2025-06-01T00:00:00+02:00', '2025-06-02T00:00:00+02:00')).toBe('assignments[1]');
    expect(f(['a3'], '2025-03-04T00:00:00+01:00', '2025-03-05T00:00:00+01:00', 'w2')).toBe('assignments[2]');
    expect(f(['nope'], '2025-03-04T00:00:00+01:00', '2025-03-05T00:00:00+01:00', 'w2')).toBe('workers[1]');
  });

  it('uses all the worker’s assignments when the finding names none', () => {
    expect(f([], '2025-03-03T00:00:00+01:00', '2025-03-04T00:00:00+01:00')).toBe('periods[1]');
  });
});

describe('--format sarif', () => {
  const validate = sarifValidator();
  let dir: string;
  let yamlFile: string;
  let jsonFile: string;
  let log: {
    runs: Array<{ tool: { driver: { name: string; rules: Array<Record<string, any>> } }; results: SarifResultView[] }>;
  };
  let reports: Array<Report & { file: string }>;
  let code: number;

  beforeAll(async () => {
    dir = tempDir();
    yamlFile = write(dir, 'rota.yaml', YAML_ROTA);
    jsonFile = write(dir, 'sub dir/rota.json', JSON_ROTA);
    const sarif = await run(['check', yamlFile, jsonFile, '--format', 'sarif'], { cwd: dir });
    code = sarif.code;
    log = JSON.parse(sarif.out);
    reports = JSON.parse((await run(['check', yamlFile, jsonFile, '--format', 'json'])).out);
  });

  it('is valid SARIF 2.1.0', () => {
    const ok = validate(log);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it('(the validator does reject broken SARIF)', () => {
    expect(validate({ version: '2.1.0', runs: [{ tool: { driver: {} } }] })).toBe(false);
    const bad = structuredClone(log) as unknown as { runs: Array<{ results: Array<{ level: string }> }> };
    bad.runs[0]!.results[0]!.level = 'fatal';
    expect(validate(bad)).toBe(false);
  });

  it('keeps the exit code of the check (1: violations)', () => {
    expect(code).toBe(1);
  });

  it('describes every rule of the rule book, with the law URL and the citation of its first check (or its rule file)', () => {
    const book = defaultRuleBook();
    const driver = log.runs[0]!.tool.driver;
    expect(driver.name).toBe('turnussjekk');
    expect(driver.rules.map((r) => r.id)).toEqual(listRules(book).map((r) => r.id));
    for (const file of book.files) {
      for (const check of file.checks) {
        const rule = driver.rules.find((r) => r.id === check.id)!;
        if (file.law.url) expect(rule.properties.lawUri).toBe(file.law.url);
        expect(rule.help.text).toContain(file.law.url ?? '');
        expect(rule.properties.citation).toBe(
          (file.checks.find((c) => c.id === check.id)!.citation ?? file.citation).nb,
        );
        expect(rule.fullDescription.text).toBe(file.summary.nb);
      }
    }
    const first = book.files.flatMap((f) => f.checks).find((c) => c.id === 'aml.10-4.normal-day')!;
    expect(driver.rules.find((r) => r.id === 'aml.10-4.normal-day')!.shortDescription.text).toBe(first.title.nb);
    expect(new Set(driver.rules.map((r) => r.name)).size).toBe(driver.rules.length);
  });

  it('names the project’s documentation: informationUri on the driver, helpUri on every rule (the multitool warns without them)', () => {
    const driver = log.runs[0]!.tool.driver as { informationUri?: string; rules: Array<Record<string, any>> };
    expect(driver.informationUri).toBe(`${DEFAULT_DOCS_BASE}README.md`);
    const repo = new URL('../../', import.meta.url);
    for (const rule of driver.rules) {
      const uri = new URL(rule.helpUri as string);
      expect(uri.protocol, rule.id as string).toBe('https:');
      expect(uri.href.startsWith(DEFAULT_DOCS_BASE), rule.id as string).toBe(true);
      // Each points at a page that is in the repository (and, for the contract, at its rule-id list).
      const page = uri.href.slice(DEFAULT_DOCS_BASE.length).split('#')[0]!;
      expect(existsSync(new URL(page, repo)), `${rule.id}: ${page}`).toBe(true);
    }
    const byId = new Map(driver.rules.map((r) => [r.id as string, r.helpUri as string]));
    expect(byId.get('aml.10-8.daily-rest')).toBe(`${DEFAULT_DOCS_BASE}docs/legal/provisions/aml-10-8.md`);
    expect(byId.get('avl.8.rest-16')).toBe(`${DEFAULT_DOCS_BASE}docs/legal/provisions/avlaster.md`);
    expect(byId.get('med.3.daily-rest')).toBe(`${DEFAULT_DOCS_BASE}docs/legal/provisions/medlever.md`);
    expect(byId.get('rota.integrity.overlap')).toBe(`${DEFAULT_DOCS_BASE}docs/contract.md#rule-ids`);
    expect(readFileSync(new URL('docs/contract.md', repo), 'utf8')).toMatch(/^## Rule ids$/m);
  });

  it('takes another documentation base from TURNUSSJEKK_DOCS_URL or the option, and names a bad one', () => {
    const book = defaultRuleBook();
    const rota = validateRotaDocument(JSON.parse(JSON_ROTA));
    const gh = 'https://github.com/example/turnussjekk/blob/main';
    const out = sarifLog([{ file: jsonFile, rota, report: reports[1]! }], { book, cwd: dir, docsBase: gh });
    expect(validate(out)).toBe(true);
    expect(out.runs[0]!.tool.driver.informationUri).toBe(`${gh}/README.md`);
    expect(out.runs[0]!.tool.driver.rules.every((r) => r.helpUri.startsWith(`${gh}/docs/`))).toBe(true);
    expect(docsBase('  ')).toBe(DEFAULT_DOCS_BASE);
    for (const bad of ['docs/', 'ftp://example.org/', 'https://example.org/?ref=main']) {
      expect(() => docsBase(bad), bad).toThrow(/TURNUSSJEKK_DOCS_URL: must be an absolute http\(s\) URL/);
    }
  });

  it('finds each rule’s page among its rule file’s sources', () => {
    expect(
      ruleDocPath(['https://lovdata.no/x', 'docs/legal/provisions/aml-10-8.md; docs/legal/02-daily-rest.md']),
    ).toBe('docs/legal/provisions/aml-10-8.md');
    expect(ruleDocPath(['docs/contract.md'])).toBe('docs/contract.md#rule-ids');
    expect(ruleDocPath(['https://example.org/docs/x.md'])).toBe('docs/contract.md#rule-ids');
    expect(ruleDocPath([])).toBe('docs/contract.md#rule-ids');
  });

  it('has one result per finding, with level, Norwegian message and rule index', () => {
    const results = log.runs[0]!.results;
    const findings = reports.flatMap((r) => r.findings);
    expect(results).toHaveLength(findings.length);
    const level = { violation: 'error', warning: 'warning', info: 'note' } as const;
    results.forEach((r, i) => {
      const f = findings[i]!;
      expect(r.ruleId).toBe(f.ruleId);
      expect(r.level).toBe(level[f.severity]);
      expect(r.message.text).toBe(f.message.nb);
      expect(log.runs[0]!.tool.driver.rules[r.ruleIndex]!.id).toBe(r.ruleId);
    });
  });

  it('points at the line of the period that caused the finding, in a YAML and a JSON rota', () => {
    const results = log.runs[0]!.results;
    const where = (uri: string, workerId: string, severity: string) => {
      const r = results.find(
        (x) =>
          x.locations[0]!.physicalLocation.artifactLocation.uri === uri &&
          x.properties.workerId === workerId &&
          x.properties.severity === severity,
      );
      return r?.locations[0]?.physicalLocation.region?.startLine;
    };
    // w1's violations are Tuesday's 13.5-hour shift (P1); w2's planned-overtime warning is P2.
    expect(where('rota.yaml', 'w1', 'violation')).toBe(lineOf(YAML_ROTA, '# P1'));
    expect(where('rota.yaml', 'w2', 'warning')).toBe(lineOf(YAML_ROTA, '# P2'));
    expect(where('sub%20dir/rota.json', 'w1', 'violation')).toBe(JSON_PERIOD_LINES[1]);
    expect(where('sub%20dir/rota.json', 'w2', 'warning')).toBe(JSON_PERIOD_LINES[2]);
  });

  it('with an empty report is still valid and lists the rules', () => {
    const book = defaultRuleBook();
    const rota = validateRotaDocument({ version: 1, workers: [{ id: 'w1' }], assignments: [], periods: [] });
    const empty: Report = {
      version: 1,
      profiles: [],
      findings: [],
      incidents: [],
      headroom: [],
      conversions: [],
      ledger: [],
      summary: { workers: 1, assignments: 0, periods: 0, hours: 0, violations: 0, warnings: 0, info: 0, perWorker: [] },
      readings: [],
    };
    const out = sarifLog([{ file: 'x.yaml', rota, report: empty }], { book });
    expect(validate(out)).toBe(true);
    expect(out.runs[0]!.results).toEqual([]);
  });

  it('without line information leaves the region out but stays valid', () => {
    const book = defaultRuleBook();
    const rota = validateRotaDocument(JSON.parse(JSON_ROTA));
    const report = reports[1]!;
    const out = sarifLog([{ file: jsonFile, rota, report }], { book, cwd: dir });
    expect(validate(out)).toBe(true);
    expect(out.runs[0]!.results.every((r) => r.locations[0]!.physicalLocation.region === undefined)).toBe(true);
    expect((out.runs[0]!.results[0]!.locations[0] as { logicalLocations?: unknown }).logicalLocations).toEqual([
      { fullyQualifiedName: 'periods[1]', kind: 'element' },
    ]);
  });

  it('gives a finding the same fingerprint in every run', async () => {
    const again = JSON.parse((await run(['check', yamlFile, jsonFile, '--format', 'sarif'], { cwd: dir })).out);
    const fp = (l: typeof log) =>
      l.runs[0]!.results.map(
        (r) => (r as unknown as { partialFingerprints: Record<string, string> }).partialFingerprints,
      );
    expect(fp(again)).toEqual(fp(log));
  });
});
