// Measures of the avlaster regulation over main work periods (docs/legal/07-work-period.md): the
// worker's respite and other work in the same undertaking, joined where less than the daily rest
// that applies to that gap separates them (facts/mainWorkPeriods.ts).
// A period is "pure respite" when all of its work is respite and "combined" when it also holds
// other work (§ 10). Its length is its span, first start to last end: the regulation's continuous
// working time counts the whole stay.
import { hours, msFromHours } from '../time/instant.ts';
import { isRespite, type WorkPeriod } from './mainWorkPeriods.ts';
import type { FactWindow, Measure, MeasureInput } from './types.ts';

/** A parameter of the check in force at an instant; undefined before the provision existed. */
const paramAt = (input: MeasureInput, name: string, at: number) => input.param?.(name, at);

/** The worker's main work periods (formed once a pass, at the daily rest that applies to each gap). */
const periodsOf = (input: MeasureInput): WorkPeriod[] => input.facts.workPeriods;

/** Periods longer than the check's `minSpanHours` (every period when the check names none). */
const longerThanMin = (input: MeasureInput) => (p: WorkPeriod) =>
  p.end - p.start > msFromHours(paramAt(input, 'minSpanHours', p.start) ?? 0);
const pureRespite = (p: WorkPeriod) => p.otherMs === 0 && p.respiteMs > 0;

function window(p: WorkPeriod, measured: number, details: Record<string, number> = {}): FactWindow {
  return {
    start: p.start,
    end: p.end,
    measured,
    at: p.start,
    assignmentIds: [...new Set(p.intervals.map((iv) => iv.assignmentId))],
    details: {
      workPeriodHours: hours(p.end - p.start),
      respiteHours: hours(p.respiteMs),
      otherWorkHours: hours(p.otherMs),
      ...details,
    },
  };
}

/** Span of each work period of respite alone (§ 6, § 12); `minSpanHours` keeps only longer ones. */
export const pureRespiteWorkPeriodHours: Measure = (input) =>
  periodsOf(input)
    .filter((p) => pureRespite(p) && longerThanMin(input)(p))
    .map((p) => window(p, hours(p.end - p.start), { restAfterHours: hours(p.restAfter) }));

/** § 12: the time off after each stay longer than `minSpanHours`. */
export const restAfterExtendedStay: Measure = (input) =>
  periodsOf(input)
    .filter((p) => pureRespite(p) && longerThanMin(input)(p))
    .map((p) => window(p, hours(p.restAfter), { restAfterHours: hours(p.restAfter) }));

/** Span of each work period that combines respite with other work (§ 10). */
export const combinedWorkPeriodHours: Measure = (input) =>
  periodsOf(input)
    .filter((p) => p.otherMs > 0 && p.respiteMs > 0)
    .map((p) => window(p, hours(p.end - p.start)));

/** Other work inside combined periods (§ 10), for periods of at most or above `combinedSpanHours`. */
function otherWork(above: boolean): Measure {
  return (input) =>
    periodsOf(input)
      .filter((p) => {
        const split = paramAt(input, 'combinedSpanHours', p.start);
        return (
          split !== undefined && p.otherMs > 0 && p.respiteMs > 0 && p.end - p.start > msFromHours(split) === above
        );
      })
      .map((p) => window(p, hours(p.otherMs)));
}
export const otherWorkInCombinedPeriodUpTo = otherWork(false);
export const otherWorkInCombinedPeriodAbove = otherWork(true);

/** Rest next to each work period longer than `longWorkPeriodHours` (§ 8): the longer side, or the shorter. */
function restAround(side: 'longer' | 'shorter'): Measure {
  return (input) =>
    periodsOf(input)
      .filter((p) => {
        const long = paramAt(input, 'longWorkPeriodHours', p.start);
        return long !== undefined && p.respiteMs > 0 && p.end - p.start > msFromHours(long);
      })
      .map((p) => {
        const rest = side === 'longer' ? Math.max(p.restBefore, p.restAfter) : Math.min(p.restBefore, p.restAfter);
        return window(p, hours(rest), { restBeforeHours: hours(p.restBefore), restAfterHours: hours(p.restAfter) });
      });
}
export const longerRestAroundLongWorkPeriod = restAround('longer');
export const shorterRestAroundLongWorkPeriod = restAround('shorter');

/**
 * § 7: a respite work period of at most `shortWorkPeriodHours` whose daily rest (the longest rest in
 * the `restWindowHours` from its start, as AML § 10-8 (1) is read here) is shorter than the minimum
 * without an agreement. A 16-hour stay leaves 8 hours; two 12-hour shifts 10 hours apart, under an
 * agreement stating 10 hours or less, leave 10. One window per such period, reaching to the end of
 * the work that follows inside its window.
 */
