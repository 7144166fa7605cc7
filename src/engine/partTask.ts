// What a worker process of parallel.ts is asked and answers (src/parts/worker.ts): a part of a large
// rota to evaluate, and what to make of its report where it is evaluated.
import type { EvaluateOptions } from './evaluate.ts';
import type { KeptFinding, Wanted } from './partAnnotations.ts';
import type { RenderedFindings, RenderStyle } from './rendered.ts';
import type { FindingCounts } from '../report/counts.ts';
import type { Report } from '../report/schema.ts';
import type { Language } from '../rules/schema.ts';

/** The text report's options a part's text is made with (the rest follows from the part and the rule book). */
export interface PartTextOptions {
  lang: Language;
  details?: boolean;
  withInfo?: boolean;
}

/** A part's text report: each of its workers' lines in the part's order, and its findings' counts. */
export interface PartText {
  counts: FindingCounts;
  workers: Array<{ workerId: string; lines: string[] }>;
}

export interface PartTask {
  id: number;
  /** The file the part's rota was written to (v8.serialize), read and removed here. */
  input: string;
  options: Pick<EvaluateOptions, 'asOf' | 'conversions' | 'violationsOnly' | 'span'>;
  /**
   * Render the findings here, with the whole rota's indexes (the part's index maps), into `file`
   * (created or emptied): the bytes never cross the IPC channel.
   */
  render?: { periodIndex: number[]; agreementIndex: number[]; style?: RenderStyle; file: string };
  /** Keep this many of the part's first findings of each severity, with their entries, for annotations. */
  annotate?: Wanted;
  /** The baseline's keys of the part's workers: those findings are taken out (--baseline). */
  suppress?: string[];
  /** Name every finding's entry, in the part's lists (SARIF). */
  entries?: boolean;
  /** Make the part's text report here (the findings do not come back). */
  text?: PartTextOptions;
}

/** A part's findings rendered into the file its task named: only their counts come back. */
export interface RenderedFile {
  file: string;
  counts: RenderedFindings['counts'];
}

export interface PartResult {
  id: number;
  report?: Report;
  rendered?: RenderedFile;
  /** The findings kept for annotations (PartTask.annotate), their entries in the part's lists. */
  annotated?: KeptFinding[];
  /** Findings the baseline took out (PartTask.suppress). */
  suppressed?: number;
  /** Each finding's entry (PartTask.entries). */
  entries?: string[];
  /** The part's text report (PartTask.text); the report then holds no findings. */
  text?: PartText;
  error?: { name: string; message: string; stack?: string };
}
