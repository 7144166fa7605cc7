// Sunday and holiday work (AML § 10-10, § 10-8 (4); docs/legal/04-sundays.md). The plan calendar holds the
// merged § 10-10 windows (calendar/holidays.ts); a window is worked when any working minute falls
// in it. Adjacent Sundays and holidays are one window (Easter Saturday 15:00 → Easter Monday
// 22:00), while Maundy Thursday + Good Friday and Easter are two, because Saturday is a working day.
import { firstEndingAfter } from '../time/sorted.ts';
import type { SundayWindow } from '../calendar/holidays.ts';
import type { Frame } from '../time/frames.ts';
import { hours } from '../time/instant.ts';
import type { WorkInterval } from '../timeline/build.ts';
import { workInWindows } from './nights.ts';
import type { FactWindow, Measure, MeasureInput } from './types.ts';

interface WindowWork {
  window: SundayWindow;
  /** Index in the plan's list of windows. */
  index: number;
  /** Elapsed work inside the window (ms). */
  ms: number;
}

/** Work inside each of the plan's Sunday/holiday windows, in window order. */
function windowWork({ facts, calendar }: MeasureInput): WindowWork[] {
  const windows = calendar?.sundays ?? [];
  const ms = workInWindows(facts.blocks, windows);
  return windows.map((window, index) => ({ window, index, ms: ms[index]! }));
}

/** Assignments whose periods have work inside any of the windows (periods sorted by start, windows sorted and disjoint). */
function assignmentsIn(intervals: WorkInterval[], windows: Frame[]): string[] {
  const ids = new Set<string>();
  let w0 = 0;
  for (const iv of intervals) {
    if (iv.end <= iv.start) continue;
    while (w0 < windows.length && windows[w0]!.end <= iv.start) w0++;
    for (let k = w0; k < windows.length && windows[k]!.start < iv.end; k++) {
      if (windows[k]!.end > iv.start) {
        ids.add(iv.assignmentId);
        break;
      }
    }
  }
  return [...ids];
}

/**
 * § 10-10 (1)–(3): one window per worker, from the first to the last worked Sunday/holiday window;
 * measured is the hours of work inside the protected windows. Nothing when there is none.
 */
export const hoursInSundayWindows: Measure = (input) => {
  const all = windowWork(input);
  const worked = all.filter((x) => x.ms > 0);
  if (worked.length === 0) return [];
  const first = worked[0]!.window;
  const last = worked[worked.length - 1]!.window;
  return [
    {
      start: first.start,
      end: last.end,
      measured: hours(worked.reduce((s, x) => s + x.ms, 0)),
      at: first.start,
      assignmentIds: assignmentsIn(
        input.facts.intervals,
        worked.map((x) => x.window),
      ),
      details: { windowsWorked: worked.length, windowsInPlan: all.length },
    },
  ];
};

/**
 * § 10-8 (4): whoever works a Sunday or holiday shall be off the next one. One window per run of
 * consecutive worked windows (a run of one included); measured is the run's length (a count) and
 * the window spans the run. The law and agreements of the run's last Sunday/holiday apply: that is
 * the one worked although the worker should have been off (an agreement that starts mid-run covers
 * it, one that ended before it does not).
 */
export const consecutiveWorkedSundays: Measure = (input) => {
  const out: FactWindow[] = [];
  let run: WindowWork[] = [];
  const close = () => {
    if (run.length === 0) return;
    out.push({
      start: run[0]!.window.start,
      end: run[run.length - 1]!.window.end,
      measured: run.length,
      at: run[run.length - 1]!.window.start,
      assignmentIds: assignmentsIn(
        input.facts.intervals,
        run.map((x) => x.window),
      ),
      details: {
        count: run.length,
        protectedDays: run.reduce((s, x) => s + x.window.days.length, 0),
        hoursWorked: hours(run.reduce((s, x) => s + x.ms, 0)),
      },
    });
    run = [];
  };
  for (const x of windowWork(input)) {
    if (x.ms > 0) run.push(x);
    else close();
  }
  close();
  return out;
};

/** Index of the week frame holding the instant, or -1 when the plan's weeks do not hold it. */
function weekOf(weeks: Frame[], at: number): number {
  const i = firstEndingAfter(weeks, at);
  return i < weeks.length && weeks[i]!.start <= at ? i : -1;
}

/**
 * § 10-8 (4) with a written averaging agreement: in every fixed block of N weeks (counted from the
 * plan's reference week, as blockAverage.ts) at most a share of the Sunday/holiday windows may be
 * worked. A window belongs to the week holding its midpoint (the Sunday of an Easter or Whitsun
 * window, whatever the week start). A block the plan covers only in part counts the windows of
 * the weeks it covers. One window per block with any worked Sunday/holiday; measured is a ratio.
 */
export const workedSundayShareInBlock: Measure = (input) => {
  const { facts, windowHours } = input;
  if (windowHours === undefined || !Number.isInteger(windowHours) || windowHours < 1) {
    throw new Error('workedSundayShareInBlock needs a whole number of weeks');
  }
  const n = windowHours;
  const { weeks, referenceWeek } = facts.plan;
  const blocks = new Map<number, { inBlock: number; worked: WindowWork[] }>();
  for (const x of windowWork(input)) {
    const week = weekOf(weeks, (x.window.start + x.window.end) / 2);
    if (week < 0) continue;
    const block = Math.floor((week - referenceWeek) / n);
    const t = blocks.get(block) ?? { inBlock: 0, worked: [] };
    t.inBlock += 1;
    if (x.ms > 0) t.worked.push(x);
    blocks.set(block, t);
  }
  const out: FactWindow[] = [];
  for (const [block, t] of [...blocks].sort((a, b) => a[0] - b[0])) {
    if (t.worked.length === 0) continue;
    const firstWeek = Math.max(0, referenceWeek + block * n);
    const lastWeek = Math.min(weeks.length - 1, referenceWeek + (block + 1) * n - 1);
    out.push({
      start: weeks[firstWeek]!.start,
      end: weeks[lastWeek]!.end,
      measured: t.worked.length / t.inBlock,
      at: weeks[firstWeek]!.start,
      assignmentIds: assignmentsIn(
        facts.intervals,
        t.worked.map((x) => x.window),
      ),
      details: {
        windowsWorked: t.worked.length,
        windowsInBlock: t.inBlock,
        weeksInBlock: lastWeek - firstWeek + 1,
        blockWeeks: n,
      },
    });
  }
  return out;
};
