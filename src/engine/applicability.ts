// Which checks apply to a pass and which of their limits bind: the worker's plan as a whole (the
// profile: night worker, Sunday share, cyclic) decides through json-rules-engine's profile conditions.
import { profileOf } from '../facts/profile.ts';
import { valueAt, type CompiledCheck, type CompiledLimitWhen } from '../rules/limits.ts';
import type { Context } from './context.ts';
import type { Applicability, PassPlan } from './pass.ts';

const NONE: ReadonlySet<string> = new Set();

async function matchedConditions(
  ctx: Context,
  checks: CompiledCheck[],
  plan: PassPlan,
  profile: object,
): Promise<ReadonlySet<string>> {
  if (!checks.some((c) => c.limitWhen.length > 0 || c.appliesWhen)) return NONE;
  // Parameters the conditions compare with are read at the date of this pass (the plan's first work).
  const facts: Record<string, unknown> = { ...profile, cyclic: ctx.cyclic };
  for (const p of ctx.profileParams) facts[p.fact] = valueAt(p.series, ctx.asOf ?? plan.from);
  return ctx.profileMatches(facts);
}

export async function applicability(ctx: Context, checks: CompiledCheck[], plan: PassPlan): Promise<Applicability> {
  const profile = profileOf(plan.facts.blocks, plan.facts.intervals, plan.calendar);
  const matched = await matchedConditions(ctx, checks, plan, profile);
  const chosen = new Map<string, CompiledLimitWhen>();
  for (const c of checks) {
    const lw = c.limitWhen.find((x) => matched.has(x.name));
    if (lw) chosen.set(c.key, lw);
  }
  // Checks that can only warn or inform are left out when only violations matter (the conversion tiers).
  const applicable = checks.filter(
    (c) =>
      (!c.appliesWhen || matched.has(c.appliesWhen.name)) && (!ctx.violationsOnly || c.check.severity === 'violation'),
  );
  return { profile, matched, chosen, applicable };
}
