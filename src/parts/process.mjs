// Child-process entry for engine/parallel.ts when it runs from the sources (the build forks
// dist/parts/worker.js instead): see fromSources.mjs.
import { runFromSources } from '../fromSources.mjs';

await runFromSources(new URL('../../dist/parts/worker.js', import.meta.url), new URL('./worker.ts', import.meta.url));
