// rota.integrity.overlap: one person booked twice at the same time. Found per worker across all
// undertakings, in one sweep over periods sorted by start. Both periods stay in the ledger.
import { hours } from '../time/instant.ts';
import type { FactWindow, Measure } from './types.ts';

export const overlappingHours: Measure = ({ facts }) => {
  const out: FactWindow[] = [];
  let reach: (typeof facts.intervals)[number] | undefined;
  for (const iv of facts.intervals) {
    if (reach && iv.start < reach.end) {
      const end = Math.min(iv.end, reach.end);
      out.push({
        start: iv.start,
        end,
        measured: hours(end - iv.start),
        at: iv.start,
        assignmentIds: [...new Set([reach.assignmentId, iv.assignmentId])],
        details: { periodIndex: iv.periodIndex, otherPeriodIndex: reach.periodIndex },
      });
    }
    if (!reach || iv.end > reach.end) reach = iv;
  }
  return out;
};
