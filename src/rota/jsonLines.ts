// The lines of a JSON rota's entries (`periods[12]`, `assignments[3]`, `workers[0]`), found by one
// scan of the text. SARIF results and GitHub annotations point at the line of the entry behind each
// finding, and the YAML parser that knows every node's position (locate.ts) reads one to two
// megabytes a second and holds a node per value: 15 % of the time and most of the memory of a SARIF
// run over a 1 000-worker year. A rota file's entries are the items of its top-level lists, so a
// scan that skips strings and counts brackets finds where each item starts, as fast as the text
// can be read. Any other path, and a file the scan does not read as the loader does (a top-level
// key written twice, a carriage return without a line feed), is asked of the YAML parser.
import { entryLocator } from './entryLocator.ts';
import { closingQuote } from './jsonString.ts';
import type { LineLocator } from './locate.ts';

/** Where the items of the document's top-level lists start (offsets, by key); undefined when the scan cannot stand for the parser. */
export function topLevelEntries(text: string): Map<string, number[]> | undefined {
  const starts = new Map<string, number[]>();
  const seen = new Set<string>();
  let depth = 0;
  let expectKey = false;
  let key: string | undefined;
  let items: number[] | undefined;
  let expectItem = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // Whitespace as JSON has it (a BOM before the document is no bracket, quote or comma: passed over).
    if (c === 0x20 || c === 0x0a || c === 0x09) continue;
    if (c === 0x0d) {
      // A lone carriage return is a line break to YAML and not to this count.
      if (text.charCodeAt(i + 1) !== 0x0a) return undefined;
      continue;
    }
    if (items && depth === 2 && expectItem && c !== 0x5d /* ] */) {
      items.push(i);
      expectItem = false;
    }
    if (c === 0x22 /* " */) {
      const close = closingQuote(text, i);
      if (close < 0) return undefined;
      if (depth === 1 && expectKey) {
        key = JSON.parse(text.slice(i, close + 1)) as string;
        if (seen.has(key)) return undefined;
        seen.add(key);
        expectKey = false;
      }
      i = close;
    } else if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      depth++;
      if (depth === 1) {
        if (c !== 0x7b) return undefined;
        expectKey = true;
      } else if (depth === 2 && c === 0x5b && key !== undefined) {
        items = [];
        starts.set(key, items);
        expectItem = true;
      }
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) {
      depth--;
      if (depth === 1) items = undefined;
    } else if (c === 0x2c /* , */) {
      if (depth === 1) expectKey = true;
      else if (depth === 2 && items) expectItem = true;
    }
  }
  return starts;
}

/**
 * A function from an entry's path (`periods[12]`) to the 1-based line its item starts on, reading
 * the JSON text once; `other` answers every path the scan does not (made only if one is asked).
 */
export function jsonEntryLines(text: string, other: () => LineLocator): LineLocator {
  const starts = topLevelEntries(text);
  return entryLocator(starts && linesOf(text, starts), other);
}

/**
 * Every start's line, by one walk from newline to newline: the lists stand one after another in the
 * text, in the order the map has them, so their starts come in text order.
 */
function linesOf(text: string, starts: Map<string, number[]>): Map<string, Int32Array> {
  const lines = new Map<string, Int32Array>();
  let line = 1;
  let from = 0;
  for (const [key, offsets] of starts) {
    const ofKey = new Int32Array(offsets.length);
    for (let at = 0; at < offsets.length; at++) {
      for (let nl = text.indexOf('\n', from); nl >= 0 && nl < offsets[at]!; nl = text.indexOf('\n', nl + 1)) {
        line++;
        from = nl + 1;
      }
      ofKey[at] = line;
    }
    lines.set(key, ofKey);
  }
  return lines;
}
