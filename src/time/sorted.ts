// Binary search over spans sorted by time (frames, work blocks): the first one that ends after an instant.
export function firstEndingAfter(items: ReadonlyArray<{ end: number }>, at: number): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (items[mid]!.end <= at) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Spans that may overlap one another (a measure's windows), sorted by start once, for the spans
 * overlapping a given one without a scan of them all: a binary search for the last that starts
 * before its end, then back while an earlier span can still reach past its start (the running
 * maximum of the ends says when none can).
 */
export class OverlapIndex<T extends { start: number; end: number }> {
  private readonly sorted: T[];
  /** The latest end among sorted[0..i]. */
  private readonly reach: number[];

  constructor(spans: readonly T[]) {
    this.sorted = [...spans].sort((a, b) => a.start - b.start);
    this.reach = [];
    let reach = -Infinity;
    for (const s of this.sorted) this.reach.push((reach = Math.max(reach, s.end)));
  }

  /** The spans that overlap [from, to), latest start first. */
  overlapping(from: number, to: number): T[] {
    const out: T[] = [];
    for (let i = this.startingBefore(to) - 1; i >= 0 && this.reach[i]! > from; i--)
      if (this.sorted[i]!.end > from) out.push(this.sorted[i]!);
    return out;
  }

  /** Whether any span overlaps [from, to). */
  overlaps(from: number, to: number): boolean {
    for (let i = this.startingBefore(to) - 1; i >= 0 && this.reach[i]! > from; i--)
      if (this.sorted[i]!.end > from) return true;
    return false;
  }

  /** How many spans start before an instant. */
  private startingBefore(at: number): number {
    let lo = 0;
    let hi = this.sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.sorted[mid]!.start < at) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
