// Reading a rota document: text → plain data (JSON or YAML) → zod-validated Rota.
// Every problem is collected with its path, so one run names every bad field.
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import type { z } from 'zod';
import { InputError, formatPath, fromFile, type InputIssue } from './errors.ts';
import { RotaSchema, type Rota } from './schema.ts';

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

/** The deepest nesting of [ and { outside quoted strings, stopping once it passes the limit. */
function nestingDepth(text: string): number {
  let depth = 0;
  let max = 0;
  let quoted = false;
  // Character codes, not one-character strings: a national rota file is hundreds of megabytes.
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (quoted) {
      if (c === 0x5c /* \\ */) i++;
      else if (c === 0x22 /* " */) quoted = false;
    } else if (c === 0x22) quoted = true;
    else if (c === 0x5b /* [ */ || c === 0x7b /* { */) {
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
    throw new InputError([{ path: '', message: `the document nests lists or objects more than ${MAX_NESTING} levels deep; a rota file nests four` }]);
  }
  if (format === 'json') {
    try {
      return JSON.parse(text);
    } catch (err) {
      const msg = (err as Error).message;
      const pos = /position (\d+)/.exec(msg);
      const where = pos ? ` at ${lineAndColumn(text, Number(pos[1]))}` : '';
      throw new InputError([{ path: '', message: `not valid JSON${where}: ${msg.replace(/ in JSON at position \d+.*$/, '')}` }]);
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
    case 'unrecognized_keys':
      return issue.keys.map((key) => ({
        path: formatPath([...issue.path, key]),
        message: 'unknown field (not part of rota file v1; check the spelling)',
      }));
    case 'invalid_type':
      if (issue.input === undefined) return [{ path, message: 'is required' }];
      return [{ path, message: `must be ${EXPECTED[issue.expected] ?? `a ${issue.expected}`}, got ${describeValue(issue.input)}` }];
    case 'invalid_value':
      return [{ path, message: `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}, got ${describeValue(issue.input)}` }];
    default:
      return [{ path, message: issue.message }];
  }
}

const EXPECTED: Record<string, string> = { array: 'a list', object: 'an object (a mapping of fields)', number: 'a number', string: 'a text string', boolean: 'true or false' };

function describeValue(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'an object';
  const text = JSON.stringify(v) ?? String(v);
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

/** Plain data to a Rota, or an InputError naming every bad field. */
export function validateRotaDocument(doc: unknown): Rota {
  const result = RotaSchema.safeParse(doc, { reportInput: true });
  if (result.success) return result.data;
  throw new InputError(result.error.issues.flatMap(describeZodIssue));
}

export function parseRotaText(text: string, format: DocumentFormat): Rota {
  return validateRotaDocument(parseDocumentText(text, format));
}

export async function loadRotaFile(file: string): Promise<Rota> {
  const format = formatFromName(file);
  if (!format) throw new InputError([{ path: '', message: 'unknown file type: use .json, .yaml or .yml' }], file);
  return fromFile(file, readFile, (bytes) => parseRotaText(bytes.toString('utf8'), format));
}
