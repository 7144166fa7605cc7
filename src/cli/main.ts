// turnussjekk: the command line over evaluate(). Exit codes (contract.md): 0 no violation,
// 1 at least one violation, 2 invalid input or usage; 3 is our own defect (a broken rule file).
import { parseArgs } from 'node:util';
import { glob } from 'tinyglobby';
import { evaluate } from '../engine/evaluate.ts';
import { formatText } from '../format/text.ts';
import type { Report } from '../report/schema.ts';
import { InputError } from '../rota/errors.ts';
import { loadRotaFile } from '../rota/load.ts';
import type { Rota } from '../rota/schema.ts';
import { defaultRuleBook, RuleFileError } from '../rules/load.ts';
import { listRules, formatRulesText } from '../rules/catalogue.ts';

export const EXIT = { ok: 0, violations: 1, invalid: 2, internal: 3 } as const;

const USAGE = `Usage:
  turnussjekk check <files or globs…> [--format text|json] [--lang nb|en] [--as-of YYYY-MM-DD]
  turnussjekk rules [--format text|json] [--lang nb|en]
  turnussjekk --help | --version

check    evaluates rota files (JSON or YAML, rota file v1) and prints the report.
         Exit code 0: no violations; 1: at least one violation; 2: invalid input.
rules    lists every rule with its id, citation, thresholds and the dates they took effect.`;

export interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
}

class UsageError extends Error {}

async function expand(patterns: string[]): Promise<string[]> {
  const files: string[] = [];
  for (const p of patterns) {
    if (/[*?[\]{}]/.test(p)) {
      const found = (await glob(p, { onlyFiles: true })).sort();
      if (found.length === 0) throw new InputError([{ path: '', message: `no files match "${p}"` }]);
      files.push(...found);
    } else files.push(p);
  }
  return [...new Set(files)];
}

async function check(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      format: { type: 'string', default: 'text' },
      lang: { type: 'string', default: 'nb' },
      'as-of': { type: 'string' },
    },
  });
  if (!['text', 'json'].includes(values.format!)) throw new UsageError(`--format must be text or json, got "${values.format}"`);
  if (!['nb', 'en'].includes(values.lang!)) throw new UsageError(`--lang must be nb or en, got "${values.lang}"`);
  const asOf = values['as-of'];
  if (asOf !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(asOf)) throw new UsageError(`--as-of must be a date YYYY-MM-DD, got "${asOf}"`);
  if (positionals.length === 0) throw new UsageError('check needs at least one rota file');

  const files = await expand(positionals);
  const book = defaultRuleBook();
  const problems: InputError[] = [];
  const results: Array<{ file: string; rota: Rota; report: Report }> = [];
  for (const file of files) {
    try {
      const rota = await loadRotaFile(file);
      results.push({ file, rota, report: await evaluate(rota, { ruleBook: book, ...(asOf ? { asOf } : {}) }) });
    } catch (err) {
      if (err instanceof InputError) problems.push(err.file ? err : err.withFile(file));
      else throw err;
    }
  }
  // Never a partial verdict presented as complete: one bad file and only the errors are printed.
  if (problems.length > 0) {
    io.err(problems.map((p) => p.message).join('\n'));
    return EXIT.invalid;
  }
  if (values.format === 'json') {
    const payload = results.length === 1 ? results[0]!.report : results.map((r) => ({ file: r.file, ...r.report }));
    io.out(JSON.stringify(payload, null, 2));
  } else {
    const lang = values.lang as 'nb' | 'en';
    io.out(
      results
        .map((r) =>
          formatText(r.report, {
            lang,
            agreements: book.agreements,
            names: new Map(r.rota.workers.filter((w) => w.name).map((w) => [w.id, w.name!])),
            ...(results.length > 1 ? { file: r.file } : {}),
          }),
        )
        .join('\n\n'),
    );
  }
  return results.some((r) => r.report.summary.violations > 0) ? EXIT.violations : EXIT.ok;
}

function rules(args: string[], io: Io): number {
  const { values } = parseArgs({ args, options: { format: { type: 'string', default: 'text' }, lang: { type: 'string', default: 'nb' } } });
  if (!['text', 'json'].includes(values.format!)) throw new UsageError(`--format must be text or json, got "${values.format}"`);
  if (!['nb', 'en'].includes(values.lang!)) throw new UsageError(`--lang must be nb or en, got "${values.lang}"`);
  const list = listRules(defaultRuleBook());
  io.out(values.format === 'json' ? JSON.stringify(list, null, 2) : formatRulesText(list, values.lang as 'nb' | 'en'));
  return EXIT.ok;
}

export async function main(argv: string[], io: Io): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'check':
        return await check(rest, io);
      case 'rules':
        return rules(rest, io);
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
    if (err instanceof RuleFileError) {
      io.err(`turnussjekk: internal error: ${err.message}`);
      return EXIT.internal;
    }
    io.err(`turnussjekk: internal error: ${(err as Error).message ?? String(err)}`);
    return EXIT.internal;
  }
}
