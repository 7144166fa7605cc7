// Vitest's global setup: the tests that run the bin or `npm start` run dist/, so it is built from
// the sources as they are now before any test file runs (`npm ci` builds it; this rebuilds it only
// when a source changed since, which takes a few seconds).
//
// It then says so to every test (TURNUSSJEKK_FRESH_DIST): the worker processes and threads that the
// sources start (src/engine/part-process.mjs, api/evaluate-thread.mjs) load the built entry instead
// of compiling the sources again through tsx, which costs each of them seconds of CPU.
import { ensureBuilt } from '../../scripts/build.mjs';

export default async function setup(): Promise<void> {
  await ensureBuilt();
  process.env.TURNUSSJEKK_FRESH_DIST = '1';
}
