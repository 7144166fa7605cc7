// The JSON report written part by part (engine/parallel.ts), byte for byte what
// JSON.stringify(report, null, 2) gives, so a rota of a million periods never needs its whole report
// as one string (V8 caps strings near 512 MB) nor all its findings in memory at once.
// A part's findings travel as UTF-8 bytes: a worker process encodes its own part, and the parent
// only writes the bytes it is given (no string concatenated, copied or encoded there).
import type { Finding, Report } from '../report/schema.ts';

export type ReportTail = Omit<Report, 'version' | 'findings' | 'variants'>;

const HEADER = '{\n  "version": 1,\n  "findings": [\n';
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

const encoder = new TextEncoder();

/** renderFindings as UTF-8 bytes, the form a part's findings are written in. */
export function encodeFindings(findings: Finding[]): Uint8Array {
  if (findings.length === 0) return new Uint8Array(0);
  // Cut in bytes, not in text: the wrapper is ASCII, and slicing the text would copy it once more.
  const bytes = encoder.encode(JSON.stringify({ findings }, null, 2));
  return bytes.subarray(OPEN.length, bytes.length - CLOSE.length);
}

export class JsonReportStream {
  private started = false;

  /** `write` writes exactly what it is given (no newline added). */
  constructor(private readonly write: (chunk: string | Uint8Array) => void) {}

  add(findings: Finding[]): void {
    this.addRendered(encodeFindings(findings));
  }

  /** Findings already rendered by encodeFindings (a worker process renders its own part's). */
  addRendered(block: Uint8Array): void {
    if (block.length === 0) return;
    this.write(this.started ? ',\n' : HEADER);
    this.started = true;
    this.write(block);
  }

  /** Closes the findings and writes the rest of the report (key order as in the report schema). */
  end(tail: ReportTail): void {
    const { incidents, headroom, conversions, ledger, summary, profiles, readings } = tail;
    const rest = JSON.stringify(
      { incidents, headroom, conversions, ledger, summary, profiles, readings },
      null,
      2,
    ).slice(2);
    this.write(this.started ? `\n  ],\n${rest}\n` : `${HEADER.slice(0, -1)}],\n${rest}\n`);
  }
}
