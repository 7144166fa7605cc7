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
