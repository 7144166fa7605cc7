// From a finding back to the rota file, as the SARIF and GitHub formatters name it: the checked
// file and its lines, and the file's path as each format writes it (the entry behind a finding is
// report/entries.ts).
import { relative, resolve, sep } from 'node:path';
import type { Report } from '../report/schema.ts';
import type { LineLocator } from '../rota/locate.ts';
import type { Rota } from '../rota/schema.ts';

/** One checked rota file as the formatters see it. */
export interface CheckedFile {
  /** The path as the user gave it. */
  file: string;
  rota: Rota;
  report: Report;
  /** Lines of paths in the file's text (src/rota/locate.ts); without it results carry no line. */
  lines?: LineLocator;
}

/** The file as a relative URI reference from `cwd`, with forward slashes and each segment escaped. */
export function relativeUri(file: string, cwd: string = process.cwd()): string {
  const rel = relative(cwd, resolve(cwd, file)) || file;
  return rel
    .split(sep)
    .flatMap((s) => s.split('/'))
    .map((s) => encodeURIComponent(s))
    .join('/');
}

/** The file as a path relative to `cwd` with forward slashes (what GitHub annotations expect). */
export function relativePath(file: string, cwd: string = process.cwd()): string {
  const rel = relative(cwd, resolve(cwd, file)) || file;
  return rel.split(sep).join('/');
}
