// The auditor's trail: windows that are lawful only because of an agreement, one info finding per
// rule (and per rule taking over), spanning the windows and showing the one furthest over the statute.
import { BREACH, margin, type CompiledCheck } from '../rules/limits.ts';
import type { RawFinding } from './context.ts';
import type { Judged } from './judgement.ts';

type Entry = Judged['lifted'][number];

/** One finding for a run of windows: their span, the peak's figures, and how many there were. */
function spanning(c: CompiledCheck, list: Entry[], peak: Entry, kind: RawFinding['kind']): RawFinding {
  return {
    c,
    w: {
      ...peak.w,
      start: list[0]!.w.start,
      end: list[list.length - 1]!.w.end,
      details: { ...peak.w.details, windowsRelyingOnAgreement: list.length },
    },
    r: peak.r,
    severity: 'info',
    kind,
  };
}

/** Windows another rule took over under an agreement, and that the statute alone would have failed. */
export function deferredTrail({ c, yielded }: Judged): RawFinding[] {
  if (yielded.length === 0) return [];
  const breach = BREACH[c.check.operator];
  const byOwner = new Map<CompiledCheck, Judged['yielded']>();
  for (const y of yielded) {
    if (!breach(y.w.measured, y.r.base)) continue;
    const list = byOwner.get(y.owner);
    if (list) list.push(y);
    else byOwner.set(y.owner, [y]);
  }
  const trail: RawFinding[] = [];
  for (const [owner, list] of byOwner) {
    const peak = list.reduce((a, b) =>
      margin(c.check.operator, b.w.measured, b.r.base) > margin(c.check.operator, a.w.measured, a.r.base) ? b : a,
    );
    trail.push({ ...spanning(c, list, peak, 'deferred'), owner });
  }
  return trail;
}

/** The windows whose limit held only because an agreement lifted it. */
export function reliesTrail({ c, lifted }: Judged): RawFinding[] {
  if (lifted.length === 0) return [];
  const relying = lifted.sort((a, b) => a.w.start - b.w.start);
  const peak = relying.reduce((a, b) =>
    b.w.measured > a.w.measured === c.check.operator.startsWith('greater') ? b : a,
  );
  return [spanning(c, relying, peak, 'relies-on-agreement')];
}
