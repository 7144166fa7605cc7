import { describe, expect, it } from 'vitest';
import { cli } from './support/cli.ts';

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
