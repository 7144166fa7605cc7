// A part's findings as JSON text, rendered where the part was evaluated: moving bytes between
// processes costs far less than moving objects, and the parent writes them as they come.
import { encodeFindings } from '../format/jsonStream.ts';
import type { Report } from '../report/schema.ts';
import { countFindings } from '../report/counts.ts';
import { mapFinding, type RotaPart } from './partition.ts';

export interface RenderedFindings {
  /** The part's findings rendered by encodeFindings (UTF-8), with the whole rota's indexes. */
  bytes: Uint8Array;
  counts: { violations: number; warnings: number; info: number };
}

/** The report without its findings, and the findings rendered. */
export function renderPart(
  report: Report,
  part: Pick<RotaPart, 'periodIndex' | 'agreementIndex'>,
): { report: Report; rendered: RenderedFindings } {
  const findings = report.findings.map((f) => mapFinding(f, part));
  return {
    report: { ...report, findings: [] },
    rendered: { bytes: encodeFindings(findings), counts: countFindings(findings) },
  };
}
