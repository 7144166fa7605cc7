// The lines of a YAML rota's entries (`periods[12]`, `assignments[3]`, `workers[0]`), found by one
// pass over its lines. The YAML parser that knows every node's position (locate.ts) reads one to two
// megabytes a second: a third of a SARIF run over a 1 000-worker year written in YAML. A rota file
// as people and exporters write it is a block mapping of top-level keys whose lists are block
// sequences, one `- ` per entry; that layout is read here. Anything else (flow collections at the
// top, quoted or complex keys, anchors, tags or aliases where an entry starts, documents and
// directives, a tab, a carriage return without its line feed, an empty entry) sends the file to the
// parser, as does any path that is not an entry of a top-level list.
import { entryLocator } from './entryLocator.ts';
import type { LineLocator } from './locate.ts';
// A top-level key as a rota file writes it, with its value on the lines below (or a scalar after it).
const TOP_KEY = /^([A-Za-z_][A-Za-z0-9_-]*):(?=\s|$)/;
/** Where an entry's content may not start: a property, an alias, a complex key, a flow or block indicator the parser reads otherwise. */
const UNSURE_START = /^[&!*?|>%@`]/;

function oddCount(text: string, quote: string): boolean {
  let odd = false;
  for (let i = text.indexOf(quote); i >= 0; i = text.indexOf(quote, i + 1)) odd = !odd;
  return odd;
}

/** Lines of the items of the document's top-level block sequences, by key; undefined when the layout is not one read here. */
export function topLevelYamlEntries(text: string): Map<string, number[]> | undefined {
  if (text.includes('\t')) return undefined;
  // Line ends written CRLF (Windows) are line ends; a carriage return alone is a line break to YAML.
  const crlf = text.includes('\r');
  if (crlf && text.split('\r').length !== text.split('\r\n').length) return undefined;
  const lines = crlf ? text.split('\r\n') : text.split('\n');
  const entries = new Map<string, number[]>();
  const keys = new Set<string>();
  let key: string | undefined;
  /** The current key's list, its items' indentation, once its first item is seen. */
  let items: number[] | undefined;
  let itemIndent = -1;
  /** The current key's value is not a block sequence: its lines are passed over. */
  let other = false;
  /** An item whose content starts on a later line. */
  let pending = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const indent = line.length - line.trimStart().length;
    const rest = line.slice(indent);
    if (rest === '' || rest.startsWith('#')) continue;
    const lineNo = i + 1;
    // A quoted scalar may run on over lines, where a `- ` or a key is text: such a file is the parser's.
    if (oddCount(rest, '"') || oddCount(rest, "'")) return undefined;
    if (pending) {
      if (indent <= itemIndent || UNSURE_START.test(rest)) return undefined;
      items!.push(lineNo);
      pending = false;
      continue;
    }
    const isItem = rest === '-' || rest.startsWith('- ');
    // A sequence may stand at its key's own indentation, the top level's too.
    const topItem = isItem && key !== undefined && !other && (!items || itemIndent === 0);
    if (indent === 0 && !topItem) {
      // A new top-level key.
      const m = TOP_KEY.exec(rest);
      if (!m || keys.has(m[1]!)) return undefined;
      key = m[1]!;
      keys.add(key);
      items = undefined;
      itemIndent = -1;
      const after = rest.slice(m[0].length).trim();
      // An anchor on the list (variants refer to it) leaves its entries where they are.
      other = after !== '' && !after.startsWith('#') && !/^&\S+(\s+#.*)?$/.test(after);
      // An empty list, as the yaml package writes one.
      if (after === '[]') entries.set(key, []);
      continue;
    }
    if (key === undefined) return undefined;
    if (other) continue;
    if (!items) {
      // The key's first line below it: a sequence's first item, or some other value.
      if (!isItem) {
        other = true;
        continue;
      }
      items = [];
      itemIndent = indent;
      entries.set(key, items);
    }
    if (indent < itemIndent) return undefined;
    if (indent > itemIndent) continue; // inside the current item
    if (!isItem) return undefined;
    const content = rest.slice(1).trimStart();
    if (content === '' || content.startsWith('#')) pending = true;
    else if (UNSURE_START.test(content)) return undefined;
    else items.push(lineNo);
  }
  return pending ? undefined : entries;
}

/**
 * A function from an entry's path (`periods[12]`) to the 1-based line its item starts on, reading
 * the YAML text's lines once; `other` answers every path the pass does not (made only if one is asked).
 */
export function yamlEntryLines(text: string, other: () => LineLocator): LineLocator {
  return entryLocator(topLevelYamlEntries(text), other);
}
