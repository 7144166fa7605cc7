// Child-process entry for engine/parallel.ts when it runs from the sources (tests, tsx; the build
// forks dist/parts/worker.js instead). Plain JavaScript because the child starts without the
// parent's module hooks: it registers tsx itself, then runs the TypeScript part evaluator. Where
// dist/ is known to be built from these very sources (TURNUSSJEKK_FRESH_DIST, set by the test
// suite's global setup), it runs the built evaluator: the same code, without compiling it again.
if (process.env.TURNUSSJEKK_FRESH_DIST === '1') {
  await import(new URL('../../dist/parts/worker.js', import.meta.url).href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('./worker.ts');
}
