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

/**
 * One memo per group (a time zone, say), each emptied on its own when it reaches its size: the hot
 * path looks its key up as it is, without building one that names the group.
 */
export function memoPer<G, K, V>(maxEntries: number): (group: G) => (key: K, compute: () => V) => V {
  const memos = new Map<G, (key: K, compute: () => V) => V>();
  return (group) => {
    let kept = memos.get(group);
    if (!kept) memos.set(group, (kept = memo<K, V>(maxEntries)));
    return kept;
  };
}

/**
 * A value kept on an object itself, for as long as the object lives: a WeakMap's get and set
 * without its ephemeron table. Keyed by short-lived objects (a pass's facts, hundreds an
 * evaluation), the table made a measure cost four times its own work. The slot is not enumerable,
 * so a copy made by spreading the object ({ ...facts, workPeriods }) starts without it, as a
 * WeakMap lookup of the copy would.
 */
export class Slot<O extends object, V> {
  private readonly key: symbol;

  constructor(description: string) {
    this.key = Symbol(description);
  }

  get(owner: O): V | undefined {
    return (owner as Record<symbol, V | undefined>)[this.key];
  }

  set(owner: O, value: V): void {
    Object.defineProperty(owner, this.key, { value, enumerable: false, writable: true, configurable: true });
  }
}
