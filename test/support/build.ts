// Vitest's global setup: the tests that run the bin or `npm start` run dist/, so it is built from
// the sources as they are now before any test file runs (`npm ci` builds it; this rebuilds it only
// when a source changed since, which takes a few seconds).
//
// It then says so to every test (TURNUSSJEKK_FRESH_DIST): the worker processes and threads that the
// sources start (src/parts/process.mjs, api/evaluate-thread.mjs) load the built entry instead
// of compiling the sources again through tsx, which costs each of them seconds of CPU.
//
// The temporary folders the tests make, and those of the processes they start, go in one folder of
// the run's own (TMPDIR, which os.tmpdir() reads), removed when the run ends: fixtures left behind
// in the system's temporary folder would pile up run after run on a developer's machine.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureBuilt } from '../../scripts/build.mjs';

export default async function setup(): Promise<() => void> {
  await ensureBuilt();
  process.env.TURNUSSJEKK_FRESH_DIST = '1';
  const folder = mkdtempSync(join(tmpdir(), 'turnussjekk-tests-'));
  process.env.TMPDIR = folder;
  return () => rmSync(folder, { recursive: true, force: true });
}
