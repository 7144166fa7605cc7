// rota.integrity.overlap: one person booked twice at the same time. Found per worker across all
// undertakings, in one sweep over periods sorted by start. Both periods stay in the ledger.
import { hours } from '../time/instant.ts';
import type { FactWindow, Measure } from './types.ts';

export const overlappingHours: Measure = ({ facts }) => {
  const out: FactWindow[] = [];
  // Periods still running at the current start; every one of them is double-booked with it.
  let active: Array<(typeof facts.intervals)[number]> = [];
  // Stand-by at home is not a booking elsewhere: a call-out during it is expected, not a double booking.
  for (const iv of facts.intervals.filter((x) => !x.standby)) {
    active = active.filter((a) => a.end > iv.start);
    for (const other of active) {
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
