// The summary's counts: findings by severity, conversion verdicts by kind of assignment.
import type { Conversion, Finding } from './schema.ts';

export interface FindingCounts {
  violations: number;
  warnings: number;
  info: number;
}

/** Counts one finding by its severity. */
export function countFinding(counts: FindingCounts, f: Finding): void {
  if (f.severity === 'violation') counts.violations++;
  else if (f.severity === 'warning') counts.warnings++;
  else counts.info++;
}

/** Violations, warnings and info findings, as the report summary counts them. */
export function countFindings(findings: Finding[]): FindingCounts {
  const counts = { violations: 0, warnings: 0, info: 0 };
  for (const f of findings) countFinding(counts, f);
  return counts;
}

/** Conversion verdicts per kind of assignment (summary.conversionsByKind), kinds in order of first conversion. */
export function conversionsByKind(
  conversions: Conversion[],
  kindOf: ReadonlyMap<string, string>,
): Record<string, Record<string, number>> {
  const byKind: Record<string, Record<string, number>> = {};
  for (const c of conversions) {
    const kind = kindOf.get(c.assignmentId)!;
    byKind[kind] ??= {};
    byKind[kind][c.verdict] = (byKind[kind][c.verdict] ?? 0) + 1;
  }
  return byKind;
}
