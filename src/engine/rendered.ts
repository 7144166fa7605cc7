// A part's findings as JSON text, rendered where the part was evaluated: moving text between
// processes costs far less than moving objects, and the parent writes it as it comes.
import { renderFinding } from '../format/jsonStream.ts';
import type { Report } from '../report/schema.ts';
import { countFindings } from '../report/counts.ts';
import { mapFinding, type RotaPart } from './partition.ts';

export interface RenderedFindings {
  /** Each finding rendered by renderFinding, with the whole rota's indexes. */
  texts: string[];
  counts: { violations: number; warnings: number; info: number };
}

/** The report without its findings, and the findings rendered. */
export function renderPart(report: Report, part: Pick<RotaPart, 'periodIndex' | 'agreementIndex'>): { report: Report; rendered: RenderedFindings } {
  const findings = report.findings.map((f) => mapFinding(f, part));
  return { report: { ...report, findings: [] }, rendered: { texts: findings.map(renderFinding), counts: countFindings(findings) } };
}
