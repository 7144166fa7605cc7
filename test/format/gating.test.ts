// CI gating: --fail-on, --baseline, the summary line and the progress bar.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateRota } from '../../scripts/generate-rota.ts';
import { ProgressBar } from '../../src/cli/progress.ts';
import { applyBaseline, baselineFromDocument, baselineKey } from '../../src/report/baseline.ts';
import type { Report } from '../../src/report/schema.ts';
import { CLEAN_ROTA, JSON_ROTA, run, tempDir, WARNING_ONLY_ROTA, write, YAML_ROTA } from './fixtures.ts';

describe('--fail-on', () => {
  const dir = tempDir();
  const warningOnly = write(dir, 'warn.yaml', WARNING_ONLY_ROTA);
  const clean = write(dir, 'clean.yaml', CLEAN_ROTA);
  const violating = write(dir, 'viol.yaml', YAML_ROTA);

  it('defaults to violation: warnings alone exit 0', async () => {
    const r = await run(['check', warningOnly]);
    expect(r.out).toContain('ADVARSEL');
    expect(r.code).toBe(0);
    expect((await run(['check', warningOnly, '--fail-on', 'violation'])).code).toBe(0);
  });

  it('warning: exit 1 on warnings too, in every format', async () => {
    for (const format of ['text', 'json', 'junit', 'sarif']) {
      expect((await run(['check', warningOnly, '--format', format, '--fail-on', 'warning'])).code).toBe(1);
    }
  });

  it('violations fail under either setting; a clean rota never does', async () => {
    expect((await run(['check', violating])).code).toBe(1);
    expect((await run(['check', violating, '--fail-on', 'warning'])).code).toBe(1);
    expect((await run(['check', clean, '--fail-on', 'warning'])).code).toBe(0);
  });

  it('info: exit 1 on any finding, info included', async () => {
    expect((await run(['check', clean, '--fail-on', 'info'])).code).toBe(0);
    expect((await run(['check', warningOnly, '--fail-on', 'info'])).code).toBe(1);
  });

  it('refuses other values with exit 2', async () => {
    const r = await run(['check', clean, '--fail-on', 'notice']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('--fail-on must be violation, warning or info, got "notice"');
  });
});

describe('--baseline', () => {
  // 10 h on Thursday: an hour of planned overtime (a warning), within every other limit.
  const extraPeriod = '  - { assignmentId: a1, start: 2025-03-06T08:00, end: 2025-03-06T18:00 }   # new\n';

  it('round trip: accepted findings disappear, a new period shows exactly its finding', async () => {
    const dir = tempDir();
    const rota = write(dir, 'rota.yaml', YAML_ROTA);
    const first = await run(['check', rota, '--format', 'json']);
    expect(first.code).toBe(1);
    const before = JSON.parse(first.out) as Report;
    expect(before.findings.length).toBeGreaterThan(0);
    const baseline = join(dir, 'baseline.json');
    writeFileSync(baseline, first.out);

    const again = await run(['check', rota, '--format', 'json', '--baseline', baseline]);
    expect(again.code).toBe(0);
    const after = JSON.parse(again.out) as Report;
    expect(after.findings).toEqual([]);
    expect(after.summary).toMatchObject({ violations: 0, warnings: 0, info: 0 });
    expect(again.err).toContain(`${before.findings.length} funn undertrykt av baseline (${baseline})`);

    writeFileSync(rota, YAML_ROTA + extraPeriod);
    const changed = await run(['check', rota, '--format', 'json', '--baseline', baseline, '--fail-on', 'warning']);
    expect(changed.code).toBe(1);
    expect((await run(['check', rota, '--format', 'json', '--baseline', baseline])).code).toBe(0);
    const fresh = (JSON.parse(changed.out) as Report).findings;
    expect(fresh).toHaveLength(1);
    expect(fresh[0]).toMatchObject({
      ruleId: 'aml.10-4.normal-day',
      severity: 'warning',
      workerId: 'w1',
      assignmentIds: ['a1'],
    });
    expect(fresh[0]!.window.start.slice(0, 10)).toBe('2025-03-06');
    // exactly what a run without the baseline adds
    const full = (JSON.parse((await run(['check', rota, '--format', 'json'])).out) as Report).findings;
    expect(full).toHaveLength(before.findings.length + 1);
    expect(changed.err).toContain(`${before.findings.length} funn undertrykt`);

    // text, junit and sarif show only the new finding as well
    const text = await run(['check', rota, '--baseline', baseline, '--fail-on', 'warning']);
    expect(text.code).toBe(1);
    expect(text.out.match(/ADVARSEL/g)).toHaveLength(1);
    expect(text.out).not.toContain('BRUDD');
    expect(text.out).toContain('Oppsummering: 0 brudd, 1 advarsel');
    expect(text.err).toContain(`${before.findings.length} funn undertrykt`);
    const junit = await run(['check', rota, '--format', 'junit', '--baseline', baseline, '--fail-on', 'warning']);
    expect(junit.out.match(/<failure /g)).toHaveLength(1);
    const sarif = await run(['check', rota, '--format', 'sarif', '--baseline', baseline]);
    expect(JSON.parse(sarif.out).runs[0].results).toHaveLength(1);
  });

  it('accepts the array the CLI prints for several files', async () => {
    const dir = tempDir();
    const files = [write(dir, 'a.yaml', YAML_ROTA), write(dir, 'b.json', JSON_ROTA)];
    const first = await run(['check', ...files, '--format', 'json']);
    const total = (JSON.parse(first.out) as Report[]).reduce((n, r) => n + r.findings.length, 0);
    const baseline = write(dir, 'baseline.json', first.out);
    const again = await run(['check', ...files, '--format', 'json', '--baseline', baseline, '--lang', 'en']);
    expect(again.code).toBe(0);
    expect((JSON.parse(again.out) as Report[]).every((r) => r.findings.length === 0)).toBe(true);
    expect(again.err).toBe(
      `turnussjekk: 2 files checked: 0 violations, 0 warnings, 0 info; ${total} findings suppressed by the baseline (${baseline}).`,
    );
  });

  it('reads a report written with --format ndjson line by line, one file or several, as the JSON report', async () => {
    const dir = tempDir();
    const files = [write(dir, 'a.yaml', YAML_ROTA), write(dir, 'b.json', JSON_ROTA)];
    for (const checked of [files.slice(0, 1), files]) {
      const json = write(dir, 'baseline.json', (await run(['check', ...checked, '--format', 'json'])).out);
      const ndjson = write(dir, 'baseline.ndjson', (await run(['check', ...checked, '--format', 'ndjson'])).out);
      // A JSON report on one line is a JSON document, not NDJSON.
      const oneLine = write(dir, 'one-line.json', JSON.stringify(JSON.parse(readFileSync(json, 'utf8'))));
      const byJson = await run(['check', ...checked, '--format', 'json', '--baseline', json]);
      const withOneLine = await run(['check', ...checked, '--format', 'json', '--baseline', oneLine]);
      const byNdjson = await run(['check', ...checked, '--format', 'json', '--baseline', ndjson]);
      expect(byJson.err).toMatch(/; [1-9]\d* funn undertrykt/);
      expect(byNdjson.out).toBe(byJson.out);
      expect(byNdjson.err).toBe(byJson.err.replace(json, ndjson));
      expect(withOneLine.err).toBe(byJson.err.replace(json, oneLine));
      expect(byNdjson.code).toBe(0);
    }
  });

  it('names the line of an NDJSON baseline that is not a finding or a report’s last line', async () => {
    const dir = tempDir();
    const rota = write(dir, 'rota.yaml', YAML_ROTA);
    const lines = (await run(['check', rota, '--format', 'ndjson'])).out.trimEnd().split('\n');
    const bad = write(
      dir,
      'bad.ndjson',
      [lines[0], '{"hello": 1}', lines[1], '{ not json', ...lines.slice(2)].join('\n'),
    );
    const r = await run(['check', rota, '--baseline', bad]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('line 2: is neither a finding nor the last line of a report (--format ndjson)');
    expect(r.err).toContain('line 4: is not valid JSON');
    // One finding on its own line, without its report's last line, is NDJSON too.
    const one = await run(['check', rota, '--format', 'json', '--baseline', write(dir, 'one.ndjson', lines[0]!)]);
    expect(one.err).toMatch(/; 1 funn undertrykt av baseline/);
    const noWindow = write(
      dir,
      'no-window.ndjson',
      [lines[0], JSON.stringify({ ...JSON.parse(lines[1]!), window: 3 })].join('\n'),
    );
    const w = await run(['check', rota, '--baseline', noWindow]);
    expect(w.code).toBe(2);
    expect(w.err).toContain('line 2.window: must be an object with start and end');
  });

  it('with --fail-on warning, a baselined warning no longer fails', async () => {
    const dir = tempDir();
    const rota = write(dir, 'warn.yaml', WARNING_ONLY_ROTA);
    const baseline = write(dir, 'baseline.json', (await run(['check', rota, '--format', 'json'])).out);
    expect((await run(['check', rota, '--fail-on', 'warning'])).code).toBe(1);
    expect((await run(['check', rota, '--fail-on', 'warning', '--baseline', baseline])).code).toBe(0);
  });

  it('names the baseline file and what is wrong with it (exit 2)', async () => {
    const dir = tempDir();
    const rota = write(dir, 'rota.yaml', CLEAN_ROTA);
    const missing = join(dir, 'missing.json');
    let r = await run(['check', rota, '--baseline', missing]);
    expect(r.code).toBe(2);
    expect(r.err).toBe(`${missing}: cannot read baseline file (ENOENT)`);
    const broken = write(dir, 'broken.json', '{ not json');
    r = await run(['check', rota, '--baseline', broken]);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`${broken}: baseline is not valid JSON`);
    const wrong = write(
      dir,
      'wrong.json',
      JSON.stringify({ findings: [{ ruleId: 'x', workerId: 'w1', assignmentIds: 'a1', window: {} }] }),
    );
    r = await run(['check', rota, '--baseline', wrong]);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`${wrong}: findings[0].assignmentIds: must be a list of strings`);
    expect(r.err).toContain(`${wrong}: findings[0].window: must be an object with start and end`);
    const notReport = write(dir, 'rules.json', JSON.stringify([{ id: 'aml.10-4.normal-day' }]));
    r = await run(['check', rota, '--baseline', notReport]);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`${notReport}: [0].findings: must be a list`);
  });

  it('keys findings by rule, worker, assignments and window as instants', () => {
    const base = {
      ruleId: 'aml.10-4.normal-day',
      workerId: 'w1',
      assignmentIds: ['a2', 'a1'],
      window: { start: '2025-03-04T00:00:00+01:00', end: '2025-03-05T00:00:00+01:00' },
    };
    expect(baselineKey(base)).toBe(
      baselineKey({
        ...base,
        assignmentIds: ['a1', 'a2'],
        window: { start: '2025-03-03T23:00:00Z', end: '2025-03-04T23:00:00Z' },
      }),
    );
    expect(baselineKey(base)).not.toBe(baselineKey({ ...base, workerId: 'w2' }));
    expect(baselineKey(base)).not.toBe(baselineKey({ ...base, ruleId: 'aml.10-4.normal-week' }));
    expect(baselineKey(base)).not.toBe(baselineKey({ ...base, assignmentIds: ['a1'] }));
    expect(baselineKey(base)).not.toBe(
      baselineKey({ ...base, window: { ...base.window, end: '2025-03-05T01:00:00+01:00' } }),
    );
    const b = baselineFromDocument({ findings: [base] }, 'b.json');
    const report = {
      findings: [
        { ...base, severity: 'violation' },
        { ...base, workerId: 'w2', severity: 'warning' },
      ],
      summary: { violations: 1, warnings: 1, info: 0 },
    } as unknown as Report;
    const { report: left, suppressed } = applyBaseline(report, b);
    expect(suppressed).toBe(1);
    expect(left.findings.map((f) => f.workerId)).toEqual(['w2']);
    expect(left.summary).toMatchObject({ violations: 0, warnings: 1, info: 0 });
  });
});

