import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli } from './support/cli.ts';

const WILD = 'test/fixtures/ics-wild';
const dir = mkdtempSync(join(tmpdir(), 'turnussjekk-cli-import-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('check and convert read CSV and iCalendar exports', () => {
  it('check evaluates a semicolon CSV export directly', async () => {
    const r = await cli('check', 'test/fixtures/import/vakter-semikolon.csv', '--format', 'json');
    expect(r.code).toBe(1);
    const report = JSON.parse(r.out);
    expect(report.version).toBe(1);
    expect(report.summary.periods).toBe(4);
  });

  it('check names the row and column of a bad CSV cell and exits 2', async () => {
    const r = await cli('check', 'test/fixtures/import/feil-rader.csv');
    expect(r.code).toBe(2);
    expect(r.err).toContain('feil-rader.csv: row 3.start');
    expect(r.out).toBe('');
  });

  it('convert writes an iCalendar export as rota v1 YAML', async () => {
    const r = await cli('convert', 'test/fixtures/import/vakter.ics');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^version: 1$/m);
    expect(r.out).toContain('start: 2025-03-10T07:30:00+01:00');
  });

  it('convert --help prints its usage', async () => {
    const r = await cli('convert', '--help');
    expect([r.code, r.out]).toEqual([0, expect.stringContaining('turnussjekk convert')]);
  });
});

describe('calendar files from the wild (issue 17)', () => {
  it('a date-only DTSTART with DURATION and a garbage date: exit 2 naming event, property and line, never 3', async () => {
    for (const command of ['convert', 'check']) {
      const r = await cli(command, `${WILD}/bad-dates.ics`);
      expect([r.code, r.out]).toEqual([2, '']);
      expect(r.err.trim().split('\n')).toEqual([
        expect.stringMatching(
          /^test\/fixtures\/ics-wild\/bad-dates\.ics: VEVENT\[1\]\.DTSTART: .*"20250307".* \(line 16\)$/,
        ),
        expect.stringMatching(
          /^test\/fixtures\/ics-wild\/bad-dates\.ics: VEVENT\[2\]\.DTSTART: .*"2025-03-08 15:00".* \(line 23\)$/,
        ),
      ]);
    }
    const next = await cli('check', `${WILD}/ical-0.8.0-test1.ics`);
    expect(next.code).toBe(2);
    expect(next.err).toContain('VEVENT[8].DTSTART: event "Foobar": DTSTART "Next Year" is not a date');
    expect(next.err).not.toMatch(/internal error/);
  });

  it('check takes --worker, --kind and --contract as convert does, and prints the conversion notes', async () => {
    const args = ['--worker', 'w-kari', '--kind', 'respite-carer-home', '--contract', 'oppdrag'];
    const r = await cli('check', `${WILD}/google-kari.ics`, ...args, '--format', 'json');
    expect(r.code).toBeLessThan(2);
    const report = JSON.parse(r.out);
    expect(report.summary.periods).toBe(6);
    expect(new Set(report.findings.map((f: { workerId: string }) => f.workerId))).toEqual(new Set(['w-kari']));
    expect(r.err.trim().split('\n')).toEqual([
      expect.stringMatching(/^test\/fixtures\/ics-wild\/google-kari\.ics: VEVENT\[0\]: note: .* \(line 26\)$/),
      expect.stringMatching(/^test\/fixtures\/ics-wild\/google-kari\.ics: VEVENT\[2\]: note: .* \(line 52\)$/),
    ]);
    // The same as converting first and checking the rota file.
    const out = join(dir, 'kari.yaml');
    const converted = await cli('convert', `${WILD}/google-kari.ics`, ...args, '--out', out);
    expect(converted.code).toBe(0);
    expect(converted.err).toContain('VEVENT[2]: note:');
    const twoSteps = await cli('check', out, '--format', 'json');
    expect([twoSteps.code, JSON.parse(twoSteps.out)]).toEqual([r.code, report]);
  });

  it('check refuses the import options for a rota file, and a misspelt kind or contract, as usage errors', async () => {
    const cases: Array<[string[], RegExp]> = [
      [['scenarios/weekend-respite-48h.yaml', '--kind', 'employment'], /--kind only apply to \.csv and \.ics input/],
      [[`${WILD}/google-kari.ics`, '--contract', 'employment'], /--contract: "employment" is not a contract type/],
      [[`${WILD}/google-kari.ics`, '--kind', 'respite-carer-hom'], /--kind: .*did you mean "respite-carer-home"/],
    ];
    for (const [args, message] of cases) {
      const r = await cli('check', ...args);
      expect([r.code, r.out]).toEqual([2, '']);
      expect(r.err).toMatch(message);
    }
  });

  it('convert writes no rota that check refuses: 40 years of history fails as check fails, a chosen period converts', async () => {
    const converted = await cli('convert', `${WILD}/long-history.ics`);
    const checked = await cli('check', `${WILD}/long-history.ics`);
    expect([converted.code, converted.out, checked.code]).toEqual([2, '', 2]);
    expect(converted.err).toBe(checked.err);
    expect(converted.err).toMatch(/the shifts span 14635 days .*choose a shorter period with --from and --until/);

    const out = join(dir, 'per.yaml');
    const chosen = await cli(
      'convert',
      `${WILD}/long-history.ics`,
      '--from',
      '2025-01-01',
      '--until',
      '2025-12-31',
      '--out',
      out,
    );
    expect(chosen.code).toBe(0);
    expect((await cli('check', out)).code).toBeLessThan(2);
  });

  it("convert refuses a CSV with a period check refuses, with check's own error", async () => {
    const csv = join(dir, 'lang.csv');
    writeFileSync(
      csv,
      'worker;assignment;kind;contract;start;end\nw1;a1;employment;arbeidsavtale;01.03.2025 08:00;10.04.2025 08:00\n',
    );
    const converted = await cli('convert', csv);
    const checked = await cli('check', csv);
    expect([converted.code, converted.out, checked.code]).toEqual([2, '', 2]);
    expect(converted.err).toBe(checked.err);
    expect(converted.err).toContain('the period lasts 40 days; one period may last at most 31 days');
  });
});
