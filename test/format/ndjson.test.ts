// --format ndjson: one line per finding as the JSON report holds it, then one line with the rest of
// the report; the lines put back together are the JSON report, whether the rota was evaluated whole
// or in parts (in this process or in worker processes, each rendering its own lines).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateRota } from '../../scripts/generate-rota.ts';
import { main } from '../../src/cli/main.ts';
import type { Report } from '../../src/report/schema.ts';
import { cli } from '../support/cli.ts';

const SCENARIO = 'scenarios/weekend-respite-48h.yaml';

/** The report the lines stand for: the finding lines put back as `findings` in the last line's report. */
function reassemble(text: string): { report: Record<string, unknown>; lines: Array<Record<string, unknown>> } {
  expect(text.endsWith('\n')).toBe(true);
  const lines = text
    .slice(0, -1)
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
  const { version, ...rest } = lines.at(-1)!;
  return { report: { version, findings: lines.slice(0, -1), ...rest }, lines };
}

async function run(argv: string[], env: Record<string, string> = {}) {
  let out = '';
  const code = await main(argv, {
    out: (t) => (out += t.endsWith('\n') ? t : `${t}\n`),
    err: () => undefined,
    env,
    stderrTty: null,
  });
  return { code, out };
}

describe('check --format ndjson', () => {
  it('writes each finding on its own line, then the rest of the report: together the JSON report, same exit code', async () => {
    const json = await cli('check', '--format', 'json', SCENARIO);
    const ndjson = await cli('check', '--format', 'ndjson', SCENARIO);
    const report = JSON.parse(json.out) as Report;
    expect(report.findings.length).toBeGreaterThan(0);
    const { report: back, lines } = reassemble(ndjson.out);
    expect(lines).toHaveLength(report.findings.length + 1);
    expect(lines.at(-1)).not.toHaveProperty('findings');
    expect(lines.at(-1)).toHaveProperty('summary');
    expect(JSON.stringify(back, null, 2)).toBe(JSON.stringify(report, null, 2));
    expect(ndjson.code).toBe(json.code);
    expect(ndjson.code).toBe(1);
  });

  it('names the file on every line when several files are checked', async () => {
    const files = [SCENARIO, 'scenarios/support-contact-12h-month.yaml'];
    const json = JSON.parse((await cli('check', '--format', 'json', ...files)).out) as Array<Report & { file: string }>;
    const lines = (await cli('check', '--format', 'ndjson', ...files)).out
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { file: string; summary?: unknown });
    expect(lines).toHaveLength(json.reduce((n, r) => n + r.findings.length + 1, 0));
    for (const r of json) {
      const own = lines.filter((l) => l.file === r.file);
      expect(own.filter((l) => l.summary === undefined)).toHaveLength(r.findings.length);
      expect(own.at(-1)).toEqual(expect.objectContaining({ file: r.file, summary: r.summary }));
    }
  });

  describe('a rota evaluated in parts', () => {
    const dir = mkdtempSync(join(tmpdir(), 'turnussjekk-ndjson-'));
    const file = join(dir, 'rota.json');
    writeFileSync(file, JSON.stringify(generateRota({ workers: 8, weeks: 8, seed: 7 })));
    const PARTS = { TURNUSSJEKK_PARALLEL_MIN_PERIODS: '1' };

    it('streams the same lines from parts in this process and from worker processes as from the whole rota', async () => {
      const whole = await run(['check', file, '--format', 'ndjson']);
      const json = await run(['check', file, '--format', 'json']);
      expect(JSON.stringify(reassemble(whole.out).report, null, 2)).toBe(json.out.trimEnd());
      const inProcess = await run(['check', file, '--format', 'ndjson', '--jobs', '1'], PARTS);
      const processes = await run(['check', file, '--format', 'ndjson', '--jobs', '2'], PARTS);
      expect(inProcess.out).toBe(whole.out);
      expect(processes.out).toBe(whole.out);
      expect([inProcess.code, processes.code]).toEqual([whole.code, whole.code]);
    });
  });

  it('is listed in the usage error for an unknown format', async () => {
    const r = await cli('check', '--format', 'xml', SCENARIO);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/ndjson/);
  });
});
