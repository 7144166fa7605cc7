// Items grouped by a key, each group in the items' order: one pass where a report's formatters
// had filtered the whole list once per worker (quadratic in a municipality's year: a 3 000-worker
// year took 77 s as text against 14 s as JSON). Map.groupBy needs Node 21.
export function groupBy<T, K>(items: Iterable<T>, key: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}
