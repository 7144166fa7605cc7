// A report's findings as bytes, in the two forms the formatters write them: as they stand in the
// JSON report's findings array, and one line each (NDJSON). Here, beside the report's schema, so a
// part evaluated in a worker process (engine/rendered.ts) encodes its own findings without the
// engine depending on the formatters that write them (format/jsonStream.ts, format/ndjson.ts).
//
// Performance: a national rota's report is about sixteen times its input (287 MB of JSON for a
// 2 000-worker year). Written as one string per part and encoded in one call, every part asked
// for two fresh blocks of tens of megabytes, and on the 2-core machine first touching fresh memory
// costs more than the writing (encoding 77 MB: 36 ms into a buffer written before, 630 ms into a
// fresh one). So each finding is written on its own, into one buffer that is reused, and handed on
// in pieces of about a megabyte (utf8Pieces), whose memory the allocator gives out again.
import type { Finding } from './schema.ts';

/** The size of a piece: large enough that writing pieces costs nothing, small enough to be memory the allocator reuses. */
const PIECE_BYTES = 1 << 20;

/**
 * Texts as UTF-8 bytes in pieces of about a megabyte (a longer text is a piece of its own), each
 * text written straight into its piece.
 */
export function utf8Pieces(texts: Iterable<string>): Uint8Array[] {
  const pieces: Uint8Array[] = [];
  let piece: Buffer | undefined;
  let used = 0;
  const close = () => {
    if (piece && used > 0) pieces.push(piece.subarray(0, used));
    piece = undefined;
    used = 0;
  };
  for (const text of texts) {
    // A UTF-16 code unit is at most three bytes in UTF-8.
    const most = text.length * 3;
    if (most > PIECE_BYTES) {
      close();
      pieces.push(Buffer.from(text, 'utf8'));
      continue;
    }
    if (!piece || used + most > piece.length) {
      close();
      piece = Buffer.allocUnsafeSlow(PIECE_BYTES);
    }
    used += piece.write(text, used, 'utf8');
  }
  close();
  return pieces;
}

// JSON.stringify of { findings: [f] } at indent 2 puts the finding exactly where the report has it
// (four spaces in); ",\n" goes between findings.
const OPEN = '{\n  "findings": [\n';
const CLOSE = '\n  ]\n}';

function* inArray(findings: Iterable<Finding>): Generator<string> {
  let first = true;
  for (const f of findings) {
    const text = JSON.stringify({ findings: [f] }, null, 2);
    const entry = text.slice(OPEN.length, text.length - CLOSE.length);
    yield first ? entry : `,\n${entry}`;
    first = false;
  }
}

/**
 * Findings as they stand in the report's findings array (indented, comma-separated, no outer
 * newline), as UTF-8 bytes in pieces: the form a part's findings are written in (none for none).
 */
export function encodeFindings(findings: Iterable<Finding>): Uint8Array[] {
  return utf8Pieces(inArray(findings));
}

function* lines(findings: Iterable<Finding>, file?: string): Generator<string> {
  for (const f of findings) yield `${JSON.stringify(file === undefined ? f : { file, ...f })}\n`;
}

/** One line per finding, each ending in a newline ('' for none). */
export function ndjsonFindings(findings: Finding[], file?: string): string {
  let text = '';
  for (const line of lines(findings, file)) text += line;
  return text;
}

/** ndjsonFindings as UTF-8 bytes in pieces, the form a worker process sends its part's findings in. */
export function encodeNdjsonFindings(findings: Iterable<Finding>): Uint8Array[] {
  return utf8Pieces(lines(findings));
}
