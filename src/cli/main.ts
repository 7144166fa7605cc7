// turnussjekk: the command line over evaluate(). Exit codes (docs/contract.md): 0 no violation,
// 1 at least one violation, 2 invalid input or usage; 3 is our own defect (a broken rule file).
// Each command's module is loaded when it runs, so `rules` or `--help` does not load the engine.
import { InputError } from '../rota/errors.ts';
import { EXIT, UsageError, type Io } from './io.ts';

export { EXIT, type Io } from './io.ts';

const USAGE = `Usage:
  turnussjekk check <files or globs…> [--format text|json|ndjson|junit|sarif] [--lang nb|en] [--as-of YYYY-MM-DD]
                    [--fail-on violation|warning|info] [--details] [--baseline report.json] [--jobs N]
  turnussjekk headroom <rota file> [--worker ID] [--format text|json] [--lang nb|en]
  turnussjekk rules [--format text|json] [--lang nb|en]
  turnussjekk convert <input.csv|.ics|.yaml|.json> [--to yaml|json] [--out FILE] [options]
  turnussjekk compare <rota file> [--format text|json] [--lang nb|en]
  turnussjekk --help | --version

check    evaluates rota files (JSON or YAML, rota file v1; CSV and iCalendar exports are read
         as in convert) and prints the report.
         Exit code 0: no violations; 1: at least one violation; 2: invalid input.
         Text: a line per worker, then what happened, one incident at a time (worst first).
         --details           every finding in full, with its paragraph, window and message
         --fail-on warning   exit 1 also when there are warnings (default: violation)
         --fail-on info      exit 1 on any finding, and show info and rolling-window advice
         --baseline FILE     a previous JSON report: show and judge only findings not in it
         --jobs N            worker processes for a large rota (default: one per 350 oppdrag to
                             assess, one per core from 400 000 periods; 1 = this process)
         --worker ID, --kind KIND, --contract TYPE
                             for CSV and iCalendar input, as in convert
         In GitHub Actions (GITHUB_ACTIONS=true) findings are also annotated on stderr.
headroom per worker and limit, how much is left in the tightest window of the plan.
rules    lists every rule with its id, citation, thresholds and the dates they took effect.
convert  writes a CSV or iCalendar export as a rota file v1 (see turnussjekk convert --help).
compare  shows the rota's named variants side by side: findings, conversion verdicts, hours, cost.
         Exit code as check's for the rota as written (the baseline, first column).`;

export async function main(argv: string[], io: Io): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'check':
        return await (await import('./check.ts')).check(rest, io);
      case 'compare':
        return await (await import('./compare.ts')).compareCommand(rest, io);
      case 'convert': {
        const { convertCommand, CONVERT_USAGE } = await import('./convert.ts');
        if (rest.includes('--help')) {
          io.out(CONVERT_USAGE);
          return EXIT.ok;
        }
        return await convertCommand(rest, io);
      }
      case 'headroom': {
        const { headroomCommand, HEADROOM_USAGE } = await import('./headroom.ts');
        if (rest.includes('--help')) {
          io.out(HEADROOM_USAGE);
          return EXIT.ok;
        }
        return await headroomCommand(rest, io);
      }
      case 'rules':
        return (await import('./rules.ts')).rules(rest, io);
      case '--version':
        io.out('turnussjekk 0.1.0 (report v1, rota file v1)');
        return EXIT.ok;
      case undefined:
      case '--help':
      case '-h':
      case 'help':
        io.out(USAGE);
        return command === undefined ? EXIT.invalid : EXIT.ok;
      default:
        throw new UsageError(`unknown command "${command}"`);
    }
  } catch (err) {
    if (err instanceof InputError) {
      io.err(err.message);
      return EXIT.invalid;
    }
    if (err instanceof UsageError || (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      io.err(`turnussjekk: ${(err as Error).message}\n\n${USAGE}`);
      return EXIT.invalid;
    }
    // A broken rule file is our defect, not bad input (its module is loaded by then if it threw).
    if (err instanceof (await import('../rules/load.ts')).RuleFileError) {
      io.err(`turnussjekk: internal error: ${err.message}`);
      return EXIT.internal;
    }
    io.err(`turnussjekk: internal error: ${(err as Error).message ?? String(err)}`);
    return EXIT.internal;
  }
}
