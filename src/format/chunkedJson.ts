// JSON.stringify's text, written in pieces: objects member by member and arrays element by element,
// so a national report's tail (37 000 conversions and their incidents at 50 000 workers) never has
// to be one string. V8 caps a string near 512 MB; past it JSON.stringify throws "Invalid string
// length". The pieces are gathered into chunks of at most a megabyte before they are written.

const CHUNK = 1 << 20;

/**
 * An array whose elements are written whole is written a slice of elements at a time: one
 * JSON.stringify of a slice costs a fraction of one per element (a national report's 35 000
 * incidents and headroom entries took 0.5 s element by element). Slices aim at this many
 * characters, from the size of the slice before, and hold at most MAX_SLICE elements, so a slice
 * stays small whatever the elements' sizes.
 */
const SLICE_CHARS = 1 << 16;
const MAX_SLICE = 256;

/** A leaf: JSON.stringify handles it whole (what it holds is small). */
const isLeaf = (v: unknown): boolean =>
  v === null || typeof v !== 'object' || typeof (v as { toJSON?: unknown }).toJSON === 'function';

/**
 * Writes exactly what JSON.stringify(value, null, indent) returns, `depth` levels deep in pieces.
 * `value` must serialise (no cycles, no BigInt), as for JSON.stringify.
 */
export function writeJson(value: unknown, write: (chunk: string) => void, indent: 0 | 2, depth = 3): void {
  let buffer = '';
  // A chunk is written before it would pass CHUNK, so it is at most CHUNK or one piece long.
  const out = (s: string) => {
    if (buffer.length > 0 && buffer.length + s.length > CHUNK) {
      write(buffer);
      buffer = '';
    }
    buffer += s;
  };
  const newline = (level: number) => (indent ? `\n${' '.repeat(indent * level)}` : '');
  // JSON.stringify's text of a value that stands `level` levels deep: every line that far further in.
  const atLevel = (text: string, level: number) => (indent && level > 0 ? text.replaceAll('\n', newline(level)) : text);
  const leaf = (v: unknown, level: number, inArray: boolean) => {
    const text = JSON.stringify(v, null, indent);
    // In an array JSON.stringify writes null for what it cannot serialise; in an object it leaves the member out.
    out(atLevel(text === undefined && inArray ? 'null' : (text ?? ''), level));
  };
  // The elements as JSON.stringify writes the array, without its brackets (and, indented, without
  // the newline before "]"), each line one level further in where the array stands deeper.
  const slices = (v: unknown[], level: number) => {
    for (let i = 0, count = 1; i < v.length; ) {
      const slice = v.slice(i, i + count);
      const text = JSON.stringify(slice, null, indent);
      const inner = indent ? text.slice(1, -2) : text.slice(1, -1);
      out(`${i > 0 ? ',' : ''}${atLevel(inner, level)}`);
      i += slice.length;
      count = Math.max(
        1,
        Math.min(MAX_SLICE, 2 * slice.length, Math.floor((slice.length * SLICE_CHARS) / text.length)),
      );
    }
  };
  const emit = (v: unknown, level: number, left: number, inArray: boolean) => {
    if (left === 0 || isLeaf(v)) return leaf(v, level, inArray);
    if (Array.isArray(v)) {
      if (v.length === 0) return out('[]');
      if (left === 1) {
        out('[');
        slices(v, level);
        return out(indent ? `${newline(level)}]` : ']');
      }
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
