// Reports of identical requests, kept: a report is a pure function of the body, its media type, the
// query and the rule book (nothing reads the clock), so the same rota posted again (the web page's
// agreement toggles back and forth, an HR system re-checking an unchanged turnus, a retry) is
// answered with the bytes already written, without parsing, evaluating or serializing again.
// Keyed by SHA-256 of media type, query and body; bounded by bytes, least recently used out first.
// Per process: instances behind a load balancer each keep their own and still answer alike.
import { createHash } from 'node:crypto';

export class ReportCache {
  private readonly entries = new Map<string, Buffer>();
  private bytes = 0;
  hits = 0;
  misses = 0;

  constructor(readonly maxBytes: number) {}

  static key(mediaType: string, query: string, body: string): string {
    return createHash('sha256').update(mediaType).update('\0').update(query).update('\0').update(body).digest('base64url');
  }

  /** Whether a report is kept for the key (counts neither hit nor miss). */
  has(key: string): boolean {
    return this.entries.has(key);
  }

  get(key: string): Buffer | undefined {
    const payload = this.entries.get(key);
    if (payload === undefined) {
      this.misses++;
      return undefined;
    }
    this.hits++;
    // Most recently used last: Map keeps insertion order.
    this.entries.delete(key);
    this.entries.set(key, payload);
    return payload;
  }

  /** Keeps the report as the bytes sent, so a hit is written without encoding it again. */
  set(key: string, payload: Buffer): void {
    const size = payload.length;
    if (size > this.maxBytes) return;
    const old = this.entries.get(key);
    if (old !== undefined) {
      this.bytes -= old.length;
      this.entries.delete(key);
    }
    while (this.bytes + size > this.maxBytes) {
      const [oldest, value] = this.entries.entries().next().value as [string, Buffer];
      this.entries.delete(oldest);
      this.bytes -= value.length;
    }
    this.entries.set(key, payload);
    this.bytes += size;
  }

  get size(): number {
    return this.entries.size;
  }

  get usedBytes(): number {
    return this.bytes;
  }
}
