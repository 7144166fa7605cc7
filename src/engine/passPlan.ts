// The first stage of a pass: one worker's periods as the measures see them (blocks, main work
// periods, the frames around them, stand-by and its weight, the calendar that applies to them).
import { mainWorkPeriods } from '../facts/mainWorkPeriods.ts';
import type { WorkFacts } from '../facts/types.ts';
import { workBlocks } from '../facts/workBlocks.ts';
import { restMinimumAt, valueAt } from '../rules/limits.ts';
import type { Frame } from '../time/frames.ts';
import { firstEndingAfter } from '../time/sorted.ts';
import type { AgreementInForce, WorkInterval } from '../timeline/build.ts';
import type { Context } from './context.ts';
import type { PassPlan } from './pass.ts';
import { sharedWindows } from './reuse.ts';

function framesCovering(frames: Frame[], from: number, to: number): Frame[] {
  const lo = firstEndingAfter(frames, from);
  let end = lo;
  while (end < frames.length && frames[end]!.start < to) end++;
  return frames.slice(lo, end);
}

/** The span of the pass's work. A loop, not Math.min(...spread): a worker with 200 000 blocks would overflow the call stack. */
function spanOf(a: Array<{ start: number; end: number }>, b: Array<{ start: number; end: number }>) {
  let from = Infinity;
  let to = -Infinity;
  for (const x of a) (from = Math.min(from, x.start)), (to = Math.max(to, x.end));
  for (const x of b) (from = Math.min(from, x.start)), (to = Math.max(to, x.end));
  return { from, to };
}

/** The share of stand-by at home that counts as normal hours: an agreement's stated factor, else the statute's. */
function standbyWeight(ctx: Context, agreements: AgreementInForce[], from: number): number {
  const stated = agreements.find((a) => typeof a.params.standbyFactor === 'number' && from >= a.from && from < a.to)
    ?.params.standbyFactor as number | undefined;
  return stated ?? (ctx.standbyFactor ? valueAt(ctx.standbyFactor, ctx.asOf ?? from) : undefined) ?? 0;
}

/** Most passes hold one kind of work: every window then holds that kind. */
function onlyKind(intervals: WorkInterval[], standby: WorkInterval[]): Set<string> | undefined {
  if (intervals.length === 0) return undefined;
  const kind = intervals[0]!.kind;
  return intervals.every((iv) => iv.kind === kind) && standby.every((iv) => iv.kind === kind)
    ? new Set<string>([kind])
    : undefined;
}

/**
 * The pass's facts, or undefined when it holds no work at all. `all` is sorted by start. With a
 * key (a conversion run's pass, reuse.ts), facts an earlier run of the part formed alike are taken
 * with what was measured of them.
 */
export function passPlan(
  ctx: Context,
  all: WorkInterval[],
  agreements: AgreementInForce[],
  reuseKey?: string,
): PassPlan | undefined {
  // Stand-by at home (§ 10-4 (3)) is not work for rest and continuity; a share of it is normal hours.
  const standby = all.filter((iv) => iv.standby);
  const intervals = standby.length > 0 ? all.filter((iv) => !iv.standby) : all;
  const blocks = workBlocks(intervals);
  if (blocks.length === 0 && standby.length === 0) return undefined;
  const { from, to } = spanOf(blocks, standby);
  const when = (at: number) => ctx.asOf ?? at;
  const workPeriods = ctx.restMinimum
    ? mainWorkPeriods(intervals, restMinimumAt(ctx.restMinimum, agreements, when))
    : mainWorkPeriods(intervals, () => undefined);
  const weight = standbyWeight(ctx, agreements, from);
  const reuse = reuseKey === undefined ? undefined : ctx.reuse;
  let measured = reuse?.find(reuseKey!, workPeriods, weight);
  if (!measured) {
    const facts: WorkFacts = {
      intervals,
      blocks,
      workPeriods,
      dayFrames: framesCovering(ctx.days, from, to),
      weekFrames: framesCovering(ctx.weeks, from, to),
      standby: { intervals: standby, weight },
      plan: {
        weeks: ctx.weeks,
        referenceWeek: ctx.referenceWeek,
        ...(ctx.declaredSpan ? { declared: ctx.declaredSpan } : {}),
      },
    };
    measured = { facts, windows: sharedWindows(), under: new Map(), candidates: new Map(), applies: new Map() };
    reuse?.keep(reuseKey!, measured);
  }
  // An agreement lawful and in force where the pass's work begins moves its nights (§ 10-11 (3)).
  const moved = ctx.nightMoves.find((m) =>
    agreements.some((a) => a.type === m.type && from >= a.from && from < a.to && from >= m.lawfulFrom),
  );
  return {
    facts: measured.facts,
    calendar: moved ? moved.calendar : ctx.calendar,
    from,
    theKind: onlyKind(intervals, standby),
    measured,
  };
}
