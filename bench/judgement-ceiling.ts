// The most issue 16's "leaner core" could give: the evaluation with its measuring and judging made
// free. The design the issue names for the core (windows in typed arrays per worker, measures written
// into preallocated buffers) makes measures and their judgement cheaper; findings, incidents, the
// headroom, the conversion's bookkeeping and the report stay as they are. Here every pass's judgement
// (judgeAll: the measures it asks for, the windows judged, the headroom's offers) is made once and
// then handed back (bench/judgement-replay.ts), so a second evaluation of the same rota costs what
// the engine would cost if measuring and judging cost nothing, and gives the same report (checked).
//
//   node --import tsx bench/judgement-ceiling.ts [--evals 200] [--rounds 3] [FILE ...]
//
// The load test's turnuses (scripts/load-test.ts: 50 workers, 6 weeks, 18 oppdrag; 20 of them, as
// its --distinct 20) evaluated one after another, as judged and as replayed, alternated; then each
// FILE (a rota file as `check` reads it; a generated year, scenarios/generate.ts) evaluated whole in
// this process, likewise.
// Prints milliseconds per evaluation and the share of measuring and judging.
import { createHash } from 'node:crypto';
import { register } from 'node:module';
import { wholeOption } from '../scripts/options.ts';

function options(argv: string[]) {
  const o = { evals: 200, rounds: 3, files: [] as string[] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--evals') o.evals = wholeOption('evals', argv[++i], 20, 100_000);
    else if (a === '--rounds') o.rounds = wholeOption('rounds', argv[++i], 1, 20);
    else if (a.startsWith('--')) throw new Error(`unknown option ${a}`);
    else o.files.push(a);
  }
  return o;
}

let o: ReturnType<typeof options>;
try {
  o = options(process.argv.slice(2));
} catch (err) {
  console.error(`error: ${(err as Error).message}`);
  console.error('usage: node --import tsx bench/judgement-ceiling.ts [--evals 200] [--rounds 3] [FILE ...]');
  process.exit(2);
}

// Before the engine is imported: src/engine/workerPasses.ts gets the replaying judgeAll (resolved by
// the hooks after this one, tsx's, as any module is).
const REPLAYING = new URL('./judgement-replay.ts', import.meta.url).href;
const hook = `
export async function resolve(specifier, context, next) {
  if (specifier === './judgement.ts' && context.parentURL?.endsWith('/src/engine/workerPasses.ts'))
    return next(${JSON.stringify(REPLAYING)}, context);
  return next(specifier, context);
}`;
register(`data:text/javascript,${encodeURIComponent(hook)}`);

const { evaluate } = await import('../src/engine/evaluate.ts');
const { loadInputFile } = await import('../src/import/index.ts');
const { validateRotaDocument } = await import('../src/rota/load.ts');
const { defaultRuleBook } = await import('../src/rules/load.ts');
const { loadTurnuses } = await import('../scripts/load-test.ts');
const { replay } = await import('./judgement-replay.ts');
type Report = Awaited<ReturnType<typeof evaluate>>;
type Rota = ReturnType<typeof validateRotaDocument>;

/** The report's digest, its findings one by one (a national report is longer than a string may be). */
function digest(report: Report): string {
  const hash = createHash('sha256');
  for (const f of report.findings) hash.update(JSON.stringify(f));
  const { findings: _findings, ...rest } = report;
  hash.update(JSON.stringify(rest));
  return hash.digest('hex').slice(0, 12);
}

const book = defaultRuleBook();
const run = (rota: Rota, partsFrom?: number) => evaluate(rota, { ruleBook: book, ...(partsFrom ? { partsFrom } : {}) });

async function timed(mode: 'off' | 'on', rotas: Rota[], n: number, partsFrom?: number): Promise<number> {
  replay.mode = mode;
  const t0 = performance.now();
  for (let i = 0; i < n; i++) await run(rotas[i % rotas.length]!, partsFrom);
  return (performance.now() - t0) / n;
}

/** Each rota's report judged and replayed must be the same, and something must have been replayed. */
async function assertSameReports(what: string, rotas: Rota[], partsFrom?: number): Promise<void> {
  const hitsBefore = replay.hits;
  for (const rota of rotas) {
    replay.mode = 'off';
    const judged = digest(await run(rota, partsFrom));
    replay.mode = 'on';
    if (digest(await run(rota, partsFrom)) !== judged)
      throw new Error(`${what}: a replayed report differs from the judged one: the replay is not faithful`);
  }
  // A replay that never happened would measure the engine twice and call it a ceiling.
  if (replay.hits === hitsBefore)
    throw new Error(`${what}: no judgement was replayed: the resolve hook did not reach workerPasses.ts`);
}

function summary(label: string, judged: number[], replayed: number[], unit: string, scale = 1) {
  const median = (xs: number[]) => {
    const s = [...xs].sort((a, b) => a - b);
    const m = Math.floor(s.length / 2);
    return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
  };
  const j = median(judged);
  const r = median(replayed);
  const fmt = (xs: number[]) => xs.map((x) => (x / scale).toFixed(2)).join(', ');
  console.log(`${label}`);
  console.log(`  as judged:  ${fmt(judged)} ${unit}`);
  console.log(`  replayed:   ${fmt(replayed)} ${unit}`);
  console.log(
    `  measuring and judging: ${((j - r) / scale).toFixed(2)} of ${(j / scale).toFixed(2)} ${unit} (medians), ${(
      (100 * (j - r)) / j
    ).toFixed(0)} %; without them ${((100 * r) / j).toFixed(0)} % of the time is left`,
  );
}

// The load test's turnuses, as its --distinct 20 posts them.
const turnuses = loadTurnuses({ workers: 50, weeks: 6, distinct: 20 }).map((doc) => validateRotaDocument(doc));
await timed('off', turnuses, o.evals);
await assertSameReports('the load turnuses', turnuses);
const judged: number[] = [];
const replayed: number[] = [];
for (let r = 0; r < o.rounds; r++) {
  judged.push(await timed('off', turnuses, o.evals));
  replayed.push(await timed('on', turnuses, o.evals));
}
summary(
  `load turnus (50 workers, 6 weeks, 18 oppdrag; 20 turnuses), ms per evaluate(), ${o.evals} a round; reports the same`,
  judged,
  replayed,
  'ms',
);

for (const file of o.files) {
  const rota = await loadInputFile(file);
  // Whole, in this process: a part's evaluation is the same code, and the replay is this process's.
  const whole = Number.POSITIVE_INFINITY;
  replay.kept.clear();
  await timed('off', [rota], 1, whole);
  await assertSameReports(file, [rota], whole);
  const j: number[] = [];
  const r: number[] = [];
  for (let i = 0; i < o.rounds; i++) {
    j.push(await timed('off', [rota], 1, whole));
    r.push(await timed('on', [rota], 1, whole));
  }
  summary(
    `${file} (${rota.workers.length} workers, ${rota.periods.length} periods), s per evaluate() whole; reports the same`,
    j,
    r,
    's',
    1000,
  );
}
