// Night work (AML § 10-11). The night windows come from the plan calendar (21:00–06:00 on the wall
// clock, 23:00–06:00 under an evening-work agreement), so every measure here is DST-exact: the
// night is 8 hours when summer time starts and 10 hours when it ends.
//   averageHoursPer24hInBlock     § 10-11 (6): hours per 24 h on average over fixed 4-week blocks,
//                                 with the minimum weekly rest (35 h per week) left out;
//   hoursInDayFrameWithNightWork  § 10-11 (7): hours per 24-hour frame, for frames with more than
//                                 3 night hours of heavy or risky night work;
//   nightHoursInPlan              § 10-11 (1)–(2), (5): the night hours of the whole plan.
import type { Frame } from '../time/frames.ts';
import { hours } from '../time/instant.ts';
import { firstEndingAfter } from '../time/sorted.ts';
import { dayTallies, hoursInDayFrame } from './frameHours.ts';
import { workInWindows } from './nights.ts';
import { hoursPerBlock } from './planBlocks.ts';
import type { FactWindow, Measure } from './types.ts';
import type { WorkBlock } from './workBlocks.ts';

const HOUR_MS = 3_600_000;

/** Night milliseconds worked in [from, to), over sorted blocks and sorted nights. */
function nightMsBetween(blocks: WorkBlock[], nights: Frame[], from: number, to: number): number {
  let total = 0;
  let n = firstEndingAfter(nights, from);
  for (let b = firstEndingAfter(blocks, from); b < blocks.length && blocks[b]!.start < to; b++) {
    const s = Math.max(blocks[b]!.start, from);
    const e = Math.min(blocks[b]!.end, to);
    while (n < nights.length && nights[n]!.end <= s) n++;
    for (let k = n; k < nights.length && nights[k]!.start < e; k++)
      total += Math.max(0, Math.min(e, nights[k]!.end) - Math.max(s, nights[k]!.start));
  }
  return total;
}

/**
 * § 10-11 (6): normal working time ≤ 8 h per 24 h on average over fixed blocks of `window` weeks
 * (counted from the plan's reference week, like blockAverage.ts), the minimum weekly rest of
 * § 10-8 (2) left out: average = hours in block / ((elapsed hours − weeks × 35) / 24). A block the
 * plan covers only in part is averaged over the weeks of it the plan covers. Elapsed time makes a
 * block across a DST change one hour shorter or longer. Computed in whole milliseconds so that an
 * average of exactly the limit is exactly the limit.
 */
export const averageHoursPer24hInBlock: Measure = ({ facts, windowHours, param }) => {
  if (windowHours === undefined || !Number.isInteger(windowHours) || windowHours < 1) {
    throw new Error('averageHoursPer24hInBlock needs a whole number of weeks');
  }
  const out: FactWindow[] = [];
  for (const b of hoursPerBlock(facts, windowHours)) {
    const { start, end, weeksCovered } = b;
    const rest = param?.('minWeeklyRestHours', start);
    if (rest === undefined) continue; // the provision was not in force then
    const excludedMs = weeksCovered * rest * HOUR_MS;
    const countedMs = end - start - excludedMs;
    out.push({
      start,
      end,
      measured: (b.ms * 24) / countedMs,
      at: start,
      blockRange: [b.first, b.last],
      details: {
        totalHours: hours(b.ms),
        weeksInBlock: weeksCovered,
        blockWeeks: b.blockWeeks,
        elapsedHours: hours(end - start),
        excludedRestHours: hours(excludedMs),
        countedDays: countedMs / (24 * HOUR_MS),
      },
    });
  }
  return out;
};

/**
 * § 10-11 (7): hours per 24-hour frame, measured as hoursInDayFrame measures them (the larger of the
 * hours inside the frame and the first 24 hours of the work period that starts in it), in every
 * frame with more than `nightWorkerMinHours` night hours, counted the same two ways (a 22:00–07:00
 * shift brings its 8 night hours to the frame where it starts, though only 2 fall before midnight).
 * Only work of assignments marked `heavyNightWork` is judged: the flag says which work carries the
 * special risk or heavy strain.
 */
