// Reading a rota document: text → plain data (JSON or YAML) → zod-validated Rota.
// Every problem is collected with its path, so one run names every bad field.
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import { closingQuote } from './jsonString.ts';
import { z } from 'zod';
import { timelineIssues, type RotaParts } from '../timeline/build.ts';
import { InputError, formatPath, fromFile, type InputIssue } from './errors.ts';
import { LOCATE_MAX_CHARS, placeIssues, rememberSource, sourceOf } from './locate.ts';
import { salvage, variantParts, type ListName, type Salvage } from './salvage.ts';
import {
  AGREEMENT_TYPES,
  ASSIGNMENT_KINDS,
  CONTRACT_TYPES,
  RotaSchema,
  SHIFT_PATTERNS,
  WEEKDAYS,
  type Rota,
} from './schema.ts';
import { nearest } from './suggest.ts';

export type DocumentFormat = 'json' | 'yaml';

export function formatFromName(name: string): DocumentFormat | undefined {
  const ext = extname(name).toLowerCase();
  if (ext === '.json') return 'json';
  if (ext === '.yaml' || ext === '.yml') return 'yaml';
  return undefined;
}

function lineAndColumn(text: string, offset: number): string {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return `line ${line}, column ${offset - before.lastIndexOf('\n')}`;
}

/** Deeper nesting than this is no rota (which nests four levels) and would exhaust the parsers' stack. */
const MAX_NESTING = 64;

/**
 * The deepest nesting of [ and { outside quoted strings, stopping once it passes the limit.
 * A quoted string is skipped with indexOf to its closing quote (one not escaped by an odd run of
 * backslashes), not a character at a time: on the load test's 113 KiB turnus the check took longer
 * than JSON.parse itself (0.34 against 0.35 ms a request), now 0.13 ms.
 */
export function nestingDepth(text: string): number {
  let depth = 0;
  let max = 0;
  // Character codes, not one-character strings: a national rota file is hundreds of megabytes.
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22 /* " */) {
      const close = closingQuote(text, i);
      // An unterminated string holds no brackets: the parser reports it.
      if (close < 0) return max;
      i = close;
    } else if (c === 0x5b /* [ */ || c === 0x7b /* { */) {
      if (++depth > max) max = depth;
      if (max > MAX_NESTING) return max;
    } else if (c === 0x5d /* ] */ || c === 0x7d /* } */) depth--;
  }
  return max;
}

/** Text to plain data. JSON is read with JSON.parse (fast for large files); YAML with `yaml` (1.2 core schema, so dates stay strings). */
export function parseDocumentText(text: string, format: DocumentFormat): unknown {
  if (text.includes('\uFFFD')) {
    throw new InputError([{ path: '', message: 'the document is not valid UTF-8 text (save or export it as UTF-8)' }]);
  }
  if (nestingDepth(text) > MAX_NESTING) {
    throw new InputError([
      {
        path: '',
        message: `the document nests lists or objects more than ${MAX_NESTING} levels deep; a rota file nests four`,
      },
    ]);
  }
  if (format === 'json') {
    try {
      return JSON.parse(text);
    } catch (err) {
      const msg = (err as Error).message;
      const pos = /position (\d+)/.exec(msg);
      const where = pos ? ` at ${lineAndColumn(text, Number(pos[1]))}` : '';
      throw new InputError([
        { path: '', message: `not valid JSON${where}: ${msg.replace(/ in JSON at position \d+.*$/, '')}` },
      ]);
    }
  }
  try {
    return parseYaml(text, { uniqueKeys: true, maxAliasCount: 100, prettyErrors: false });
  } catch (err) {
    if (err instanceof YAMLParseError) {
      const where = err.pos?.[0] !== undefined ? ` at ${lineAndColumn(text, err.pos[0])}` : '';
      throw new InputError([{ path: '', message: `not valid YAML${where}: ${err.message.split('\n')[0]}` }]);
    }
    // The yaml package refuses alias bombs and runaway nesting with plain errors: still bad input.
    if (err instanceof ReferenceError || err instanceof RangeError) {
      throw new InputError([{ path: '', message: `not a usable YAML document: ${err.message.split('\n')[0]}` }]);
    }
    throw err;
  }
}

