// Baselines: accept today's findings, fail only on new ones. A previous JSON report (one report,
// or the array the CLI prints for several files) is the baseline; a finding is "the same" when
// its rule id, worker, assignments and window are (docs/contract.md: ids are fixed so users can
// baseline by them). Windows are compared as instants, so a re-formatted offset still matches.
import { groupBy } from '../groupBy.ts';
import { readFile } from 'node:fs/promises';
import { InputError, type InputIssue } from '../rota/errors.ts';
import type { Finding, Report } from './schema.ts';

export type FailOn = 'violation' | 'warning' | 'info';
const RANK: Record<Finding['severity'], number> = { info: 0, warning: 1, violation: 2 };

/** True when the finding's severity is at or above `failOn` (`--fail-on`; info fails only under `--fail-on info`). */
export function fails(f: Pick<Finding, 'severity'>, failOn: FailOn = 'violation'): boolean {
  return RANK[f.severity] >= RANK[failOn];
}

export type BaselineKeyFields = Pick<Finding, 'ruleId' | 'workerId' | 'assignmentIds' | 'window'>;

function instantKey(iso: string): string {
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? iso : String(ms);
}

/** The identity of a finding across runs. */
export function baselineKey(f: BaselineKeyFields): string {
  return [
    f.ruleId,
    f.workerId,
    [...f.assignmentIds].sort().join(','),
    instantKey(f.window.start),
    instantKey(f.window.end),
  ].join('\u0000');
}

export interface Baseline {
  file: string;
  keys: Set<string>;
  /** How many findings the baseline file held. */
  size: number;
}

function findingIssues(f: unknown, path: string): InputIssue[] {
  if (typeof f !== 'object' || f === null) return [{ path, message: 'must be a finding object' }];
  const o = f as Record<string, unknown>;
  const issues: InputIssue[] = [];
  for (const field of ['ruleId', 'workerId'] as const) {
    if (typeof o[field] !== 'string') issues.push({ path: `${path}.${field}`, message: 'must be a string' });
  }
  if (!Array.isArray(o.assignmentIds) || !o.assignmentIds.every((a) => typeof a === 'string')) {
    issues.push({ path: `${path}.assignmentIds`, message: 'must be a list of strings' });
  }
  const w = o.window as Record<string, unknown> | undefined;
  if (typeof w !== 'object' || w === null || typeof w.start !== 'string' || typeof w.end !== 'string') {
    issues.push({ path: `${path}.window`, message: 'must be an object with start and end' });
  }
  return issues;
}

/** Reads the findings of a baseline document (already parsed JSON); InputError names every bad path. */
export function baselineFromDocument(doc: unknown, file: string): Baseline {
  const reports: Array<{ value: unknown; path: string }> = Array.isArray(doc)
    ? doc.map((value, i) => ({ value, path: `[${i}]` }))
    : [{ value: doc, path: '' }];
  const issues: InputIssue[] = [];
  const keys = new Set<string>();
  let size = 0;
  for (const { value, path } of reports) {
    const findings = (value as { findings?: unknown } | null)?.findings;
    const at = path ? `${path}.findings` : 'findings';
    if (!Array.isArray(findings)) {
      issues.push({
        path: at,
        message: 'must be a list (expected a report written by `turnussjekk check --format json`)',
      });
      continue;
    }
    findings.forEach((f, i) => {
      const problems = findingIssues(f, `${at}[${i}]`);
      if (problems.length > 0) issues.push(...problems);
      else {
        keys.add(baselineKey(f as BaselineKeyFields));
        size++;
      }
    });
  }
  if (issues.length > 0) throw new InputError(issues, file);
  return { file, keys, size };
}

export async function loadBaseline(file: string): Promise<Baseline> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new InputError(
      [{ path: '', message: `cannot read baseline file (${(err as NodeJS.ErrnoException).code ?? 'error'})` }],
      file,
    );
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    throw new InputError([{ path: '', message: `baseline is not valid JSON: ${(err as Error).message}` }], file);
  }
  return baselineFromDocument(doc, file);
}

/** Summary counts recomputed for a list of findings. */
export function countSeverities(findings: Finding[]): Pick<Report['summary'], 'violations' | 'warnings' | 'info'> {
  return {
    violations: findings.filter((f) => f.severity === 'violation').length,
    warnings: findings.filter((f) => f.severity === 'warning').length,
    info: findings.filter((f) => f.severity === 'info').length,
  };
}

const RANKED: Finding['severity'][] = ['violation', 'warning', 'info'];

/**
 * The report with only the findings the baseline does not hold, its summary counts to match, and
 * its incidents keeping the findings left (renumbered; an incident with none left is gone).
 */
export function applyBaseline(report: Report, baseline: Baseline): { report: Report; suppressed: number } {
  const newIndex = new Map<number, number>();
  const findings: Finding[] = [];
  report.findings.forEach((f, i) => {
    if (baseline.keys.has(baselineKey(f))) return;
    newIndex.set(i, findings.length);
    findings.push(f);
  });
  const incidents = (report.incidents ?? []).flatMap((inc) => {
    const findingIndexes = inc.findingIndexes.filter((i) => newIndex.has(i)).map((i) => newIndex.get(i)!);
    if (findingIndexes.length === 0) return [];
    const kept = findingIndexes.map((i) => findings[i]!);
    return [
      {
        ...inc,
        findingIndexes,
        ruleIds: [...new Set(kept.map((f) => f.ruleId))].sort(),
        severity: RANKED.find((s) => kept.some((f) => f.severity === s))!,
      },
    ];
  });
  const findingsOf = groupBy(findings, (f) => f.workerId);
  const incidentsOf = groupBy(incidents, (i) => i.workerId);
  const perWorker = (report.summary.perWorker ?? []).map((w) => {
    const counts = countSeverities(findingsOf.get(w.workerId) ?? []);
    return {
      ...w,
      violations: counts.violations,
      warnings: counts.warnings,
      incidents: incidentsOf.get(w.workerId)?.length ?? 0,
    };
  });
  return {
    report: { ...report, findings, incidents, summary: { ...report.summary, ...countSeverities(findings), perWorker } },
    suppressed: report.findings.length - findings.length,
  };
}
