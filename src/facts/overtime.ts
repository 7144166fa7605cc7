// AML § 10-6: overtime is work beyond the normal-hours ceilings of § 10-4 as they apply to the
// worker (lifted by an averaging agreement under § 10-5, by the passive-work consent, and so on:
// the engine hands the ceilings in as functions of time, `ceilings.day` and `ceilings.week`).
//
// Per fixed week frame (docs/legal/01-fixed-frames.md, 13-planned-overtime.md):
//   day part  = Σ over the week's 24-hour frames of max(0, the day's hours − day ceiling), where a
//               day's hours are those of the daily maxima (frameHours.ts) with nothing counted
//               twice: the larger of the first 24 hours of a work period starting in the frame and
//               the hours inside the frame that no earlier day already counted. A 16:00–02:00
//               shift is 10 h, 1 h over 9; a Friday 16:00 – Sunday 16:00 stay is 24 h (Friday,
//               to Saturday 16:00), 8 h (the rest of Saturday) and 16 h (Sunday): 15 + 0 + 7 over;
//   week part = max(0, hours in the week frame − week ceiling);
//   overtime  = max(day part, week part): an hour over both ceilings is one hour of overtime.
// The caps of § 10-6 (4)–(6) sum that over fixed blocks of N weeks counted from the plan's
// reference week, like blockAverage.ts (never rolling: Arbeidstilsynet on the 52 weeks).
import { Slot } from '../memo.ts';
import { hours } from '../time/instant.ts';
import { dayTallies } from './frameHours.ts';
import { frameIndexOf } from './planBlocks.ts';
import type { FactWindow, LimitAt, Measure, MeasureInput } from './types.ts';

export interface WeekOvertime {
  /** Index into facts.plan.weeks. */
  week: number;
  /** Elapsed hours of work inside the week frame. */
  hoursInWeek: number;
  dayOvertime: number;
  weekOvertime: number;
  overtime: number;
  /** Blocks [from, to) that touch the week or start in one of its days. */
  firstBlock: number;
  endBlock: number;
}

const over = (measured: number, ceiling: number | undefined): number =>
  ceiling === undefined ? 0 : Math.max(0, measured - ceiling);

/**
 * Overtime of every plan week the worker has work in, in week order. Undefined when the check
 * names no ceiling the engine could resolve (the overtime rule cannot say what normal time is).
 */
export function overtimeByWeek({
  facts,
  ceilings,
}: Pick<MeasureInput, 'facts' | 'ceilings'>): WeekOvertime[] | undefined {
  const day: LimitAt | undefined = ceilings?.day;
  const week: LimitAt | undefined = ceilings?.week;
  if (!day && !week) return undefined;
  // Five overtime checks of a pass ask with the same facts and the same ceilings (the engine hands
  // each ceiling out once a pass): the weeks are counted once and read, never changed, by all five.
  const kept = counted.get(facts);
  if (kept && kept.day === day && kept.week === week) return kept.weeks;
  const weeks = countOvertime(facts, day, week);
  counted.set(facts, { day, week, weeks });
  return weeks;
}

const counted = new Slot<
  MeasureInput['facts'],
  { day: LimitAt | undefined; week: LimitAt | undefined; weeks: WeekOvertime[] }
>('overtime by week');

function countOvertime(
  facts: MeasureInput['facts'],
  day: LimitAt | undefined,
  week: LimitAt | undefined,
): WeekOvertime[] {
  const { weeks } = facts.plan;
  if (weeks.length === 0) return [];
  // By plan week index, only the weeks with work: read back in index order, so no sort.
  const byWeek: Array<{ ms: number; dayOvertime: number; first: number; end: number } | undefined> = [];
  const entry = (w: number, bi: number) => {
    let e = byWeek[w];
    if (!e) byWeek[w] = e = { ms: 0, dayOvertime: 0, first: bi, end: bi + 1 };
    e.first = Math.min(e.first, bi);
    e.end = Math.max(e.end, bi + 1);
    return e;
  };

  const days = facts.dayFrames;
  const { blocks } = facts;
  let w = 0;
  for (let bi = 0; bi < blocks.length; bi++) {
    const b = blocks[bi]!;
    w = Math.max(w, frameIndexOf(weeks, b.start));
    for (let i = w; i < weeks.length && weeks[i]!.start < b.end; i++) {
      const fr = weeks[i]!;
      entry(i, bi).ms += Math.min(b.end, fr.end) - Math.max(b.start, fr.start);
    }
  }
  if (day) {
    const tallies = dayTallies(facts);
    for (let d = 0; d < tallies.length; d++) {
      const t = tallies[d];
      if (!t) continue;
      const dayMs = Math.max(t.insideMs - t.carriedMs, t.lead?.ms ?? 0);
      const frame = days[d]!;
      const e = entry(frameIndexOf(weeks, frame.start), t.firstBlock);
      e.end = Math.max(e.end, t.endBlock);
      e.dayOvertime += over(hours(dayMs), day(frame.start));
    }
  }

  const out: WeekOvertime[] = [];
  for (let i = 0; i < byWeek.length; i++) {
    const e = byWeek[i];
    if (!e) continue;
    const hoursInWeek = hours(e.ms);
    const weekOvertime = week ? over(hoursInWeek, week(weeks[i]!.start)) : 0;
    out.push({
      week: i,
      hoursInWeek,
      dayOvertime: e.dayOvertime,
      weekOvertime,
      overtime: Math.max(e.dayOvertime, weekOvertime),
      firstBlock: e.first,
      endBlock: e.end,
    });
  }
  return out;
}

