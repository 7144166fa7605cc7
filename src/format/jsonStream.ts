// The JSON report written part by part (engine/parallel.ts), byte for byte what
// JSON.stringify(report, null, 2) gives, so a rota of a million periods never needs its whole report
// as one string (V8 caps strings near 512 MB) nor all its findings in memory at once.
// A part's findings travel as UTF-8 bytes: a worker process encodes its own part, and the parent
// only writes the bytes it is given (no string concatenated, copied or encoded there).
import { encodeFindings } from '../report/encode.ts';
import { writeJson } from './chunkedJson.ts';
import type { Finding, Report } from '../report/schema.ts';

export type ReportTail = Omit<Report, 'version' | 'findings' | 'variants'>;

const HEADER = '{\n  "version": 1,\n  "findings": [\n';

/** How deep the report's tail is split (writeJson): its members, then their elements. */
export const TAIL_DEPTH = 2;

/** The report's members after its findings, in the order the report has them. */
export function orderedTail(tail: ReportTail): ReportTail {
  const { incidents, headroom, conversions, ledger, summary, profiles, readings } = tail;
  return { incidents, headroom, conversions, ledger, summary, profiles, readings };
}

export class JsonReportStream {
  private started = false;

  /** `write` writes exactly what it is given (no newline added). */
  constructor(private readonly write: (chunk: string | Uint8Array) => void) {}

  add(findings: Finding[]): void {
    this.addRendered(encodeFindings(findings));
  }

  /** Findings already rendered by encodeFindings, in its pieces (a worker process renders its own part's). */
  addRendered(pieces: Uint8Array[]): void {
    if (pieces.length === 0) return;
    this.write(this.started ? ',\n' : HEADER);
    this.started = true;
    for (const piece of pieces) this.write(piece);
  }

  /** Closes the findings and writes the rest of the report (key order as in the report schema). */
  end(tail: ReportTail): void {
    this.write(this.started ? '\n  ],\n' : `${HEADER.slice(0, -1)}],\n`);
    // The tail as JSON.stringify writes it without its opening "{\n" (the report's own brace),
    // in pieces: at national scale it is larger than a string can be. Two levels deep: each list's
    // elements (incidents, headroom, conversions, ledger rows, profiles) are written whole, a slice
    // of them at a time.
    let opening = true;
    writeJson(
      orderedTail(tail),
      (chunk) => {
        this.write(opening ? chunk.slice(2) : chunk);
        opening = false;
      },
      2,
      TAIL_DEPTH,
    );
    this.write('\n');
  }
}
