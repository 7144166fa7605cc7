// Remembered results of pure computations: a Map that is emptied when it reaches its size. For
// results that cost time to compute and nothing to redo, so forgetting them all now and then is
// cheaper than tracking which were used last.
export function memo<K, V>(maxEntries: number): (key: K, compute: () => V) => V {
  const kept = new Map<K, V>();
  return (key, compute) => {
    let value = kept.get(key);
    if (value === undefined && !kept.has(key)) {
      value = compute();
      if (kept.size >= maxEntries) kept.clear();
      kept.set(key, value);
    }
    return value as V;
  };
}
