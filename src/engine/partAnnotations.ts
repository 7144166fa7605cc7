// The findings of one part of a large rota that may become GitHub annotations (format/github.ts
// Annotations), each with the rota entry it points at. The entry is found where the part is
// evaluated, from the part's own periods: the CLI that streams a national report has handed its
// periods over to the parts (parallel.ts `release`), and a worker process holds its part's.
import type { RotaPart } from './partition.ts';
import type { Finding } from '../report/schema.ts';
import type { Rota } from '../rota/schema.ts';
import { entryFinder, type EntryFinder, firstIndexes } from '../report/entries.ts';

/** How many findings of each severity a part should keep: what the report could still annotate. */
export type Wanted = Record<Finding['severity'], number>;

/** A kept finding and its entry, e.g. `periods[3]`, counted in the part's lists. */
export interface KeptFinding {
  finding: Finding;
  entry: string;
}

/** The first findings of each severity of a part, as many as wanted, in the order they are offered. */
export class PartAnnotations {
  private readonly left: Wanted;
  readonly kept: KeptFinding[] = [];
  private entryOf: EntryFinder | undefined;

  constructor(
    private readonly rota: Rota,
    wanted: Wanted,
  ) {
    this.left = { ...wanted };
  }

  offer(f: Finding): void {
    if (this.left[f.severity] <= 0) return;
    this.left[f.severity]--;
    this.entryOf ??= entryFinder(this.rota);
    this.kept.push({ finding: f, entry: this.entryOf(f) });
  }
}

/** The first index of each id in the whole rota's lists: a part's entries are named in the whole rota's. */
export interface WholeIndexes {
  assignments: Map<string, number>;
  workers: Map<string, number>;
}

export function wholeIndexes(rota: Pick<Rota, 'assignments' | 'workers'>): WholeIndexes {
  return { assignments: firstIndexes(rota.assignments), workers: firstIndexes(rota.workers) };
}

/**
 * A part's entry as the whole rota's: the part's periods keep the whole rota's order (partition.ts),
 * so the first matching period of a part is the whole rota's first, and its index is looked up; an
 * assignment or worker is the same item under its whole-rota index.
 */
export function wholeEntry(
  entry: string,
  part: Pick<RotaPart, 'periodIndex'> & { rota: Pick<Rota, 'assignments' | 'workers'> },
  whole: WholeIndexes,
): string {
  const m = /^(periods|assignments|workers)\[(\d+)\]$/.exec(entry);
  if (!m) return entry;
  const i = Number(m[2]);
  const at =
    m[1] === 'periods'
      ? part.periodIndex[i]
      : m[1] === 'assignments'
        ? whole.assignments.get(part.rota.assignments[i]?.id ?? '')
        : whole.workers.get(part.rota.workers[i]?.id ?? '');
  return at === undefined ? '' : `${m[1]}[${at}]`;
}
