import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildLoadRota } from '../../scripts/load-test.ts';
import { evaluate } from '../../src/engine/evaluate.ts';
import { escapeXmlAttr, escapeXmlText, formatJunit, writeJunit } from '../../src/format/junit.ts';
import type { Finding, Report } from '../../src/report/schema.ts';
import { validateRotaDocument } from '../../src/rota/load.ts';
import { listRules } from '../../src/rules/catalogue.ts';
import { defaultRuleBook } from '../../src/rules/load.ts';
import { aFinding, JSON_ROTA, run, tempDir, write, YAML_ROTA } from './fixtures.ts';

interface Testcase {
  '@_classname': string;
  '@_name': string;
  failure?: Array<{ '@_message': string; '@_type': string; '#text'?: string }>;
  'system-out'?: string;
}
interface Testsuite {
  '@_name': string;
  '@_tests': string;
  '@_failures': string;
  testcase: Testcase[];
}
interface Parsed {
  testsuites: { '@_tests': string; '@_failures': string; testsuite: Testsuite[] };
}

function parse(xml: string): Parsed {
  expect(XMLValidator.validate(xml)).toBe(true);
  return new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    htmlEntities: true, // numeric character references (&#10;) in attributes
    trimValues: false,
    parseAttributeValue: false,
    parseTagValue: false,
    isArray: (name) => ['testsuite', 'testcase', 'failure'].includes(name),
  }).parse(xml) as Parsed;
}

const ruleIds = () => listRules(defaultRuleBook()).map((r) => r.id);

describe('--format junit', () => {
  let files: string[];
  let parsed: Parsed;
  let reports: Array<Report & { file: string }>;
  let code: number;

  beforeAll(async () => {
    const dir = tempDir();
    files = [write(dir, 'a.yaml', YAML_ROTA), write(dir, 'b.json', JSON_ROTA)];
    const junit = await run(['check', ...files, '--format', 'junit']);
    code = junit.code;
    parsed = parse(junit.out);
    reports = JSON.parse((await run(['check', ...files, '--format', 'json'])).out);
  });

  it('keeps the exit code of the check', () => {
    expect(code).toBe(1);
  });

  it('has one testsuite per file and one testcase per worker × rule id', () => {
    const suites = parsed.testsuites.testsuite;
    expect(suites.map((s) => s['@_name'])).toEqual(files);
    const ids = ruleIds();
    for (const s of suites) {
      expect(s.testcase).toHaveLength(2 * ids.length);
      expect(Number(s['@_tests'])).toBe(2 * ids.length);
      expect(s.testcase.map((t) => `${t['@_classname']}/${t['@_name']}`)).toEqual(
        ['w1', 'w2'].flatMap((w) => ids.map((id) => `${w}/${id}`)),
      );
    }
    expect(Number(parsed.testsuites['@_tests'])).toBe(4 * ids.length);
  });

  it('has a <failure> per violation, with the Norwegian message; failures counts failed test cases', () => {
    let failedCases = 0;
    parsed.testsuites.testsuite.forEach((s, i) => {
      const violations = reports[i]!.findings.filter((f) => f.severity === 'violation');
      const failures = s.testcase.flatMap((t) => t.failure ?? []);
      expect(failures).toHaveLength(reports[i]!.summary.violations);
      expect(failures.map((f) => f['@_message'])).toEqual(violations.map((f) => f.message.nb));
      const failed = s.testcase.filter((t) => (t.failure ?? []).length > 0).length;
      expect(Number(s['@_failures'])).toBe(failed);
      failedCases += failed;
      const tc = s.testcase.find((t) => t['@_classname'] === 'w1' && t['@_name'] === 'aml.10-6.total-day')!;
      expect(tc.failure![0]!['#text']).toContain('arbeidsmiljøloven § 10-6');
    });
    expect(Number(parsed.testsuites['@_failures'])).toBe(failedCases);
  });

  it('writes warnings to <system-out> without failing the test case', () => {
    for (const s of parsed.testsuites.testsuite) {
      const tc = s.testcase.find((t) => t['@_classname'] === 'w2' && t['@_name'] === 'aml.10-4.normal-day')!;
      expect(tc.failure).toBeUndefined();
      expect(tc['system-out']).toContain('ADVARSEL aml.10-4.normal-day');
    }
  });

  it('with --fail-on warning the warnings fail too', async () => {
    const r = await run(['check', ...files, '--format', 'junit', '--fail-on', 'warning']);
    const p = parse(r.out);
    const failures = p.testsuites.testsuite.flatMap((s) => s.testcase.flatMap((t) => t.failure ?? []));
    expect(failures).toHaveLength(reports.reduce((n, x) => n + x.summary.violations + x.summary.warnings, 0));
    const warnings = reports.reduce((n, x) => n + x.summary.warnings, 0);
    expect(warnings).toBeGreaterThan(0);
    expect(failures.filter((f) => f['@_type'] === 'warning')).toHaveLength(warnings);
  });
});

