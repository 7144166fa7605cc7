import { describe, expect, it } from 'vitest';
import { generateRota } from '../../scripts/generate-rota.ts';
import { evaluate } from '../../src/engine/evaluate.ts';
import { partitionRota } from '../../src/engine/partition.ts';
import {
  Annotations,
  escapeData,
  escapeProperty,
  githubAnnotations,
  workflowCommand,
} from '../../src/format/github.ts';
import { entryFinder } from '../../src/report/entries.ts';
import { PartAnnotations, wholeEntry, wholeIndexes } from '../../src/engine/partAnnotations.ts';
import type { Finding, Report } from '../../src/report/schema.ts';
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

describe('which findings are annotated', () => {
  // The rule of githubAnnotations before it kept only what it could annotate: every finding, sorted
  // most severe first (a stable sort keeps the report's order within a severity), the first `max`.
  const oracle = (findings: Finding[], max: number) => {
    const rank = { violation: 0, warning: 1, info: 2 } as const;
    return [...findings].sort((a, b) => rank[a.severity] - rank[b.severity]).slice(0, max);
  };
  const SEVERITIES: Finding['severity'][] = ['violation', 'warning', 'info'];

  it('keeps the first of each severity, most severe first, and asks where only those point', () => {
    let seed = 11;
    const next = () => (seed = (seed * 16807) % 2147483647);
    for (let round = 0; round < 200; round++) {
      const max = next() % 6;
      const findings = Array.from({ length: next() % 12 }, (_, i) =>
        aFinding({ severity: SEVERITIES[next() % 3]!, workerId: `w${i}` }),
      );
      const annotations = new Annotations(max);
      const asked: string[] = [];
      for (const f of findings) {
        annotations.offer(f, () => {
          asked.push(f.workerId);
          return { file: 'r.yaml', line: Number(f.workerId.slice(1)) + 1 };
        });
      }
      const lines = annotations.lines();
      const chosen = oracle(findings, max);
      expect(lines.slice(0, chosen.length).map((l) => /arbeidstaker (w\d+)/.exec(l)?.[1])).toEqual(
        chosen.map((f) => f.workerId),
      );
      expect(lines.slice(0, chosen.length).map((l) => /line=(\d+)/.exec(l)?.[1])).toEqual(
        chosen.map((f) => String(Number(f.workerId.slice(1)) + 1)),
      );
      expect(lines.length).toBe(chosen.length + (findings.length > max ? 1 : 0));
      expect(asked.sort()).toEqual(chosen.map((f) => f.workerId).sort());
    }
  });

  it('counts findings it was not offered in the notice', () => {
    const annotations = new Annotations(1);
    annotations.offer(aFinding(), () => ({ file: 'r.yaml', line: 3 }));
    annotations.count(4);
    expect(annotations.lines().at(-1)).toBe('::notice title=turnussjekk::4 flere funn er ikke annotert; se rapporten.');
    expect(annotations.wanted('violation')).toBe(0);
    expect(annotations.wanted('info')).toBe(1);
  });
});

describe('a part’s entries named in the whole rota', () => {
  const rota = validateRotaDocument(generateRota({ workers: 6, weeks: 4, seed: 3 }));
  const whole = entryFinder(rota);
  const indexes = wholeIndexes(rota);
  const parts = partitionRota(rota, 2);
  const partOf = (workerId: string) => parts.find((p) => p.rota.workers.some((w) => w.id === workerId))!;

  it('points at the same period, assignment or worker as the whole rota does', async () => {
    const report = await evaluate(rota, { conversions: false });
    const far = { start: '2040-01-01T00:00:00+01:00', end: '2040-01-02T00:00:00+01:00' };
    const findings = [
      ...report.findings,
      // No period near the window: the assignment, or with none named, the worker's first.
      ...rota.assignments.map((a) => aFinding({ workerId: a.workerId, assignmentIds: [a.id], window: far })),
      ...rota.workers.map((w) => aFinding({ workerId: w.id, window: far })),
    ];
    expect(report.findings.length).toBeGreaterThan(20);
    const kinds = new Set<string>();
    for (const f of findings) {
      const part = partOf(f.workerId);
      const kept = new PartAnnotations(part.rota, { violation: 1, warning: 1, info: 1 });
      kept.offer(f);
      const entry = wholeEntry(kept.kept[0]!.entry, part, indexes);
      expect(entry).toBe(whole(f));
      kinds.add(entry.replace(/\[\d+\]/, ''));
    }
    expect([...kinds].sort()).toEqual(['assignments', 'periods']);
  });

  it('keeps as many of each severity as it is asked for, in the order offered', () => {
    const kept = new PartAnnotations(parts[0]!.rota, { violation: 2, warning: 0, info: 1 });
    const w = parts[0]!.rota.workers[0]!.id;
    const severities: Finding['severity'][] = ['warning', 'violation', 'info', 'violation', 'info', 'violation'];
    severities.forEach((severity, i) => {
      kept.offer(aFinding({ severity, workerId: w, measured: i }));
    });
    expect(kept.kept.map((k) => k.finding.measured)).toEqual([1, 2, 3]);
  });
});

describe('GitHub annotations of a rota evaluated in parts (its report streamed)', () => {
  // 12 workers, 10 weeks: 146 violations, 81 warnings, 33 info, so the 200 annotations take every
  // violation and the first warnings, and the parts after the first few are asked for no violation.
  const dir = tempDir();
  const file = write(dir, 'rota.json', JSON.stringify(generateRota({ workers: 12, weeks: 10, seed: 7 }), null, 2));
  const PARTS = { TURNUSSJEKK_PARALLEL_MIN_PERIODS: '1' };
  const annotations = (err: string) => err.split('\n').filter((l) => l.startsWith('::'));

  for (const format of ['json', 'ndjson', 'text', 'junit']) {
    it(`annotates as the whole report does, and writes the same --format ${format}`, async () => {
      const args = ['check', file, '--format', format];
      const plain = await run(args);
      const whole = await run(args, { env: { GITHUB_ACTIONS: 'true' } });
      const inProcess = await run([...args, '--jobs', '1'], { env: { GITHUB_ACTIONS: 'true', ...PARTS } });
      const processes = await run([...args, '--jobs', '2'], { env: { GITHUB_ACTIONS: 'true', ...PARTS } });
      const lines = annotations(whole.err);
      expect(lines).toHaveLength(201);
      expect(lines.filter((l) => l.startsWith('::error ')).length).toBeGreaterThan(100);
      expect(lines.filter((l) => l.startsWith('::warning ')).length).toBeGreaterThan(10);
      expect(lines.every((l, i) => i === 200 || /^::\w+ file=[^,]*rota\.json,line=\d+,/.test(l))).toBe(true);
      for (const parted of [inProcess, processes]) {
        expect(annotations(parted.err)).toEqual(lines);
        // (The in-process `out` gets the streamed JSON with its closing newline: compared without.)
        expect(parted.out.trimEnd()).toBe(plain.out.trimEnd());
        expect(parted.code).toBe(plain.code);
      }
      expect(whole.out).toBe(plain.out);
    }, 60_000);
  }
});
