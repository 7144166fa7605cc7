// The build: the TypeScript sources as plain JavaScript in dist/, which the bin, `npm start` and the
// engine's worker processes run with node alone. `npm ci` runs it (the `prepare` script).
//
//   npm run build                       # esbuild (well under a second), tsc's .d.ts (1–3 s), code cache
//   node scripts/build.mjs --if-stale   # only when a source changed since the last build
//
// What it makes (bench/README.md has the measurements behind each choice):
// - dist/cli/main.cjs: the CLI in one file with its dependencies, loaded by bin/turnussjekk.mjs
//   through node:vm with V8's code cache (main.cjs.cache, written here by running the bin on a
//   bundled scenario). Each command's modules still run only when that command runs (main.ts loads
//   them with import()), but nothing is resolved, read or compiled file by file at start. CommonJS
//   because node:vm can cache and reuse compiled code only for a script (Node 20 has no compile
//   cache for ES modules). zod's translated error messages are left out (half of zod; the CLI never
//   uses them).
//   Whitespace and syntax are minified (names are kept, for stack traces); source maps beside it.
// - dist/parts/worker.js: the worker process that src/engine/parallel.ts forks, one ES module
//   with its dependencies.
// - dist/api/server.js, dist/api/evaluate-thread.js (a thread of the server's evaluation pool, api/pool.ts)
//   and dist/lib/index.js (`npm start`, and the package's `exports`): ES modules
//   with shared chunks in dist/chunks/, their dependencies left in node_modules (Fastify's plugins
//   read files of their own packages, and fastify-type-provider-zod must see the zod the schemas
//   were made with). dist/types/: the library's declarations, by tsc (tsconfig.build.json).
// Every file lies two folders below the package root (dist/<folder>/<file>), as every source that
// finds data through import.meta.url does (src/rules/load.ts: '../../rules/'), so those paths name
// the same rules/, web/ and scenarios/ from dist/ as from the sources: checked below.
// A build is made in a folder of its own and then put in place of dist/ by two renames, so a process
// starting from dist/ meanwhile sees the old build or the new one (or, for an instant, none), never
// half of one.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DIST = join(ROOT, 'dist');
const INFO = 'build-info.json';
/** What the code cache is made from: commands as a user runs them (check exits 1 on it by design). */
const WARM_UP = [
  ['rules'],
  ['check', 'scenarios/weekend-respite-48h.yaml'],
  ['check', 'scenarios/weekend-respite-48h.yaml', '--format', 'json'],
];

/** Every file the build reads from the package, in a stable order. */
function inputFiles() {
  const files = [
    'package.json',
    'package-lock.json',
    'tsconfig.json',
    'tsconfig.build.json',
    'scripts/build.mjs',
    'bin/turnussjekk.mjs',
  ];
  const walk = (dir) => {
    for (const entry of readdirSync(join(ROOT, dir), { withFileTypes: true })) {
      const path = `${dir}/${entry.name}`;
      if (entry.isDirectory()) walk(path);
      else if (/\.(ts|mjs|js|json)$/.test(entry.name)) files.push(path);
    }
  };
  walk('src');
  walk('api');
  return files.sort();
}

/** A hash of every input's path and content. */
function inputsHash() {
  const hash = createHash('sha256');
  for (const file of inputFiles()) {
    hash.update(`${file}\0`);
    hash.update(existsSync(join(ROOT, file)) ? readFileSync(join(ROOT, file)) : '(missing)');
    hash.update('\0');
  }
  return hash.digest('hex');
}

/** Whether dist/ was built from the sources as they are now, by this Node (the code cache is its V8's). */
export function isFresh() {
  try {
    const info = JSON.parse(readFileSync(join(DIST, INFO), 'utf8'));
    return info.node === process.version && info.inputs === inputsHash();
  } catch {
    return false;
  }
}

function run(command, args, env = {}, okCodes = [0]) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    child.on('error', reject);
    child.on('exit', (code, signal) =>
      okCodes.includes(code)
        ? resolve()
        : reject(new Error(`${command} ${args.join(' ')} failed (${signal ?? `exit ${code}`})`)),
    );
  });
}

/** zod's locales index reduced to English, the one locale zod itself uses by default. */
const zodEnglishOnly = {
  name: 'zod-english-only',
  setup(build) {
    build.onResolve({ filter: /\/locales\/index\.js$/ }, (args) =>
      /[/\\]node_modules[/\\]zod[/\\]/.test(args.importer)
        ? { path: join(dirname(args.importer), args.path), namespace: 'zod-locales' }
        : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'zod-locales' }, (args) => ({
      contents: `export { default as en } from ${JSON.stringify(join(dirname(args.path), 'en.js'))};\n`,
      resolveDir: dirname(args.path),
    }));
  },
};

