// AML § 10-7 wants a record of hours worked; the ledger is ours: every hour the rota gave,
// per worker and assignment, so a reader can see nothing was dropped.
import { hours } from '../time/instant.ts';
import type { Timeline } from '../timeline/build.ts';
import type { LedgerEntry } from './schema.ts';

export const roundHours = (h: number): number => Math.round(h * 10_000) / 10_000;

export function ledger(timeline: Timeline): LedgerEntry[] {
  const rows = new Map<
    string,
    { workerId: string; assignmentId: string; ms: number; passiveMs: number; standbyMs: number; periods: number }
  >();
  for (const a of timeline.rota.assignments) {
    rows.set(a.id, { workerId: a.workerId, assignmentId: a.id, ms: 0, passiveMs: 0, standbyMs: 0, periods: 0 });
  }
  for (const iv of timeline.intervals) {
    const row = rows.get(iv.assignmentId)!;
    row.ms += iv.end - iv.start;
    row.passiveMs += iv.passiveMs;
    if (iv.standby) row.standbyMs += iv.end - iv.start;
    row.periods += 1;
  }
  return [...rows.values()].map((r) => ({
    workerId: r.workerId,
    assignmentId: r.assignmentId,
    hours: roundHours(hours(r.ms)),
    periods: r.periods,
    passiveHours: roundHours(hours(r.passiveMs)),
    ...(r.standbyMs > 0 ? { standbyHours: roundHours(hours(r.standbyMs)) } : {}),
  }));
}
