// `npm run bench` (issue 7): how fast and how large the rule evaluation is on national-scale rotas,
// as figures measured in one run, not a timed test.
//
//   npm run bench -- [--sizes 1000,10000,50000] [--weeks 52] [--seed 1] [--sample 200] [--oppdrag]
//                    [--timeout 10] [--keep] [--api-only | --no-api] [--api-duration 10]
//
// For each size (workers, one plan of --weeks weeks from the seeded generator, scenarios/generate.ts):
//   1. the rota file is written to a temporary folder (JSON, in pieces; a child process);
//   2. the floor: a child process that only reads, parses and validates it (bench/parse-only.ts,
//      loadInputFile, as the CLI reads it);
//   3. the engine end to end: `node bin/turnussjekk.mjs check FILE --format json`, stdout to
//      /dev/null; wall time measured here, peak RSS by /usr/bin/time -f %M (or, without it, by
//      bench/check-run.ts, which runs the CLI's main() in-process and reports its maxRSS);
//   4. ratio (a) = engine wall ÷ floor wall (both whole child processes, Node and tsx start-up
//      included in both);
//   4a. the output floor, up to 10 000 workers: the CLI writes the report as NDJSON into a file
//      (not timed), and bench/write-floor.ts times writing those findings again as the JSON report
//      has them (native JSON.stringify, UTF-8, /dev/null) and nothing else: what the report's own
//      volume costs, which the parse floor has no part of; with what a target ratio leaves for the
//      rest once both floors are paid;
//   5. ratio (b) = naive ÷ engine: the first --sample workers of the file, evaluated by the engine
//      (evaluate(slice, { conversions: false })) and by the naive baseline (bench/naive-baseline.ts:
//      every window from scratch, one json-rules-engine run per window) in one child process
//      (bench/naive-ratio.ts). The engine evaluates every check of the rule book, the baseline six,
//      so the ratio understates the difference per rule.
// Every child has a time limit (--timeout minutes, default 10); a run that times out, runs out of
// memory or exits with an error is reported as such and the bench goes on. Progress goes to stderr,
// the results to stdout. The temporary folder is removed at the end unless --keep.
//
// The API section (after the sizes; --api-only runs it alone, --no-api leaves it out): the load
// test's 50-worker, 6-week turnus (scripts/load-test.ts) through the HTTP API on the loopback,
// 10 connections for --api-duration seconds each: a new turnus every request (both caches off) on
// the event loop and on the thread pool (and on the pool with one connection per thread, so that no
// request queues behind another), a planner's save (caches on, one worker changed) whole and
// with changedSince, and /health latency while one large rota (150 workers, one year: 2.7 MB, about 33 000 periods; the
// generator's 300 workers are past the 5 MiB body limit) is evaluated.
//
// By default the files are generated with --no-oppdrag (every assignment an arbeidsavtale), so the
// CLI measures the rule evaluation only: the conversion assessment of oppdrag (`conversions`) is a
// separate cost that grows faster than the rota (docs/robustness.md, open issue 3). After them, the
// same year with oppdrag at one size (10 000 workers, or the largest size asked for below that, or
// the smallest): the conversion's own target (issue 16: at most 8 times the parse floor). --oppdrag
// measures every size with oppdrag instead.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, mkdtempSync, openSync, closeSync, readFileSync, rmSync, statSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { RatioResult } from '../bench/naive-ratio.ts';
import { wholeOption } from './options.ts';
import { healthDuringLarge, runLoadTest, type Args as LoadArgs } from './load-test.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const TIME = '/usr/bin/time';

const TARGETS = { periods: 1_000_000, seconds: 10, rssMB: 1536, ratioA: 5, ratioB: 20, ratioOppdrag: 8 };

interface Options {
  sizes: number[];
  weeks: number;
  seed: number;
  sample: number;
  oppdrag: boolean;
  timeoutMs: number;
  keep: boolean;
  /** The CLI's --jobs (worker processes); undefined = its default (defaultJobs in src/engine/parallel.ts). */
  jobs: number | undefined;
  /** The national sizes, the API section, or both. */
  national: boolean;
  api: boolean;
  apiDuration: number;
}

