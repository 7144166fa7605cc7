// Overlapping periods of one worker (docs/legal/15-overlapping-assignments.md), found across all
// undertakings in one sweep over periods sorted by start. Both periods stay in the ledger and the
// limits count each hour once; an overlap is never a legal violation.
//   overlappingHours     a double booking: the worker cannot be in two places at once (warning);
//   concurrentCareHours  two respite assignments in the carer's own home at once: two children
//                        cared for together, which is lawful concurrent care (info).
import type { WorkInterval } from '../timeline/build.ts';
import { hours } from '../time/instant.ts';
import type { FactWindow, Measure } from './types.ts';

/** Both in the carer's home: the same place, so the care is concurrent, not a double booking. */
const concurrentCare = (a: WorkInterval, b: WorkInterval) =>
  a.kind === 'respite-carer-home' && b.kind === 'respite-carer-home' && a.workerId === b.workerId;

function overlaps(intervals: WorkInterval[], keep: (a: WorkInterval, b: WorkInterval) => boolean): FactWindow[] {
  const out: FactWindow[] = [];
  // Periods still running at the current start; each overlaps it. One finding per other assignment
  // (the longest overlap), so a period listed 700 times gives 700 findings, not 245 000, while three
  // different assignments still name every pair.
  let active: WorkInterval[] = [];
  for (const iv of intervals) {
    if (iv.standby) continue;
    // Most periods start after every earlier one has ended: nothing to compare, nothing to allocate.
    // (A loop, not some(): a callback for every period was most of what this measure allocated.)
    let ended = false;
    for (const a of active)
      if (a.end <= iv.start) {
        ended = true;
        break;
      }
    if (ended) active = active.filter((a) => a.end > iv.start);
    if (active.length === 0) {
      active.push(iv);
      continue;
    }
    const longest = new Map<string, WorkInterval>();
    for (const other of active) {
      if (!keep(other, iv)) continue;
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
}

/**
 * Whether any two of the periods (sorted by start) overlap, stand-by aside: the only place either
 * measure below makes a window. A worker whose periods never overlap has none, so the pass that
 * would measure them (engine/workerPasses.ts, the worker-wide checks) need not be formed at all
 * (on the load turnus, 77 of an evaluation's 199 passes, none with a finding).
 */
export function anyOverlap(intervals: WorkInterval[]): boolean {
  let latestEnd = -Infinity;
  for (const iv of intervals) {
    if (iv.standby) continue;
    if (iv.start < latestEnd) return true;
    // Sorted by start: a period that starts at or after the latest end so far also ends after it.
    latestEnd = iv.end;
  }
  return false;
}

export const overlappingHours: Measure = ({ facts }) =>
  overlaps(facts.intervals, (a, b) => !concurrentCare(a, b) || a.assignmentId === b.assignmentId);
export const concurrentCareHours: Measure = ({ facts }) =>
  overlaps(facts.intervals, (a, b) => concurrentCare(a, b) && a.assignmentId !== b.assignmentId);
