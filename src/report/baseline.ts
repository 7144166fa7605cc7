// Baselines: accept today's findings, fail only on new ones. A previous JSON report (one report,
// or the array the CLI prints for several files) is the baseline; a finding is "the same" when
// its rule id, worker, assignments and window are (docs/contract.md: ids are fixed so users can
// baseline by them). Windows are compared as instants, so a re-formatted offset still matches.
import { groupBy } from '../groupBy.ts';
import { constants } from 'node:buffer';
import { createReadStream } from 'node:fs';
import { open, readFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
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

/** The baseline's keys by the worker they name (a key's second field), for the parts of a large rota. */
export function keysByWorker(keys: Iterable<string>): Map<string, string[]> {
  return groupBy(keys, (key) => key.split('\u0000', 2)[1]!);
}

export interface Baseline {
  file: string;
  keys: ReadonlySet<string>;
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

const cannotRead = (file: string, err: unknown) =>
  new InputError(
    [
      {
        path: '',
        message: `cannot read baseline file (${(err as NodeJS.ErrnoException).code ?? (err as Error).message ?? 'error'})`,
      },
    ],
    file,
  );

/**
 * A baseline file: a JSON report (one report, or the array the CLI prints for several files), or a
 * report written with --format ndjson, read line by line: a national year's JSON report is longer
 * than the longest string Node can make, its NDJSON is not read whole.
 */
export async function loadBaseline(file: string): Promise<Baseline> {
  let head: string;
  let size: number;
  try {
    const handle = await open(file);
    try {
      size = (await handle.stat()).size;
      // A finding's line is about a kilobyte; the first line tells NDJSON from a JSON document.
      const length = Math.min(size, 1 << 20);
      const { buffer, bytesRead } = await handle.read(Buffer.alloc(length), 0, length, 0);
      head = buffer.subarray(0, bytesRead).toString('utf8');
    } finally {
      await handle.close();
    }
  } catch (err) {
    throw cannotRead(file, err);
  }
  if (isNdjson(head)) return ndjsonBaseline(file);
  // Bytes and characters: a file of more bytes may still be short enough in UTF-16 code units.
  if (size > constants.MAX_STRING_LENGTH * 3) throw tooLong(file, size);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    // Node names no code for it: "Invalid string length".
    if (err instanceof RangeError) throw tooLong(file, size);
    throw cannotRead(file, err);
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    throw new InputError([{ path: '', message: `baseline is not valid JSON: ${(err as Error).message}` }], file);
  }
  return baselineFromDocument(doc, file);
}

const tooLong = (file: string, size: number) =>
  new InputError(
    [
      {
        path: '',
        message: `the baseline is ${Math.round(size / 1e6)} MB, longer than one JSON text can be read (${Math.floor(constants.MAX_STRING_LENGTH / 1e6)} M characters); write it with --format ndjson, which is read line by line`,
      },
    ],
    file,
  );

/**
 * NDJSON: a first line that is a JSON object by itself, and more after it (a JSON report written on
 * one line has nothing after it), or a finding by itself (one line of NDJSON, its report's last line
 * left out).
 */
function isNdjson(head: string): boolean {
  const end = head.indexOf('\n');
  const more = end >= 0 && head.slice(end + 1).trim() !== '';
  try {
    const first: unknown = JSON.parse(end < 0 ? head : head.slice(0, end));
    if (typeof first !== 'object' || first === null || Array.isArray(first)) return false;
    return more || 'ruleId' in first;
  } catch {
    return false;
  }
}

/**
 * The findings of an NDJSON report, line by line: a line with a rule id is a finding, a line with a
 * summary a report's last line (one per file checked); anything else is named by its line.
 */
async function ndjsonBaseline(file: string): Promise<Baseline> {
  const keys = new Set<string>();
  const issues: InputIssue[] = [];
  let size = 0;
  let n = 0;
  try {
    const lines = createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity });
    for await (const line of lines) {
      n++;
      if (issues.length >= 20) break;
      if (line.trim() === '') continue;
      const at = `line ${n}`;
      let value: unknown;
      try {
        value = JSON.parse(line);
      } catch (err) {
        issues.push({ path: at, message: `is not valid JSON: ${(err as Error).message}` });
        continue;
      }
      const o = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
      if (!('ruleId' in o)) {
        if (!('summary' in o))
          issues.push({ path: at, message: 'is neither a finding nor the last line of a report (--format ndjson)' });
        continue;
      }
      const problems = findingIssues(o, at);
      if (problems.length > 0) issues.push(...problems);
      else {
        keys.add(baselineKey(o as unknown as BaselineKeyFields));
        size++;
      }
    }
  } catch (err) {
    throw cannotRead(file, err);
  }
  if (issues.length > 0) throw new InputError(issues, file);
  return { file, keys, size };
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