function readOptions(argv: string[]): Options {
  const { values } = parseArgs({
    args: argv,
    options: {
      sizes: { type: 'string', default: '1000,10000,50000' },
      weeks: { type: 'string', default: '52' },
      seed: { type: 'string', default: '1' },
      sample: { type: 'string', default: '200' },
      oppdrag: { type: 'boolean', default: false },
      timeout: { type: 'string', default: '10' },
      keep: { type: 'boolean', default: false },
      jobs: { type: 'string' },
      'api-only': { type: 'boolean', default: false },
      'no-api': { type: 'boolean', default: false },
      'api-duration': { type: 'string', default: '10' },
    },
  });
  if (values['api-only'] && values['no-api']) throw new Error('--api-only and --no-api exclude each other');
  const timeout = Number(values.timeout);
  if (!(timeout > 0)) throw new Error(`--timeout must be a number of minutes above 0, got "${values.timeout}"`);
  return {
    sizes: values.sizes!.split(',').map((s) => wholeOption('sizes', s.trim(), 1, 1_000_000)),
    weeks: wholeOption('weeks', values.weeks!, 1, 104),
    seed: wholeOption('seed', values.seed!, 0, 2 ** 31 - 1),
    sample: wholeOption('sample', values.sample!, 1, 1_000_000),
    oppdrag: values.oppdrag!,
    timeoutMs: timeout * 60_000,
    keep: values.keep!,
    jobs: values.jobs === undefined ? undefined : wholeOption('jobs', values.jobs, 1, 64),
    national: !values['api-only'],
    api: !values['no-api'],
    apiDuration: wholeOption('api-duration', values['api-duration']!, 1, 600),
  };
}

interface ApiRow {
  workload: string;
  requestsPerSecond?: number;
  p50?: number;
  p99?: number;
  non2xx?: number;
  problem?: string;
}

/** The API's workloads on the load test's turnus, one after another in this process. */
async function measureApi(
  o: Options,
): Promise<{ rows: ApiRow[]; health: Awaited<ReturnType<typeof healthDuringLarge>> | string }> {
  const base: LoadArgs = {
    duration: o.apiDuration,
    connections: 10,
    workers: 50,
    weeks: 6,
    yaml: false,
    target: 'evaluate',
    cache: true,
    workerCache: true,
    instances: 1,
    distinct: 1,
    edits: false,
    changedSince: false,
    saves: false,
    chain: false,
    threads: undefined,
    healthDuringLarge: false,
  };
  // The pool's threads: one per core (api/pool.ts).
  const threads = availableParallelism();
  const workloads: Array<[string, Partial<LoadArgs>]> = [
    ['new turnus, caches off, on the event loop', { cache: false, workerCache: false, distinct: 20, threads: 0 }],
    ['new turnus, caches off, thread pool', { cache: false, workerCache: false, distinct: 20 }],
    // Ten connections each waiting for its answer hold the mean latency at ten over the rate (Little's
    // law), whatever a request costs; one connection per evaluation thread shows what a request costs
    // when it does not queue behind others, and the rate the threads give without a queue.
    [
      `new turnus, caches off, thread pool, ${threads} connections (one per thread)`,
      { cache: false, workerCache: false, distinct: 20, connections: threads },
    ],
    ["planner's save, caches on, whole report, thread pool", { edits: true }],
    ["planner's save, caches on, changedSince, thread pool", { edits: true, changedSince: true }],
    ["planner's save, caches on, changedSince, on the event loop", { edits: true, changedSince: true, threads: 0 }],
    // What any design pays: the same saves to a bare Fastify app that only parses them (load-test.ts floorApp).
    [FLOOR, { target: 'floor', edits: true, changedSince: true }],
    // A save that sends only the changed worker (POST /v1/evaluate/changes), and its own floor.
    [SAVES, { edits: true, saves: true }],
    ["planner's save of the changed worker alone, on the event loop", { edits: true, saves: true, threads: 0 }],
    [
      "planner's save of the changed worker alone, each connection on its own last answer, thread pool",
      { edits: true, saves: true, chain: true },
    ],
    [SAVES_FLOOR, { target: 'floor', edits: true, saves: true }],
  ];
  const rows: ApiRow[] = [];
  for (const [workload, change] of workloads) {
    progress(`API: ${workload}, ${o.apiDuration} s`);
    try {
      const r = await runLoadTest({ ...base, ...change });
      rows.push({
        workload,
        requestsPerSecond: r.requests.average,
        p50: r.latency.p50,
        p99: r.latency.p99,
        non2xx: r.non2xx + r.errors,
      });
    } catch (err) {
      rows.push({ workload, problem: (err as Error).message.slice(0, 120) });
    }
  }
  progress('API: /health while a large rota (150 workers, 52 weeks, 2.7 MB) is evaluated');
  const health = await healthDuringLarge({ workers: 150, weeks: 52, threads: undefined }).catch(
    (err: unknown) => (err as Error).message,
  );
  return { rows, health };
}

