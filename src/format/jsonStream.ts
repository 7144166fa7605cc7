// The JSON report written part by part (engine/parallel.ts), byte for byte what
// JSON.stringify(report, null, 2) gives, so a rota of a million periods never needs its whole report
// as one string (V8 caps strings near 512 MB) nor all its findings in memory at once.
// Every write ends with a newline: the CLI's writer adds one to text that lacks it.
import type { Finding, Report } from '../report/schema.ts';

export type ReportTail = Omit<Report, 'version' | 'findings' | 'variants'>;

const HEADER = '{\n  "version": 1,\n  "findings": [';
/** A finding as it stands in the report's findings array (indented four spaces). */
export const renderFinding = (f: Finding) => `    ${JSON.stringify(f, null, 2).replaceAll('\n', '\n    ')}`;

export class JsonReportStream {
  /** The last finding written so far: whether a comma follows it is known only when the next comes. */
  private pending: string | undefined;

  constructor(private readonly write: (text: string) => void) {}

  add(findings: Finding[]): void {
    this.addRendered(findings.map(renderFinding));
  }

  /** Findings already rendered by renderFinding (a worker process renders its own part's). */
  addRendered(findings: string[]): void {
    if (findings.length === 0) return;
    let text = this.pending === undefined ? `${HEADER}\n` : `${this.pending},\n`;
    for (let i = 0; i < findings.length - 1; i++) text += `${findings[i]!},\n`;
    this.pending = findings[findings.length - 1]!;
    this.write(text);
  }

  /** Closes the findings and writes the rest of the report (key order as in the report schema). */
  end(tail: ReportTail): void {
    const { conversions, ledger, summary, profiles, readings } = tail;
    const rest = JSON.stringify({ conversions, ledger, summary, profiles, readings }, null, 2).slice(2);
    this.write(this.pending === undefined ? `${HEADER}],\n${rest}\n` : `${this.pending}\n  ],\n${rest}\n`);
  }
}
