// The report as newline-delimited JSON, for pipelines that stream a national year's results: one
// line per finding, exactly the finding as the JSON report holds it (with `file` first when several
// files are checked), then one line with everything else of the report (version, incidents,
// headroom, conversions, ledger, summary, profiles, readings). Putting the finding lines back as
// `findings` gives the JSON report; a consumer never needs the whole report in memory.
import { ndjsonFindings } from '../report/encode.ts';
import type { Report } from '../report/schema.ts';
import { writeJson } from './chunkedJson.ts';
import { orderedTail, type ReportTail, TAIL_DEPTH } from './jsonStream.ts';

/**
 * The last line: the report without its findings, members in the report's order, written in
 * pieces (at national scale the line is longer than a string can be).
 */
export function writeNdjsonTail(tail: ReportTail, write: (chunk: string) => void, file?: string): void {
  const line = { version: 1, ...orderedTail(tail) };
  writeJson(file === undefined ? line : { file, ...line }, write, 0, TAIL_DEPTH);
  write('\n');
}

/** A whole report as NDJSON (its last line in the report's own member order, variants included). */
export function formatNdjson(report: Report, file?: string): string {
  const { findings, ...rest } = report;
  return `${ndjsonFindings(findings, file)}${JSON.stringify(file === undefined ? rest : { file, ...rest })}\n`;
}
