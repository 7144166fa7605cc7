// `turnussjekk convert`: any input format (CSV, iCalendar, JSON, YAML) to a rota file v1, so a
// spreadsheet or calendar export becomes a file people can review, add agreements to and keep.
// Exit codes follow `check`: 0 written, 2 invalid input or usage. Unexpected errors propagate to
// the caller (main.ts turns them into exit 3). What is written is a rota `check` accepts: the
// checks check makes before it evaluates are made here, with the same errors.
import { writeFile } from 'node:fs/promises';
import { basename, extname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { stringify as toYaml } from 'yaml';
import { loadInputFile, inputFormatOf } from '../import/index.ts';
import { describeNotes, type ImportNote } from '../import/notes.ts';
import { optionIssues, type ImportOptions } from '../import/options.ts';
import { InputError } from '../rota/errors.ts';
import type { Rota } from '../rota/schema.ts';
import { buildTimeline } from '../timeline/build.ts';

export interface ConvertIo {
  out: (text: string) => void;
  err: (text: string) => void;
}

export const CONVERT_USAGE = `Usage:
  turnussjekk convert <input.csv|.ics|.yaml|.json> [--to yaml|json] [--out FILE]
                      [--worker ID] [--assignment ID] [--kind KIND] [--contract oppdrag|arbeidsavtale]
                      [--employer ID] [--timezone ZONE] [--from YYYY-MM-DD] [--until YYYY-MM-DD]

Writes the input as a rota file v1 (YAML unless --to json or --out ends in .json) to stdout or
--out FILE. Exit code 0: written; 2: invalid input or usage.
CSV:       one shift per row (docs/import-formats.md); --worker, --assignment, --kind, --contract
           and --employer fill in a column the file leaves out or a blank cell.
iCalendar: one worker's shifts; the options name the worker (default: the calendar's name, else
           w1), the assignment (a1), its kind (employment) and contract (arbeidsavtale).
           --from/--until keep shifts starting in that period and bound repeating events
           (default: one year from the event's first start).
--timezone: zone of the rota (default Europe/Oslo; for iCalendar the calendar's own zone).`;

const IMPORT_KEYS = ['worker', 'assignment', 'kind', 'contract', 'employer', 'timezone', 'from', 'until'] as const;

class UsageError extends Error {}

export function serializeRota(rota: Rota, format: 'yaml' | 'json', source?: string): string {
  if (format === 'json') return `${JSON.stringify(rota, null, 2)}\n`;
  const header = `# Rota file v1${source ? `, converted by turnussjekk from ${source}` : ''}\n`;
  return header + toYaml(rota, { lineWidth: 0 });
}

function summary(rota: Rota): string {
  const n = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;
  return `${n(rota.workers.length, 'worker')}, ${n(rota.assignments.length, 'assignment')}, ${n(rota.periods.length, 'period')}`;
}

export async function convertCommand(args: string[], io: ConvertIo): Promise<number> {
  try {
    return await convert(args, io);
  } catch (err) {
    if (err instanceof InputError) {
      io.err(err.message);
      return 2;
    }
    if (err instanceof UsageError || (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      io.err(`turnussjekk convert: ${(err as Error).message}\n\n${CONVERT_USAGE}`);
      return 2;
    }
    throw err;
  }
}

async function convert(args: string[], io: ConvertIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    strict: true,
    options: {
      to: { type: 'string' },
      out: { type: 'string', short: 'o' },
      worker: { type: 'string' },
      assignment: { type: 'string' },
      kind: { type: 'string' },
      contract: { type: 'string' },
      employer: { type: 'string' },
      timezone: { type: 'string' },
      from: { type: 'string' },
      until: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    io.out(CONVERT_USAGE);
    return 0;
  }
  if (positionals.length !== 1) {
    throw new UsageError(
      positionals.length === 0
        ? 'convert needs one input file'
        : `convert takes one input file, got ${positionals.length}`,
    );
  }
  const input = positionals[0]!;
  const format = inputFormatOf(input);
  if (!format)
    throw new InputError(
      [{ path: '', message: 'unknown file type: use .csv, .tsv, .ics, .json, .yaml or .yml' }],
      input,
    );

  let to: 'yaml' | 'json';
  if (values.to !== undefined) {
    if (values.to !== 'yaml' && values.to !== 'json')
      throw new UsageError(`--to must be yaml or json, got "${values.to}"`);
    to = values.to;
  } else {
    to = values.out !== undefined && extname(values.out).toLowerCase() === '.json' ? 'json' : 'yaml';
  }
  if (values.out !== undefined && resolve(values.out) === resolve(input))
    throw new UsageError('--out must not be the input file');

  const options: ImportOptions = {};
  for (const key of IMPORT_KEYS) if (values[key] !== undefined) options[key] = values[key];
  const given = IMPORT_KEYS.filter((k) => values[k] !== undefined);
  if (format === 'rota' && given.length > 0) {
    throw new UsageError(
      `${given.map((k) => `--${k}`).join(', ')} only apply to .csv and .ics input; a rota file states these itself`,
    );
  }
  if (format === 'csv' && (values.from !== undefined || values.until !== undefined)) {
    throw new UsageError('--from and --until apply to .ics input only');
  }
  const problems = optionIssues(options);
  if (problems.length > 0) throw new UsageError(problems.map((p) => `--${p.path}: ${p.message}`).join('\n'));

  const notes: ImportNote[] = [];
  let rota: Rota;
  try {
    rota = await loadInputFile(input, options, (note) => notes.push(note));
    buildTimeline(rota);
  } catch (err) {
    throw err instanceof InputError && !err.file ? err.withFile(input) : err;
  } finally {
    if (notes.length > 0) io.err(describeNotes(notes, input));
  }
  const text = serializeRota(rota, to, basename(input));
  if (values.out === undefined) {
    io.out(text);
    return 0;
  }
  try {
    await writeFile(values.out, text, 'utf8');
  } catch (err) {
    io.err(
      `turnussjekk convert: cannot write ${values.out} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`,
    );
    return 2;
  }
  io.err(`turnussjekk convert: wrote ${values.out} (${summary(rota)})`);
  return 0;
}
