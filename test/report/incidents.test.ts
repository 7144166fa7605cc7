// Incidents (src/report/incidents.ts): every finding belongs to exactly one incident, a stay that
// breaks several rules is one incident, a pattern repeated over the plan is one incident with its
// occurrences, and a week with many shifts is an incident of its own.
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/engine/evaluate.ts';
import type { Report } from '../../src/report/schema.ts';
import { loadRotaFile } from '../../src/rota/load.ts';
import { check } from '../support/rota.ts';

function expectPartition(r: Report) {
  const seen = new Map<number, string>();
  for (const i of r.incidents) {
    for (const x of i.findingIndexes) {
      expect(seen.has(x), `finding ${x} in ${seen.get(x)} and ${i.id}`).toBe(false);
      seen.set(x, i.id);
      expect(r.findings[x]!.workerId).toBe(i.workerId);
    }
    const fs = i.findingIndexes.map((x) => r.findings[x]!);
    expect(i.ruleIds).toEqual([...new Set(fs.map((f) => f.ruleId))].sort());
    const rank = { violation: 0, warning: 1, info: 2 };
    expect(i.severity).toBe(fs.map((f) => f.severity).sort((a, b) => rank[a] - rank[b])[0]);
  }
  expect(seen.size).toBe(r.findings.length);
  expect(new Set(r.incidents.map((i) => i.id)).size).toBe(r.incidents.length);
}

describe('incidents', () => {
  it.each(readdirSync('scenarios').filter((n) => n.endsWith('.yaml')))(
    'every finding of %s is in exactly one incident',
    async (name) => {
      expectPartition(await evaluate(await loadRotaFile(`scenarios/${name}`), { conversions: false }));
    },
  );

  it('three monthly 48-hour stays are one incident with three occurrences; a stay breaking five rules is named once', async () => {
    const r = await evaluate(await loadRotaFile('scenarios/weekend-respite-48h.yaml'), { conversions: false });
    const stays = r.incidents.filter((i) => i.occurrences);
    expect(stays).toHaveLength(1);
    expect(stays[0]!.occurrences!.map((o) => o.start)).toEqual([
      '2025-01-10T16:00:00+01:00',
      '2025-02-07T16:00:00+01:00',
      '2025-03-07T16:00:00+01:00',
    ]);
    expect(stays[0]!.title.nb).toBe(
      'fre. 10.01 16:00 – søn. 12.01 16:00: 48 timer arbeid i strekk — bryter 5 regler (gjentas 3 ganger: 10.01, 07.02, 07.03)',
    );
    expect(stays[0]!.ruleIds).toEqual([
      'aml.10-4.normal-day',
      'aml.10-4.normal-week',
      'aml.10-6.overtime-week',
      'aml.10-6.total-day',
      'aml.10-8.daily-rest',
    ]);
  });

  it('a week of six short shifts without 35 hours off is an incident of that week, not of one shift', async () => {
    const days = ['03', '04', '05', '06', '07', '08'].map((d): [string, string] => [
      `2025-03-${d}T10:00`,
      `2025-03-${d}T16:00`,
    ]);
    const r = await check({ periods: [...days, ['2025-03-09T08:00', '2025-03-09T10:00']] });
    const week = r.incidents.find((i) => i.ruleIds.includes('aml.10-8.weekly-rest'))!;
    expect(week.title.en).toBe('Week 10 (from 03.03.2025) — breaks 1 rule');
    expectPartition(r);
  });

  it('summary.perWorker counts hours, violations, warnings and incidents per worker', async () => {
    const r = await evaluate(await loadRotaFile('scenarios/weekend-respite-48h.yaml'), { conversions: false });
    expect(r.summary.perWorker).toEqual([
      {
        workerId: 'w-ingrid',
        hours: 144,
        violations: r.summary.violations,
        warnings: r.summary.warnings,
        incidents: r.incidents.length,
      },
    ]);
  });
});

describe('headroom', () => {
  const left = (r: Report, ruleId: string) => r.headroom.find((h) => h.ruleId === ruleId)?.left;
  it('is the tightest window per rule: 9 h exactly leaves 0 before the normal day, one minute more is over', async () => {
    expect(left(await check({ periods: [['2025-03-05T08:00', '2025-03-05T17:00']] }), 'aml.10-4.normal-day')).toBe(0);
    expect(left(await check({ periods: [['2025-03-05T08:00', '2025-03-05T17:01']] }), 'aml.10-4.normal-day')).toBe(
      -0.02,
    );
  });
  it('counts rest the other way: 12 h off between shifts leaves 1 h above the 11-hour daily rest', async () => {
    const r = await check({
      periods: [
        ['2025-03-05T08:00', '2025-03-05T20:00'],
        ['2025-03-06T08:00', '2025-03-06T16:00'],
      ],
    });
    expect(r.headroom.find((h) => h.ruleId === 'aml.10-8.daily-rest')).toMatchObject({
      measured: 12,
      limit: 11,
      left: 1,
      unit: 'hours',
    });
  });
  it('across the autumn DST night: 20:00 → 06:00 is 11 elapsed hours, 0 left', async () => {
    const r = await check({
      periods: [
        ['2025-10-25T12:00', '2025-10-25T20:00'],
        ['2025-10-26T06:00', '2025-10-26T10:00'],
      ],
    });
    expect(left(r, 'aml.10-8.daily-rest')).toBe(0);
  });
  it('shows the overtime left in the tightest 4-week block: 22 h of 25 for one 48-hour stay', async () => {
    const r = await evaluate(await loadRotaFile('scenarios/weekend-respite-48h.yaml'), { conversions: false });
    expect(r.headroom.find((h) => h.ruleId === 'aml.10-6.overtime-4weeks')).toMatchObject({
      measured: 22,
      limit: 25,
      left: 3,
    });
  });
});
