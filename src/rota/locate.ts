// Where in the rota file a path such as `periods[12]` is written, so SARIF results and GitHub
// annotations point at the line a person edits. YAML 1.2 is a superset of JSON, so the `yaml`
// parser reads both formats with source ranges; a LineCounter turns offsets into 1-based lines.
import { isAlias, isCollection, isMap, isNode, isScalar, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import type { InputIssue } from './errors.ts';
import { jsonEntryLines } from './jsonLines.ts';
import { yamlEntryLines } from './yamlLines.ts';
import type { DocumentFormat } from './load.ts';

/** `periods[12].start` → `['periods', 12, 'start']` */
export function parsePath(path: string): Array<string | number> {
  const keys: Array<string | number> = [];
  const re = /([^.[\]]+)|\[(\d+)\]/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(path)) !== null) keys.push(m[2] !== undefined ? Number(m[2]) : m[1]!);
  return keys;
}

export type LineLocator = (path: string) => number | undefined;

/**
 * A function from a document path to the 1-based line its value starts on, or undefined when the
 * path is not in the document (or the text could not be read). The empty path is line 1. A JSON
 * file's entries are found by a scan of the text (jsonLines.ts), a YAML file's written in the usual
 * block layout by a pass over its lines (yamlLines.ts), anything else by the YAML parser.
 */
export function locateLines(text: string, format: DocumentFormat, reread?: () => string): LineLocator {
  const parsed = parserOf(reread ?? text);
  return format === 'json' ? jsonEntryLines(text, parsed) : yamlEntryLines(text, parsed);
}

/**
 * The YAML parser's locator, made when first asked, of the text or of the text read again. Given a
 * way to read it again, the locator does not hold the text: the entries' lines are all a large
 * file's findings ask for (a national year's file, 91 MB, was held through the run for a parse
 * nobody asked for). A function of its own, so that the closure's scope holds only its source.
 */
function parserOf(source: string | (() => string)): () => LineLocator {
  return () => yamlLines(typeof source === 'string' ? source : source());
}

/** locateLines by the YAML parser, which reads JSON too (YAML 1.2 is a superset of it). */
export function yamlLines(text: string): LineLocator {
  const lineCounter = new LineCounter();
  let doc: ReturnType<typeof parseDocument> | undefined;
  try {
    doc = parseDocument(text, { keepSourceTokens: true, lineCounter, uniqueKeys: false, prettyErrors: false });
    if (doc.errors.length > 0) doc = undefined;
  } catch {
    doc = undefined;
  }
  const cache = new Map<string, number | undefined>();
  return (path: string) => {
    if (path === '') return 1;
    if (!doc) return undefined;
    if (cache.has(path)) return cache.get(path);
    let line: number | undefined;
    const keys = parsePath(path);
    const parentKeys = keys.slice(0, -1);
    const parent = parentKeys.length === 0 ? doc.contents : doc.getIn(parentKeys, true);
    const node = isCollection(parent) ? parent.get(keys[keys.length - 1], true) : undefined;
    if (isNode(node) && node.range) line = lineCounter.linePos(node.range[0]).line;
    cache.set(path, line);
    return line;
  };
}

export interface Position {
  line: number;
  column: number;
}

/**
 * Texts longer than this are not parsed again to name the lines of their errors: the YAML parser
 * that knows positions reads about 1–2 MB a second, and a national rota file is hundreds of MB.
 */
export const LOCATE_MAX_CHARS = 4 * 1024 * 1024;

/**
 * A function from a document path to the 1-based line and column of its node: for a field, where
 * its key is written; for a list entry, where the entry starts. A path that is not all there (a
 * missing field) gets the position of the deepest part that is (the period that lacks `end`); one
 * whose first key is not in the document gets none. Undefined when the text cannot be read.
 */
export function locatePositions(text: string): ((path: string) => Position | undefined) | undefined {
  const lineCounter = new LineCounter();
  let doc: ReturnType<typeof parseDocument>;
  try {
    doc = parseDocument(text, { lineCounter, uniqueKeys: false, prettyErrors: false });
  } catch {
    return undefined;
  }
  if (doc.errors.length > 0) return undefined;
  const at = (offset: number): Position => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  const resolve = (node: unknown): unknown => (isAlias(node) ? node.resolve(doc) : node);
  return (path: string) => {
    let node = resolve(doc.contents);
    let found: Position | undefined;
    for (const key of parsePath(path)) {
      if (isMap(node)) {
        const pair = node.items.find((p) => String(isScalar(p.key) ? p.key.value : p.key) === String(key));
        if (!pair) break;
        const keyNode = pair.key as Node | undefined;
        const range = (isNode(keyNode) && keyNode.range) || (isNode(pair.value) && pair.value.range);
        if (!range) break;
        found = at(range[0]);
        node = resolve(pair.value);
      } else if (isSeq(node) && typeof key === 'number') {
        const item = resolve(node.items[key]);
        if (!isNode(item) || !item.range) break;
        found = at(item.range[0]);
        node = item;
      } else break;
    }
    return found;
  };
}

/** Where a parsed document came from, so that its errors can name lines; read again only when there are errors. */
export interface DocumentSource {
  text(): string | undefined;
}

const sources = new WeakMap<object, DocumentSource>();

/** Remembers the text `data` (a parsed document, or the rota validated from it) was read from. */
export function rememberSource(data: unknown, source: DocumentSource): void {
  if (typeof data === 'object' && data !== null) sources.set(data, source);
}

export function sourceOf(data: unknown): DocumentSource | undefined {
  return typeof data === 'object' && data !== null ? sources.get(data) : undefined;
}

/**
 * The issues in the order their paths stand in `data` (the parsed document, or the rota validated
 * from it): the document itself first, then by key and index; a field that is missing comes after
 * the fields of its entry that are there. Each with the line and column of its path when the text
 * of `data` is known (rememberSource) and not too long.
 */
export function placeIssues(issues: InputIssue[], data: unknown): InputIssue[] {
  const ordered = issues
    .map((issue, n) => ({ issue, n, at: positionIn(data, issue.path) }))
    .sort((a, b) => compareVectors(a.at, b.at) || a.n - b.n)
    .map((x) => x.issue);
  const text = ordered.some((i) => i.path !== '') ? sourceOf(data)?.text() : undefined;
  const locate = text !== undefined && text.length <= LOCATE_MAX_CHARS ? locatePositions(text) : undefined;
  if (!locate) return ordered;
  return ordered.map((issue) => {
    const pos = issue.path === '' || issue.line !== undefined ? undefined : locate(issue.path);
    return pos ? { ...issue, line: pos.line, column: pos.column } : issue;
  });
}

/** Where a path stands in a document, as the index taken at each level (key order of an object, index of a list). */
function positionIn(data: unknown, path: string): number[] {
  const at: number[] = [];
  let node = data;
  for (const key of parsePath(path)) {
    if (Array.isArray(node) && typeof key === 'number') {
      at.push(key);
      node = node[key];
    } else if (typeof node === 'object' && node !== null) {
      const keys = Object.keys(node);
      const i = keys.indexOf(String(key));
      at.push(i < 0 ? keys.length : i);
      node = i < 0 ? undefined : (node as Record<string, unknown>)[String(key)];
    } else at.push(Number.MAX_SAFE_INTEGER);
  }
  return at;
}

function compareVectors(a: number[], b: number[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}
