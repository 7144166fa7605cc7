import type { WorkInterval } from '../timeline/build.ts';

/** Continuous work of one worker in one undertaking: the union of touching or overlapping periods. */
export interface WorkBlock {
  start: number;
  end: number;
  /** Assignments that contribute to the block, in first-seen order. */
  assignmentIds: string[];
}

/** Sorted intervals → continuous work blocks. Touching periods (one ends as the next starts) are one block. */
export function workBlocks(sorted: WorkInterval[]): WorkBlock[] {
  const blocks: WorkBlock[] = [];
  for (const iv of sorted) {
    const last = blocks[blocks.length - 1];
    if (last && iv.start <= last.end) {
      if (iv.end > last.end) last.end = iv.end;
      if (!last.assignmentIds.includes(iv.assignmentId)) last.assignmentIds.push(iv.assignmentId);
    } else {
      blocks.push({ start: iv.start, end: iv.end, assignmentIds: [iv.assignmentId] });
    }
  }
  return blocks;
}

export function assignmentsOf(blocks: WorkBlock[], from: number, to: number): string[] {
  const ids = new Set<string>();
  for (let i = from; i < to; i++) for (const id of blocks[i]!.assignmentIds) ids.add(id);
  return [...ids];
}

export const byStart = (a: { start: number; end: number }, b: { start: number; end: number }) =>
  a.start - b.start || a.end - b.end;
