// Scenario comparison: the rota as written and each named variant, evaluated in full and set side
// by side (findings, conversion verdicts, hours, cost), so a municipality can weigh the options.
import type { Report } from '../report/schema.ts';
import { InputError } from '../rota/errors.ts';
import type { Rota } from '../rota/schema.ts';

/** One row of the comparison: the report schema's `variants` entry. */
export type VariantSummary = NonNullable<Report['variants']>[number];

export const BASE_VARIANT = 'rota';

export function variantRota(rota: Rota, index: number): Rota {
  const v = rota.variants![index]!;
  const { variants: _all, ...base } = rota;
  return {
    ...base,
    ...(v.workers ? { workers: v.workers } : {}),
    ...(v.assignments ? { assignments: v.assignments } : {}),
    ...(v.periods ? { periods: v.periods } : {}),
    ...(v.agreements ? { agreements: v.agreements } : {}),
  };
}

export function summarize(name: string, report: Report, description?: string): VariantSummary {
  const byRule: Record<string, number> = {};
  for (const f of report.findings) if (f.severity === 'violation') byRule[f.ruleId] = (byRule[f.ruleId] ?? 0) + 1;
  const costs = report.conversions.map((c) => c.cost?.asEmployment).filter((x): x is number => x !== undefined);
  return {
    name,
    ...(description ? { description } : {}),
    violations: report.summary.violations,
    warnings: report.summary.warnings,
    hours: report.summary.hours,
    verdicts: report.conversions.map((c) => ({
      assignmentId: c.assignmentId,
      verdict: c.verdict,
      requiredAgreements: c.requiredAgreements,
    })),
    ...(costs.length > 0 ? { cost: costs.reduce((a, b) => a + b, 0) } : {}),
    findingsByRule: byRule,
  };
}

/** Evaluates every variant; an invalid variant is an input error whose paths start at `variants[i]`. */
export async function compareVariants(
  rota: Rota,
  base: Report,
  evaluate: (r: Rota) => Promise<Report>,
): Promise<VariantSummary[]> {
  const out = [summarize(BASE_VARIANT, base)];
  for (let i = 0; i < (rota.variants?.length ?? 0); i++) {
    const v = rota.variants![i]!;
    try {
      out.push(summarize(v.name, await evaluate(variantRota(rota, i)), v.description));
    } catch (err) {
      if (err instanceof InputError)
        throw new InputError(err.issues.map((x) => ({ ...x, path: `variants[${i}].${x.path}` })));
      throw err;
    }
  }
  return out;
}
