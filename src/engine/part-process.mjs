// Child-process entry for engine/parallel.ts when it runs from the sources (tests, tsx; the build
// forks dist/engine/part-worker.js instead). Plain JavaScript because the child starts without the
// parent's module hooks: it registers tsx itself, then runs the TypeScript part evaluator.
import { register } from 'tsx/esm/api';

register();
await import('./partWorker.ts');
