// The entry of a process or thread started from the sources (tests, tsx): engine/parallel.ts's part
// processes (parts/process.mjs) and api/pool.ts's evaluation threads (api/evaluate-thread.mjs). Plain
// JavaScript, because such a process or thread starts without its parent's module hooks: it
// registers tsx itself, then runs the TypeScript entry. Where dist/ is known to be built from these
// very sources (TURNUSSJEKK_FRESH_DIST, set by the test suite's global setup), it runs the built
// entry instead: the same code, without compiling it again. The build starts the built entries itself.
export async function runFromSources(built, source) {
  if (process.env.TURNUSSJEKK_FRESH_DIST === '1') {
    await import(built.href);
  } else {
    const { register } = await import('tsx/esm/api');
    register();
    await import(source.href);
  }
}
