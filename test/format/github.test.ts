import { describe, expect, it } from 'vitest';
import { escapeData, escapeProperty, githubAnnotations, workflowCommand } from '../../src/format/github.ts';
import type { Report } from '../../src/report/schema.ts';
import { validateRotaDocument } from '../../src/rota/load.ts';
import {
  aFinding,
  CLEAN_ROTA,
  JSON_PERIOD_LINES,
  JSON_ROTA,
  lineOf,
  run,
  tempDir,
  write,
  YAML_ROTA,
} from './fixtures.ts';

describe('workflow command escaping (as @actions/core)', () => {
  it('escapes % CR LF in the message', () => {
    expect(escapeData('100% sikker\r\nny linje: a,b')).toBe('100%25 sikker%0D%0Any linje: a,b');
  });

  it('also escapes : and , in properties', () => {
    expect(escapeProperty('aml.10-4: dag, natt 50%\n')).toBe('aml.10-4%3A dag%2C natt 50%25%0A');
  });

  it('writes ::command props::message, leaving out empty properties', () => {
    expect(workflowCommand('error', { file: 'a,b.yaml', line: 3, title: undefined }, 'x\ny')).toBe(
      '::error file=a%2Cb.yaml,line=3::x%0Ay',
    );
    expect(workflowCommand('notice', {}, 'hei')).toBe('::notice::hei');
  });
});

describe('GitHub annotations from the CLI', () => {
  const dir = tempDir();
  const yamlFile = write(dir, 'rota.yaml', YAML_ROTA);
  const jsonFile = write(dir, 'nested/rota.json', JSON_ROTA);
  const annotations = (err: string) => err.split('\n').filter((l) => l.startsWith('::'));

  it('annotates each finding on stderr when GITHUB_ACTIONS=true, at the period’s line', async () => {
    const r = await run(['check', yamlFile, jsonFile, '--format', 'json'], {
      env: { GITHUB_ACTIONS: 'true' },
      cwd: dir,
    });
    expect(r.code).toBe(1);
    const lines = annotations(r.err);
    const report = JSON.parse(r.out) as Array<Report>;
    const findings = report.flatMap((x) => x.findings);
    expect(lines).toHaveLength(findings.length);
    // violations first, then warnings
    const kinds = lines.map((l) => /^::(\w+) /.exec(l)![1]);
    expect(kinds).toEqual(
      [...kinds].sort(
        (a, b) => ['error', 'warning', 'notice'].indexOf(a!) - ['error', 'warning', 'notice'].indexOf(b!),
      ),
    );
    expect(kinds.filter((k) => k === 'error')).toHaveLength(findings.filter((f) => f.severity === 'violation').length);
    // w1's violations are Tuesday's 13.5-hour shift (P1); w2's planned-overtime warning is P2
    const w1 = `title=aml\\.10-6\\.total-day%3A [^:]+::[^\\n]*arbeidstaker w1 `;
    const w2 = `title=aml\\.10-4\\.normal-day%3A [^:]+::[^\\n]*arbeidstaker w2 `;
    expect(lines).toContainEqual(
      expect.stringMatching(new RegExp(`^::error file=rota\\.yaml,line=${lineOf(YAML_ROTA, '# P1')},${w1}`)),
    );
    expect(lines).toContainEqual(
      expect.stringMatching(new RegExp(`^::error file=nested/rota\\.json,line=${JSON_PERIOD_LINES[1]},${w1}`)),
    );
    expect(lines).toContainEqual(
      expect.stringMatching(new RegExp(`^::warning file=rota\\.yaml,line=${lineOf(YAML_ROTA, '# P2')},${w2}`)),
    );
    expect(lines).toContainEqual(
      expect.stringMatching(new RegExp(`^::warning file=nested/rota\\.json,line=${JSON_PERIOD_LINES[2]},${w2}`)),
    );
    const violation = report[0]!.findings.find((f) => f.severity === 'violation')!;
    expect(lines[0]).toContain(`::${escapeData(violation.message.nb)}%0A${violation.citation}`);
    // one annotation per line: the message's own line breaks are escaped
    expect(r.err.split('\n').filter((l) => l.includes('arbeidstaker w1'))).toHaveLength(
      findings.filter((f) => f.workerId === 'w1').length,
    );
  });

  it('leaves stdout as it was', async () => {
    const plain = await run(['check', yamlFile, '--format', 'json']);
    const annotated = await run(['check', yamlFile, '--format', 'json'], { env: { GITHUB_ACTIONS: 'true' } });
    expect(annotated.out).toBe(plain.out);
  });

  it('prints nothing outside GitHub Actions', async () => {
    for (const env of [{}, { GITHUB_ACTIONS: 'false' }, { CI: 'true' }]) {
      const r = await run(['check', yamlFile], { env });
      expect(annotations(r.err)).toEqual([]);
    }
  });

  it('prints nothing when there are no findings', async () => {
    const clean = write(dir, 'clean.yaml', CLEAN_ROTA);
    const r = await run(['check', clean], { env: { GITHUB_ACTIONS: 'true' } });
    expect(r.code).toBe(0);
    expect(r.err).toBe('');
  });

  it('caps the number of annotations and says how many were left out', () => {
    const rota = validateRotaDocument({ version: 1, workers: [{ id: 'w1' }], assignments: [], periods: [] });
    const f = aFinding({
      severity: 'info',
      message: { nb: '50% av: grensen,\r\nny linje', en: 'x' },
      title: { nb: 'Dag: lang, veldig', en: 'x' },
    });
    const report = { findings: [f, f, f] } as Report;
    const lines = githubAnnotations([{ file: 'r.yaml', rota, report }], { max: 2 });
    expect(lines).toHaveLength(3);
    expect(lines[0]).toBe(
      '::notice file=r.yaml,title=aml.10-4.normal-day%3A Dag%3A lang%2C veldig::50%25 av: grensen,%0D%0Any linje%0Aarbeidsmiljøloven § 10-4 første ledd · arbeidstaker w1 · 2025-03-04T00:00:00+01:00 – 2025-03-05T00:00:00+01:00',
    );
    expect(lines[2]).toBe('::notice title=turnussjekk::1 flere funn er ikke annotert; se rapporten.');
  });
});
