// Loads the law as data from rules/. A malformed rule file is a startup error naming the file and
// the field: the engine never runs on a rule it could not read completely.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { z } from 'zod';
import { formatPath } from '../rota/errors.ts';
import {
  AgreementCatalogueSchema,
  EmploymentCatalogueSchema,
  type EmploymentCatalogue,
  ReadingCatalogueSchema,
  RuleFileSchema,
  type AgreementCatalogue,
  type Night,
  type ReadingCatalogue,
  type RuleFile,
} from './schema.ts';

export const DEFAULT_RULES_DIR = fileURLToPath(new URL('../../rules/', import.meta.url));
const PROVISION_DIRS = ['aml', 'avl', 'med', 'rota'];

export class RuleFileError extends Error {
  constructor(
    readonly file: string,
    problems: string[],
  ) {
    super(`rule file ${file} is invalid:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'RuleFileError';
  }
}

export interface LoadedRuleFile extends RuleFile {
  /** Path relative to the rules directory, e.g. aml/10-4-normal-hours.json */
  file: string;
}

export interface RuleBook {
  files: LoadedRuleFile[];
  agreements: AgreementCatalogue;
  readings: ReadingCatalogue;
  /** Dated facts of the employment question; a rule book without the file cites no presumption. */
  employment?: EmploymentCatalogue;
}

/**
 * The dated parameter of that name, from the one rule file that defines it: code that needs a
 * provision's number (the stand-by weight, § 12's shortest stay) asks for the number by its name,
 * not for the provision by its id. Two files defining the same name would make it ambiguous.
 */
export function parameterOf(book: RuleBook, name: string): RuleFile['parameters'][string] | undefined {
  const owners = book.files.filter((f) => Object.hasOwn(f.parameters, name));
  if (owners.length > 1)
    throw new RuleFileError(owners[1]!.file, [`parameters.${name}: also defined in ${owners[0]!.file}`]);
  return owners[0]?.parameters[name];
}

/**
 * A rule file's file-level `agreements` given to each check that lists none of its own, before the
 * file is validated: a jurist reads the agreements once per provision rather than once per check.
 */
function withFileDefaults(data: unknown): unknown {
  if (typeof data !== 'object' || data === null) return data;
  const { agreements, checks } = data as { agreements?: unknown; checks?: unknown };
  if (!Array.isArray(agreements) || !Array.isArray(checks)) return data;
  return {
    ...data,
    checks: checks.map((c) =>
      typeof c === 'object' && c !== null && !Object.hasOwn(c, 'agreements') ? { ...c, agreements } : c,
    ),
  };
}

function readJson<T>(dir: string, file: string, schema: z.ZodType<T>, prepare = (d: unknown) => d): T {
  let data: unknown;
  try {
    data = prepare(JSON.parse(readFileSync(join(dir, file), 'utf8')));
  } catch (err) {
    throw new RuleFileError(file, [(err as Error).message]);
  }
  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    throw new RuleFileError(
      file,
      parsed.error.issues.map((i) => `${formatPath(i.path) || '(file)'}: ${i.message}`),
    );
  }
  return parsed.data;
}

/** Cross-field checks zod cannot express: ids match the paragraph, named parameters exist, dates ascend. */
function consistencyProblems(rule: RuleFile): string[] {
  const problems: string[] = [];
  const prefix = `${rule.law.code}.${rule.law.section}.`;
  for (const [name, p] of Object.entries(rule.parameters)) {
    for (let i = 1; i < p.values.length; i++) {
      if (p.values[i]!.since <= p.values[i - 1]!.since) problems.push(`parameters.${name}.values: dates must ascend`);
    }
  }
  rule.checks.forEach((c, i) => {
    if (!c.id.startsWith(prefix)) problems.push(`checks[${i}].id: "${c.id}" must start with "${prefix}"`);
    if (!rule.parameters[c.limit]) problems.push(`checks[${i}].limit: no parameter "${c.limit}"`);
    if (c.window && !rule.parameters[c.window]) problems.push(`checks[${i}].window: no parameter "${c.window}"`);
    type Node = { value?: unknown; any?: Node[]; all?: Node[] };
    const params = (when: Node): string[] =>
      [...(when.any ?? []), ...(when.all ?? [])].flatMap((cond) =>
        cond.any || cond.all
          ? params(cond)
          : typeof cond.value === 'object' && cond.value !== null
            ? [(cond.value as { param: string }).param]
            : [],
      );
    const named = [
      ...(c.limitWhen ?? []).flatMap((lw) => [lw.limit, ...params(lw.when)]),
      ...(c.appliesWhen ? params(c.appliesWhen.when) : []),
      ...(c.extension
        ? [c.extension.requiresShare, c.extension.share, c.extension.max, ...(c.extension.cap ? [c.extension.cap] : [])]
        : []),
    ];
    for (const name of [...named, ...c.params])
      if (!rule.parameters[name]) problems.push(`checks[${i}]: no parameter "${name}"`);
    c.agreements.forEach((a, j) => {
      if (a.limit && !rule.parameters[a.limit])
        problems.push(`checks[${i}].agreements[${j}].limit: no parameter "${a.limit}"`);
    });
  });
  if (rule.restMinimum) {
    if (!rule.parameters[rule.restMinimum.parameter])
      problems.push(`restMinimum.parameter: no parameter "${rule.restMinimum.parameter}"`);
    rule.restMinimum.agreements.forEach((a, j) => {
      if (a.via)
        problems.push(
          `restMinimum.agreements[${j}]: an agreement lowers the minimum by a limit or a stated value, not via another rule`,
        );
      if (a.limit && !rule.parameters[a.limit])
        problems.push(`restMinimum.agreements[${j}].limit: no parameter "${a.limit}"`);
    });
  }
  if (rule.night) {
    const { startHour, endHour, workerMinHours, agreements } = rule.night;
    for (const [field, name] of [
      ['startHour', startHour],
      ['endHour', endHour],
      ['workerMinHours', workerMinHours],
      ...agreements.map((a, j) => [`agreements[${j}].startHour`, a.startHour]),
    ] as Array<[string, string | undefined]>)
      if (name !== undefined && !rule.parameters[name]) problems.push(`night.${field}: no parameter "${name}"`);
  }
  return problems;
}

export function loadRuleBook(dir: string = DEFAULT_RULES_DIR): RuleBook {
  const files: LoadedRuleFile[] = [];
  for (const sub of PROVISION_DIRS) {
    let names: string[];
    try {
      names = readdirSync(join(dir, sub))
        .filter((n) => n.endsWith('.json'))
        .sort();
    } catch {
      continue;
    }
    for (const name of names) {
      const file = `${sub}/${name}`;
      const rule = readJson(dir, file, RuleFileSchema, withFileDefaults);
      const problems = consistencyProblems(rule);
      if (rule.law.code !== sub) problems.unshift(`law.code "${rule.law.code}" does not match folder "${sub}"`);
      if (problems.length > 0) throw new RuleFileError(file, problems);
      files.push({ ...rule, file });
    }
  }
  if (files.length === 0) throw new RuleFileError(dir, ['no rule files found']);
  const ids = new Set(files.flatMap((f) => f.checks.map((c) => c.id)));
  for (const f of files) {
    const missing = f.checks.flatMap((c, i) =>
      [c.ceilings?.day, c.ceilings?.week, ...(c.deferTo ?? [])]
        .filter((id): id is string => id !== undefined && !ids.has(id))
        .map((id) => `checks[${i}]: no rule "${id}"`),
    );
    if (missing.length > 0) throw new RuleFileError(f.file, missing);
  }
  const restMinima = files.filter((f) => f.restMinimum);
  if (restMinima.length > 1)
    throw new RuleFileError(restMinima[1]!.file, [
      `restMinimum: only one provision sets the daily rest between work periods (${restMinima[0]!.file} does)`,
    ]);
  const nights = files.filter((f) => f.night);
  if (nights.length > 1)
    throw new RuleFileError(nights[1]!.file, [
      `night: only one provision says when the night is (${nights[0]!.file} does)`,
    ]);
  const agreements = readJson(dir, 'agreements.json', AgreementCatalogueSchema);
  const readings = readJson(dir, 'readings.json', ReadingCatalogueSchema);
  const employment = existsSync(join(dir, 'employment.json'))
    ? readJson(dir, 'employment.json', EmploymentCatalogueSchema)
    : undefined;
  return { files, agreements, readings, ...(employment ? { employment } : {}) };
}

/** The provision that says when the night is, and its declaration (one file at most, checked on loading). */
export function nightOf(book: RuleBook): { file: LoadedRuleFile; night: Night } | undefined {
  const file = book.files.find((f) => f.night);
  return file && { file, night: file.night! };
}

let cached: RuleBook | undefined;
/** The bundled rule book, read once per process. */
export function defaultRuleBook(): RuleBook {
  cached ??= loadRuleBook();
  return cached;
}