interface BlockSum {
  block: number;
  overtime: number;
  day: number;
  week: number;
  hours: number;
  weeksWith: number;
  first: number;
  end: number;
}

/** Overtime hours summed over fixed blocks of `window` weeks (1 = each week frame). */
export const overtimeHoursInBlock: Measure = (input) => {
  const n = input.windowHours;
  if (n === undefined || !Number.isInteger(n) || n < 1)
    throw new Error('overtimeHoursInBlock needs a whole number of weeks');
  const perWeek = overtimeByWeek(input);
  if (!perWeek) return [];
  const { weeks, referenceWeek } = input.facts.plan;
  const blockOf = (weekIndex: number) => Math.floor((weekIndex - referenceWeek) / n);
  // The weeks come in order, so their blocks do: each block's sum is closed when the next begins.
  const sums: BlockSum[] = [];
  for (const o of perWeek) {
    const block = blockOf(o.week);
    let t = sums[sums.length - 1];
    if (!t || t.block !== block)
      sums.push(
        (t = { block, overtime: 0, day: 0, week: 0, hours: 0, weeksWith: 0, first: o.firstBlock, end: o.endBlock }),
      );
    t.overtime += o.overtime;
    t.day += o.dayOvertime;
    t.week += o.weekOvertime;
    t.hours += o.hoursInWeek;
    if (o.overtime > 0) t.weeksWith++;
    t.first = Math.min(t.first, o.firstBlock);
    t.end = Math.max(t.end, o.endBlock);
  }
  const out: FactWindow[] = [];
  for (const t of sums) {
    const { block } = t;
    const firstWeek = Math.max(0, referenceWeek + block * n);
    const lastWeek = Math.min(weeks.length - 1, referenceWeek + (block + 1) * n - 1);
    out.push({
      start: weeks[firstWeek]!.start,
      end: weeks[lastWeek]!.end,
      measured: t.overtime,
      at: weeks[firstWeek]!.start,
      blockRange: [t.first, t.end],
      details: {
        overtimeHours: t.overtime,
        dayOvertimeHours: t.day,
        weekOvertimeHours: t.week,
        totalHours: t.hours,
        weeksWithOvertime: t.weeksWith,
        weeksInBlock: lastWeek - firstWeek + 1,
        blockWeeks: n,
      },
    });
  }
  return out;
};

/**
 * AML § 10-6 (1): overtime may not be a standing arrangement. One window over the worker's plan
 * (the week frames from its first to its last work, empty weeks included): the share of those weeks
 * that hold overtime. Only for a plan of at least `minWeeksForStandingOvertime` weeks; one week of
 * overtime shows no pattern.
 */
export const overtimeWeeksShare: Measure = (input) => {
  const { facts, param } = input;
  const perWeek = overtimeByWeek(input);
  if (!perWeek || perWeek.length === 0 || facts.weekFrames.length === 0) return [];
  // The plan's weeks: those the rota declares (with or without work), else the worker's own span.
  const declared = facts.plan.declared;
  const planWeeks = declared
    ? facts.plan.weeks.filter((w) => w.start < declared.to && w.end > declared.from)
    : facts.weekFrames;
  if (planWeeks.length === 0) return [];
  const from = planWeeks[0]!.start;
  const to = planWeeks[planWeeks.length - 1]!.end;
  const minWeeks = param?.('minWeeksForStandingOvertime', from);
  if (minWeeks === undefined || planWeeks.length < minWeeks) return [];
  const inPlan = perWeek.filter((o) => {
    const wk = facts.plan.weeks[o.week]!;
    return wk.start >= from && wk.end <= to;
  });
  const withOvertime = inPlan.filter((o) => o.overtime > 0);
  const overtime = inPlan.reduce((s, o) => s + o.overtime, 0);
  return [
    {
      start: from,
      end: to,
      measured: withOvertime.length / planWeeks.length,
      at: from,
      blockRange: [0, facts.blocks.length],
      details: {
        weeksWithOvertime: withOvertime.length,
        weeksInPlan: planWeeks.length,
        overtimeHours: overtime,
        leastWeeklyOvertimeHours:
          withOvertime.length === planWeeks.length ? Math.min(...withOvertime.map((o) => o.overtime)) : 0,
      },
    },
  ];
};
