// Worker-thread entry for api/pool.ts when it runs from the sources (the build starts
// dist/api/evaluate-thread.js instead): see src/fromSources.mjs.
import { runFromSources } from '../src/fromSources.mjs';

await runFromSources(
  new URL('../dist/api/evaluate-thread.js', import.meta.url),
  new URL('./evaluateThread.ts', import.meta.url),
);