describe('JUnit escaping', () => {
  const nasty = `Tom & "Jerry" <'x'> ]]> \u0001 tab\tline\nbreak\r\nend 💤`;

  it('escapes text and attributes', () => {
    expect(escapeXmlText('a & <b> ]]>')).toBe('a &amp; &lt;b&gt; ]]&gt;');
    expect(escapeXmlAttr(`"'\n\t\r<&`)).toBe('&quot;&apos;&#10;&#9;&#13;&lt;&amp;');
    expect(escapeXmlText('\u0000\u0008\uD800x')).toBe('\uFFFD\uFFFD\uFFFDx');
  });

  it('round-trips ids and messages through an XML parser', () => {
    const rota = validateRotaDocument({
      version: 1,
      workers: [{ id: nasty }],
      assignments: [{ id: 'a<1>', workerId: nasty, kind: 'employment', contract: 'arbeidsavtale' }],
      periods: [],
    });
    const finding: Finding = {
      ruleId: 'aml.10-4.normal-day',
      citation: 'arbeidsmiljøloven § 10-4 første ledd',
      severity: 'violation',
      workerId: nasty,
      assignmentIds: ['a<1>'],
      window: { start: '2025-03-04T00:00:00+01:00', end: '2025-03-05T00:00:00+01:00' },
      measured: 12,
      limit: 9,
      unit: 'hours',
      curedBy: [],
      message: { nb: nasty, en: 'x' },
      title: { nb: 'For lang <dag>', en: 'x' },
      reading: 'fixed-day-frame',
      confidence: 'verified',
    };
    const report: Report = {
      version: 1,
      profiles: [],
      findings: [finding, { ...finding, severity: 'warning' }],
      incidents: [],
      headroom: [],
      conversions: [],
      ledger: [],
      summary: { workers: 1, assignments: 1, periods: 0, hours: 0, violations: 1, warnings: 1, info: 0, perWorker: [] },
      readings: [],
    };
    const xml = formatJunit([{ file: 'dir/<rota>&.yaml', rota, report }], { ruleIds: ['aml.10-4.normal-day'] });
    const p = parse(xml);
    const expected = nasty.replace('\u0001', '\uFFFD');
    const suite = p.testsuites.testsuite[0]!;
    expect(suite['@_name']).toBe('dir/<rota>&.yaml');
    const tc = suite.testcase[0]!;
    expect(tc['@_classname']).toBe(expected);
    expect(tc.failure).toHaveLength(1);
    expect(tc.failure![0]!['@_message']).toBe(expected);
    expect(tc.failure![0]!['#text']).toContain('For lang <dag>');
    expect(tc['system-out']).toContain('ADVARSEL');
    expect(tc['system-out']).toContain('a<1>');
  });

  it('is written in pieces through the CLI’s raw stdout, the same XML as collected whole', async () => {
    const dir = tempDir();
    const file = write(dir, 'load.json', JSON.stringify(buildLoadRota()));
    const pieces: Array<string | Uint8Array> = [];
    const streamed = await run(['check', file, '--format', 'junit'], { write: (c) => pieces.push(c) });
    const whole = await run(['check', file, '--format', 'junit']);
    expect(streamed.code).toBe(whole.code);
    expect(streamed.out).toBe('');
    expect(pieces.length).toBeGreaterThan(3);
    expect(pieces.join('')).toBe(`${whole.out}\n`);
    // Each piece of the XML is about 64 Ki characters, a test case past it at most.
    const sizes = pieces.slice(0, -2).map((p) => p.length);
    expect(Math.min(...sizes)).toBeGreaterThanOrEqual(1 << 16);
    expect(Math.max(...sizes)).toBeLessThan(1 << 17);
    const p = parse(whole.out);
    const report = await evaluate(validateRotaDocument(buildLoadRota()), { ruleBook: defaultRuleBook() });
    const failures = p.testsuites.testsuite[0]!.testcase.reduce((n, tc) => n + (tc.failure?.length ?? 0), 0);
    expect(failures).toBe(report.findings.filter((f) => f.severity === 'violation').length);
  });

  it('gives a worker and a rule a finding names, not in the rota or the list, their test cases', () => {
    const rota = validateRotaDocument({ version: 1, workers: [{ id: 'w1' }], assignments: [], periods: [] });
    const finding = aFinding({ ruleId: 'local.rule', workerId: 'w9', limit: 0 });
    const report = { findings: [finding, finding] } as Report;
    const pieces: string[] = [];
    writeJunit([{ file: 'x.json', rota, report }], { ruleIds: ['aml.10-4.normal-day'] }, (t) => pieces.push(t));
    const suite = parse(pieces.join('')).testsuites.testsuite[0]!;
    expect(suite.testcase.map((tc) => `${tc['@_classname']} ${tc['@_name']}`)).toEqual([
      'w1 aml.10-4.normal-day',
      'w1 local.rule',
      'w9 aml.10-4.normal-day',
      'w9 local.rule',
    ]);
    expect(suite['@_failures']).toBe('1');
    expect(suite.testcase[3]!.failure).toHaveLength(2);
  });
});
