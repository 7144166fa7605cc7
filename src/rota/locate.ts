// Where in the rota file a path such as `periods[12]` is written, so SARIF results and GitHub
// annotations point at the line a person edits. YAML 1.2 is a superset of JSON, so the `yaml`
// parser reads both formats with source ranges; a LineCounter turns offsets into 1-based lines.
import { isCollection, isNode, LineCounter, parseDocument } from 'yaml';
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
 * path is not in the document (or the text could not be read). The empty path is line 1.
 * `format` is accepted for symmetry with the loader; both formats are read by the YAML parser.
 */
export function locateLines(text: string, _format: DocumentFormat): LineLocator {
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
