// The web page for HR staff and caseworkers (web/): plain ES modules and CSS, served as they are
// (no build step), from the app's own origin only. The page draws what the API answers; it holds
// no law of its own. The routes it needs beside /v1/evaluate (scenarios, agreements, rota,
// calendar) are tagged PAGE_ROUTE in the OpenAPI document; other clients may use them too.
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyPluginAsync } from 'fastify';

export const WEB_ROOT = fileURLToPath(new URL('../../web/', import.meta.url));

/** Schema fields of a route that serves the web page rather than the public API. */
export const PAGE_ROUTE = { tags: ['page'] } as const;

// Everything the page loads comes from this origin: no CDN, no outside request, no inline script.
// Inline style attributes are refused too; the page sets sizes through the CSSOM and SVG attributes.
export const PAGE_CSP = [
  "default-src 'self'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'self'",
  "img-src 'self' data: blob:",
  "object-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "connect-src 'self'",
].join('; ');

export interface PageOptions {
  /** Folder with index.html (default: web/ of this checkout). */
  root?: string;
}

export const webPage: FastifyPluginAsync<PageOptions> = async (scope, { root }) => {
  await scope.register(fastifyStatic, {
    root: root ?? WEB_ROOT,
    prefix: '/',
    // One route per file found at startup, so an unknown path is the app's 404 problem and the
    // routes of /v1, /docs and /health are never shadowed by a catch-all.
    wildcard: false,
    index: ['index.html'],
    dotfiles: 'ignore',
    serveDotFiles: false,
    decorateReply: false,
    cacheControl: false,
    setHeaders: (reply) => {
      reply.header('content-security-policy', PAGE_CSP);
      reply.header('x-content-type-options', 'nosniff');
      reply.header('referrer-policy', 'no-referrer');
      // Small files from a local service: always revalidate, so an upgrade is seen at once.
      reply.header('cache-control', 'no-cache');
    },
  });
};
