// A one-line progress bar on stderr for long runs. Only for a person at a terminal: the CLI
// creates it when stderr is a TTY and there are many files, never in CI logs or pipes.

export interface TtyStream {
  write(text: string): unknown;
  columns?: number;
}

/** Fewer files than this finish too quickly for a bar to help. */
export const PROGRESS_MIN_FILES = 20;

export function wantsProgress(files: number, stream: TtyStream | undefined): stream is TtyStream {
  return stream !== undefined && files > PROGRESS_MIN_FILES;
}

export class ProgressBar {
  private done = 0;
  private lastDraw = 0;
  private drawn = false;

  constructor(
    private readonly total: number,
    private readonly stream: TtyStream,
    private readonly now: () => number = Date.now,
    /** Redraw at most this often (ms), but always on the last item. */
    private readonly interval = 80,
  ) {}

  /** One more item finished; `label` is what was just done (a file name). */
  tick(label = ''): void {
    this.done = Math.min(this.total, this.done + 1);
    const t = this.now();
    if (this.done < this.total && this.drawn && t - this.lastDraw < this.interval) return;
    this.lastDraw = t;
    this.draw(label);
  }

  /** The line this bar would draw (exposed for tests). */
  render(label = ''): string {
    const width = Math.max(40, Math.min(this.stream.columns ?? 80, 200));
    const count = `${this.done}/${this.total}`;
    const barWidth = Math.max(10, Math.min(30, width - count.length - 12));
    const filled = this.total === 0 ? barWidth : Math.round((this.done / this.total) * barWidth);
    const pct = this.total === 0 ? 100 : Math.floor((this.done / this.total) * 100);
    const head = `[${'#'.repeat(filled)}${'-'.repeat(barWidth - filled)}] ${String(pct).padStart(3)}% ${count}`;
    const room = width - head.length - 2;
    const tail =
      label && room > 4 ? ` ${label.length > room ? `…${label.slice(label.length - room + 1)}` : label}` : '';
    return `${head}${tail}`;
  }

  private draw(label: string): void {
    this.drawn = true;
    this.stream.write(`\r\x1b[2K${this.render(label)}`);
  }

  /** Erases the bar so the next output starts on a clean line. */
  clear(): void {
    if (this.drawn) this.stream.write('\r\x1b[2K');
    this.drawn = false;
  }
}
