// From a finding back to the rota: which entry caused it (a period, else the assignment, else the
// worker), e.g. `periods[12]`, for the SARIF and GitHub formatters to find its line. A finding names
// assignments and a window; the entry is the first period (in file order) of those assignments that
// overlaps the window, or touches it when none overlaps (a rest window lies between periods).
import { groupBy } from '../groupBy.ts';
import type { Rota } from '../rota/schema.ts';
import { instantOfText, parseInstant } from '../time/instant.ts';
import type { Finding } from './schema.ts';

interface PeriodSpan {
  index: number;
  start: number;
  end: number;
}

/** The index of each id's first item: the entry a path names for it. */
export function firstIndexes(items: ReadonlyArray<{ id: string }>): Map<string, number> {
  const map = new Map<string, number>();
  items.forEach((item, i) => {
    if (!map.has(item.id)) map.set(item.id, i);
  });
  return map;
}

export type EntryFinder = (finding: Pick<Finding, 'workerId' | 'assignmentIds' | 'window'>) => string;

/**
 * A function from a finding to the path of the rota entry that caused it, e.g. `periods[12]`. The
 * periods of an assignment are read (their instants parsed) the first time a finding names it:
 * a national year's annotations name a few hundred workers of ten thousand.
 */
export function entryFinder(rota: Rota): EntryFinder {
  const indexesOf = groupBy(rota.periods.keys(), (index) => rota.periods[index]!.assignmentId);
  const spansOf = new Map<string, PeriodSpan[]>();
  const spans = (assignmentId: string): PeriodSpan[] => {
    let list = spansOf.get(assignmentId);
    if (list) return list;
    list = [];
    for (const index of indexesOf.get(assignmentId) ?? []) {
      const p = rota.periods[index]!;
      try {
        list.push({ index, start: parseInstant(p.start, rota.timezone), end: parseInstant(p.end, rota.timezone) });
      } catch {
        // evaluate() refuses such a rota; nothing to point at
      }
    }
    spansOf.set(assignmentId, list);
    return list;
  };
  const assignmentIndex = firstIndexes(rota.assignments);
  const workerIndex = firstIndexes(rota.workers);
  const assignmentsOf = groupBy(rota.assignments, (a) => a.workerId);

  return (f) => {
    const ids = f.assignmentIds.length > 0 ? f.assignmentIds : (assignmentsOf.get(f.workerId) ?? []).map((a) => a.id);
    const from = instantOfText(f.window.start);
    const to = instantOfText(f.window.end);
    const found = ids.flatMap((id) => spans(id)).sort((a, b) => a.index - b.index);
    if (!Number.isNaN(from) && !Number.isNaN(to)) {
      const overlapping =
        found.find((s) => s.start < to && from < s.end) ?? found.find((s) => s.start <= to && from <= s.end);
      if (overlapping) return `periods[${overlapping.index}]`;
    }
    const assignment = ids.map((id) => assignmentIndex.get(id)).find((i) => i !== undefined);
    if (assignment !== undefined) return `assignments[${assignment}]`;
    const worker = workerIndex.get(f.workerId);
    return worker !== undefined ? `workers[${worker}]` : '';
  };
}