export const hoursInDayFrameWithNightWork: Measure = (input) => {
  const { facts, calendar, param } = input;
  if (!calendar?.nights || !calendar.nightSegments) return [];
  const heavy = facts.intervals.filter((iv) => iv.heavyNightWork);
  if (heavy.length === 0) return [];

  // Blocks that hold heavy night work.
  const heavyBlock = new Array<boolean>(facts.blocks.length).fill(false);
  let b0 = 0;
  for (const iv of heavy) {
    while (b0 < facts.blocks.length && facts.blocks[b0]!.end <= iv.start) b0++;
    for (let b = b0; b < facts.blocks.length && facts.blocks[b]!.start < iv.end; b++) heavyBlock[b] = true;
  }

  // Night work inside each day frame, keyed by the frame's start.
  const segments = calendar.nightSegments;
  const inSegment = workInWindows(facts.blocks, segments);
  const nightInFrame = new Map<number, number>();
  segments.forEach((s, i) => {
    if (inSegment[i]! <= 0) return;
    const key = calendar.days[s.day]!.start;
    nightInFrame.set(key, (nightInFrame.get(key) ?? 0) + inSegment[i]!);
  });

  // Night work in the first 24 hours of the work period that leads each day frame.
  const tallies = dayTallies(facts);
  const nightStarting = new Map<number, number>();
  facts.dayFrames.forEach((fr, f) => {
    const lead = tallies[f]?.lead;
    if (lead) nightStarting.set(fr.start, nightMsBetween(facts.blocks, calendar.nights!, lead.start, lead.end));
  });

  const out: FactWindow[] = [];
  for (const w of hoursInDayFrame(input)) {
    const min = param?.('nightWorkerMinHours', w.at) ?? calendar.nightFrameMinHours;
    if (min === undefined) continue;
    const inFrame = nightInFrame.get(w.at) ?? 0;
    const starting = nightStarting.get(w.at) ?? 0;
    if (Math.max(inFrame, starting) <= min * HOUR_MS) continue;
    const [from, to] = w.blockRange!;
    if (!heavyBlock.slice(from, to).some(Boolean)) continue;
    out.push({
      ...w,
      details: { ...w.details, nightHoursInFrame: hours(inFrame), nightHoursOfWorkPeriodFirst24Hours: hours(starting) },
    });
  }
  return out;
};

/**
 * § 10-11 (1)–(2), (5): one window per worker, from the first to the last night minute worked,
 * measuring the night hours of the whole plan, with the profile's night-worker facts
 * (docs/legal/05-night-worker.md) beside it. No window when the plan has no night work.
 */
export const nightHoursInPlan: Measure = ({ facts, calendar, profile, agreements, night, param }) => {
  // A calendar has nights only when a provision declares them.
  if (!calendar?.nights || !night) return [];
  const nights = calendar.nights;
  let total = 0;
  let first = Infinity;
  let last = -Infinity;
  let firstBlock = -1;
  let lastBlock = -1;
  let n0 = 0;
  facts.blocks.forEach((b, bi) => {
    while (n0 < nights.length && nights[n0]!.end <= b.start) n0++;
    for (let n = n0; n < nights.length && nights[n]!.start < b.end; n++) {
      const from = Math.max(b.start, nights[n]!.start);
      const to = Math.min(b.end, nights[n]!.end);
      if (to <= from) continue;
      total += to - from;
      first = Math.min(first, from);
      last = Math.max(last, to);
      if (firstBlock < 0) firstBlock = bi;
      lastBlock = bi;
    }
  });
  if (total === 0) return [];
  // The hours the night runs between, for the message: later under an agreement that moves its
  // start (§ 10-11 (3) evening work: 23).
  const planStart = facts.blocks[0]!.start;
  const moved = night.agreements.find((m) =>
    (agreements ?? []).some((a) => a.type === m.type && planStart >= a.from && planStart < a.to),
  );
  const nightStartHour = (moved ? param?.(moved.startHour, first) : undefined) ?? param?.(night.startHour, first);
  const nightEndHour = param?.(night.endHour, first);
  const minNightHours =
    (night.workerMinHours ? param?.(night.workerMinHours, first) : undefined) ?? calendar.nightFrameMinHours;
  return [
    {
      start: first,
      end: last,
      measured: hours(total),
      at: first,
      blockRange: [firstBlock, lastBlock + 1],
      details: {
        nightHours: hours(total),
        nightDays: profile?.nightDays ?? 0,
        workedDays: profile?.workedDays ?? 0,
        nightFrameShare: profile?.nightFrameShare ?? 0,
        nightHoursShare: profile?.nightHoursShare ?? 0,
        ...(nightStartHour !== undefined ? { nightStartHour } : {}),
        ...(nightEndHour !== undefined ? { nightEndHour } : {}),
        ...(minNightHours !== undefined && Number.isFinite(minNightHours) ? { minNightHours } : {}),
      },
    },
  ];
};
