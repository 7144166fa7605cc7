// Reports of identical requests, kept: a report is a pure function of the body, its media type, the
// query and the rule book (nothing reads the clock), so the same rota posted again (the web page's
// agreement toggles back and forth, an HR system re-checking an unchanged turnus, a retry) is
// answered with the bytes already written, without parsing, evaluating or serializing again.
// Keyed by SHA-256 of media type, query and body; bounded by bytes, least recently used out first.
// Per process: instances behind a load balancer each keep their own and still answer alike.
import { createHash } from 'node:crypto';

export class ReportCache {
  private readonly entries = new Map<string, string>();
  private bytes = 0;
  hits = 0;
  misses = 0;

  constructor(readonly maxBytes: number) {}

  static key(mediaType: string, query: string, body: string): string {
    return createHash('sha256').update(mediaType).update('\0').update(query).update('\0').update(body).digest('base64url');
  }

  get(key: string): string | undefined {
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

  set(key: string, payload: string): void {
    // A JavaScript string of n UTF-16 units takes about 2n bytes.
    const size = payload.length * 2;
    if (size > this.maxBytes) return;
    const old = this.entries.get(key);
    if (old !== undefined) {
      this.bytes -= old.length * 2;
      this.entries.delete(key);
    }
    while (this.bytes + size > this.maxBytes) {
      const [oldest, value] = this.entries.entries().next().value as [string, string];
      this.entries.delete(oldest);
      this.bytes -= value.length * 2;
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
