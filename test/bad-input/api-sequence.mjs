// Child process for the bad-input tests: posts bodies to one app instance, in order, then a good
// rota, and prints one JSON line per answer. Cases that can take the whole process down (a fatal
// V8 error is not an exception) run here, so the test runner survives to report them.
//
//   node test/bad-input/api-sequence.mjs [--http] [--body-limit BYTES] <content-type>=<file> …
//
// Plain JavaScript, so the child needs no TypeScript compiler to start: it runs the built app where
// the test suite has just built dist/ from the sources (TURNUSSJEKK_FRESH_DIST), the sources
// through tsx otherwise.
//
// By default the requests are injected (app.inject); with --http the app listens on 127.0.0.1 with
// an ephemeral port and the requests go over loopback, as a deployed server receives them (the
// stack a parser runs on differs, which matters for the deep-YAML defect).
import { readFileSync } from 'node:fs';

const { buildApp } =
  process.env.TURNUSSJEKK_FRESH_DIST === '1'
    ? await import('../../dist/api/app.js')
    : await (async () => {
        const { register } = await import('tsx/esm/api');
        register();
        return import('../../api/app.ts');
      })();

const args = process.argv.slice(2);
let bodyLimit;
let http = false;
for (;;) {
  if (args[0] === '--body-limit') {
    bodyLimit = Number(args[1]);
    args.splice(0, 2);
  } else if (args[0] === '--http') {
    http = true;
    args.splice(0, 1);
  } else break;
}
const GOOD = JSON.stringify({
  version: 1,
  workers: [{ id: 'w1' }],
  assignments: [{ id: 'a1', workerId: 'w1', kind: 'employment', contract: 'arbeidsavtale' }],
  periods: [{ assignmentId: 'a1', start: '2025-03-10T08:00', end: '2025-03-10T16:00' }],
});

const app = await buildApp({ logger: false, env: {}, ...(bodyLimit ? { bodyLimit } : {}) });
const address = http ? await app.listen({ host: '127.0.0.1', port: 0 }) : undefined;
/** @returns {Promise<{ status: number; contentType: string; body: string }>} */
const send = async (contentType, payload) => {
  if (address) {
    const res = await fetch(`${address}/v1/evaluate`, {
      method: 'POST',
      body: payload,
      headers: { 'content-type': contentType },
    });
    return { status: res.status, contentType: res.headers.get('content-type') ?? '', body: await res.text() };
  }
  const res = await app.inject({
    method: 'POST',
    url: '/v1/evaluate',
    payload,
    headers: { 'content-type': contentType },
  });
  return { status: res.statusCode, contentType: String(res.headers['content-type'] ?? ''), body: res.body };
};
const post = async (contentType, payload) => {
  const started = performance.now();
  const res = await send(contentType, payload);
  const problem = res.contentType.startsWith('application/problem+json') ? JSON.parse(res.body) : undefined;
  return {
    status: res.status,
    contentType: res.contentType,
    type: problem?.type,
    errors: problem?.errors,
    ms: Math.round(performance.now() - started),
    rssMB: Math.round(process.memoryUsage().rss / 1e6),
  };
};
for (const arg of args) {
  const at = arg.indexOf('=');
  const result = await post(arg.slice(0, at), readFileSync(arg.slice(at + 1)));
  process.stdout.write(`${JSON.stringify({ file: arg.slice(at + 1), ...result })}\n`);
}
process.stdout.write(`${JSON.stringify({ file: 'good', ...(await post('application/json', GOOD)) })}\n`);
await app.close();
