// JSON.stringify's text, written in pieces: objects member by member and arrays element by element,
// so a national report's tail (37 000 conversions and their incidents at 50 000 workers) never has
// to be one string. V8 caps a string near 512 MB; past it JSON.stringify throws "Invalid string
// length". The pieces are gathered into chunks of about a megabyte before they are written.

const CHUNK = 1 << 20;

/** A leaf: JSON.stringify handles it whole (what it holds is small). */
const isLeaf = (v: unknown): boolean =>
  v === null || typeof v !== 'object' || typeof (v as { toJSON?: unknown }).toJSON === 'function';

/**
 * Writes exactly what JSON.stringify(value, null, indent) returns, `depth` levels deep in pieces.
 * `value` must serialise (no cycles, no BigInt), as for JSON.stringify.
 */
export function writeJson(value: unknown, write: (chunk: string) => void, indent: 0 | 2, depth = 3): void {
  let buffer = '';
  const out = (s: string) => {
    buffer += s;
    if (buffer.length >= CHUNK) {
      write(buffer);
      buffer = '';
    }
  };
  const newline = (level: number) => (indent ? `\n${' '.repeat(indent * level)}` : '');
  const leaf = (v: unknown, level: number, inArray: boolean) => {
    const text = JSON.stringify(v, null, indent);
    // In an array JSON.stringify writes null for what it cannot serialise; in an object it leaves the member out.
    const shown = text === undefined && inArray ? 'null' : (text ?? '');
    out(indent && level > 0 ? shown.replaceAll('\n', newline(level)) : shown);
  };
  const emit = (v: unknown, level: number, left: number, inArray: boolean) => {
    if (left === 0 || isLeaf(v)) return leaf(v, level, inArray);
    if (Array.isArray(v)) {
      if (v.length === 0) return out('[]');
      out('[');
      v.forEach((item, i) => {
        out(`${i > 0 ? ',' : ''}${newline(level + 1)}`);
        emit(item, level + 1, left - 1, true);
      });
      return out(`${newline(level)}]`);
    }
    const entries = Object.entries(v as object).filter(
      ([, x]) => x !== undefined && typeof x !== 'function' && typeof x !== 'symbol',
    );
    if (entries.length === 0) return out('{}');
    out('{');
    entries.forEach(([key, x], i) => {
      out(`${i > 0 ? ',' : ''}${newline(level + 1)}${JSON.stringify(key)}:${indent ? ' ' : ''}`);
      emit(x, level + 1, left - 1, false);
    });
    out(`${newline(level)}}`);
  };
  emit(value, 0, depth, false);
  if (buffer) write(buffer);
}
