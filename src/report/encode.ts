// A report's findings as bytes, in the two forms the formatters write them: as they stand in the
// JSON report's findings array, and one line each (NDJSON). Here, beside the report's schema, so a
// part evaluated in a worker process (engine/rendered.ts) encodes its own findings without the
// engine depending on the formatters that write them (format/jsonStream.ts, format/ndjson.ts).
//
// Performance: a national rota's report is about sixteen times its input (287 MB of JSON for a
// 2 000-worker year). Written as one string per part and encoded in one call, every part asked
// for two fresh blocks of tens of megabytes, and on the 2-core machine first touching fresh memory
// costs more than the writing (encoding 77 MB: 36 ms into a buffer written before, 630 ms into a
// fresh one). So findings are written a few at a time straight into pieces of about a megabyte,
// and a part worker hands its pieces back once they are in its file (reusePieces): left to the
// allocator, a freed piece went back to the system and the next one was fresh memory again (a
// 10 000-worker year on two processes: 25.3–25.7 s before, 22.9 s after, alternated).
//
// A few at a time (BATCH): one JSON.stringify per finding spent a fifth of the encoding on the
// calls and the garbage of their builders; sixteen findings make a string of about 20 KB, still an
// ordinary young object (a string of 64 findings, some 150 KB when it holds a character beyond
// Latin-1, is a large object and was slower than one finding at a time).
import type { Finding } from './schema.ts';

/** The size of a piece: large enough that writing pieces costs nothing, small enough to be handed back and written into again. */
const PIECE_BYTES = 1 << 20;

/** Pieces written out and handed back (reusePieces), to be written into again. */
const spare: Buffer[] = [];
/** At most this many spare pieces are kept. */
const SPARE_PIECES = 32;

/**
 * Pieces whose bytes have been written out and that nothing else holds: their memory is written into
 * again rather than asked of the system afresh.
 */
export function reusePieces(pieces: Uint8Array[]): void {
  for (const piece of pieces) {
    if (spare.length >= SPARE_PIECES) return;
    if (piece.buffer.byteLength === PIECE_BYTES && piece.byteOffset === 0)
      spare.push(Buffer.from(piece.buffer, 0, PIECE_BYTES));
  }
}

/**
 * UTF-8 bytes in pieces of about a megabyte, each text written straight into its piece. A text may
 * be written without some ASCII characters at its ends (cut from the bytes, not the string: a
 * slice or a concatenation of a long string is a copy of it to be encoded).
 */
export class Pieces {
  readonly pieces: Uint8Array[] = [];
  private piece: Buffer | undefined;
  private used = 0;

  private close(): void {
    if (this.piece && this.used > 0) this.pieces.push(this.piece.subarray(0, this.used));
    this.piece = undefined;
    this.used = 0;
  }

  /** Room for `bytes` more in the current piece (a new piece when it has none). */
  private room(bytes: number): Buffer {
    if (!this.piece || this.used + bytes > this.piece.length) {
      this.close();
      this.piece = spare.pop() ?? Buffer.allocUnsafeSlow(PIECE_BYTES);
    }
    return this.piece;
  }

  /** An ASCII text. */
  ascii(text: string): void {
    this.used += this.room(text.length).write(text, this.used, 'latin1');
  }

  /** `text` without its first `head` and last `tail` characters, which are ASCII. */
  text(text: string, head = 0, tail = 0): void {
    // A UTF-16 code unit is at most three bytes in UTF-8.
    const most = text.length * 3;
    if (most > PIECE_BYTES) {
      this.close();
      this.pieces.push(Buffer.from(text.slice(head, text.length - tail), 'utf8'));
      return;
    }
    const piece = this.room(most);
    const at = this.used;
    const written = piece.write(text, at, 'utf8');
    if (head > 0) piece.copyWithin(at, at + head, at + written - tail);
    this.used = at + written - head - tail;
  }

  done(): Uint8Array[] {
    this.close();
    return this.pieces;
  }

  /** The pieces filled so far, handed over (the piece being written stays): to be written out early. */
  take(): Uint8Array[] {
    return this.pieces.splice(0);
  }
}

/** Texts as UTF-8 bytes in pieces of about a megabyte (a longer text is a piece of its own). */
export function utf8Pieces(texts: Iterable<string>): Uint8Array[] {
  const out = new Pieces();
  for (const text of texts) out.text(text);
  return out.done();
}

// JSON.stringify of { findings: [...] } at indent 2 puts the findings exactly where the report has
// them (four spaces in, ",\n" between them).
const OPEN = '{\n  "findings": [\n';
const CLOSE = '\n  ]\n}';
/** Findings a string. */
const BATCH = 16;

/** How a report writes its findings: the JSON report's array, or one line each (NDJSON). */
export type FindingsStyle = 'json' | 'ndjson';

/**
 * Findings encoded as they are given, one or many at a time, into UTF-8 pieces: as they stand in the
 * JSON report's findings array (indented, comma-separated, no outer newline) or one line each.
 */
export class FindingsEncoder {
  private readonly out = new Pieces();
  private batch: Finding[] = [];
  private first = true;

  constructor(private readonly style: FindingsStyle = 'json') {}

  add(f: Finding): void {
    if (this.style === 'ndjson') {
      this.out.text(JSON.stringify(f));
      this.out.ascii('\n');
    } else if (this.batch.push(f) === BATCH) this.flush();
  }

  private flush(): void {
    if (!this.first) this.out.ascii(',\n');
    this.first = false;
    this.out.text(JSON.stringify({ findings: this.batch }, null, 2), OPEN.length, CLOSE.length);
    this.batch = [];
  }

  /** The pieces (none for no findings). */
  done(): Uint8Array[] {
    if (this.batch.length > 0) this.flush();
    return this.out.done();
  }
}

function encodeAll(findings: Iterable<Finding>, style: FindingsStyle): Uint8Array[] {
  const encoder = new FindingsEncoder(style);
  for (const f of findings) encoder.add(f);
  return encoder.done();
}

/**
 * Findings as they stand in the report's findings array (indented, comma-separated, no outer
 * newline), as UTF-8 bytes in pieces: the form a part's findings are written in (none for none).
 */
export function encodeFindings(findings: Iterable<Finding>): Uint8Array[] {
  return encodeAll(findings, 'json');
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
  return encodeAll(findings, 'ndjson');
}
