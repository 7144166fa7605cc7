// Work periods under the avlaster regulation (decisions.md #7, Q8): the worker's respite and other
// work in the same undertaking, merged where less than the daily-rest minimum separates them.
// A period is "pure respite" when all of its work is respite and "combined" when it also holds
// other work (§ 10). Its length is its span, first start to last end: the regulation's continuous
// working time counts the whole stay.
import type { AssignmentKind } from '../rota/schema.ts';
import { hours, msFromHours } from '../time/instant.ts';
import type { WorkInterval } from '../timeline/build.ts';
import type { FactWindow, Measure, MeasureInput } from './types.ts';

export const RESPITE_KINDS: ReadonlySet<AssignmentKind> = new Set(['respite-carer-home', 'respite-user-home']);
const isRespite = (iv: WorkInterval) => RESPITE_KINDS.has(iv.kind);

export interface WorkPeriod {
  start: number;
  end: number;
  intervals: WorkInterval[];
  respiteMs: number;
  otherMs: number;
  /** Rest before the period (to the previous period's end) and after it; Infinity at the plan's edges. */
  restBefore: number;
  restAfter: number;
}

/** Union length of intervals (double bookings count once). */
function unionMs(intervals: WorkInterval[]): number {
  let total = 0;
  let reach = -Infinity;
  for (const iv of [...intervals].sort((a, b) => a.start - b.start)) {
    const from = Math.max(iv.start, reach);
    if (iv.end > from) total += iv.end - from;
    reach = Math.max(reach, iv.end);
  }
  return total;
}

export function workPeriods(intervals: WorkInterval[], gapMs: number): WorkPeriod[] {
  const out: WorkPeriod[] = [];
  let current: WorkInterval[] = [];
  let end = -Infinity;
  const close = () => {
    if (current.length === 0) return;
    const respite = current.filter(isRespite);
    const other = current.filter((iv) => !isRespite(iv));
    out.push({ start: current[0]!.start, end, intervals: current, respiteMs: unionMs(respite), otherMs: unionMs(other), restBefore: Infinity, restAfter: Infinity });
    current = [];
  };
  for (const iv of intervals) {
    if (current.length > 0 && iv.start - end >= gapMs) close();
    current.push(iv);
    end = current.length === 1 ? iv.end : Math.max(end, iv.end);
  }
  close();
  for (let i = 1; i < out.length; i++) {
    const rest = out[i]!.start - out[i - 1]!.end;
    out[i - 1]!.restAfter = rest;
    out[i]!.restBefore = rest;
  }
  return out;
}

/** A parameter of the check in force at an instant; undefined before the provision existed. */
const paramAt = (input: MeasureInput, name: string, at: number) => input.param?.(name, at);

// A dozen measures of one pass ask for the same work periods (same intervals, same gap): they are
// formed once per pass and read, never changed, by every measure.
const formed = new WeakMap<WorkInterval[], Map<number, WorkPeriod[]>>();

function periodsOf(input: MeasureInput): WorkPeriod[] {
  // The merge gap is read where the plan starts; the provision's own dates decide the rest.
  const gap = paramAt(input, 'workPeriodGapHours', input.facts.blocks[input.facts.blocks.length - 1]?.start ?? 0);
  if (gap === undefined) return [];
  const gapMs = msFromHours(gap);
  let byGap = formed.get(input.facts.intervals);
  if (!byGap) formed.set(input.facts.intervals, (byGap = new Map()));
  let periods = byGap.get(gapMs);
  if (!periods) byGap.set(gapMs, (periods = workPeriods(input.facts.intervals, gapMs)));
  return periods;
}

/** Periods longer than the check's `minSpanHours` (every period when the check names none). */
const longerThanMin = (input: MeasureInput) => (p: WorkPeriod) => p.end - p.start > msFromHours(paramAt(input, 'minSpanHours', p.start) ?? 0);
const pureRespite = (p: WorkPeriod) => p.otherMs === 0 && p.respiteMs > 0;

function window(p: WorkPeriod, measured: number, details: Record<string, number> = {}): FactWindow {
  return {
    start: p.start,
    end: p.end,
    measured,
    at: p.start,
    assignmentIds: [...new Set(p.intervals.map((iv) => iv.assignmentId))],
    details: { workPeriodHours: hours(p.end - p.start), respiteHours: hours(p.respiteMs), otherWorkHours: hours(p.otherMs), ...details },
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
        return split !== undefined && p.otherMs > 0 && p.respiteMs > 0 && p.end - p.start > msFromHours(split) === above;
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
 * the 24 hours from its start, as AML § 10-8 (1) is read here) is shorter than the minimum. A 16-hour
 * stay leaves 8 hours; two 12-hour shifts 10 hours apart leave 10. One window per such period,
 * reaching to the end of the work that follows inside its 24 hours.
 */
export const restAfterShortRespitePeriod: Measure = (input) => {
  const { blocks, intervals } = input.facts;
  const out: FactWindow[] = [];
  let i0 = 0;
  for (let k = 0; k < blocks.length; k++) {
    const b = blocks[k]!;
    const minimum = paramAt(input, 'workPeriodGapHours', b.start);
    const short = paramAt(input, 'shortWorkPeriodHours', b.start);
    const width = paramAt(input, 'restWindowHours', b.start);
    if (minimum === undefined || short === undefined || width === undefined || b.end - b.start > msFromHours(short)) continue;
    while (i0 < intervals.length && intervals[i0]!.end <= b.start) i0++;
    const own: WorkInterval[] = [];
    for (let i = i0; i < intervals.length && intervals[i]!.start < b.end; i++) own.push(intervals[i]!);
    if (!own.some(isRespite)) continue;
    const windowEnd = b.start + msFromHours(width);
    let longest = 0;
    let last = k;
    for (let j = k; j < blocks.length && blocks[j]!.start < windowEnd; j++) {
      last = j;
      const restTo = j + 1 < blocks.length ? blocks[j + 1]!.start : Infinity;
      longest = Math.max(longest, Math.min(restTo, windowEnd) - Math.min(blocks[j]!.end, windowEnd));
    }
    if (longest >= msFromHours(minimum)) continue;
    const ids = new Set<string>();
    for (let j = k; j <= last; j++) for (const id of blocks[j]!.assignmentIds) ids.add(id);
    out.push({
      start: b.start,
      end: blocks[last]!.end,
      measured: hours(longest),
      at: b.start,
      assignmentIds: [...ids],
      details: { workPeriodHours: hours(b.end - b.start), restHours: hours(longest) },
    });
  }
  return out;
};

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
      if (respite && other > 0) out.push({ start: fr.start, end: fr.end, measured: hours(other), at: fr.start, assignmentIds: [...ids] });
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
      const covering = (input.agreements ?? []).filter((a) => (input.onlyWith ?? []).includes(a.type) && p.start >= a.from && p.start < a.to);
      const stated = covering.some((a) => a.params.notVeryBurdensome === true);
      return window(p, stated ? 1 : 0);
    });
