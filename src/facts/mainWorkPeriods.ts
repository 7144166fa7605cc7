// Main work periods (hovedarbeidsperioder, docs/legal/07-work-period.md): a worker's work in one
// undertaking, respite and other work together, joined wherever less than the daily-rest minimum
// that applies to that gap separates it. The minimum is not one fixed number: 11 hours by default,
// the tariff floor under an AML § 10-8 (3) agreement, the agreed rest under avlaster § 7 between
// respite work. Every measure that speaks of "the work period" reads these, so they are formed once
// a pass and never changed.
import type { AssignmentKind } from '../rota/schema.ts';
import type { WorkInterval } from '../timeline/build.ts';

export const RESPITE_KINDS: ReadonlySet<AssignmentKind> = new Set(['respite-carer-home', 'respite-user-home']);
export const isRespite = (iv: WorkInterval) => RESPITE_KINDS.has(iv.kind);

export interface WorkPeriod {
  start: number;
  end: number;
  intervals: WorkInterval[];
  /** Hours of respite and of other work in the period, each counted once where periods overlap (ms). */
  respiteMs: number;
  otherMs: number;
  /** Rest before the period (to the previous period's end) and after it; Infinity at the plan's edges. */
  restBefore: number;
  restAfter: number;
}

/**
 * The daily-rest minimum for a gap that starts at `at` (ms), when the work on both sides of it is
 * respite or not; undefined before any rest rule was in force (the periods then never join).
 */
export type RestMinimumAt = (at: number, respiteBothSides: boolean) => number | undefined;

/**
 * Union lengths of the respite and of the other work in intervals[from, to) (double bookings count
 * once), in one sweep: the intervals come sorted by start, so each kind's union grows from where it reached.
 */
function unionsByKind(intervals: WorkInterval[], from: number, to: number): { respiteMs: number; otherMs: number } {
  let respiteMs = 0;
  let respiteReach = -Infinity;
  let otherMs = 0;
  let otherReach = -Infinity;
  for (let k = from; k < to; k++) {
    const iv = intervals[k]!;
    if (isRespite(iv)) {
      const start = Math.max(iv.start, respiteReach);
      if (iv.end > start) respiteMs += iv.end - start;
      respiteReach = Math.max(respiteReach, iv.end);
    } else {
      const start = Math.max(iv.start, otherReach);
      if (iv.end > start) otherMs += iv.end - start;
      otherReach = Math.max(otherReach, iv.end);
    }
  }
  return { respiteMs, otherMs };
}

/**
 * Intervals sorted by start → main work periods, each gap judged by the minimum that applies to it.
 * A period is a run of consecutive intervals: it is cut from the list once, at its exact length.
 */
export function mainWorkPeriods(intervals: WorkInterval[], minimumAt: RestMinimumAt): WorkPeriod[] {
  const out: WorkPeriod[] = [];
  // The current period's first interval, and where its work reaches.
  let first = 0;
  let end = -Infinity;
  // Whether the work that ends where the gap starts is respite (the last interval reaching `end`).
  let endsInRespite = false;
  const close = (to: number) => {
    if (to === first) return;
    const { respiteMs, otherMs } = unionsByKind(intervals, first, to);
    out.push({
      start: intervals[first]!.start,
      end,
      intervals: intervals.slice(first, to),
      respiteMs,
      otherMs,
      restBefore: Infinity,
      restAfter: Infinity,
    });
    first = to;
  };
  for (let i = 0; i < intervals.length; i++) {
    const iv = intervals[i]!;
    if (i > first && iv.start > end) {
      const minimum = minimumAt(end, endsInRespite && isRespite(iv));
      if (minimum === undefined || iv.start - end >= minimum * 3_600_000) close(i);
    }
    if (i === first || iv.end > end) {
      end = iv.end;
      endsInRespite = isRespite(iv);
    } else if (iv.end === end) {
      endsInRespite &&= isRespite(iv);
    }
  }
  close(intervals.length);
  for (let i = 1; i < out.length; i++) {
    const rest = out[i]!.start - out[i - 1]!.end;
    out[i - 1]!.restAfter = rest;
    out[i]!.restBefore = rest;
  }
  return out;
}

/** Hours worked (union) in [from, to), from the worker's work blocks (sorted, disjoint). */
export function workedMsBetween(
  blocks: ReadonlyArray<{ start: number; end: number }>,
  from: number,
  to: number,
  firstBlock = 0,
): number {
  let total = 0;
  for (let i = firstBlock; i < blocks.length && blocks[i]!.start < to; i++) {
    const b = blocks[i]!;
    const part = Math.min(b.end, to) - Math.max(b.start, from);
    if (part > 0) total += part;
  }
  return total;
}
