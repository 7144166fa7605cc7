// A small YAML writer for the rota document (objects, arrays, strings, numbers, booleans), so the
// edited turnus can be downloaded in the format people keep in git. It writes block style, and a
// string plain only when YAML 1.2 reads it back as that same string; anything else is written
// double-quoted, which in YAML is JSON's string syntax. `POST /v1/rota` reads the result back.

/** Words a YAML reader (1.1 or 1.2) could take for something other than a string. */
const RESERVED = /^(?:true|false|yes|no|on|off|y|n|null|~|\.nan|\.inf|-\.inf|\+\.inf)$/i;
/** Dates and date-times as the rota writes them: strings to the API's YAML reader (YAML 1.2 core). */
const DATE_TIME = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})?)?$/;
/** Words, ids and sentences of letters, digits and a few harmless marks, starting with a letter. */
const PLAIN = /^[\p{L}_][\p{L}\p{N}_ .,/()'’-]*$/u;

/** @param {string} s */
function scalarString(s) {
  if (s === '') return '""';
  if (DATE_TIME.test(s)) return s;
  if (PLAIN.test(s) && !RESERVED.test(s) && !/\s$/.test(s) && !s.includes(' #') && !s.includes(': ')) return s;
  return JSON.stringify(s);
}

/** @param {string} key */
function keyText(key) {
  return /^[A-Za-z_][\w-]*$/.test(key) && !RESERVED.test(key) ? key : JSON.stringify(key);
}

/** @param {unknown} v */
function scalar(v) {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : 'null';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  return scalarString(String(v));
}

const isObject = (/** @type {unknown} */ v) => typeof v === 'object' && v !== null && !Array.isArray(v);
const isEmpty = (/** @type {unknown} */ v) =>
  Array.isArray(v) ? v.length === 0 : isObject(v) && Object.keys(/** @type {object} */ (v)).length === 0;

/**
 * The lines of a value written at `indent` spaces.
 * @param {unknown} value
 * @param {number} indent
 * @returns {string[]}
 */
function block(value, indent) {
  const pad = ' '.repeat(indent);
  if (Array.isArray(value)) {
    const lines = [];
    for (const item of value) {
      if ((isObject(item) || Array.isArray(item)) && !isEmpty(item)) {
        // "- key: value" with the item's other keys under it, two spaces further in.
        const inner = block(item, indent + 2);
        lines.push(`${pad}- ${inner[0].slice(indent + 2)}`, ...inner.slice(1));
      } else {
        lines.push(`${pad}- ${inline(item)}`);
      }
    }
    return lines;
  }
  if (isObject(value)) {
    const lines = [];
    for (const [k, v] of Object.entries(/** @type {Record<string, unknown>} */ (value))) {
      if (v === undefined) continue;
      if ((isObject(v) || Array.isArray(v)) && !isEmpty(v)) {
        lines.push(`${pad}${keyText(k)}:`, ...block(v, Array.isArray(v) ? indent + 2 : indent + 2));
      } else {
        lines.push(`${pad}${keyText(k)}: ${inline(v)}`);
      }
    }
    return lines;
  }
  return [`${pad}${scalar(value)}`];
}

/** @param {unknown} v */
function inline(v) {
  if (Array.isArray(v)) return '[]';
  if (isObject(v)) return '{}';
  return scalar(v);
}

/**
 * The document as YAML text, with an optional comment at the top.
 * @param {unknown} doc
 * @param {string} [comment] one or more lines, written as `# …`
 */
export function toYaml(doc, comment = '') {
  const head = comment
    ? `${comment
        .split('\n')
        .map((line) => `# ${line}`.trimEnd())
        .join('\n')}\n`
    : '';
  return `${head}${block(doc, 0).join('\n')}\n`;
}
