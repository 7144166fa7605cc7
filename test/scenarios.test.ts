// Golden scenarios: every scenarios/<name>.yaml with a committed scenarios/<name>.expected.json
// must evaluate to exactly that report. A deliberate change is one command:
//   npx tsx scripts/update-expected.ts
// and then a read of the diff (each changed finding is a changed legal verdict).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { evaluate } from '../src/engine/evaluate.ts';
import { loadRotaFile } from '../src/rota/load.ts';

const dir = fileURLToPath(new URL('../scenarios/', import.meta.url));
const scenarios = readdirSync(dir)
  .filter((n) => n.endsWith('.yaml'))
  .map((n) => n.slice(0, -'.yaml'.length))
  .filter((name) => readdirSync(dir).includes(`${name}.expected.json`))
  .sort();

interface RawPeriod {
  assignmentId: string;
  start: string;
  end: string;
  passiveHours?: number;
}
interface RawRota {
  timezone?: string;
  assignments: Array<{ id: string; workerId: string }>;
  periods: RawPeriod[];
}

/**
 * Elapsed hours of every period, computed here with luxon straight from the YAML text, not
 * through the engine's own time code: wall times are read in the file's zone (DST-exact), times
 * with an offset keep it.
 */
function independentHours(file: string): {
  total: number;
  byAssignment: Map<string, number>;
  passive: Map<string, number>;
} {
  const raw = parseYaml(readFileSync(file, 'utf8')) as RawRota;
  const zone = raw.timezone ?? 'Europe/Oslo';
  const byAssignment = new Map<string, number>();
  const passive = new Map<string, number>();
  let total = 0;
  for (const p of raw.periods) {
    const start = DateTime.fromISO(String(p.start), { zone });
    const end = DateTime.fromISO(String(p.end), { zone });
    expect(start.isValid && end.isValid, `${p.start} – ${p.end}`).toBe(true);
    const h = end.diff(start).as('hours');
    total += h;
    byAssignment.set(p.assignmentId, (byAssignment.get(p.assignmentId) ?? 0) + h);
    passive.set(p.assignmentId, (passive.get(p.assignmentId) ?? 0) + (p.passiveHours ?? 0));
  }
  return { total, byAssignment, passive };
}

describe('golden scenarios', () => {
  it('has scenarios with expected reports to check', () => {
    expect(scenarios.length).toBeGreaterThanOrEqual(3);
  });

  describe.each(scenarios)('%s', (name) => {
    const rotaFile = join(dir, `${name}.yaml`);
    const expected = JSON.parse(readFileSync(join(dir, `${name}.expected.json`), 'utf8'));

    it('evaluates to the committed expected report', async () => {
      const report = await evaluate(await loadRotaFile(rotaFile));
      expect(report).toEqual(expected);
    });

    it('ledger accounts for every input hour (checked independently with luxon)', async () => {
      const report = await evaluate(await loadRotaFile(rotaFile));
      const { total, byAssignment, passive } = independentHours(rotaFile);
      const ledgerTotal = report.ledger.reduce((s, r) => s + r.hours, 0);
      expect(ledgerTotal).toBeCloseTo(total, 4);
      expect(report.summary.hours).toBeCloseTo(total, 4);
      for (const row of report.ledger) {
        expect(row.hours, row.assignmentId).toBeCloseTo(byAssignment.get(row.assignmentId) ?? 0, 4);
        expect(row.passiveHours, row.assignmentId).toBeCloseTo(passive.get(row.assignmentId) ?? 0, 4);
      }
      // Every assignment that has periods has a ledger row.
      for (const id of byAssignment.keys()) expect(report.ledger.map((r) => r.assignmentId)).toContain(id);
    });
  });
});

describe('scenario facts the expected reports rely on', () => {
  it('Friday 16:00 → Monday 08:00 is 64 h, and 63 h across the spring DST change', () => {
    const h = (a: string, b: string) =>
      DateTime.fromISO(b, { zone: 'Europe/Oslo' })
        .diff(DateTime.fromISO(a, { zone: 'Europe/Oslo' }))
        .as('hours');
    expect(h('2025-02-28T16:00', '2025-03-03T08:00')).toBe(64);
    expect(h('2025-03-28T16:00', '2025-03-31T08:00')).toBe(63);
    expect(h('2025-10-24T16:00', '2025-10-27T08:00')).toBe(65);
  });
});
