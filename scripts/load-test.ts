// Load test for the HTTP API: a realistic 50-worker, 6-week turnus built in memory, POSTed to
// /v1/evaluate on a server this script starts on the loopback interface and stops afterwards.
//
//   npm run loadtest -- [--duration 10] [--connections 10] [--workers 50] [--weeks 6] [--yaml]
//                       [--target evaluate|health|rules|floor]   (health/rules: the HTTP layer without evaluate;
//                                          floor: the same POSTs to a bare Fastify app that only JSON.parses
//                                          the body and answers a few bytes, what any design pays per request)
//                       [--cache on|off]   (off: every request is evaluated; on: the report cache answers repeats)
//                       [--worker-cache on|off]  (on: workers' reports kept, so a turnus posted again with changes evaluates only the changed workers)
//                       [--instances N]    (N > 1: dist/api/server.js with TURNUSSJEKK_INSTANCES=N, one process per core)
//                       [--distinct N]     (N different turnuses, posted in turn: with both caches off, no request repeats another's facts)
//                       [--edits]          (every request a new save of the turnus with one shift of one worker shortened: a planner saving as they go)
//                       [--changed-since]  (with --edits: each save asks only for the workers whose reports differ from the turnus's first answer, by its ETag)
//                       [--saves]          (with --edits: each save sends only the changed worker to /v1/evaluate/changes, on the turnus's first answer's ETag)
//                       [--chain]          (with --saves: each connection saves on its own last answer's ETag, its edits adding up: a planner at work)
//                       [--threads N]      (evaluation threads, api/pool.ts; 0 = on the event loop; default one per core)
//                       [--health-during-large]  (instead: /health latency while one large rota, --workers × --weeks, is evaluated)
//
// Loopback only: the app listens on 127.0.0.1 with an ephemeral port and autocannon targets that
// address alone; the run is bounded by --duration (seconds) and ends by itself.
//
// The server and the engine measured are the build, as `npm start` runs them (dist/, built from these
// sources first when a source changed since: scripts/build.mjs ensureBuilt), not the sources through
// tsx: the same code, but tsx keeps every function's name (a call for each closure made), which
// made an evaluation of the load turnus about 6 % slower than the build.
import { random } from './generate-rota.ts';
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { createServer, type AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import { fileURLToPath, pathToFileURL } from 'node:url';
import Fastify, { type FastifyReply, type FastifyRequest } from 'fastify';
import { parse as fromYaml, stringify as toYaml } from 'yaml';
import { DEFAULT_BODY_LIMIT } from '../api/config.ts';
import { ensureBuilt } from './build.mjs';
import { wholeOption } from './options.ts';

/** What the load test runs of the product, from the build (dist/api/app.js, dist/lib/index.js). */
interface Product {
  buildApp: typeof import('../api/app.ts').buildApp;
  evaluate: typeof import('../src/engine/evaluate.ts').evaluate;
  validateRotaDocument: typeof import('../src/rota/load.ts').validateRotaDocument;
}
let fresh: Promise<void> | undefined;
let loaded: Promise<Product> | undefined;

/** dist/ built from the sources as they are now (once a run). */
function freshBuild(): Promise<void> {
  fresh ??= ensureBuilt().then((rebuilt) => {
    if (rebuilt) console.log('(built dist/ first: a source had changed)');
  });
  return fresh;
}

/** The build as `npm start` runs it, built first if a source changed since (the file header says why). */
function product(): Promise<Product> {
  loaded ??= (async () => {
    await freshBuild();
    const [app, lib] = await Promise.all([
      import(new URL('../dist/api/app.js', import.meta.url).href),
      import(new URL('../dist/lib/index.js', import.meta.url).href),
    ]);
    return { buildApp: app.buildApp, evaluate: lib.evaluate, validateRotaDocument: lib.validateRotaDocument };
  })();
  return loaded;
}

// autocannon ships no type declarations; this is the part of its API used here.
interface Histogram {
  average: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  total: number;
}
export interface LoadResult {
  requests: Histogram;
  latency: Histogram;
  throughput: Histogram;
  duration: number;
  errors: number;
  timeouts: number;
  non2xx: number;
}
type Autocannon = (options: {
  url: string;
  method: string;
  headers: Record<string, string>;
  body?: string;
  /** Cycled through by every connection; setupRequest makes each request as it is sent. */
  requests?: Array<{
    body?: string;
    // biome-ignore lint/suspicious/noExplicitAny: autocannon's per-connection context is the caller's own shape.
    setupRequest?: (req: { body?: string; path?: string }, context: any) => { body?: string; path?: string };
    // biome-ignore lint/suspicious/noExplicitAny: as above.
    onResponse?: (status: number, body: string, context: any, headers: Record<string, string>) => void;
  }>;
  connections: number;
  duration: number;
  /** Called with each connection's client as it is made. */
  setupClient?: (client: { requestIterator: { resetContext: () => void } }) => void;
}) => Promise<LoadResult>;

export interface LoadRotaOptions {
  workers?: number;
  weeks?: number;
  /** Monday the turnus starts on (local date). The default puts the spring DST change inside the 6 weeks. */
  startMonday?: string;
  seed?: number;
}

function addDays(isoDate: string, days: number): string {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

const SHIFTS = {
  day: { start: '07:30', end: '15:00', hours: 7.5 },
  evening: { start: '15:00', end: '22:30', hours: 7.5 },
  night: { start: '22:30', end: '07:30', hours: 9 },
} as const;
type Shift = keyof typeof SHIFTS;

/** Minutes since the turnus start, on a naive wall clock (good enough to keep 11 h between shifts). */
function wallMinutes(dayIndex: number, time: string): number {
  const [h, m] = time.split(':').map(Number) as [number, number];
  return dayIndex * 24 * 60 + h * 60 + m;
}

/**
 * A municipal home-care turnus, planned the way a roster planner would: employed nurses and care
 * workers rotate week by week between day, evening and night shifts (7.5 h days and evenings,
 * 9 h nights, every third weekend on, at least 11 h between shifts, two days off together), about
 * a quarter of them also take weekend respite stays for the same municipality (Friday 16:00 to
 * Sunday 16:00, oppdrag, two passive nights) on weekends they are off, and one in ten is a respite
 * carer only, every other weekend, with a written § 4 agreement. Wall times are Europe/Oslo.
 */
export function buildLoadRota(options: LoadRotaOptions = {}): Record<string, unknown> {
  const workerCount = options.workers ?? 50;
  const weeks = options.weeks ?? 6;
  const monday = options.startMonday ?? '2025-03-03';
  const rnd = random(options.seed ?? 20250303);
  const workers: Array<{ id: string }> = [];
  const assignments: Array<Record<string, string>> = [];
  const periods: Array<Record<string, string | number>> = [];
  const agreements: Array<Record<string, string>> = [
    // KS-area tariff: averaging of working hours in a turnus (AML § 10-5 (2)).
    { type: 'aml-10-5-2-tariff-averaging', employer: 'fjordvik-kommune' },
  ];
  const WEEK_TYPES: Shift[] = ['day', 'evening', 'day', 'night', 'day', 'evening'];

  for (let w = 0; w < workerCount; w++) {
    const workerId = `w${String(w + 1).padStart(3, '0')}`;
    workers.push({ id: workerId });
    const respiteOnly = w % 10 === 9;
    const alsoRespite = !respiteOnly && w % 4 === 0;
    const weekendsOn = new Set<number>();
    let lastEnd = -Infinity; // wall minutes of the previous shift's end
    const booked: Array<[number, number]> = [];
    if (!respiteOnly) {
      const assignmentId = `${workerId}-turnus`;
      assignments.push({
        id: assignmentId,
        workerId,
        kind: 'employment',
        contract: 'arbeidsavtale',
        employer: 'fjordvik-kommune',
      });
      for (let week = 0; week < weeks; week++) {
        const type = WEEK_TYPES[(week + w) % WEEK_TYPES.length]!;
        const weekendOn = (week + w) % 3 === 0;
        if (weekendOn) weekendsOn.add(week);
        // Working days of the week (0 = Monday): five shifts, the two days off together.
        let days: number[];
        if (type === 'night') days = weekendOn ? [0, 1, 4, 5, 6] : [0, 1, 2, 3];
        else days = weekendOn ? [0, 3, 4, 5, 6] : [0, 1, 2, 3, 4];
        if (rnd() < 0.25) days.splice(Math.floor(rnd() * days.length), 1); // part-time: a shift less now and then
        for (const day of days) {
          const i = week * 7 + day;
          const shift = SHIFTS[type];
          const start = wallMinutes(i, shift.start);
          if (start - lastEnd < 11 * 60) continue; // the planner keeps 11 h between shifts
          const endDay = type === 'night' ? i + 1 : i;
          lastEnd = wallMinutes(endDay, shift.end);
          booked.push([start, lastEnd]);
          const date = addDays(monday, i);
          periods.push({
            assignmentId,
            start: `${date}T${shift.start}`,
            end: `${addDays(monday, endDay)}T${shift.end}`,
          });
        }
      }
    }
    if (respiteOnly || alsoRespite) {
      const assignmentId = `${workerId}-avlastning`;
      assignments.push({
        id: assignmentId,
        workerId,
        kind: 'respite-carer-home',
        contract: 'oppdrag',
        employer: 'fjordvik-kommune',
      });
      for (let week = (w % 2) + 1; week < weeks; week += respiteOnly ? 2 : 3) {
        // Stays only on weekends off from the turnus, and never over a shift.
        const from = wallMinutes(week * 7 + 4, '16:00');
        const to = wallMinutes(week * 7 + 6, '16:00');
        if (weekendsOn.has(week) || booked.some(([a, b]) => a < to && from < b)) continue;
        const friday = addDays(monday, week * 7 + 4);
        periods.push({ assignmentId, start: `${friday}T16:00`, end: `${addDays(friday, 2)}T16:00`, passiveHours: 16 });
      }
      if (respiteOnly) agreements.push({ type: 'avl-4-60h', workerId, employer: 'fjordvik-kommune' });
    }
  }
  return { version: 1, timezone: 'Europe/Oslo', workers, assignments, periods, agreements };
}

export interface Args {
  duration: number;
  connections: number;
  workers: number;
  weeks: number;
  yaml: boolean;
  /**
   * evaluate (default) posts the turnus; health and rules measure the HTTP layer alone; floor posts
   * the same bodies to a bare Fastify app (floorApp) that reads them and evaluates nothing.
   */
  target: 'evaluate' | 'health' | 'rules' | 'floor';
  /** The report cache (api/cache.ts): on answers the repeated body from it; off evaluates every request. */
  cache: boolean;
  /** Workers' reports kept (engine/workerReports.ts): a turnus posted again with changes evaluates only the changed workers. */
  workerCache: boolean;
  /** Server processes (node:cluster); 1 = the app in this process. */
  instances: number;
  /** Different turnuses (seeds) posted in turn. */
  distinct: number;
  /** Every request a new save of the turnus with one shift of one worker changed (editOf), never one posted before. */
  edits: boolean;
  /** With edits: ask only for the workers that changed since the turnus's first answer (changedSince=<ETag>). */
  changedSince: boolean;
  /** With edits: send only the changed worker's part, a save on the turnus's first answer (POST /v1/evaluate/changes?base=<ETag>). */
  saves: boolean;
  /** With saves: each connection saves on the ETag of its own last answer, its edits adding up. */
  chain: boolean;
  /** Evaluation threads (api/pool.ts); undefined = the server's default (one per core). */
  threads: number | undefined;
  /** Measure /health while one large rota is evaluated, instead of a load run. */
  healthDuringLarge: boolean;
}

function readArgs(argv: string[]): Args {
  const { values } = parseArgs({
    args: argv,
    options: {
      duration: { type: 'string', default: '10' },
      connections: { type: 'string', default: '10' },
      workers: { type: 'string', default: '50' },
      weeks: { type: 'string', default: '6' },
      yaml: { type: 'boolean', default: false },
      target: { type: 'string', default: 'evaluate' },
      cache: { type: 'string', default: 'on' },
      'worker-cache': { type: 'string', default: 'on' },
      edits: { type: 'boolean', default: false },
      'changed-since': { type: 'boolean', default: false },
      saves: { type: 'boolean', default: false },
      chain: { type: 'boolean', default: false },
      threads: { type: 'string' },
      'health-during-large': { type: 'boolean', default: false },
      instances: { type: 'string', default: '1' },
      distinct: { type: 'string', default: '1' },
    },
  });
  if (!['on', 'off'].includes(values.cache!)) throw new Error(`--cache must be on or off, got "${values.cache}"`);
  if (!['on', 'off'].includes(values['worker-cache']!))
    throw new Error(`--worker-cache must be on or off, got "${values['worker-cache']}"`);
  const target = values.target as Args['target'];
  if (!['evaluate', 'health', 'rules', 'floor'].includes(target))
    throw new Error(`--target must be evaluate, health, rules or floor, got "${values.target}"`);
  return {
    duration: wholeOption('duration', values.duration, 1, 600),
    connections: wholeOption('connections', values.connections, 1, 1000),
    workers: wholeOption('workers', values.workers, 1, 5000),
    weeks: wholeOption('weeks', values.weeks, 1, 104),
    yaml: values.yaml ?? false,
    target,
    cache: values.cache === 'on',
    workerCache: values['worker-cache'] === 'on',
    instances: wholeOption('instances', values.instances, 1, 64),
    distinct: wholeOption('distinct', values.distinct, 1, 10_000),
    edits: values.edits ?? false,
    changedSince: values['changed-since'] ?? false,
    saves: values.saves ?? false,
    chain: values.chain ?? false,
    threads: values.threads === undefined ? undefined : wholeOption('threads', values.threads, 0, 64),
    healthDuringLarge: values['health-during-large'] ?? false,
  };
}

/**
 * The k-th save of a planner editing the turnus: period k mod P (P periods, so the edits go round
 * the workers) ends 30 × (1 + ⌊k / P⌋) minutes earlier than in the turnus, and nothing else
 * changes. No two of the first 7 × P saves are alike. Shifts end at 07:30, 15:00, 16:00 or 22:30 and
 * last at least 7.5 hours, so the new end is never in the DST change's missing hour and always
 * after the start. A planner's saves on her own last answer (--chain) pass her edited turnus as
 * `rota` and the turnus as `turnus`: the end is still measured from the turnus, so a shift she
 * shortened before is not shortened again past its start (her saves stay valid however long she works).
 */
export function editOf(
  rota: Record<string, unknown>,
  k: number,
  turnus: Record<string, unknown> = rota,
): Record<string, unknown> {
  const periods = rota.periods as Array<{ end: string }>;
  const i = k % periods.length;
  const minutes = 30 * (1 + (Math.floor(k / periods.length) % 7));
  const from = (turnus.periods as Array<{ end: string }>)[i]!.end;
  const end = new Date(Date.parse(`${from}Z`) - minutes * 60_000).toISOString().slice(0, 16);
  return { ...rota, periods: periods.map((p, j) => (j === i ? { ...p, end } : p)) };
}

/**
 * A save of some workers (POST /v1/evaluate/changes): each worker of the document with all their
 * assignments, those assignments' periods and the agreements that name them, in the document's order.
 */
export function saveOf(rota: Record<string, unknown>, workerIds: readonly string[]): Record<string, unknown> {
  const ids = new Set(workerIds);
  const assignments = (rota.assignments as Array<{ id: string; workerId: string }>).filter((a) => ids.has(a.workerId));
  const owned = new Set(assignments.map((a) => a.id));
  return {
    workers: (rota.workers as Array<{ id: string }>).filter((w) => ids.has(w.id)),
    assignments,
    periods: (rota.periods as Array<{ assignmentId: string }>).filter((p) => owned.has(p.assignmentId)),
    agreements: ((rota.agreements ?? []) as Array<{ workerId?: string }>).filter(
      (a) => a.workerId !== undefined && ids.has(a.workerId),
    ),
  };
}

/** The worker whose period the k-th save (editOf) changes. */
export function editedWorker(rota: Record<string, unknown>, k: number): string {
  const periods = rota.periods as Array<{ assignmentId: string }>;
  const assignment = periods[k % periods.length]!.assignmentId;
  return (rota.assignments as Array<{ id: string; workerId: string }>).find((a) => a.id === assignment)!.workerId;
}

/** At most this long (and 40 calls) spent warming the engine before timeEvaluate measures it. */
const WARM_UP_MS = 1_500;

/** Milliseconds per evaluate() call on the same turnus, in this process, without HTTP (median of `runs`). */
export async function timeEvaluate(rota: unknown, runs = 15): Promise<number> {
  const { evaluate, validateRotaDocument } = await product();
  const parsed = validateRotaDocument(rota);
  // Warm, as a server's thread is after its first requests: the first dozens of calls run on code
  // not yet optimized (the load turnus: a median of 40–47 ms over calls 2–16, 26 ms once warm).
  const warm = performance.now() + WARM_UP_MS;
  for (let i = 0; i < 40 && performance.now() < warm; i++) await evaluate(parsed);
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await evaluate(parsed);
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

/**
 * The turnuses a run with `--distinct N` posts: the load turnus, then N - 1 more from other seeds (the
 * same shape, other part-time days, so other facts).
 */
export function loadTurnuses({
  workers,
  weeks,
  distinct,
}: Pick<Args, 'workers' | 'weeks' | 'distinct'>): [Record<string, unknown>, ...Array<Record<string, unknown>>] {
  return [
    buildLoadRota({ workers, weeks }),
    ...Array.from({ length: distinct - 1 }, (_, i) => buildLoadRota({ workers, weeks, seed: 7_000 + i })),
  ];
}

export async function runLoadTest(args: Args): Promise<LoadResult> {
  const [rota, ...further] = loadTurnuses(args);
  const encode = (r: Record<string, unknown>) => (args.yaml ? toYaml(r) : JSON.stringify(r));
  const body = encode(rota);
  const others = further.map(encode);
  // The k-th request of all connections together is the k-th save (a shared counter, not one per connection).
  let saves = 0;
  let changedSincePath = '/v1/evaluate';
  let savesPath = '/v1/evaluate/changes';
  let firstEtag = '';
  /**
   * A connection's own turnus and the ETag of its last answer, when saves chain. Answered 412 (its
   * chain of saves too long for the server, or evicted), it posts its whole turnus again, as the
   * API tells a client to, and saves on that answer's ETag.
   */
  type Planner = { doc?: Record<string, unknown>; base?: string; whole?: boolean };
  const save = {
    setupRequest: (req: { body?: string; path?: string }, planner: Planner) => {
      if (args.saves && args.chain && planner.whole)
        return { ...req, body: encode(planner.doc!), path: '/v1/evaluate' };
      const k = saves++;
      if (args.saves && args.chain) {
        planner.doc = editOf(planner.doc ?? rota, k, rota);
        planner.base ??= firstEtag;
        const path = `/v1/evaluate/changes?base=${encodeURIComponent(planner.base)}`;
        return { ...req, body: encode(saveOf(planner.doc, [editedWorker(rota, k)])), path };
      }
      const edited = editOf(rota, k);
      if (args.saves) return { ...req, body: encode(saveOf(edited, [editedWorker(rota, k)])), path: savesPath };
      return { ...req, body: encode(edited), ...(args.changedSince ? { path: changedSincePath } : {}) };
    },
    onResponse: (status: number, _body: string, planner: Planner, headers: Record<string, string>) => {
      if (!args.chain) return;
      planner.whole = status === 412;
      if (status === 200 && headers.etag) planner.base = headers.etag;
    },
  };
  const contentType = args.yaml ? 'application/yaml' : 'application/json';
  const posts = args.target === 'evaluate' || args.target === 'floor';
  const path = posts ? '/v1/evaluate' : args.target === 'rules' ? '/v1/rules' : '/health';
  if (args.target === 'floor' && args.instances > 1) throw new Error('--target floor runs in this process only');
  const server = args.instances > 1 ? await startInstances(args) : undefined;
  const app = server
    ? undefined
    : args.target === 'floor'
      ? floorApp()
      : await (await product()).buildApp({
          logger: false,
          env: {},
          ...(args.cache ? {} : { cacheBytes: 0 }),
          ...(args.workerCache ? {} : { workerCacheBytes: 0 }),
          ...(args.threads !== undefined ? { threads: args.threads } : {}),
        });
  try {
    const address = server ? server.address : await app!.listen({ host: '127.0.0.1', port: 0 });
    const pool = app && 'evaluationPool' in app ? app.evaluationPool : undefined;
    console.log(
      (args.target === 'floor'
        ? 'server: a bare Fastify app in this process (the floor): each body read with JSON.parse, nothing validated or evaluated; '
        : `server: ${args.instances} ${args.instances === 1 ? 'process (this one)' : 'processes (node:cluster)'}, ` +
          `${pool ? `${pool.options.threads} evaluation threads` : args.instances === 1 ? 'evaluation on the event loop' : 'default threads'}, ` +
          `report cache ${args.cache ? 'on' : 'off'}, workers' report cache ${args.workerCache ? 'on' : 'off'}; `) +
        (args.edits
          ? `every request a new save of the turnus with one shift of one worker shortened${args.saves ? `, sending only that worker (POST /v1/evaluate/changes)${args.chain ? ', each connection on its own last answer' : ''}` : args.changedSince ? ', asking only for the workers that changed (changedSince)' : ''}`
          : args.distinct === 1
            ? 'one turnus posted again and again'
            : `${args.distinct} different turnuses posted in turn`),
    );
    // One request up front: a failure here is a broken setup, not a load figure.
    const probe = await fetch(`${address}/v1/evaluate`, {
      method: 'POST',
      body,
      headers: { 'content-type': contentType },
    });
    const report = (await probe.json()) as { findings?: unknown[] };
    if (probe.status !== 200)
      throw new Error(`probe request answered ${probe.status}: ${JSON.stringify(report).slice(0, 500)}`);
    if (args.changedSince || args.saves) {
      const etag = probe.headers.get('etag');
      if (!etag)
        throw new Error('--changed-since and --saves need the workers’ report cache on: the server sent no ETag');
      changedSincePath = `/v1/evaluate?changedSince=${encodeURIComponent(etag)}`;
      savesPath = `/v1/evaluate/changes?base=${encodeURIComponent(etag)}`;
      firstEtag = etag;
    }
    const rotaStats = rota as { periods: unknown[]; assignments: unknown[] };
    console.log(
      `turnus: ${args.workers} workers, ${args.weeks} weeks, ${rotaStats.assignments.length} assignments, ${rotaStats.periods.length} periods, ` +
        `${(Buffer.byteLength(body) / 1024).toFixed(1)} KiB ${args.yaml ? 'YAML' : 'JSON'}; report: ${report.findings?.length ?? 0} findings`,
    );
    if (args.target === 'evaluate')
      console.log(`evaluate() alone, no HTTP: ${(await timeEvaluate(rota)).toFixed(1)} ms per call (median)`);
    console.log(`autocannon: ${args.connections} connections for ${args.duration} s against ${address}${path}`);
    const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;
    const run = (duration: number) =>
      autocannon({
        url: `${address}${path}`,
        method: posts ? 'POST' : 'GET',
        headers: posts ? { 'content-type': contentType } : {},
        ...(posts
          ? args.edits
            ? { requests: [save] }
            : others.length > 0
              ? { requests: [body, ...others].map((b) => ({ body: b })) }
              : { body }
          : {}),
        connections: args.connections,
        duration,
        // autocannon empties a connection's context each time it starts its list of requests again
        // (here, after every request): a planner's turnus and last ETag must outlive that.
        ...(args.chain
          ? {
              setupClient: (client: { requestIterator: { resetContext: () => void } }) => {
                client.requestIterator.resetContext = () => {};
              },
            }
          : {}),
      });
    // A warm-up run, not counted: the evaluation threads (and the event loop) compile the engine's
    // hot code under load, as a server that has been up has; timeEvaluate warmed this thread only.
    await run(Math.min(3, args.duration));
    return await run(args.duration);
  } finally {
    await app?.close();
    await server?.stop();
  }
}

/**
 * The floor of a POST on this machine: a bare Fastify app reading the same bodies as the API (JSON
 * with JSON.parse, YAML with the yaml package) and answering a few bytes, with no validation and no
 * evaluation, on the same loopback with the same client in the same process. Any design of the
 * engine pays at least this per request; npm run bench measures the saves against it in one run.
 * It sends an ETag, so --changed-since and --saves ask for the same URLs as against the API.
 */
export function floorApp() {
  const app = Fastify({ logger: false, bodyLimit: DEFAULT_BODY_LIMIT });
  app.removeAllContentTypeParsers();
  app.addContentTypeParser(['application/json', 'application/yaml'], { parseAs: 'string' }, (_req, text, done) =>
    done(null, text),
  );
  const read = async (req: FastifyRequest, reply: FastifyReply) => {
    const text = req.body as string;
    const doc = (req.headers['content-type']?.startsWith('application/yaml') ? fromYaml(text) : JSON.parse(text)) as {
      periods?: unknown[];
    };
    void reply.header('etag', '"floor"');
    return { findings: [], periodsRead: doc.periods?.length ?? 0 };
  };
  app.post('/v1/evaluate', read);
  // The saves' route too (--saves): the same reading of a smaller body.
  app.post('/v1/evaluate/changes', read);
  return app;
}

/** A free loopback port: bound, read and released. */
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

/** dist/api/server.js (`npm start`) with TURNUSSJEKK_INSTANCES on a free loopback port. */
async function startInstances(args: Args): Promise<{ address: string; stop: () => Promise<void> }> {
  const port = await freePort();
  const root = fileURLToPath(new URL('..', import.meta.url));
  await freshBuild();
  const child = spawn(process.execPath, ['--max-semi-space-size=64', 'dist/api/server.js'], {
    cwd: root,
    env: {
      ...process.env,
      HOST: '127.0.0.1',
      PORT: String(port),
      TURNUSSJEKK_INSTANCES: String(args.instances),
      TURNUSSJEKK_LOG_LEVEL: 'warn',
      ...(args.cache ? {} : { TURNUSSJEKK_CACHE_MB: '0' }),
      ...(args.workerCache ? {} : { TURNUSSJEKK_WORKER_CACHE_MB: '0' }),
      ...(args.threads !== undefined ? { TURNUSSJEKK_THREADS: String(args.threads) } : {}),
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  // Logs at warn: request logs would cost the server time (the in-process app logs nothing).
  let exited = false;
  child.once('exit', () => (exited = true));
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (exited) throw new Error('dist/api/server.js exited before it was ready');
    if (Date.now() > deadline) throw new Error('dist/api/server.js did not start within 30 s');
    const ok = await fetch(`http://127.0.0.1:${port}/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  // The first instance answers; give the others the time one took to start.
  await new Promise((r) => setTimeout(r, 2_000));
  return {
    address: `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

export interface HealthDuringLarge {
  /** The large request: body size, periods, and how long it took to answer. */
  bodyBytes: number;
  periods: number;
  largeMs: number;
  largeStatus: number;
  /** /health requests asked while the large one was evaluated, one after another, and their latencies. */
  healthCount: number;
  p50: number;
  p99: number;
  max: number;
}

/**
 * /health latency while one large rota is evaluated: the large request is posted, and /health is
 * asked one request after another (a new one as soon as the last is answered, every 10 ms at most)
 * until the large one is answered.
 */
export async function healthDuringLarge(args: Pick<Args, 'workers' | 'weeks' | 'threads'>): Promise<HealthDuringLarge> {
  const rota = buildLoadRota({ workers: args.workers, weeks: args.weeks });
  const body = JSON.stringify(rota);
  const app = await (await product()).buildApp({
    logger: false,
    env: {},
    cacheBytes: 0,
    workerCacheBytes: 0,
    ...(args.threads !== undefined ? { threads: args.threads } : {}),
  });
  try {
    const address = await app.listen({ host: '127.0.0.1', port: 0 });
    // One small request first, so a thread is started and warm, as in a server that has been up.
    await fetch(`${address}/v1/evaluate`, {
      method: 'POST',
      body: JSON.stringify(buildLoadRota({ workers: 2, weeks: 2 })),
      headers: { 'content-type': 'application/json' },
    }).then((r) => r.arrayBuffer());
    const started = performance.now();
    let done = false;
    let largeStatus = 0;
    const large = fetch(`${address}/v1/evaluate`, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/json' },
    })
      .then(async (r) => {
        largeStatus = r.status;
        await r.arrayBuffer();
      })
      .finally(() => (done = true));
    const latencies: number[] = [];
    while (!done) {
      const t = performance.now();
      await fetch(`${address}/health`).then((r) => r.arrayBuffer());
      // Counted even when answered after the large one: that is the request that waited for it.
      latencies.push(performance.now() - t);
      await new Promise((r) => setTimeout(r, 10));
    }
    await large;
    const largeMs = performance.now() - started;
    latencies.sort((a, b) => a - b);
    const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? NaN;
    return {
      bodyBytes: Buffer.byteLength(body),
      periods: (rota.periods as unknown[]).length,
      largeMs,
      largeStatus,
      healthCount: latencies.length,
      p50: at(0.5),
      p99: at(0.99),
      max: latencies.at(-1) ?? NaN,
    };
  } finally {
    await app.close();
  }
}

async function main(): Promise<void> {
  const args = readArgs(process.argv.slice(2));
  if (args.healthDuringLarge) {
    const h = await healthDuringLarge(args);
    console.log(
      `large request: ${args.workers} workers, ${args.weeks} weeks, ${h.periods} periods, ${(h.bodyBytes / 1e6).toFixed(1)} MB; answered ${h.largeStatus} after ${(h.largeMs / 1000).toFixed(1)} s`,
    );
    console.log(
      `/health meanwhile: ${h.healthCount} requests, p50 ${h.p50.toFixed(1)} ms, p99 ${h.p99.toFixed(1)} ms, max ${h.max.toFixed(1)} ms`,
    );
    return;
  }
  const r = await runLoadTest(args);
  const lines = [
    `requests/s: ${r.requests.average.toFixed(1)} average (${r.requests.total} requests in ${r.duration.toFixed(1)} s)`,
    `latency: p50 ${r.latency.p50} ms, p90 ${r.latency.p90} ms, p99 ${r.latency.p99} ms, max ${r.latency.max} ms`,
    `throughput: ${(r.throughput.average / 1024).toFixed(1)} KiB/s`,
    `errors: ${r.errors}, timeouts: ${r.timeouts}, non-2xx: ${r.non2xx}`,
  ];
  console.log(lines.join('\n'));
  if (r.errors > 0 || r.non2xx > 0) process.exitCode = 1;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
