// Worker-thread entry for engine/parallel.ts. Plain JavaScript because a thread starts without the
// parent's module hooks: it registers tsx itself, then runs the TypeScript part evaluator.
import { register } from 'tsx/esm/api';

register();
await import('./partThread.ts');
