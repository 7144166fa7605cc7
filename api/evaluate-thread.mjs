// Worker-thread entry for api/pool.ts when it runs from the sources (tests, tsx; the build starts
// dist/api/evaluate-thread.js instead). Plain JavaScript because a thread starts without the
// parent's module hooks: it registers tsx itself, then runs the TypeScript thread. Where dist/ is
// known to be built from these very sources (TURNUSSJEKK_FRESH_DIST, set by the test suite's global
// setup), it runs the built thread: the same code, without compiling it again.
if (process.env.TURNUSSJEKK_FRESH_DIST === '1') {
  await import(new URL('../dist/api/evaluate-thread.js', import.meta.url).href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('./evaluateThread.ts');
}
