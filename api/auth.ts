// Optional bearer-token authentication for the /v1 routes. Off when no token is configured.
// Tokens are compared as SHA-256 digests with timingSafeEqual against every configured token,
// so neither the position of the first differing byte nor which token matched shows in the timing.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { pathOf, problem, sendProblem } from './problem.ts';

const digest = (token: string): Buffer => createHash('sha256').update(token, 'utf8').digest();
const BEARER = /^Bearer[ \t]+([\x21-\x7e]+)[ \t]*$/i;

/** True when the presented token equals one of the known digests; always checks all of them. */
export function tokenMatches(presented: string, known: readonly Buffer[]): boolean {
  const d = digest(presented);
  let match = 0;
  for (const k of known) match |= timingSafeEqual(d, k) ? 1 : 0;
  return match === 1;
}

/** Adds an onRequest hook (before the body is read) to the given encapsulated scope. */
export function requireBearerToken(scope: FastifyInstance, tokens: readonly string[]): void {
  const known = tokens.map(digest);
  scope.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    const header = request.headers.authorization;
    const m = header === undefined ? null : BEARER.exec(header);
    if (m && tokenMatches(m[1]!, known)) return;
    const presented = m !== null;
    reply.header(
      'www-authenticate',
      presented ? 'Bearer realm="turnussjekk", error="invalid_token"' : 'Bearer realm="turnussjekk"',
    );
    return sendProblem(
      reply,
      problem(
        'unauthorized',
        presented ? 'the bearer token is not valid' : 'send the API token as Authorization: Bearer <token>',
        [],
        pathOf(request.url),
      ),
    );
  });
}
