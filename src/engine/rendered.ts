// A part's findings as JSON text, rendered where the part was evaluated: moving bytes between
// processes costs far less than moving objects, and the parent writes them as they come.
import { encodeFindings, encodeNdjsonFindings } from '../report/encode.ts';
import type { Finding, Report } from '../report/schema.ts';
import { countFindings } from '../report/counts.ts';
import { mapFinding, type RotaPart } from './partition.ts';

/** The JSON report's findings array, or one line per finding (--format ndjson). */
export type RenderStyle = 'json' | 'ndjson';

export interface RenderedFindings {
  /**
   * The part's findings rendered by encodeFindings or encodeNdjsonFindings (UTF-8, in pieces of
   * about a megabyte, to be written one after the other), with the whole rota's indexes.
   */
  pieces: Uint8Array[];
  counts: { violations: number; warnings: number; info: number };
}

function* mapped(findings: Finding[], part: Pick<RotaPart, 'periodIndex' | 'agreementIndex'>): Generator<Finding> {
  for (const f of findings) yield mapFinding(f, part);
}

/** The report without its findings, and the findings rendered. */
export function renderPart(
  report: Report,
  part: Pick<RotaPart, 'periodIndex' | 'agreementIndex'>,
  style: RenderStyle = 'json',
): { report: Report; rendered: RenderedFindings } {
  const findings = mapped(report.findings, part);
  const pieces = style === 'ndjson' ? encodeNdjsonFindings(findings) : encodeFindings(findings);
  return {
    report: { ...report, findings: [] },
    rendered: { pieces, counts: countFindings(report.findings) },
  };
}
