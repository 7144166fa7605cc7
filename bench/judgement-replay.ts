// The engine's judgement made free, for bench/judgement-ceiling.ts only: judgeAll as the engine has
// it (src/engine/judgement.ts), or, once a pass over the very same facts under the same agreements
// has been judged, that pass's verdicts handed back without measuring or judging anything. The
// ceiling script puts this module in place of the engine's own for src/engine/workerPasses.ts (a
// module resolve hook); nothing in src/ knows of it.
//
// What is replayed is everything judgeAll gives and does: its list of judged checks, each heard by
// the caller's `judged` in order (so a run asked for `enough` still stops where it did), and every
// window it offered to the headroom. The ceiling script checks that the reports come out the same.
import { judgeAll as judgeNow, type Judged } from '../src/engine/judgement.ts';
import type { Pass } from '../src/engine/pass.ts';
import type { CompiledCheck } from '../src/rules/limits.ts';

type Offer = Parameters<NonNullable<Pass['ctx']['headroom']>['offer']>;

export const replay = {
  /** `off`: the engine's own judgement; `on`: judged once per pass signature, then replayed. */
  mode: 'off' as 'off' | 'on',
  kept: new Map<string, { all: Judged[]; offers: Offer[] }>(),
  hits: 0,
};

/**
 * What a pass's verdicts are a function of: the worker, what the pass judges (the hypothetical
 * regime, violations only, the checks), the agreements in force, and the facts' intervals, stand-by
 * and main work periods. The intervals and periods enter as a number folded over their instants
 * (minutes), their kinds and assignments: the ceiling script compares the reports, so a collision
 * would show there rather than pass unseen.
 */
function signatureOf(pass: Pass, applicable: CompiledCheck[]): string {
  const { facts } = pass;
  let folded = 0;
  for (const iv of facts.intervals)
    folded = (folded * 31 + iv.start / 60_000 + (iv.end / 60_000) * 7 + iv.assignmentId.length + iv.kind.length) % 1e15;
  for (const wp of facts.workPeriods) folded = (folded * 17 + wp.start / 60_000 + wp.end / 60_000) % 1e15;
  for (const iv of facts.standby.intervals) folded = (folded * 13 + iv.start / 60_000 + iv.end / 60_000) % 1e15;
  const agreements = pass.agreements.map((a) => `${a.type}@${a.from}-${a.to}`).join(',');
  return [
    pass.workerId,
    pass.subject.hypothetical,
    pass.ctx.violationsOnly,
    applicable.length,
    applicable[0]?.key,
    applicable.at(-1)?.key,
    agreements,
    facts.intervals.length,
    facts.workPeriods.length,
    facts.standby.intervals.length,
    facts.standby.weight,
    folded,
  ].join('|');
}

export function judgeAll(pass: Pass, applicable: CompiledCheck[], judged?: (one: Judged) => void): Judged[] {
  if (replay.mode === 'off') return judgeNow(pass, applicable, judged);
  const key = signatureOf(pass, applicable);
  const headroom = pass.ctx.headroom;
  const known = replay.kept.get(key);
  if (known) {
    replay.hits++;
    for (const offer of known.offers) headroom?.offer(...offer);
    for (const one of known.all) judged?.(one);
    return known.all;
  }
  const offers: Offer[] = [];
  if (headroom) {
    const own = headroom.offer;
    // An own property over the prototype's method for this pass only, removed again below.
    headroom.offer = (...offer: Offer) => {
      offers.push(offer);
      own.apply(headroom, offer);
    };
  }
  const all: Judged[] = [];
  try {
    // Heard one by one as the engine hears them: a run asked for `enough` may end here (EnoughFound),
    // and is then not kept.
    judgeNow(pass, applicable, (one) => {
      all.push(one);
      judged?.(one);
    });
  } finally {
    if (headroom) delete (headroom as { offer?: unknown }).offer;
  }
  replay.kept.set(key, { all, offers });
  return all;
}
