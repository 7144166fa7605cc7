// Which judged windows become findings: the windows that break their limit (a supplementary check
// only where its rule has no finding yet; a worst-only check its worst window), then the auditor's
// trail of the rules that leave one.
import { Slot } from '../memo.ts';
import { margin, type CompiledCheck } from '../rules/limits.ts';
import { instantOfText } from '../time/instant.ts';
import type { RawFinding } from './context.ts';
import type { Judged } from './judgement.ts';
import { overlaps, type Pass } from './pass.ts';
import { deferredTrail, reliesTrail } from './trail.ts';

/**
 * The windows a supplementary check's rule already has findings for, in this pass or an earlier
 * one. Only that rule's: no other rule's finding covers a window of it, and a worker's year holds
 * hundreds of findings, which were read back and copied for every supplementary check with a breach.
 */
function covered(pass: Pass, raw: RawFinding[], ruleId: string): Array<{ start: number; end: number }> {
  const out: Array<{ start: number; end: number }> = [];
  for (const f of pass.subject.earlier)
    if (f.ruleId === ruleId) out.push({ start: instantOfText(f.window.start), end: instantOfText(f.window.end) });
  for (const f of raw) if (f.c.check.id === ruleId) out.push({ start: f.w.start, end: f.w.end });
  return out;
}

/** A judged check's breaches that become findings, beside the raw findings before it (`raw`: a supplementary check's rule may have them already). */
export function breachFindings(pass: Pass, { c, hits }: Judged, raw: RawFinding[]): RawFinding[] {
  if (c.check.supplementary) {
    const known = covered(pass, raw, c.check.id);
    if (known.length > 0) hits = hits.filter(({ w }) => !known.some((f) => overlaps(f, w)));
  }
  if (c.check.worstOnly && hits.length > 1) {
    const worst = hits.reduce((a, b) =>
      margin(c.check.operator, b.w.measured, b.r.limit) > margin(c.check.operator, a.w.measured, a.r.limit) ? b : a,
    );
    hits = [worst];
  }
  return hits.map(({ w, r }) => ({ c, w, r, severity: c.check.severity, kind: 'breach' }));
}

/** The rules some check of a pass's checks defers to, once a list of checks (every pass of a regime shares one). */
const deferredTo = new Slot<CompiledCheck[], Set<string>>('rules deferred to');
function deferredToIdsOf(checks: CompiledCheck[]): Set<string> {
  let ids = deferredTo.get(checks);
  if (!ids) {
    ids = new Set();
    for (const x of checks) for (const id of x.check.deferTo ?? []) ids.add(id);
    deferredTo.set(checks, ids);
  }
  return ids;
}

export function rawFindings(pass: Pass, judged: Judged[]): RawFinding[] {
  const raw: RawFinding[] = [];
  // A rule another check of this pass defers to leaves the trail to that check, which compares with the statute itself.
  const deferredToIds = deferredToIdsOf(pass.subject.checks);
  const leavesTrail = (c: Judged['c']) =>
    !pass.ctx.violationsOnly && !c.check.supplementary && !deferredToIds.has(c.check.id);
  const primaryFirst = [...judged].sort((a, b) => Number(a.c.check.supplementary) - Number(b.c.check.supplementary));
  // Appended one by one: a spread of a very large array overflows the call stack.
  for (const one of primaryFirst) {
    if (one.hits.length > 0) for (const f of breachFindings(pass, one, raw)) raw.push(f);
    if (leavesTrail(one.c)) {
      for (const f of deferredTrail(one)) raw.push(f);
      for (const f of reliesTrail(one)) raw.push(f);
    }
  }
  return raw;
}
