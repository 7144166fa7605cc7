// Worker-thread entry for api/pool.ts when it runs from the sources (tests, tsx; the build starts
// dist/api/evaluate-thread.js instead). Plain JavaScript because a thread starts without the
// parent's module hooks: it registers tsx itself, then runs the TypeScript thread.
import { register } from 'tsx/esm/api';

register();
await import('./evaluateThread.ts');