function describeZodIssue(issue: z.core.$ZodIssue): InputIssue[] {
  const path = formatPath(issue.path);
  switch (issue.code) {
    case 'unrecognized_keys': {
      const known = fieldsAt(issue.path);
      return issue.keys.map((key) => {
        const hit = known ? nearest(key, known) : undefined;
        return {
          path: formatPath([...issue.path, key]),
          message: `unknown field (not part of rota file v1; check the spelling)${hit ? `; did you mean "${hit}"?` : ''}`,
        };
      });
    }
    case 'invalid_type':
      if (issue.input === undefined) return [{ path, message: 'missing' }];
      return [
        {
          path,
          message: `must be ${EXPECTED[issue.expected] ?? `a ${issue.expected}`}, got ${describeValue(issue.input)}`,
        },
      ];
    case 'invalid_value': {
      const values = issue.values.map((v) => JSON.stringify(v)).join(', ');
      if (issue.input === undefined) {
        // A short list says what to write; the sixteen agreement types do not fit on the line.
        const hint =
          issue.values.length === 1 ? ` (must be ${values})` : issue.values.length <= 6 ? ` (one of ${values})` : '';
        return [{ path, message: `missing${hint}` }];
      }
      const given = issue.input;
      const hit =
        typeof given === 'string'
          ? nearest(
              given,
              issue.values.filter((v): v is string => typeof v === 'string'),
            )
          : undefined;
      if (hit !== undefined) {
        const noun = nounFor(issue.values);
        const suggestion = `did you mean "${hit}"?`;
        return [
          {
            path,
            message: noun
              ? `${describeValue(given)} is not ${noun}; ${suggestion}`
              : `must be one of ${values}, got ${describeValue(given)}; ${suggestion}`,
          },
        ];
      }
      return [{ path, message: `must be one of ${values}, got ${describeValue(given)}` }];
    }
    default:
      return [{ path, message: issue.message }];
  }
}

const EXPECTED: Record<string, string> = {
  array: 'a list',
  object: 'an object (a mapping of fields)',
  number: 'a number',
  string: 'a text string',
  boolean: 'true or false',
};

/** What the values of an enum are called, for "… is not an agreement type". */
const NOUNS: Array<[values: readonly string[], noun: string]> = [
  [AGREEMENT_TYPES, 'an agreement type'],
  [ASSIGNMENT_KINDS, 'an assignment kind'],
  [CONTRACT_TYPES, 'a contract type'],
  [WEEKDAYS, 'a weekday'],
  [SHIFT_PATTERNS, 'a shift pattern'],
];

function nounFor(values: readonly unknown[]): string | undefined {
  return NOUNS.find(([known]) => known.length === values.length && known.every((v, i) => v === values[i]))?.[1];
}

/** The fields the schema knows where `path` points (an object of the rota), for "did you mean" on an unknown field. */
function fieldsAt(path: ReadonlyArray<PropertyKey>): string[] | undefined {
  let schema: z.ZodType = RotaSchema;
  const unwrap = (s: z.ZodType): z.ZodType =>
    s instanceof z.ZodOptional || s instanceof z.ZodDefault || s instanceof z.ZodNullable
      ? unwrap(s.unwrap() as z.ZodType)
      : s;
  for (const key of path) {
    schema = unwrap(schema);
    if (schema instanceof z.ZodObject && typeof key === 'string' && Object.hasOwn(schema.shape, key))
      schema = schema.shape[key] as z.ZodType;
    else if (schema instanceof z.ZodArray && typeof key === 'number') schema = schema.element as z.ZodType;
    else return undefined;
  }
  schema = unwrap(schema);
  return schema instanceof z.ZodObject ? Object.keys(schema.shape) : undefined;
}

