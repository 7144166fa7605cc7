// The rolling reading beside the fixed frames (docs/legal/01-fixed-frames.md): the hours in every window of the
// given length, found with two pointers over prefix sums. A window with the most work either
// starts where a block starts or ends where a block ends, so both alignments are scanned.
import { hours, msFromHours } from '../time/instant.ts';
import { every, type FactWindow, type Measure, type MeasureInput } from './types.ts';
import type { WorkBlock } from './workBlocks.ts';

function rollingWindows(blocks: WorkBlock[], width: number, keep: (hours: number) => boolean): FactWindow[] {
  const n = blocks.length;
  const prefix = new Array<number>(n + 1);
  prefix[0] = 0;
  for (let i = 0; i < n; i++) prefix[i + 1] = prefix[i]! + (blocks[i]!.end - blocks[i]!.start);
  const out: FactWindow[] = [];
  // Windows [blocks[i].start, +width)
  let j = 0;
  for (let i = 0; i < n; i++) {
    const from = blocks[i]!.start;
    const to = from + width;
    if (j < i) j = i;
    while (j < n && blocks[j]!.start < to) j++;
    const overhang = Math.max(0, blocks[j - 1]!.end - to);
    const measured = hours(prefix[j]! - prefix[i]! - overhang);
    if (keep(measured)) out.push({ start: from, end: to, measured, at: from, blockRange: [i, j] });
  }
  // Windows [blocks[k].end − width, blocks[k].end)
  let i0 = 0;
  for (let k = 0; k < n; k++) {
    const to = blocks[k]!.end;
    const from = to - width;
    while (i0 < k && blocks[i0]!.end <= from) i0++;
    const underhang = Math.max(0, from - blocks[i0]!.start);
    const measured = hours(prefix[k + 1]! - prefix[i0]! - underhang);
    if (keep(measured))
      out.push({ start: from, end: to, measured, at: Math.max(from, blocks[i0]!.start), blockRange: [i0, k + 1] });
  }
  return out;
}

function rolling({ facts, windowHours, keeps = every }: MeasureInput): FactWindow[] {
  if (windowHours === undefined) throw new Error('rolling measure needs a window length');
  return rollingWindows(facts.blocks, msFromHours(windowHours), keeps);
}

export const hoursInRollingWindow: Measure = rolling;
