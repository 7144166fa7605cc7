#!/usr/bin/env node
// Runs the built CLI: dist/cli/main.cjs, plain JavaScript made by `npm run build` (which `npm ci`
// runs), compiled by V8 from its code cache (dist/cli/main.cjs.cache), so a command starts without
// compiling TypeScript or even most of the JavaScript.
import { spawn } from 'node:child_process';
import { constants } from 'node:os';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Script } from 'node:vm';

// A large rota makes the engine allocate gigabytes of short-lived objects: a 64 MiB young
// generation collects them in fewer, cheaper rounds (5–10 % less time on a 940 000-period year).
// Node takes that setting only at start, so for a check of a file of 8 MB or more this script runs
// itself once more with it; a small file is not worth the extra start (about 50 ms).
const SEMI_SPACE = '--max-semi-space-size=64';
// With it, gc exposed: the CLI collects the input's garbage when a large rota's first part is back,
// and again as the parts' answers pile up (src/cli/waitingGarbage.ts), which V8 would otherwise leave.
const EXPOSE_GC = '--expose-gc';
/** The signals that end a run. */
const ENDING_SIGNALS = ['SIGHUP', 'SIGINT', 'SIGTERM'];
const args = process.argv.slice(2);
const large = (arg) => {
  try {
    return statSync(arg).size >= 8 * 1024 * 1024;
  } catch {
    return false;
  }
};
if (
  args[0] === 'check' &&
  !process.execArgv.some((a) => a.startsWith('--max-semi-space-size')) &&
  args.slice(1).some(large)
) {
  const child = spawn(
    process.execPath,
    [...process.execArgv, SEMI_SPACE, EXPOSE_GC, fileURLToPath(import.meta.url), ...args],
    { stdio: 'inherit' },
  );
  // The run is the child's: a signal sent to this process is passed on, and this one leaves as the
  // child does. (spawnSync held such a signal here until the child had finished, or, unhandled, let
  // this process die and the child run on, orphaned, to the end of a national year.)
  for (const signal of ENDING_SIGNALS) process.on(signal, () => child.kill(signal));
  const [status, signal] = await new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code, name) => resolve([code, name]));
  });
  process.exit(signal ? 128 + (constants.signals[signal] ?? 0) : (status ?? 3));
}
// A run ended by a signal (Ctrl-C, a CI job cancelled) leaves through process.exit, so the folders
// it made are removed on the way out (src/tempFolder.ts); Node's default ends it at once and leaves
// them in TMPDIR, with the parts' files of a national year. Exit codes as a shell reports a process
// the signal killed.
for (const signal of ENDING_SIGNALS) process.on(signal, () => process.exit(128 + constants.signals[signal]));

const file = fileURLToPath(new URL('../dist/cli/main.cjs', import.meta.url));
// scripts/build.mjs runs this bin on the build it is making (TURNUSSJEKK_BUILDING: that folder) and
// has the code cache written after the command. The script is named by its place in dist/ even
// then, since V8 keeps the name it was compiled under in the cache (it shows in stack traces).
const building = process.env.TURNUSSJEKK_BUILDING;
const read = building ? `${building}/cli/main.cjs` : file;
let source;
try {
  // esbuild writes ASCII only (non-ASCII characters escaped), so the bytes are the text.
  source = readFileSync(read, 'latin1');
} catch (err) {
  if (err.code !== 'ENOENT') throw err;
  // A checkout that was never built (`npm install --ignore-scripts`, or dist/ deleted): say what to
  // run, rather than compile the sources on every start and hide the missing build behind a slow CLI.
  const root = fileURLToPath(new URL('..', import.meta.url));
  process.stderr.write(
    `turnussjekk: the built CLI (${file}) is missing: run \`npm run build\` in ${root} (\`npm ci\` runs it too)\n`,
  );
  process.exit(3);
}
let cachedData;
try {
  cachedData = readFileSync(`${read}.cache`);
} catch {
  // No cache: V8 compiles the file, as it does when the cache is from another V8 or other flags.
}
// The CommonJS wrapper, as Node's own loader makes it; the code cache belongs to exactly this text.
const script = new Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
  filename: file,
  cachedData,
});
const cli = { exports: {} };
script.runInThisContext()(cli.exports, createRequire(file), cli, file, dirname(file));

// A reader that stops reading (`turnussjekk check … | head`) closes the pipe: the rest of the
// output has nowhere to go. The CLI then ends at once and quietly, as a Unix filter killed by
// SIGPIPE does (exit 141, which a shell with pipefail reports), rather than with Node's stack trace
// of an unhandled EPIPE; Node ignores SIGPIPE itself. Its temporary folders go with it (src/tempFolder.ts).
const SIGPIPE_EXIT = 128 + 13;
for (const stream of [process.stdout, process.stderr])
  stream.on('error', (err) => {
    if (err.code === 'EPIPE') process.exit(SIGPIPE_EXIT);
    throw err;
  });

const code = await cli.exports.main(args, {
  out: (text) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
  err: (text) => process.stderr.write(text.endsWith('\n') ? text : `${text}\n`),
  write: (chunk) => process.stdout.write(chunk),
});
process.exitCode = code;
if (building) writeFileSync(`${read}.cache`, script.createCachedData());
// Leave as soon as the output is out, rather than after V8 has torn its heap down (40-80 ms here).
// Writes to files, pipes and terminals are synchronous on Linux; where one is still pending, the
// process ends by itself once it is written.
else if (process.stdout.writableLength === 0 && process.stderr.writableLength === 0) process.exit(code);