/** Builds into a fresh folder and puts it in place of dist/. */
export async function build() {
  const started = performance.now();
  const inputs = inputsHash();
  const out = join(ROOT, `dist.tmp-${process.pid}-${Date.now()}`);
  let types;
  try {
    const esbuild = await import('esbuild').catch(() => {
      throw new Error(
        'esbuild is not installed: build with the devDependencies (npm ci), then `npm prune --omit=dev` if they are not wanted',
      );
    });
    types = run(process.execPath, [
      join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'),
      '-p',
      'tsconfig.build.json',
      '--outDir',
      join(out, 'types'),
    ]);
    types.catch(() => undefined); // awaited below; if esbuild fails first, that is the error to report
    const common = {
      absWorkingDir: ROOT,
      outdir: out,
      bundle: true,
      platform: 'node',
      target: 'node20',
      sourcemap: 'linked',
      metafile: true,
      logLevel: 'warning',
    };
    const results = await Promise.all([
      esbuild.build({
        ...common,
        entryPoints: { 'cli/main': 'src/cli/main.ts' },
        outExtension: { '.js': '.cjs' },
        format: 'cjs',
        // import() of the commands' modules becomes a call that runs them when first asked for.
        supported: { 'dynamic-import': false },
        // The file's own URL, as the sources' import.meta.url (node:vm gives the script __filename).
        define: { 'import.meta.url': '__turnussjekkUrl' },
        banner: { js: "var __turnussjekkUrl = require('node:url').pathToFileURL(__filename).href;" },
        minifyWhitespace: true,
        minifySyntax: true,
        plugins: [zodEnglishOnly],
      }),
      esbuild.build({
        ...common,
        entryPoints: { 'parts/worker': 'src/parts/worker.ts' },
        format: 'esm',
        // Bundled CommonJS dependencies (yaml, json-rules-engine, ...) call require().
        banner: {
          js: "import { createRequire as __turnussjekkRequire } from 'node:module';\nconst require = __turnussjekkRequire(import.meta.url);",
        },
        plugins: [zodEnglishOnly],
      }),
      esbuild.build({
        ...common,
        entryPoints: {
          'api/server': 'api/server.ts',
          // The app without a listener: what a host embeds, and what the test suite's child processes start.
          'api/app': 'api/app.ts',
          'api/evaluate-thread': 'api/evaluateThread.ts',
          'lib/index': 'src/index.ts',
        },
        chunkNames: 'chunks/[name]-[hash]',
        format: 'esm',
        splitting: true,
        packages: 'external',
      }),
    ]);
    for (const file of results.flatMap((r) => Object.keys(r.metafile.outputs))) {
      const parts = relative(out, join(ROOT, file)).split(sep);
      if (/\.c?js$/.test(file) && parts.length !== 2)
        throw new Error(
          `${file} is not two folders below the package root: paths from import.meta.url would not resolve`,
        );
    }
    // The bin reads the CLI as Latin-1 text (the fastest read): that is its text only if it is ASCII.
    // biome-ignore lint/suspicious/noControlCharactersInRegex: the range is every non-ASCII byte, NUL to DEL excluded
    const ascii = /[^\x00-\x7f]/.exec(readFileSync(join(out, 'cli', 'main.cjs'), 'latin1'));
    if (ascii) throw new Error(`dist/cli/main.cjs has a non-ASCII character at ${ascii.index}`);
    await types;
    // The code cache: the bin run as a user runs it, each run adding what it compiled to the cache.
    const bin = join(ROOT, 'bin', 'turnussjekk.mjs');
    for (const args of WARM_UP) await run(process.execPath, [bin, ...args], { TURNUSSJEKK_BUILDING: out }, [0, 1]);
    if (!existsSync(join(out, 'cli', 'main.cjs.cache'))) throw new Error('the code cache was not written');
    writeFileSync(join(out, INFO), `${JSON.stringify({ inputs, node: process.version }, null, 2)}\n`);
    // Put the new build in place. When two builds finish at once (two test runs), the last one stays.
    const old = `${out}-old`;
    try {
      renameSync(DIST, old);
    } catch (err) {
      if (err.code !== 'ENOENT') throw err;
    }
    try {
      renameSync(out, DIST);
    } catch (err) {
      // Another build took the place in between: it is built from the same sources, keep it.
      if (err.code !== 'ENOTEMPTY' && err.code !== 'EEXIST') throw err;
    }
    rmSync(old, { recursive: true, force: true });
  } finally {
    // When the build failed, tsc may still be writing into the folder: let it finish first.
    await types?.catch(() => undefined);
    rmSync(out, { recursive: true, force: true });
  }
  return performance.now() - started;
}

/** Builds when dist/ is not fresh (isFresh); true if it built. */
export async function ensureBuilt() {
  if (isFresh()) return false;
  await build();
  return true;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  try {
    if (process.argv.includes('--if-stale') && isFresh()) console.log('dist/ is up to date');
    else console.log(`built dist/ in ${((await build()) / 1000).toFixed(1)} s`);
  } catch (err) {
    console.error(`turnussjekk build: ${err.message}`);
    process.exitCode = 1;
  }
}