function describeValue(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'an object';
  const text = JSON.stringify(v) ?? String(v);
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

/**
 * Plain data to a Rota, or an InputError naming every bad field. Every problem in one pass: when
 * the schema refuses the document, the timeline's checks (unknown and duplicate ids, end before
 * start, wall times in a DST gap or overlap, periods too long or outside the plan) still run on the
 * parts that did validate, and their issues come with the schema's. A valid document with
 * variants has the timeline's checks of the base and of every variant run here, together; without
 * variants they run once, when the rota is evaluated (buildTimeline). The issues come in the order
 * of the document, each naming its line and column when the text is known (parseRotaText,
 * loadRotaFile, and the API's parseDocumentBody, whose problem documents carry line and column).
 */
export function validateRotaDocument(doc: unknown): Rota {
  const result = RotaSchema.safeParse(doc, { reportInput: true });
  if (result.success) {
    const rota = result.data;
    const source = sourceOf(doc);
    if (source) rememberSource(rota, source);
    if (rota.variants?.length) {
      const issues = issuesOfParts(
        rota,
        true,
        rota.variants.map((v, index) => validVariant(v, index)),
      );
      if (issues.length > 0) throw new InputError(placeIssues(issues, doc));
    }
    return rota;
  }
  const issues = result.error.issues.flatMap(describeZodIssue);
  const parts = salvage(doc);
  if (parts) issues.push(...issuesOfParts(parts.parts, parts.boundsKnown, parts.variants));
  throw new InputError(placeIssues(issues, doc));
}

const LIST_NAMES: ListName[] = ['workers', 'assignments', 'periods', 'agreements'];

function validVariant(v: NonNullable<Rota['variants']>[number], index: number): Salvage['variants'][number] {
  const given = LIST_NAMES.filter((name) => v[name] !== undefined);
  return { index, given, lists: Object.fromEntries(given.map((name) => [name, v[name]])) };
}

/**
 * The timeline's issues of the base rota and of each variant (with its lists in place of the
 * base's), paths in a variant starting `variants[i].` as src/variants/compare.ts names them; an
 * issue of a variant that is the base's own (a list the variant does not give) is named once.
 */
function issuesOfParts(base: RotaParts, boundsKnown: boolean, variants: Salvage['variants']): InputIssue[] {
  const issues = timelineIssues(base, boundsKnown);
  const key = (i: InputIssue) => `${i.path}\u0000${i.message}`;
  const ofBase = new Set(issues.map(key));
  for (const v of variants) {
    for (const issue of timelineIssues(variantParts(base, v), boundsKnown)) {
      const list = /^[a-z]+/i.exec(issue.path)?.[0] as ListName | undefined;
      if (ofBase.has(key(issue)) && !(list && v.given.includes(list))) continue;
      issues.push({ ...issue, path: `variants[${v.index}].${issue.path}` });
    }
  }
  return issues;
}

/** Text to a Rota, or an InputError naming every bad field with its line and column. */
export function parseRotaText(text: string, format: DocumentFormat): Rota {
  const doc = parseDocumentText(text, format);
  // Kept to name the lines of the document's errors, should it have any (placeIssues).
  if (text.length <= LOCATE_MAX_CHARS) rememberSource(doc, { text: () => text });
  return validateRotaDocument(doc);
}

export async function loadRotaFile(file: string): Promise<Rota> {
  const format = formatFromName(file);
  if (!format) throw new InputError([{ path: '', message: 'unknown file type: use .json, .yaml or .yml' }], file);
  return fromFile(file, readFile, (bytes) => {
    const text = bytes.toString('utf8');
    const rota = parseRotaText(text, format);
    // The engine's own checks (buildTimeline) name lines too: the file is read again for them
    // rather than its text kept alive through the evaluation.
    if (text.length <= LOCATE_MAX_CHARS) rememberSource(rota, { text: () => readAgain(file) });
    return rota;
  });
}

function readAgain(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}
