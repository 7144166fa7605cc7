// A part's findings as JSON text, rendered where the part was evaluated: moving bytes between
// processes costs far less than moving objects, and the parent writes them as they come.
//
// Rendered worker by worker, as the part is evaluated (pipeline.ts): each worker's findings are
// written and let go at once, their incidents and counts kept. Kept to the end of the part (a
// hundred workers, a quarter of a second), they outlived two collections of the young generation
// and were copied into the old one (the 2 000-worker year: 294 MB promoted before, 183 MB after).
import { entryFinder } from '../report/entries.ts';
import { PartAnnotations, type KeptFinding, type Wanted } from './partAnnotations.ts';
import { applyBaseline } from '../report/baseline.ts';
import { countFinding } from '../report/counts.ts';
import { FindingsEncoder, type FindingsStyle } from '../report/encode.ts';
import type { Finding, Report } from '../report/schema.ts';
import type { Rota } from '../rota/schema.ts';
import type { EvaluateOptions } from './evaluate.ts';
import { mapFinding, type RotaPart } from './partition.ts';
import { evaluateWhole } from './pipeline.ts';

/** The JSON report's findings array, or one line per finding (--format ndjson). */
export type RenderStyle = FindingsStyle;

export interface RenderedFindings {
  /**
   * The part's findings rendered as the report writes them (UTF-8, in pieces of about a megabyte,
   * to be written one after the other), with the whole rota's indexes.
   */
  pieces: Uint8Array[];
  counts: { violations: number; warnings: number; info: number };
}

/** Findings rendered as they are given, with the whole rota's indexes, and counted. */
export class PartRenderer {
  private readonly encoder: FindingsEncoder;
  private readonly counts = { violations: 0, warnings: 0, info: 0 };

  constructor(
    private readonly part: Pick<RotaPart, 'periodIndex' | 'agreementIndex'>,
    style: RenderStyle = 'json',
    /** The first findings, kept for GitHub annotations (the CLI under Actions). */
    private readonly annotations?: PartAnnotations,
  ) {
    this.encoder = new FindingsEncoder(style);
  }

  add(findings: Finding[]): void {
    for (const f of findings) {
      const mapped = mapFinding(f, this.part);
      this.encoder.add(mapped);
      countFinding(this.counts, f);
      this.annotations?.offer(mapped);
    }
  }

  done(): RenderedFindings {
    return { pieces: this.encoder.done(), counts: this.counts };
  }
}

/** A part evaluated with its findings rendered: the report without them, and them as text. */
export async function evaluateRendered(
  rota: Rota,
  options: EvaluateOptions,
  part: Pick<RotaPart, 'periodIndex' | 'agreementIndex'>,
  style: RenderStyle = 'json',
  annotations?: PartAnnotations,
): Promise<{ report: Report; rendered: RenderedFindings }> {
  const renderer = new PartRenderer(part, style, annotations);
  const report = await evaluateWhole(rota, options, renderer);
  return { report, rendered: renderer.done() };
}

/** What a part of a large rota is evaluated for where it is sent (evaluatePart). */
export interface PartWants {
  /** Its findings rendered (the part's indexes, the style). */
  render?: { part: Pick<RotaPart, 'periodIndex' | 'agreementIndex'>; style: RenderStyle };
  /** Its first findings of each severity kept with their entries, for annotations. */
  annotate?: Wanted;
  /** The baseline's keys of the part's workers: those findings taken out (--baseline). */
  suppress?: ReadonlySet<string>;
  /** The entry of every finding, in the part's lists (SARIF's locations); with findings, not rendered. */
  entries?: boolean;
}

/**
 * A part of a large rota evaluated where it is sent. With a baseline, the part's report is the one
 * applyBaseline gives (its incidents index its own findings, so the parts put together are the whole
 * report's), and only then rendered and annotated: the findings of one part are held at a time.
 */
export async function evaluatePart(
  rota: Rota,
  options: EvaluateOptions,
  { render, annotate, suppress, entries }: PartWants = {},
): Promise<{
  report: Report;
  rendered?: RenderedFindings;
  annotated?: KeptFinding[];
  suppressed?: number;
  entries?: string[];
}> {
  const annotations = annotate ? new PartAnnotations(rota, annotate) : undefined;
  const kept = () => (annotations ? { annotated: annotations.kept } : {});
  if (render && !suppress)
    return { ...(await evaluateRendered(rota, options, render.part, render.style, annotations)), ...kept() };
  let report = await evaluateWhole(rota, options);
  let suppressed: number | undefined;
  if (suppress) ({ report, suppressed } = applyBaseline(report, { file: '', keys: suppress, size: suppress.size }));
  if (annotations) for (const f of report.findings) annotations.offer(f);
  const counted = {
    ...(suppressed === undefined ? {} : { suppressed }),
    ...(entries ? { entries: report.findings.map(entryFinder(rota)) } : {}),
  };
  if (!render) return { report, ...kept(), ...counted };
  const renderer = new PartRenderer(render.part, render.style);
  renderer.add(report.findings);
  return { report: { ...report, findings: [] }, rendered: renderer.done(), ...kept(), ...counted };
}
