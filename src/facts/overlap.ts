// rota.integrity.overlap: one person booked twice at the same time. Found per worker across all
// undertakings, in one sweep over periods sorted by start. Both periods stay in the ledger.
import { hours } from '../time/instant.ts';
import type { FactWindow, Measure } from './types.ts';

export const overlappingHours: Measure = ({ facts }) => {
  const out: FactWindow[] = [];
  // Periods still running at the current start; each is double-booked with it. One finding per
  // other assignment (the longest overlap), so a period listed 700 times gives 700 findings, not
  // 245 000, while three different assignments still name every pair.
  let active: Array<(typeof facts.intervals)[number]> = [];
  for (const iv of facts.intervals.filter((x) => !x.standby)) {
    active = active.filter((a) => a.end > iv.start);
    const longest = new Map<string, (typeof active)[number]>();
    for (const other of active) {
      const best = longest.get(other.assignmentId);
      if (!best || other.end > best.end) longest.set(other.assignmentId, other);
    }
    for (const other of longest.values()) {
      const end = Math.min(iv.end, other.end);
      out.push({
        start: iv.start,
        end,
        measured: hours(end - iv.start),
        at: iv.start,
        assignmentIds: [...new Set([other.assignmentId, iv.assignmentId])],
        details: { periodIndex: iv.periodIndex, otherPeriodIndex: other.periodIndex },
      });
    }
    active.push(iv);
  }
  return out;
};