const FLOOR = 'floor: the same saves, read with JSON.parse, nothing evaluated';
const SAVES = "planner's save of the changed worker alone (POST /v1/evaluate/changes), thread pool";
const SAVES_FLOOR = 'floor: the same saves of one worker, read with JSON.parse, nothing evaluated';

function apiReport(api: Awaited<ReturnType<typeof measureApi>>): string {
  const out = [
    'API (scripts/load-test.ts turnus: 50 workers, 6 weeks; 10 connections unless the row says otherwise, loopback):',
  ];
  const rateOf = (name: string) => api.rows.find((r) => r.workload === name)?.requestsPerSecond;
  const floor = rateOf(FLOOR);
  // A save of one worker sends a few kilobytes, not the turnus: its share is of its own floor.
  const floorOf = (r: ApiRow) =>
    r.workload === SAVES_FLOOR || r.workload.includes('changed worker alone') ? rateOf(SAVES_FLOOR) : floor;
  out.push(
    table(
      ['workload', 'req/s', 'share of the floor', 'p50 ms', 'p99 ms', 'errors and non-2xx'],
      api.rows.map((r) =>
        r.problem
          ? [r.workload, '–', '–', '–', '–', r.problem]
          : [
              r.workload,
              fmt(r.requestsPerSecond),
              floorOf(r) && r.requestsPerSecond !== undefined ? fmt(r.requestsPerSecond / floorOf(r)!, 2) : '–',
              int(r.p50),
              int(r.p99),
              int(r.non2xx),
            ],
      ),
    ),
  );
  if (floor)
    out.push(
      `The floor is what the client (in this process: each save encoded as load-test.ts --edits does), HTTP on the loopback and JSON.parse cost on this machine; ` +
        `a target of T req/s for a workload is T ÷ ${fmt(floor)} of it. The saves of one worker are measured against their own floor (${fmt(rateOf(SAVES_FLOOR))} req/s): the same client, a body of a few kilobytes.`,
    );
  out.push(
    "Each connection sends again when its answer comes, so a row's mean latency is its connections ÷ its req/s (Little's law), whatever a request costs: " +
      'with 10 connections at 100 req/s, 100 ms. With one connection per evaluation thread no request waits for another, so that row shows what a request costs.',
  );
  const h = api.health;
  out.push(
    typeof h === 'string'
      ? `/health during a large request: ${h}`
      : `/health during a large request (${int(h.periods)} periods, ${fmt(h.bodyBytes / 1e6)} MB, answered ${h.largeStatus} after ${fmt(h.largeMs / 1000)} s): ` +
          `${int(h.healthCount)} requests, p50 ${fmt(h.p50)} ms, p99 ${fmt(h.p99)} ms, max ${fmt(h.max)} ms`,
  );
  return out.join('\n');
}

const progress = (text: string) => process.stderr.write(`bench: ${text}\n`);

interface ChildRun {
  wallMs: number;
  code: number | null;
  signal: NodeJS.Signals | null;
  timedOut: boolean;
  stdout: string;
  /** The last few kilobytes of stderr. */
  stderr: string;
  /** Peak of the summed resident memory of the child and all its descendants (sampled every 100 ms), MB. */
  treeRssMB: number;
}

