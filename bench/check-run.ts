// The CLI's `check FILE --format json` in-process, for `npm run bench` where /usr/bin/time is not
// available: runs main() from src/cli/main.ts as bin/turnussjekk.mjs does, then writes the peak
// resident set size as the last line of stderr: {"maxRssMB": …}. Exit code: the CLI's.
//   node --import tsx bench/check-run.ts FILE > /dev/null
import { main } from '../src/cli/main.ts';

const file = process.argv[2];
if (!file) {
  console.error('usage: node --import tsx bench/check-run.ts FILE');
  process.exit(2);
}
const code = await main(['check', file, '--format', 'json'], {
  out: (text) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
  err: (text) => process.stderr.write(text.endsWith('\n') ? text : `${text}\n`),
});
process.stderr.write(`\n${JSON.stringify({ maxRssMB: process.resourceUsage().maxRSS / 1024 })}\n`);
process.exitCode = code;