export const restAfterShortRespitePeriod: Measure = (input) => {
  const periods = periodsOf(input);
  const { blocks } = input.facts;
  const out: FactWindow[] = [];
  for (let k = 0; k < periods.length; k++) {
    const p = periods[k]!;
    // The minimum without an agreement: the measure finds the periods the agreement is needed for.
    const minimum = paramAt(input, 'minDailyRestHours', p.start);
    const short = paramAt(input, 'shortWorkPeriodHours', p.start);
    const width = paramAt(input, 'restWindowHours', p.start);
    if (minimum === undefined || short === undefined || width === undefined || p.end - p.start > msFromHours(short))
      continue;
    if (!p.intervals.some(isRespite)) continue;
    const windowEnd = p.start + msFromHours(width);
    // The longest rest inside the window: the gaps between the blocks of this period and of those
    // that start inside the window, and the rest after the last of them, cut at the window's end.
    let longest = 0;
    let last = k;
    for (let j = k; j < periods.length && periods[j]!.start < windowEnd; j++) {
      last = j;
      let cursor = periods[j]!.start;
      for (const b of blocksOf(blocks, periods[j]!)) {
        longest = Math.max(longest, Math.min(b.start, windowEnd) - Math.min(cursor, windowEnd));
        cursor = Math.max(cursor, b.end);
      }
      const restTo = j + 1 < periods.length ? periods[j + 1]!.start : Infinity;
      longest = Math.max(longest, Math.min(restTo, windowEnd) - Math.min(periods[j]!.end, windowEnd));
    }
    if (longest >= msFromHours(minimum)) continue;
    const ids = new Set<string>();
    for (let j = k; j <= last; j++) for (const iv of periods[j]!.intervals) ids.add(iv.assignmentId);
    out.push({
      start: p.start,
      end: periods[last]!.end,
      measured: hours(longest),
      at: p.start,
      assignmentIds: [...ids],
      details: { workPeriodHours: hours(p.end - p.start), restHours: hours(longest) },
    });
  }
  return out;
};

/** The work blocks (continuous work) inside a work period. */
function blocksOf(
  blocks: ReadonlyArray<{ start: number; end: number }>,
  p: WorkPeriod,
): Array<{ start: number; end: number }> {
  // Blocks are sorted and disjoint: a binary search for the first one ending after the period starts.
  let lo = 0;
  let hi = blocks.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (blocks[mid]!.end <= p.start) lo = mid + 1;
    else hi = mid;
  }
  const out: Array<{ start: number; end: number }> = [];
  for (let i = lo; i < blocks.length && blocks[i]!.start < p.end; i++) out.push(blocks[i]!);
  return out;
}

/** Frames holding both respite and other work: the hours of the other work (§ 5). */
function otherWorkInFrames(which: 'dayFrames' | 'weekFrames'): Measure {
  return ({ facts }) => {
    const out: FactWindow[] = [];
    let i0 = 0;
    // One set for every frame: most frames hold no mixed work, and their ids are never kept.
    const ids = new Set<string>();
    for (const fr of facts[which]) {
      while (i0 < facts.intervals.length && facts.intervals[i0]!.end <= fr.start) i0++;
      let other = 0;
      let respite = false;
      ids.clear();
      for (let i = i0; i < facts.intervals.length && facts.intervals[i]!.start < fr.end; i++) {
        const iv = facts.intervals[i]!;
        const part = Math.min(iv.end, fr.end) - Math.max(iv.start, fr.start);
        if (part <= 0) continue;
        ids.add(iv.assignmentId);
        if (isRespite(iv)) respite = true;
        else other += part;
      }
      if (respite && other > 0)
        out.push({ start: fr.start, end: fr.end, measured: hours(other), at: fr.start, assignmentIds: [...ids] });
    }
    return out;
  };
}
export const otherWorkHoursInDayFrame = otherWorkInFrames('dayFrames');
export const otherWorkHoursInWeekFrame = otherWorkInFrames('weekFrames');

/** § 12: whether the agreement covering each extended stay states that the stay is not very burdensome (1) or not (0). */
export const extendedStayBurdenStated: Measure = (input) =>
  periodsOf(input)
    .filter((p) => pureRespite(p) && longerThanMin(input)(p))
    .map((p) => {
      const covering = (input.agreements ?? []).filter(
        (a) => (input.onlyWith ?? []).includes(a.type) && p.start >= a.from && p.start < a.to,
      );
      const stated = covering.some((a) => a.params.notVeryBurdensome === true);
      return window(p, stated ? 1 : 0);
    });
