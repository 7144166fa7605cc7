// Small builders so a test reads like the rule: a few periods in, the findings out.
import { evaluate, type EvaluateOptions } from '../../src/engine/evaluate.ts';
import type { Finding, Report } from '../../src/report/schema.ts';
import { validateRotaDocument } from '../../src/rota/load.ts';
import type { AgreementType, AssignmentKind } from '../../src/rota/schema.ts';

export interface OnePersonRota {
  /** [start, end] local times (or with offset), all on assignment a1 unless a third element names another. */
  periods: Array<[string, string] | [string, string, string]>;
  kind?: AssignmentKind;
  contract?: 'oppdrag' | 'arbeidsavtale';
  /** Extra assignments for the same worker: id → kind/contract/employer. */
  more?: Record<string, { kind?: AssignmentKind; contract?: 'oppdrag' | 'arbeidsavtale'; employer?: string }>;
  agreements?: Array<{
    type: AgreementType;
    validFrom?: string;
    validTo?: string;
    params?: Record<string, number | string | boolean>;
  }>;
  frames?: { dayStart?: string; weekStart?: string };
}

export function onePersonRota(spec: OnePersonRota): unknown {
  return {
    version: 1,
    workers: [{ id: 'w1' }],
    ...(spec.frames ? { frames: spec.frames } : {}),
    assignments: [
      { id: 'a1', workerId: 'w1', kind: spec.kind ?? 'employment', contract: spec.contract ?? 'arbeidsavtale' },
      ...Object.entries(spec.more ?? {}).map(([id, a]) => ({
        id,
        workerId: 'w1',
        kind: a.kind ?? 'employment',
        contract: a.contract ?? 'arbeidsavtale',
        ...(a.employer ? { employer: a.employer } : {}),
      })),
    ],
    periods: spec.periods.map(([start, end, assignmentId]) => ({ assignmentId: assignmentId ?? 'a1', start, end })),
    agreements: (spec.agreements ?? []).map((a) => ({ workerId: 'w1', ...a })),
  };
}

export async function check(spec: OnePersonRota, options: EvaluateOptions = {}): Promise<Report> {
  return evaluate(validateRotaDocument(onePersonRota(spec)), options);
}

/** Findings of one rule id (optionally one severity). */
export function findingsOf(report: Report, ruleId: string, severity?: Finding['severity']): Finding[] {
  return report.findings.filter((f) => f.ruleId === ruleId && (severity === undefined || f.severity === severity));
}
