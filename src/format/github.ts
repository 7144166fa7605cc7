// GitHub Actions workflow commands: when the CLI runs in Actions (GITHUB_ACTIONS=true) each
// finding also becomes an annotation on the line of the rota file that caused it
// (`::error file=…,line=…,title=…::message`). Escaping follows @actions/core: in the message
// % CR LF are percent-encoded; in properties also ':' and ','.
import type { Finding } from '../report/schema.ts';
import { entryFinder, relativePath, type CheckedFile } from './locations.ts';

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

/** One workflow command line per finding (most severe first), plus a notice when some were left out. */
export function githubAnnotations(files: CheckedFile[], opts: AnnotationOptions = {}): string[] {
  const max = opts.max ?? 200;
  const all: Array<{ f: Finding; file: string; line: number | undefined }> = [];
  for (const { file, rota, report, lines } of files) {
    const entryOf = entryFinder(rota);
    for (const f of report.findings) all.push({ f, file: relativePath(file, opts.cwd), line: lines?.(entryOf(f)) });
  }
  const rank = { violation: 0, warning: 1, info: 2 } as const;
  all.sort((a, b) => rank[a.f.severity] - rank[b.f.severity]);
  const out = all
    .slice(0, max)
    .map(({ f, file, line }) =>
      workflowCommand(
        COMMAND[f.severity],
        { file, line, title: `${f.ruleId}: ${f.title.nb}` },
        `${f.message.nb}\n${f.citation} · arbeidstaker ${f.workerId} · ${f.window.start} – ${f.window.end}` +
          (f.hypothetical ? ' · gjelder bare hvis oppdraget blir arbeidsavtale' : ''),
      ),
    );
  if (all.length > max)
    out.push(
      workflowCommand(
        'notice',
        { title: 'turnussjekk' },
        `${all.length - max} flere funn er ikke annotert; se rapporten.`,
      ),
    );
  return out;
}
