// Conversion notes: what an importer did that the reader of the converted rota should know but
// that does not make the input invalid (an event replaced by a later revision of it, a rule read
// in a way the file did not quite say). They never change the exit code; `convert` and `check`
// print them on stderr, so a report on stdout stays clean.
import type { InputIssue } from '../rota/errors.ts';

export interface ImportNote extends InputIssue {
  /** `warning`: the file breaks its standard and was read as said; `note`: a choice the standard makes. */
  level: 'warning' | 'note';
}

export type NoteSink = (note: ImportNote) => void;

/** One line per note, in the order of the file: `kari.ics: VEVENT[3]: note: … (line 40)`, as an input error's lines read. */
export function describeNotes(notes: readonly ImportNote[], file?: string): string {
  return [...notes]
    .sort((a, b) => (a.line ?? Infinity) - (b.line ?? Infinity))
    .map((n) => {
      const where = [file, n.path].filter(Boolean).join(': ');
      const at = n.line === undefined ? '' : ` (line ${n.line})`;
      return `${where ? `${where}: ` : ''}${n.level}: ${n.message}${at}`;
    })
    .join('\n');
}
