// Start-up of the CLI as a pre-commit hook or a CI job meets it: every command is a whole `node`
// process, timed from spawn to exit (wall time), and each figure is the median of --runs runs. The
// commands are run in turn (one run of each, then the next round), so a busy moment slows them
// alike; one untimed round first puts the files in the page cache. `node -e 0` is the floor: what
// Node itself takes to start and stop on this machine.
//
//   npm run bench:startup                       # builds dist/ first if a source changed
//   npm run bench:startup -- --runs 11
//   npm run bench:startup -- --bin /other/checkout/bin/turnussjekk.mjs   # another build or version
//
// It prints figures and exits 0 whatever they are: timing belongs here, not in a test assertion.
import { spawnSync } from 'node:child_process';
import { cpus, loadavg, release } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { wholeOption } from './options.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SCENARIO = 'scenarios/weekend-respite-48h.yaml';

interface Command {
  label: string;
  args: string[];
  /** The budget in seconds (issue 15), if there is one. */
  budget?: number;
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** Wall time of one process in seconds; its exit code must be one the command gives by design. */
function timeRun(args: string[], okCodes: number[]): number {
  const started = performance.now();
  const run = spawnSync(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
  const seconds = (performance.now() - started) / 1000;
  if (run.error) throw run.error;
  if (!okCodes.includes(run.status ?? -1))
    throw new Error(`node ${args.join(' ')} exited ${run.status ?? run.signal}: ${run.stderr}`);
  return seconds;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { runs: { type: 'string', default: '5' }, bin: { type: 'string' } } });
  const runs = wholeOption('runs', values.runs, 1, 101);
  let bin = values.bin;
  if (bin === undefined) {
    // This checkout's bin runs dist/: build it first when a source changed, so the figures are of the sources.
    const { ensureBuilt } = await import('./build.mjs');
    if (await ensureBuilt()) console.log('(built dist/ first: a source had changed)');
    bin = 'bin/turnussjekk.mjs';
  }
  const commands: Command[] = [
    { label: 'node -e 0 (the floor)', args: ['-e', '0'] },
    { label: 'turnussjekk --version', args: [bin, '--version'] },
    { label: 'turnussjekk rules', args: [bin, 'rules'], budget: 0.3 },
    { label: `turnussjekk check ${SCENARIO}`, args: [bin, 'check', SCENARIO], budget: 0.5 },
  ];
  // `check` exits 1 on this scenario by design (it breaks the Working Environment Act as employment).
  const okCodes = (c: Command) => (c.args[1] === 'check' ? [1] : [0]);

  const cpu = cpus();
  console.log(
    `machine: ${cpu[0]?.model.trim() ?? 'unknown CPU'}, ${cpu.length} cores, Linux ${release()}, Node ${process.version}; ` +
      `load average ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')} at start; ${runs} runs each`,
  );
  for (const c of commands) timeRun(c.args, okCodes(c));
  const times = commands.map(() => [] as number[]);
  for (let r = 0; r < runs; r++)
    commands.forEach((c, i) => {
      times[i]!.push(timeRun(c.args, okCodes(c)));
    });

  const width = Math.max(...commands.map((c) => c.label.length));
  console.log(`${'command'.padEnd(width)}  median     min     max  budget`);
  commands.forEach((c, i) => {
    const t = times[i]!;
    const m = median(t);
    const budget = c.budget === undefined ? '' : `≤ ${c.budget.toFixed(1)} s ${m <= c.budget ? 'met' : 'NOT MET'}`;
    const s = (v: number) => `${v.toFixed(3)} s`.padStart(7);
    console.log(`${c.label.padEnd(width)} ${s(m)} ${s(Math.min(...t))} ${s(Math.max(...t))}  ${budget}`);
  });
  console.log(
    `load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')} at the end`,
  );
}

await main();
