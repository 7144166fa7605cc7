// Full collections while the CLI waits on a large rota's parts. The first when the first part is
// back: the file's text, its parsed document and what validating and splitting it made are dead by
// then, hundreds of megabytes at national scale. Then one whenever the heap has grown by GROWTH
// since the last: the CLI mostly waits and allocates too little for V8 to collect on its own, while
// what the parts' answers leave piles up (the 10 000-worker year's text: 770-930 MB resident with no
// collection, 390-530 MB with the first alone, 400-460 MB with these, against 160 MB live).
// The bin exposes `gc` (--expose-gc) for a check of a large file; elsewhere there is none, and
// nothing is collected.

/** Heap growth at which the waiting CLI collects again: a handful of collections in a national year. */
const GROWTH = 96 * 1024 * 1024;

export class WaitingGarbage {
  private after: number | undefined;

  constructor(
    private readonly gc: () => void,
    private readonly heapUsed: () => number = () => process.memoryUsage().heapUsed,
  ) {}

  /** The collector, when this process may call V8's (the bin's --expose-gc). */
  static ifExposed(): WaitingGarbage | undefined {
    const { gc } = globalThis as { gc?: () => void };
    return gc ? new WaitingGarbage(gc) : undefined;
  }

  /** Called as each part comes back: collects the first time, then after each GROWTH. */
  collect(): void {
    if (this.after !== undefined && this.heapUsed() < this.after + GROWTH) return;
    this.gc();
    this.after = this.heapUsed();
  }
}
