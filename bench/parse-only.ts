// The floor of `npm run bench`: read, parse and validate a rota file as the CLI does, and nothing
// else. Run in its own process: node --import tsx bench/parse-only.ts FILE
// Prints one line of JSON: { ms, maxRssMB, workers, periods } (ms: loadInputFile alone, in-process).
import { loadInputFile } from '../src/import/index.ts';

const file = process.argv[2];
if (!file) {
  console.error('usage: node --import tsx bench/parse-only.ts FILE');
  process.exit(2);
}
const t0 = performance.now();
const rota = await loadInputFile(file);
const ms = performance.now() - t0;
// resourceUsage().maxRSS is in kilobytes.
const maxRssMB = process.resourceUsage().maxRSS / 1024;
process.stdout.write(
  `${JSON.stringify({ ms, maxRssMB, workers: rota.workers.length, periods: rota.periods.length })}\n`,
);
