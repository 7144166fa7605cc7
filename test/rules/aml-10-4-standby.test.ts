// AML § 10-4 (3): stand-by outside the workplace (hjemmevakt) counts as normal working time with a
// share (as a main rule 1/7); call-outs are work in full; the stand-by itself is not work for rest.
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/engine/evaluate.ts';
import { validateRotaDocument } from '../../src/rota/load.ts';
import { findingsOf } from '../support/rota.ts';

function rota(periods: Array<{ start: string; end: string; standby?: boolean }>, agreements: object[] = []) {
  return evaluate(
    validateRotaDocument({
      version: 1,
      workers: [{ id: 'w1' }],
      assignments: [{ id: 'a1', workerId: 'w1', kind: 'employment', contract: 'arbeidsavtale' }],
      periods: periods.map((p) => ({ assignmentId: 'a1', ...p })),
      agreements,
    }),
  );
}
const week = (days: string[], from: string, to: string) =>
  days.map((d) => ({ start: `2025-03-${d}T${from}`, end: `2025-03-${d}T${to}` }));
const STANDBY_WEEK = { start: '2025-03-10T00:00', end: '2025-03-17T00:00', standby: true }; // 168 h → 24 h counted

describe('aml.10-4: stand-by at home counts 1/7 toward normal hours', () => {
  it('a week of stand-by alone counts 24 h and breaks nothing; the ledger shows every hour', async () => {
    const r = await rota([STANDBY_WEEK]);
    expect(r.summary.violations).toBe(0);
    expect(r.ledger[0]).toMatchObject({ hours: 168, standbyHours: 168 });
  });

  it('16 h of work + a week of stand-by (24 h counted) = 40 h passes; 16 h 01 min fails', async () => {
    const at = await rota([STANDBY_WEEK, ...week(['11', '12'], '08:00', '16:00')]);
    expect(findingsOf(at, 'aml.10-4.normal-week', 'warning')).toEqual([]);
    const over = await rota([STANDBY_WEEK, ...week(['11'], '08:00', '16:00'), ...week(['12'], '08:00', '16:01')]);
    const [f] = findingsOf(over, 'aml.10-4.normal-week', 'warning');
    expect(f).toMatchObject({ measured: 40.02, limit: 40, details: { standbyHoursCounted: 24 } });
  });

  it('an agreement stating standbyFactor replaces 1/7', async () => {
    const r = await rota(
      [STANDBY_WEEK, ...week(['11', '12'], '08:00', '16:00')],
      [{ type: 'aml-10-12-4-union-agreement', params: { standbyFactor: 0.25 } }],
    );
    const [f] = findingsOf(r, 'aml.10-4.normal-week', 'warning');
    expect(f).toMatchObject({ measured: 58, details: { standbyHoursCounted: 42 } });
  });

  it('a call-out during stand-by is work, not a double booking, and the stand-by around it is rest', async () => {
    const r = await rota([STANDBY_WEEK, { start: '2025-03-12T02:00', end: '2025-03-12T04:00' }]);
    expect(findingsOf(r, 'rota.integrity.overlap')).toEqual([]);
    expect(findingsOf(r, 'aml.10-8.weekly-rest')).toEqual([]);
    expect(findingsOf(r, 'aml.10-8.daily-rest')).toEqual([]);
  });

  it('stand-by across the autumn DST change is 169 elapsed hours and counts 24.14 h: with 16 h of work, 40.14 h fails', async () => {
    const work = ['21', '22'].map((d) => ({ start: `2025-10-${d}T08:00`, end: `2025-10-${d}T16:00` }));
    const r = await rota([{ start: '2025-10-20T00:00', end: '2025-10-27T00:00', standby: true }, ...work]);
    expect(r.ledger[0]).toMatchObject({ standbyHours: 169 });
    expect(findingsOf(r, 'aml.10-4.normal-week', 'warning').map((f) => f.measured)).toEqual([40.14]);
  });
});
