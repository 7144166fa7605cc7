// Vitest's global setup: the tests that run the bin or `npm start` run dist/, so it is built from
// the sources as they are now before any test file runs (`npm ci` builds it; this rebuilds it only
// when a source changed since, which takes a few seconds).
import { ensureBuilt } from '../../scripts/build.mjs';

export default async function setup(): Promise<void> {
  await ensureBuilt();
}
