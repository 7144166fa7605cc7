// "Only what changed" for a client that saves often: every report answered with the workers'
// report cache on carries an ETag, and this store keeps, per ETag, the digest of each worker's part
// of that report (api/evaluateJob.ts). A request with `changedSince=<ETag>` is answered with only
// the workers whose digests differ from those; an ETag this process no longer holds (evicted, or
// answered by another instance) is answered with the whole report, which the response's headers say.
// Bounded by bytes like the caches; the ETag is the request's digest (media type, asOf, body), so
// it names the report without any report bytes being hashed.
import { createHash } from 'node:crypto';
import { BytesLru } from '../src/lru.ts';

/** Per ETag, its workers' digests as the thread packed them (api/evaluateJob.ts packDigests). */
export class DigestStore extends BytesLru<string> {
  /** The ETag of a request's report: its media type, asOf and body (quoted, as the header carries it). */
  static etag(media: string, asOf: string | undefined, body: string | Uint8Array): string {
    const hash = createHash('sha256')
      .update(media)
      .update('\0')
      .update(asOf ?? '')
      .update('\0')
      .update(body)
      .digest('base64url');
    return `"${hash.slice(0, 32)}"`;
  }

  /** An ETag as a client may send it back: quoted or not, weak or not. */
  static normalize(tag: string): string {
    const bare = tag.trim().replace(/^W\//, '');
    return bare.startsWith('"') ? bare : `"${bare}"`;
  }

  override set(etag: string, digests: string): void {
    super.set(etag, digests, etag.length + digests.length);
  }
}