/** Resident memory of a process and all its descendants, from /proc (Linux); 0 elsewhere. */
function treeRssMB(root: number): number {
  let entries: string[];
  try {
    entries = readdirSync('/proc').filter((e) => /^\d+$/.test(e));
  } catch {
    return 0;
  }
  const children = new Map<number, number[]>();
  const rss = new Map<number, number>();
  for (const e of entries) {
    try {
      // Fields after the command name (which may hold spaces) start after the last ')'.
      const stat = readFileSync(`/proc/${e}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const pid = Number(e);
      const ppid = Number(fields[1]);
      rss.set(pid, Number(fields[21]) * 4096);
      children.set(ppid, [...(children.get(ppid) ?? []), pid]);
    } catch {
      /* the process ended meanwhile */
    }
  }
  let total = 0;
  const stack = [root];
  while (stack.length > 0) {
    const pid = stack.pop()!;
    total += rss.get(pid) ?? 0;
    stack.push(...(children.get(pid) ?? []));
  }
  return total / 1024 / 1024;
}

/** Runs a child in its own process group, killed with its children when the time limit passes. */
function run(
  command: string,
  args: string[],
  stdout: 'pipe' | 'ignore' | number,
  timeoutMs: number,
): Promise<ChildRun> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(command, args, { cwd: ROOT, stdio: ['ignore', stdout, 'pipe'], detached: true });
    let out = '';
    let err = '';
    child.stdout?.setEncoding('utf8').on('data', (d: string) => (out += d));
    child.stderr!.setEncoding('utf8').on('data', (d: string) => (err = (err + d).slice(-8192)));
    let timedOut = false;
    let peak = 0;
    const sampler = setInterval(() => (peak = Math.max(peak, treeRssMB(child.pid!))), 100);
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        /* already gone */
      }
    }, timeoutMs);
    child.on('error', (e) => {
      clearTimeout(timer);
      clearInterval(sampler);
      reject(e);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      clearInterval(sampler);
      resolve({ wallMs: performance.now() - t0, code, signal, timedOut, stdout: out, stderr: err, treeRssMB: peak });
    });
  });
}

/** Why a child did not finish as hoped, in a few words; undefined when it exited with one of `ok`. */
function failure(r: ChildRun, ok: number[], extra = ''): string | undefined {
  if (r.timedOut) return `timed out after ${(r.wallMs / 1000).toFixed(0)} s`;
  const text = r.stderr + extra;
  if (/heap out of memory|Allocation failed/.test(text)) return `out of memory (${r.signal ?? `exit ${r.code}`})`;
  if (r.code !== null && ok.includes(r.code)) return undefined;
  const last =
    r.stderr
      .trim()
      .split('\n')
      .filter((l) => l.trim() && !l.startsWith('{'))
      .at(-1)
      ?.slice(0, 120) ?? '';
  return `${r.signal ? `killed by ${r.signal}` : `exit ${r.code}`}${last ? `: ${last}` : ''}`;
}

interface Row {
  workers: number;
  periods?: number;
  fileMB?: number;
  parseS?: number;
  parseMs?: number;
  parseRssMB?: number;
  engineS?: number;
  engineExit?: number | null;
  engineProblem?: string;
  rssMB?: number;
  /** Summed over the CLI and its worker processes. */
  treeRssMB?: number;
  ratioA?: number;
  /** The output floor (bench/write-floor.ts): writing the report's findings alone, on one core. */
  output?: { s: number; findings: number; mb: number };
  outputProblem?: string;
  naive?: RatioResult;
  naiveProblem?: string;
  problem?: string;
}

/** One size measured; `naive`: also ratio (b) on its first workers (the year with oppdrag prints none). */
async function measure(workers: number, o: Options, dir: string, naive = true): Promise<Row> {
  const row: Row = { workers };
  const kind = o.oppdrag ? '-oppdrag' : '';
  const file = join(dir, `rota-${workers}${kind}.json`);
  const node = process.execPath;

  progress(`${workers} workers: generating ${file}`);
  const fd = openSync(file, 'w');
  const gen = await run(
    node,
    [
      '--import',
      'tsx',
      'scenarios/generate.ts',
      '--workers',
      String(workers),
      '--weeks',
      String(o.weeks),
      '--seed',
      String(o.seed),
      ...(o.oppdrag ? [] : ['--no-oppdrag']),
    ],
    fd,
    o.timeoutMs,
  );
  closeSync(fd);
  const genProblem = failure(gen, [0]);
  if (genProblem) return { ...row, problem: `generator: ${genProblem}` };
  row.fileMB = statSync(file).size / 1e6;
  progress(
    `${workers} workers: ${row.fileMB.toFixed(1)} MB in ${(gen.wallMs / 1000).toFixed(1)} s; parse and validate only`,
  );

  const parse = await run(node, ['--import', 'tsx', 'bench/parse-only.ts', file], 'pipe', o.timeoutMs);
  const parseProblem = failure(parse, [0]);
  if (parseProblem) return { ...row, problem: `parse only: ${parseProblem}` };
  const floor = JSON.parse(parse.stdout) as { ms: number; maxRssMB: number; periods: number };
  Object.assign(row, {
    periods: floor.periods,
    parseS: parse.wallMs / 1000,
    parseMs: floor.ms,
    parseRssMB: floor.maxRssMB,
  });
  progress(`${workers} workers: ${floor.periods} periods, parsed in ${(parse.wallMs / 1000).toFixed(2)} s; the CLI`);

  const useTime = existsSync(TIME);
  const jobs = o.jobs ? ['--jobs', String(o.jobs)] : [];
  const timeFile = join(dir, `time-${workers}${kind}.txt`);
  const check = useTime
    ? await run(
        TIME,
        ['-f', '%M', '-o', timeFile, node, 'bin/turnussjekk.mjs', 'check', file, '--format', 'json', ...jobs],
        'ignore',
        o.timeoutMs,
      )
    : await run(node, ['--import', 'tsx', 'bench/check-run.ts', file], 'ignore', o.timeoutMs);
  const timeText = useTime && existsSync(timeFile) ? readFileSync(timeFile, 'utf8') : '';
  row.engineS = check.wallMs / 1000;
  if (check.treeRssMB > 0) row.treeRssMB = check.treeRssMB;
  row.engineExit = check.code;
  row.engineProblem = failure(check, [0, 1], timeText);
  if (useTime) {
    const kb = Number(timeText.trim().split('\n').at(-1));
    if (Number.isFinite(kb) && kb > 0) row.rssMB = kb / 1024;
    const signal = /terminated by signal (\d+)/.exec(timeText);
    if (signal && !row.engineProblem) row.engineProblem = `terminated by signal ${signal[1]}`;
  } else {
    const line = check.stderr.trim().split('\n').at(-1) ?? '';
    if (line.startsWith('{')) row.rssMB = (JSON.parse(line) as { maxRssMB: number }).maxRssMB;
  }
  if (!row.engineProblem) row.ratioA = check.wallMs / parse.wallMs;
  progress(`${workers} workers: CLI ${row.engineProblem ?? `exit ${check.code}`} after ${row.engineS.toFixed(1)} s`);
  if (workers <= OUTPUT_FLOOR_MAX_WORKERS && !row.engineProblem) {
    progress(`${workers} workers: the output floor (the report as NDJSON, then its findings written again)`);
    const output = await outputFloor(file, jobs, dir, o.timeoutMs);
    if (typeof output === 'string') row.outputProblem = output;
    else row.output = output;
  }
  if (naive) progress(`${workers} workers: naive baseline on ${Math.min(o.sample, workers)} workers`);
  if (!naive) {
    if (!o.keep) rmSync(file, { force: true });
    return row;
  }

  const ratio = await run(
    node,
    ['--import', 'tsx', 'bench/naive-ratio.ts', file, '--sample', String(o.sample)],
    'pipe',
    o.timeoutMs,
  );
  const ratioProblem = failure(ratio, [0]);
  if (ratioProblem) row.naiveProblem = ratioProblem;
  else row.naive = JSON.parse(ratio.stdout) as RatioResult;
  progress(`${workers} workers: done`);
  if (!o.keep) rmSync(file, { force: true });
  return row;
}

/** The output floor is measured up to this size (the report of 50 000 workers is about 5 GB of NDJSON on disk). */
const OUTPUT_FLOOR_MAX_WORKERS = 10_000;

/**
 * The output floor of a rota: its report written as NDJSON into a file by the CLI (not timed), then
 * bench/write-floor.ts writing those findings again as the JSON report has them, timed alone.
 */
async function outputFloor(
  file: string,
  jobs: string[],
  dir: string,
  timeoutMs: number,
): Promise<{ s: number; findings: number; mb: number } | string> {
  const ndjson = join(dir, 'report.ndjson');
  const fd = openSync(ndjson, 'w');
  try {
    let report: ChildRun;
    try {
      report = await run(
        process.execPath,
        ['bin/turnussjekk.mjs', 'check', file, '--format', 'ndjson', ...jobs],
        fd,
        timeoutMs,
      );
    } finally {
      closeSync(fd);
    }
    const reportProblem = failure(report, [0, 1]);
    if (reportProblem) return `the NDJSON report: ${reportProblem}`;
    const floor = await run(process.execPath, ['--import', 'tsx', 'bench/write-floor.ts', ndjson], 'pipe', timeoutMs);
    const floorProblem = failure(floor, [0]);
    if (floorProblem) return `write floor: ${floorProblem}`;
    const { ms, findings, bytes } = JSON.parse(floor.stdout) as { ms: number; findings: number; bytes: number };
    return { s: ms / 1000, findings, mb: bytes / 1e6 };
  } finally {
    rmSync(ndjson, { force: true });
  }
}

const fmt = (x: number | undefined, digits = 1) =>
  x === undefined || !Number.isFinite(x)
    ? '–'
    : x.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const int = (x: number | undefined) => (x === undefined ? '–' : Math.round(x).toLocaleString('en-US'));

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  // Columns of numbers are right-aligned, the rest left-aligned.
  const numeric = header.map((_, i) => rows.every((r) => /^[-–\d,.]+$/.test(r[i]!)));
  const line = (cells: string[]) =>
    `| ${cells.map((c, i) => (numeric[i] ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join(' | ')} |`;
  return [
    line(header),
    `|${widths.map((w, i) => (numeric[i] ? ` ${'-'.repeat(w - 1)}: ` : ` ${'-'.repeat(w)} `)).join('|')}|`,
    ...rows.map(line),
  ].join('\n');
}

function report(rows: Row[], o: Options): string {
  const out: string[] = [];
  out.push(
    `turnussjekk bench: ${o.weeks} weeks, seed ${o.seed}, Node ${process.version}, ${process.platform}/${process.arch}`,
  );
  out.push(
    o.oppdrag
      ? 'with oppdrag (--oppdrag): the CLI times include the conversion assessment of every oppdrag.'
      : 'rule evaluation only: generated with --no-oppdrag (every assignment an arbeidsavtale), so the CLI skips the conversion assessment, which is a separate cost (docs/robustness.md, open issue 3); --oppdrag includes it.',
  );
  out.push('');
  out.push(
    table(
      [
        'workers',
        'periods',
        'JSON MB',
        'parse s',
        'engine s',
        'periods/s',
        'peak RSS MB',
        'largest process MB',
        'ratio (a)',
        'ratio (b)',
        'CLI',
      ],
      rows.map((r) => [
        int(r.workers),
        int(r.periods),
        fmt(r.fileMB),
        fmt(r.parseS, 2),
        fmt(r.engineS, 2),
        r.engineProblem || r.periods === undefined || r.engineS === undefined ? '–' : int(r.periods / r.engineS),
        fmt(r.treeRssMB ?? r.rssMB, 0),
        fmt(r.rssMB, 0),
        fmt(r.ratioA, 2),
        r.naive ? fmt(r.naive.ratio, 2) : '–',
        r.problem ?? r.engineProblem ?? `exit ${r.engineExit}`,
      ]),
    ),
  );
  out.push('');
  out.push(
    'parse s: child process that only reads, parses and validates the file (loadInputFile), wall time; in-process part and its peak RSS:',
  );
  out.push(
    `  ${rows
      .filter((r) => r.parseMs !== undefined)
      .map((r) => `${int(r.workers)}: ${fmt(r.parseMs! / 1000, 2)} s, ${fmt(r.parseRssMB, 0)} MB`)
      .join('; ')}`,
  );
  out.push(
    `engine s: \`node bin/turnussjekk.mjs check FILE --format json${o.jobs ? ` --jobs ${o.jobs}` : ''} > /dev/null\`, wall time. Exit 1 = violations found (expected).`,
  );
  out.push(
    'peak RSS MB: the CLI and its worker processes together (summed from /proc every 100 ms); largest process MB: /usr/bin/time %M (the largest single process).',
  );
  out.push(
    'ratio (a) = engine s ÷ parse s (target ≤ 5). ratio (b) = naive ÷ engine on the sample below (target ≥ 20: the naive baseline at least 20 times slower).',
  );
  for (const line of outputFloorLines(rows, TARGETS.ratioA)) out.push(line);
  out.push('');

  const lin = rows.filter((r) => !r.engineProblem && !r.problem && r.periods && r.engineS);
  if (lin.length > 0) {
    const per = lin.map((r) => ({ r, s: r.engineS! / (r.periods! / 100_000) }));
    out.push(
      `linearity (engine s per 100 000 periods): ${per.map(({ r, s }) => `${int(r.workers)} workers: ${fmt(s, 2)} s`).join('; ')}`,
    );
    if (per.length > 1)
      out.push(
        `  largest ÷ smallest size, per period: ${fmt(per.at(-1)!.s / per[0]!.s, 2)} (1.00 = linear; start-up weighs more at small sizes)`,
      );
    out.push('');
  }

  out.push('ratio (b), naive ÷ engine, in one process on the first workers of each file (bench/naive-ratio.ts):');
  const withNaive = rows.filter((r) => r.naive || r.naiveProblem);
  out.push(
    table(
      [
        'file workers',
        'sample',
        'periods',
        'engine s',
        'naive s',
        'naive ÷ engine',
        'naive windows',
        'engine, six rules s',
        'naive ÷ engine, six rules',
      ],
      withNaive.map((r) =>
        r.naive
          ? [
              int(r.workers),
              int(r.naive.workers),
              int(r.naive.periods),
              fmt(r.naive.engineMs / 1000, 2),
              fmt(r.naive.naiveMs / 1000, 2),
              fmt(r.naive.ratio, 2),
              int(r.naive.naiveWindows),
              fmt(r.naive.sameRulesEngineMs / 1000, 2),
              fmt(r.naive.sameRulesRatio, 2),
            ]
          : [int(r.workers), '–', '–', '–', '–', r.naiveProblem!, '–', '–', '–'],
      ),
    ),
  );
  const first = rows.find((r) => r.naive)?.naive;
  if (first) {
    out.push(
      `naive ÷ engine (ratio (b)): the engine evaluates all ${first.engineChecks} checks of the rule book (with agreements, deferrals, profiles, messages), the baseline ${first.naiveRules} rules, so the ratio is conservative.`,
    );
    out.push(
      `naive ÷ engine, six rules: the engine again, given a rule book of only the baseline's ${first.naiveRules} checks (measured, not scaled); shown beside the issue's ratio, not instead of it.`,
    );
    out.push('Breaches found in the sample (engine: violations and warnings of the same rule id and reading):');
    out.push(
      table(
        ['rule', 'reading', 'naive', 'engine', 'naive, no agreements', 'engine, no agreements'],
        first.counts.map((c, i) => [
          c.ruleId,
          c.reading,
          int(c.naive),
          int(c.engine),
          int(first.countsWithoutAgreements[i]!.naive),
          int(first.countsWithoutAgreements[i]!.engine),
        ]),
      ),
    );
    out.push(
      "Agreements are outside the baseline (bench/naive-baseline.ts): the engine lifts limits and hands windows to § 10-5 and the avlaster regulation under the plan's agreements, so on the file as generated the counts differ; with the agreements removed from the sample they must be equal.",
    );
  }
  out.push('');

  out.push('targets (issue 7, this machine):');
  const done = lin.at(-1);
  if (done) {
    const rate = done.periods! / done.engineS!;
    const projected = TARGETS.periods / rate;
    out.push(
      `  ${int(TARGETS.periods)} periods end to end under ${TARGETS.seconds} s: ${int(rate)} periods/s at ${int(done.workers)} workers (${int(done.periods)} periods in ${fmt(done.engineS, 1)} s) → ${fmt(projected, 1)} s for ${int(TARGETS.periods)}${done.periods! < TARGETS.periods ? ' (extrapolated linearly)' : ''}: ${projected < TARGETS.seconds ? 'met' : 'NOT met'}`,
    );
  } else out.push('  periods per second: no size finished');
  for (const r of rows) {
    const bits = [
      (r.treeRssMB ?? r.rssMB) !== undefined
        ? `peak RSS (all processes) ${fmt(r.treeRssMB ?? r.rssMB, 0)} MB ${(r.treeRssMB ?? r.rssMB)! < TARGETS.rssMB ? '< 1.5 GB: met' : '≥ 1.5 GB: NOT met'}`
        : 'peak RSS –',
      r.ratioA !== undefined
        ? `ratio (a) ${fmt(r.ratioA, 2)} ${r.ratioA <= TARGETS.ratioA ? '≤ 5: met' : '> 5: NOT met'}`
        : 'ratio (a) –',
      r.naive
        ? `ratio (b) ${fmt(r.naive.ratio, 2)} ${r.naive.ratio >= TARGETS.ratioB ? '≥ 20: met' : '< 20: NOT met'}`
        : 'ratio (b) –',
    ];
    out.push(
      `  ${int(r.workers)} workers: ${bits.join('; ')}${r.problem || r.engineProblem ? ` (CLI: ${r.problem ?? r.engineProblem})` : ''}`,
    );
  }
  return out.join('\n');
}

/**
 * The output floor beside the parse floor, and what a target ratio leaves for the rest once both
 * are paid: the CLI reads and validates the file as the parse floor does, and writes the findings
 * at least as fast as the output floor, spread at best over every core.
 */
function outputFloorLines(rows: Row[], target: number): string[] {
  const cores = availableParallelism();
  const lines: string[] = [];
  for (const r of rows) {
    if (r.outputProblem) lines.push(`output floor, ${int(r.workers)} workers: ${r.outputProblem}`);
    if (!r.output || r.parseS === undefined) continue;
    const { s, findings, mb } = r.output;
    const left = target * r.parseS - r.parseS - s / cores;
    lines.push(
      `output floor, ${int(r.workers)} workers (bench/write-floor.ts): ${int(findings)} findings, ${fmt(mb, 1)} MB as the JSON report has them, written in ${fmt(s, 2)} s on one core (${fmt(s / r.parseS, 2)} × the parse floor), at best ${fmt(s / cores, 2)} s on ${cores} cores;`,
      `  ${target} × the parse floor (${fmt(target * r.parseS, 2)} s) less both floors leaves ${fmt(left, 2)} s for evaluating and handing over the parts, against ${r.engineS === undefined ? '–' : fmt(r.engineS - r.parseS - s / cores, 2)} s in this run.`,
    );
  }
  return lines;
}

/** The size the year with oppdrag is measured at: 10 000 workers, else the largest size below it, else the smallest. */
function oppdragSize(sizes: number[]): number {
  const below = sizes.filter((n) => n <= 10_000);
  return below.length > 0 ? Math.max(...below) : Math.min(...sizes);
}

/** The year with oppdrag: seconds, ratio to its own parse floor measured in the same run, peak RSS, against issue 16's targets. */
function oppdragReport(r: Row): string {
  const rss = r.treeRssMB ?? r.rssMB;
  const bits = [
    `engine ${fmt(r.engineS, 2)} s`,
    `parse floor ${fmt(r.parseS, 2)} s`,
    r.ratioA !== undefined
      ? `ratio ${fmt(r.ratioA, 2)} ${r.ratioA <= TARGETS.ratioOppdrag ? `≤ ${TARGETS.ratioOppdrag}: met` : `> ${TARGETS.ratioOppdrag}: NOT met`}`
      : 'ratio –',
    rss !== undefined
      ? `peak RSS (all processes) ${fmt(rss, 0)} MB ${rss < TARGETS.rssMB ? '< 1.5 GB: met' : '≥ 1.5 GB: NOT met'}`
      : 'peak RSS –',
  ];
  return [
    '',
    `with oppdrag (the conversion assessment of every oppdrag), ${int(r.workers)} workers, ${int(r.periods)} periods (target, issue 16: at most ${TARGETS.ratioOppdrag} times the parse floor):`,
    `  ${bits.join('; ')}${r.problem || r.engineProblem ? ` (CLI: ${r.problem ?? r.engineProblem})` : ''}`,
    ...outputFloorLines([r], TARGETS.ratioOppdrag).map((line) => `  ${line}`),
  ].join('\n');
}

async function bench(): Promise<void> {
  const o = readOptions(process.argv.slice(2));
  const dir = mkdtempSync(join(tmpdir(), 'turnussjekk-bench-'));
  progress(
    `sizes ${o.sizes.join(', ')} workers, ${o.weeks} weeks, seed ${o.seed}, sample ${o.sample}; files in ${dir}`,
  );
  const rows: Row[] = [];
  let withOppdrag: Row | undefined;
  try {
    if (o.national) {
      for (const workers of o.sizes) rows.push(await measure(workers, o, dir));
      if (!o.oppdrag) withOppdrag = await measure(oppdragSize(o.sizes), { ...o, oppdrag: true }, dir, false);
    }
  } finally {
    if (!o.keep) rmSync(dir, { recursive: true, force: true });
  }
  if (o.national) process.stdout.write(`${report(rows, o)}\n`);
  if (withOppdrag) process.stdout.write(`${oppdragReport(withOppdrag)}\n`);
  if (o.api) {
    const [load1] = loadavg();
    const api = await measureApi(o);
    process.stdout.write(
      `${o.national ? '\n' : ''}${apiReport(api)}\nload average before the API section: ${load1!.toFixed(2)} (${availableParallelism()} cores)\n`,
    );
  }
}

bench().catch((err: unknown) => {
  console.error(`bench: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 2;
});
