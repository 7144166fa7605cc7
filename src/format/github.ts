// GitHub Actions workflow commands: when the CLI runs in Actions (GITHUB_ACTIONS=true) each
// finding also becomes an annotation on the line of the rota file that caused it
// (`::error file=…,line=…,title=…::message`). Escaping follows @actions/core: in the message
// % CR LF are percent-encoded; in properties also ':' and ','.
import type { Finding } from '../report/schema.ts';
import { entryFinder } from '../report/entries.ts';
import { relativePath, type CheckedFile } from './locations.ts';

/** Escapes the message part of a workflow command. */
export function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escapes a property value (file, line, title) of a workflow command. */
export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

const COMMAND: Record<Finding['severity'], 'error' | 'warning' | 'notice'> = {
  violation: 'error',
  warning: 'warning',
  info: 'notice',
};

export interface AnnotationOptions {
  /** File paths are written relative to this directory (default: process.cwd()). */
  cwd?: string;
  /** At most this many annotations (GitHub shows only the first few per step anyway); default 200. */
  max?: number;
}

export function workflowCommand(
  command: string,
  properties: Record<string, string | number | undefined>,
  message: string,
): string {
  const props = Object.entries(properties)
    .filter(([, v]) => v !== undefined && v !== '')
    .map(([k, v]) => `${k}=${escapeProperty(String(v))}`)
    .join(',');
  return `::${command}${props ? ` ${props}` : ''}::${escapeData(message)}`;
}

/** Where an annotation points: the file as written relative to the working directory, and the line. */
export interface AnnotationPlace {
  file: string;
  line: number | undefined;
}

const SEVERITIES = ['violation', 'warning', 'info'] as const;

/**
 * The findings annotated: the first `max` in the report's order, most severe first. Only the first
 * `max` of each severity can be among them, so that is all this keeps, and a finding's place (a
 * search of the rota for its entry) is asked for only when it is kept: a national year's report is
 * offered finding by finding (the CLI's streamed report) and never held whole.
 */
export class Annotations {
  private readonly kept: Record<Finding['severity'], Array<{ f: Finding; place: () => AnnotationPlace }>> = {
    violation: [],
    warning: [],
    info: [],
  };
  private total = 0;

  constructor(readonly max = 200) {}

  /** How many more findings of this severity could still be annotated. */
  wanted(severity: Finding['severity']): number {
    return this.max - this.kept[severity].length;
  }

  /** A finding, in the report's order; `place` is called only if it is annotated, when the lines are written. */
  offer(f: Finding, place: () => AnnotationPlace): void {
    this.total++;
    const list = this.kept[f.severity];
    if (list.length < this.max) list.push({ f, place });
  }

  /** Findings counted but not offered (a part's findings beyond what it was asked to keep). */
  count(n: number): void {
    this.total += n;
  }

  /** One workflow command line per annotated finding, plus a notice when some were left out. */
  lines(): string[] {
    const out = SEVERITIES.flatMap((s) => this.kept[s])
      .slice(0, this.max)
      .map(({ f, place }) =>
        workflowCommand(
          COMMAND[f.severity],
          { ...place(), title: `${f.ruleId}: ${f.title.nb}` },
          `${f.message.nb}\n${f.citation} · arbeidstaker ${f.workerId} · ${f.window.start} – ${f.window.end}` +
            (f.hypothetical ? ' · gjelder bare hvis oppdraget blir arbeidsavtale' : ''),
        ),
      );
    if (this.total > this.max)
      out.push(
        workflowCommand(
          'notice',
          { title: 'turnussjekk' },
          `${this.total - this.max} flere funn er ikke annotert; se rapporten.`,
        ),
      );
    return out;
  }
}

/** One workflow command line per finding (most severe first), plus a notice when some were left out. */
export function githubAnnotations(files: CheckedFile[], opts: AnnotationOptions = {}): string[] {
  const annotations = new Annotations(opts.max);
  for (const { file, rota, report, lines } of files) {
    const entryOf = entryFinder(rota);
    const path = relativePath(file, opts.cwd);
    for (const f of report.findings) annotations.offer(f, () => ({ file: path, line: lines?.(entryOf(f)) }));
  }
  return annotations.lines();
}
