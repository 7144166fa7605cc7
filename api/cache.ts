// Reports of identical requests, kept: a report is a pure function of the body, its media type, the
// query and the rule book (nothing reads the clock), so the same rota posted again (the web page's
// agreement toggles back and forth, an HR system re-checking an unchanged turnus, a retry) is
// answered with the bytes already written, without parsing, evaluating or serializing again.
// Keyed by SHA-256 of media type, query and body; bounded by bytes, least recently used out first.
// Per process: instances behind a load balancer each keep their own and still answer alike.
import { createHash } from 'node:crypto';
import { BytesLru } from '../src/lru.ts';

export class ReportCache extends BytesLru<Buffer> {
  static key(mediaType: string, query: string, body: string): string {
    return createHash('sha256')
      .update(mediaType)
      .update('\0')
      .update(query)
      .update('\0')
      .update(body)
      .digest('base64url');
  }

  /** Keeps the report as the bytes sent, so a hit is written without encoding it again. */
  override set(key: string, payload: Buffer): void {
    super.set(key, payload, payload.length);
  }
}