describe('summary line and progress on stderr', () => {
  it('prints no summary line for one file', async () => {
    const dir = tempDir();
    const r = await run(['check', write(dir, 'r.yaml', YAML_ROTA)]);
    expect(r.err).toBe('');
  });

  it('prints files, violations and warnings when several files are checked', async () => {
    const dir = tempDir();
    const files = [write(dir, 'a.yaml', YAML_ROTA), write(dir, 'b.json', JSON_ROTA), write(dir, 'c.yaml', CLEAN_ROTA)];
    const nb = await run(['check', ...files, '--format', 'json']);
    const reports = JSON.parse(nb.out) as Report[];
    const count = (s: 'violation' | 'warning') =>
      reports.reduce((n, r) => n + r.findings.filter((f) => f.severity === s).length, 0);
    const [v, w] = [count('violation'), count('warning')];
    expect(v).toBeGreaterThan(0);
    expect(w).toBeGreaterThan(0);
    expect(nb.err).toBe(
      `turnussjekk: 3 filer sjekket: ${v} brudd, ${w} ${w === 1 ? 'advarsel' : 'advarsler'}, 0 info.`,
    );
    const en = await run(['check', ...files, '--lang', 'en']);
    expect(en.err).toBe(
      `turnussjekk: 3 files checked: ${v} ${v === 1 ? 'violation' : 'violations'}, ${w} ${w === 1 ? 'warning' : 'warnings'}, 0 info.`,
    );
  });

  it('draws a progress bar on a terminal for many files, and clears it', async () => {
    const dir = tempDir();
    const files = Array.from({ length: 25 }, (_, i) => write(dir, `r${String(i).padStart(2, '0')}.yaml`, CLEAN_ROTA));
    const writes: string[] = [];
    const r = await run(['check', ...files], { stderrTty: { write: (t: string) => writes.push(t), columns: 100 } });
    expect(r.code).toBe(0);
    expect(writes.length).toBeGreaterThan(1);
    expect(writes.some((w) => w.includes('100% 25/25'))).toBe(true);
    expect(writes.at(-1)).toBe('\r\x1b[2K');
    expect(r.err).toBe('turnussjekk: 25 filer sjekket: 0 brudd, 0 advarsler, 0 info.');
  });

  it('draws nothing when stderr is not a terminal or there are few files', async () => {
    const dir = tempDir();
    const many = Array.from({ length: 25 }, (_, i) => write(dir, `r${i}.yaml`, CLEAN_ROTA));
    const r = await run(['check', ...many], { stderrTty: null });
    expect(r.err).not.toContain('\r');
    const writes: string[] = [];
    await run(['check', ...many.slice(0, 3)], { stderrTty: { write: (t: string) => writes.push(t) } });
    expect(writes).toEqual([]);
  });

  it('ProgressBar renders, throttles and fits the terminal', () => {
    const writes: string[] = [];
    let now = 0;
    const bar = new ProgressBar(4, { write: (t) => writes.push(t), columns: 60 }, () => now);
    bar.tick('a.yaml');
    now += 10;
    bar.tick('b.yaml'); // throttled
    now += 100;
    bar.tick('c.yaml');
    bar.tick('d.yaml'); // last item always drawn
    expect(writes).toHaveLength(3);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: the terminal's escape sequence is what is tested
    expect(writes[0]).toMatch(/^\r\x1b\[2K\[#+-+\] {2}25% 1\/4 a\.yaml$/);
    expect(writes[2]).toContain('100% 4/4 d.yaml');
    expect(bar.render('x'.repeat(500)).length).toBeLessThanOrEqual(60);
    bar.clear();
    expect(writes.at(-1)).toBe('\r\x1b[2K');
  });
});

describe('--baseline on a rota evaluated in parts (its report streamed)', () => {
  // 12 workers, 10 weeks, 260 findings; the baseline holds two of every three, so incidents lose
  // some of their findings and some incidents none.
  const dir = tempDir();
  const rota = write(dir, 'rota.json', JSON.stringify(generateRota({ workers: 12, weeks: 10, seed: 7 })));
  const PARTS = { TURNUSSJEKK_PARALLEL_MIN_PERIODS: '1' };
  let baseline: string;
  let all: string;

  beforeAll(async () => {
    const report = JSON.parse((await run(['check', rota, '--format', 'json'])).out) as Report;
    expect(report.findings.length).toBeGreaterThan(200);
    all = write(dir, 'all.json', JSON.stringify(report));
    baseline = write(dir, 'some.json', JSON.stringify({ findings: report.findings.filter((_, i) => i % 3 !== 0) }));
  });

  for (const format of ['json', 'ndjson', 'text', 'junit']) {
    it(`writes --format ${format}, the summary line and the exit code as the whole report does`, async () => {
      const args = ['check', rota, '--format', format, '--baseline', baseline];
      const whole = await run(args);
      expect(whole.err).toMatch(/; 173 funn undertrykt av baseline/);
      // Under GitHub Actions, the annotations are of the findings the baseline leaves.
      const actions = await run(args, { env: { GITHUB_ACTIONS: 'true' } });
      expect(actions.err.split('\n').filter((l) => l.startsWith('::'))).toHaveLength(87);
      for (const jobs of ['1', '2']) {
        const partedActions = await run([...args, '--jobs', jobs], { env: { ...PARTS, GITHUB_ACTIONS: 'true' } });
        expect(partedActions.err).toBe(actions.err);
        expect(partedActions.out.trimEnd()).toBe(whole.out.trimEnd());
        const parted = await run([...args, '--jobs', jobs], { env: PARTS });
        // (The in-process `out` gets a streamed JSON report with its closing newline: compared without.)
        expect(parted.out.trimEnd()).toBe(whole.out.trimEnd());
        expect(parted.err).toBe(whole.err);
        expect(parted.code).toBe(whole.code);
      }
    }, 60_000);
  }

  it('exits 0 when the baseline holds every finding', async () => {
    const parted = await run(['check', rota, '--format', 'json', '--baseline', all, '--jobs', '2'], { env: PARTS });
    expect(parted.code).toBe(0);
    expect((JSON.parse(parted.out) as Report).findings).toEqual([]);
    expect(parted.err).toMatch(/0 brudd, 0 advarsler, 0 info; \d+ funn undertrykt/);
  });
});
