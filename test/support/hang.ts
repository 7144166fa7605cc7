// The one bound a test puts on waiting (a child process, a browser, a poll): it ends a hang and
// measures nothing. A busy CI machine may be many times slower than an idle one, so no test's pass
// depends on how fast it is; timings belong in `npm run bench`.
export const HANG_MS = 300_000;
