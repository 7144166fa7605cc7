// Case files beside the rules (rules/**/*.cases.yaml, format in rules/CASES.md): periods and
// agreements in, expected findings out. This module reads and checks them and compares a report
// with a case's expectations; test/rules/cases.test.ts runs them through the public evaluate().
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import { parse } from 'yaml';
import { z } from 'zod';
import type { Finding, Report } from '../../src/report/schema.ts';
import { formatPath } from '../../src/rota/errors.ts';
import { AGREEMENT_TYPES, ASSIGNMENT_KINDS, CONTRACT_TYPES, SHIFT_PATTERNS } from '../../src/rota/schema.ts';

export const RULES_DIR = fileURLToPath(new URL('../../rules/', import.meta.url));

const RuleId = z.string().regex(/^[a-z]+\.[0-9a-z-]+\.[a-z0-9-]+$/, 'a rule id: <code>.<section>.<slug>');
const Severity = z.enum(['violation', 'warning', 'info']);
const Time = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/, 'a local time: YYYY-MM-DDTHH:MM');
const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date: YYYY-MM-DD');

const PeriodSpec = z.union([
  z.tuple([Time, Time]),
  z.tuple([Time, Time, z.string()]),
  z.strictObject({
    start: Time,
    end: Time,
    assignment: z.string().optional(),
    breakMinutes: z.number().optional(),
    passiveHours: z.number().optional(),
    standby: z.boolean().optional(),
  }),
]);

const AssignmentSpec = z.strictObject({
  kind: z.enum(ASSIGNMENT_KINDS).optional(),
  contract: z.enum(CONTRACT_TYPES).optional(),
  employer: z.string().optional(),
  regime: z.literal('medlever').optional(),
  heavyNightWork: z.boolean().optional(),
  shiftPattern: z.enum(SHIFT_PATTERNS).optional(),
});

const AgreementSpec = z.strictObject({
  type: z.enum(AGREEMENT_TYPES),
  validFrom: Day.optional(),
  validTo: Day.optional(),
  employer: z.string().optional(),
  params: z.record(z.string(), z.union([z.number(), z.string(), z.boolean()])).optional(),
});

/** An expected finding: the fields named must equal the finding's (nested objects in part, lists whole). */
const ExpectedFinding = z.record(z.string(), z.unknown());
const ExpectedList = z.array(ExpectedFinding);
/** `rule` or `rule/severity` → the findings of that selection, in report order. */
const SelectionKey = z.string().regex(/^[a-z]+\.[0-9a-z-]+\.[a-z0-9-]+(\/(violation|warning|info))?$/, {
  message: 'a key <rule id> or <rule id>/<severity>',
});

const Case = z.strictObject({
  name: z.string().min(1),
  periods: z.array(PeriodSpec).min(1),
  ...AssignmentSpec.shape,
  more: z.record(z.string(), AssignmentSpec).optional(),
  agreements: z.array(AgreementSpec).optional(),
  frames: z
    .strictObject({ dayStart: z.string().optional(), weekStart: z.string().optional(), referenceDate: Day.optional() })
    .optional(),
  options: z.strictObject({ asOf: Day.optional() }).optional(),
  rule: RuleId.optional(),
  severity: Severity.optional(),
  expect: z.union([ExpectedList, z.record(SelectionKey, ExpectedList)]),
});
export type Case = z.infer<typeof Case>;

const CaseFile = z.strictObject({
  rule: RuleId.optional().describe('The rule id whose findings a case with a list under expect looks at'),
  severity: Severity.optional(),
  cases: z.array(z.unknown()).min(1, 'a case file holds at least one case'),
});

export interface LoadedCaseFile {
  /** Path relative to rules/. */
  file: string;
  cases: Array<Case & { rule?: string; severity?: Finding['severity'] }>;
}

