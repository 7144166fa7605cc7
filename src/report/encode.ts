// A report's findings as bytes, in the two forms the formatters write them: as they stand in the
// JSON report's findings array, and one line each (NDJSON). Here, beside the report's schema, so a
// part evaluated in a worker process (engine/rendered.ts) encodes its own findings without the
// engine depending on the formatters that write them (format/jsonStream.ts, format/ndjson.ts).
import type { Finding } from './schema.ts';

const encoder = new TextEncoder();

// JSON.stringify of { findings } at indent 2 puts each finding exactly where the report has it
// (four spaces in, ",\n" between): one native call per part, nothing re-indented by hand.
const OPEN = '{\n  "findings": [\n';
const CLOSE = '\n  ]\n}';

/** Findings as they stand in the report's findings array: indented, comma-separated, no outer newline ('' for none). */
export function renderFindings(findings: Finding[]): string {
  if (findings.length === 0) return '';
  const text = JSON.stringify({ findings }, null, 2);
  return text.slice(OPEN.length, text.length - CLOSE.length);
}

/** renderFindings as UTF-8 bytes, the form a part's findings are written in. */
export function encodeFindings(findings: Finding[]): Uint8Array {
  if (findings.length === 0) return new Uint8Array(0);
  // Cut in bytes, not in text: the wrapper is ASCII, and slicing the text would copy it once more.
  const bytes = encoder.encode(JSON.stringify({ findings }, null, 2));
  return bytes.subarray(OPEN.length, bytes.length - CLOSE.length);
}

/** One line per finding, each ending in a newline ('' for none). */
export function ndjsonFindings(findings: Finding[], file?: string): string {
  let text = '';
  for (const f of findings) text += `${JSON.stringify(file === undefined ? f : { file, ...f })}\n`;
  return text;
}

/** ndjsonFindings as UTF-8 bytes, the form a worker process sends its part's findings in. */
export function encodeNdjsonFindings(findings: Finding[]): Uint8Array {
  return encoder.encode(ndjsonFindings(findings));
}