export class CaseFileError extends Error {
  constructor(file: string, problems: string[]) {
    super(`case file ${file} is invalid:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'CaseFileError';
  }
}

const issues = (e: z.ZodError, prefix: string) =>
  e.issues.map((i) => `${[prefix, formatPath(i.path)].filter(Boolean).join('.')}: ${i.message}`);

/** Parses one case file's text; every problem names the file, and the case by index and name. */
export function parseCaseFile(file: string, text: string): LoadedCaseFile {
  let data: unknown;
  try {
    data = parse(text);
  } catch (err) {
    throw new CaseFileError(file, [(err as Error).message]);
  }
  const top = CaseFile.safeParse(data);
  if (!top.success) throw new CaseFileError(file, issues(top.error, ''));
  const problems: string[] = [];
  const cases: LoadedCaseFile['cases'] = [];
  const names = new Set<string>();
  top.data.cases.forEach((raw, i) => {
    const name = (raw as { name?: unknown } | null)?.name;
    const label = `cases[${i}]${typeof name === 'string' ? ` "${name}"` : ''}`;
    const c = Case.safeParse(raw);
    if (!c.success) {
      problems.push(...issues(c.error, label));
      return;
    }
    if (names.has(c.data.name)) problems.push(`${label}: another case has the same name`);
    names.add(c.data.name);
    const rule = c.data.rule ?? top.data.rule;
    const severity = c.data.severity ?? top.data.severity;
    if (Array.isArray(c.data.expect) && !rule) problems.push(`${label}.expect: a list needs a rule (file or case)`);
    cases.push({ ...c.data, ...(rule ? { rule } : {}), ...(severity ? { severity } : {}) });
  });
  if (problems.length > 0) throw new CaseFileError(file, problems);
  return { file, cases };
}

/** Every rules/**\/*.cases.yaml, sorted. */
export function findCaseFiles(dir = RULES_DIR): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(d, e.name));
      else if (e.name.endsWith('.cases.yaml')) out.push(relative(dir, join(d, e.name)));
    }
  };
  walk(dir);
  return out.sort();
}

export function loadCaseFile(file: string, dir = RULES_DIR): LoadedCaseFile {
  return parseCaseFile(file, readFileSync(join(dir, file), 'utf8'));
}

/** The rule file a case file stands beside (x.cases.yaml → x.json), when it exists. */
export function ruleFileBeside(file: string, dir = RULES_DIR): string | undefined {
  const json = file.replace(/\.cases\.yaml$/, '.json');
  return existsSync(join(dir, json)) ? json : undefined;
}

/** The rota document a case describes: one worker w1, assignment a1 (and any `more`). */
export function rotaOf(c: Case): unknown {
  const assignment = (id: string, a: z.infer<typeof AssignmentSpec>) => ({
    id,
    workerId: 'w1',
    kind: a.kind ?? 'employment',
    contract: a.contract ?? 'arbeidsavtale',
    ...(a.employer ? { employer: a.employer } : {}),
    ...(a.regime ? { regime: a.regime } : {}),
    ...(a.heavyNightWork !== undefined ? { heavyNightWork: a.heavyNightWork } : {}),
    ...(a.shiftPattern ? { shiftPattern: a.shiftPattern } : {}),
  });
  return {
    version: 1,
    workers: [{ id: 'w1' }],
    ...(c.frames ? { frames: c.frames } : {}),
    assignments: [assignment('a1', c), ...Object.entries(c.more ?? {}).map(([id, a]) => assignment(id, a))],
    periods: c.periods.map((p) => {
      if (Array.isArray(p)) return { assignmentId: p[2] ?? 'a1', start: p[0], end: p[1] };
      const { assignment: id, ...rest } = p;
      return { assignmentId: id ?? 'a1', ...rest };
    }),
    agreements: (c.agreements ?? []).map((a) => ({ workerId: 'w1', ...a })),
  };
}

/** Selection key → expected findings, whichever form the case wrote. */
export function expectationsOf(c: LoadedCaseFile['cases'][number]): Map<string, Array<Record<string, unknown>>> {
  if (!Array.isArray(c.expect)) return new Map(Object.entries(c.expect));
  return new Map([[c.severity ? `${c.rule}/${c.severity}` : c.rule!, c.expect]]);
}

/** Does `actual` hold every field of `expected`: objects in part, lists and plain values whole. */
function holds(actual: unknown, expected: unknown, path: string, out: string[]): void {
  if (expected !== null && typeof expected === 'object' && !Array.isArray(expected)) {
    if (actual === null || typeof actual !== 'object' || Array.isArray(actual)) {
      out.push(`${path}: expected an object, found ${JSON.stringify(actual)}`);
      return;
    }
    for (const [k, v] of Object.entries(expected))
      holds((actual as Record<string, unknown>)[k], v, `${path}.${k}`, out);
    return;
  }
  if (Array.isArray(expected) && Array.isArray(actual) && expected.length === actual.length) {
    for (const [i, v] of expected.entries()) holds(actual[i], v, `${path}[${i}]`, out);
    return;
  }
  if (!isDeepStrictEqual(actual, expected))
    out.push(`${path}: expected ${JSON.stringify(expected)}, found ${JSON.stringify(actual)}`);
}

/**
 * What differs between a report and a case's expectations: for each selection, the findings must be
 * exactly as many as expected (a missing or an extra finding is a difference) and each must hold the
 * fields its expectation names. Empty when the report is as the case says.
 */
export function differences(report: Report, expected: Map<string, Array<Record<string, unknown>>>): string[] {
  const out: string[] = [];
  for (const [key, list] of expected) {
    const [rule, severity] = key.split('/');
    const found = report.findings.filter((f) => f.ruleId === rule && (!severity || f.severity === severity));
    if (found.length !== list.length) {
      out.push(
        `${key}: expected ${list.length} finding(s), found ${found.length}: ${JSON.stringify(
          found.map((f) => ({ severity: f.severity, measured: f.measured, limit: f.limit, window: f.window })),
        )}`,
      );
      continue;
    }
    for (const [i, e] of list.entries()) holds(found[i], e, `${key}[${i}]`, out);
  }
  return out;
}
