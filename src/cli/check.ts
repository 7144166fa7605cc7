// turnussjekk check: rota files in, a report out (text, JSON, JUnit or SARIF), exit code by the findings.
import { closeSync, openSync, readFileSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { evaluate, type EvaluateOptions } from '../engine/evaluate.ts';
import {
  type EvaluatedPart,
  evaluateParts,
  startWorkersAhead,
  stopWorkersAhead,
  wantsParts,
} from '../engine/parallel.ts';
import type { RenderStyle } from '../engine/rendered.ts';
import { ReportAssembler } from '../engine/partition.ts';
import { countFindings, type FindingCounts } from '../report/counts.ts';
import { readPieces } from '../report/pieceFiles.ts';
import { JsonReportStream, type ReportTail, TailLists } from '../format/jsonStream.ts';
import { writeJson } from '../format/chunkedJson.ts';
import { formatNdjson, writeNdjsonTail } from '../format/ndjson.ts';
import { Annotations, githubAnnotations } from '../format/github.ts';
import { type JunitOptions, JunitReportStream, writeJunit } from '../format/junit.ts';
import { type CheckedFile, relativePath } from '../format/locations.ts';
import type { Wanted } from '../engine/partAnnotations.ts';
import type { PartTextOptions } from '../engine/partTask.ts';
import { SarifReportStream, type SarifOptions, writeSarif } from '../format/sarif.ts';
import { type TextOptions, TextReportStream, workerNames, workersOf, writeText } from '../format/text.ts';
import { applyBaseline, fails, loadBaseline, type Baseline, type FailOn } from '../report/baseline.ts';
import type { Report } from '../report/schema.ts';
import { InputError } from '../rota/errors.ts';
import { formatFromName } from '../rota/load.ts';
import { inputFormatOf, loadInputFile } from '../import/index.ts';
import { describeNotes, type ImportNote } from '../import/notes.ts';
import { optionIssues, type ImportOptions } from '../import/options.ts';
import { locateLines, type LineLocator } from '../rota/locate.ts';
import type { Rota } from '../rota/schema.ts';
import { makeTempFolder, removeTempFolder } from '../tempFolder.ts';
import { defaultRuleBook } from '../rules/load.ts';
import { listRules } from '../rules/catalogue.ts';
import { EXIT, UsageError, type Io } from './io.ts';
import { ProgressBar, wantsProgress, type TtyStream } from './progress.ts';
import { WaitingGarbage } from './waitingGarbage.ts';

async function expand(patterns: string[]): Promise<string[]> {
  const files: string[] = [];
  for (const p of patterns) {
    if (/[*?[\]{}]/.test(p)) {
      // tinyglobby (and picomatch) only when a pattern needs them: the shell usually expands globs.
      const { glob } = await import('tinyglobby');
      const found = (await glob(p, { onlyFiles: true })).sort();
      if (found.length === 0) throw new InputError([{ path: '', message: `no files match "${p}"` }]);
      files.push(...found);
    } else files.push(p);
  }
  return [...new Set(files)];
}

export async function check(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      format: { type: 'string', default: 'text' },
      lang: { type: 'string', default: 'nb' },
      'as-of': { type: 'string' },
      'fail-on': { type: 'string', default: 'violation' },
      details: { type: 'boolean', default: false },
      baseline: { type: 'string' },
      jobs: { type: 'string' },
      // As in convert, for CSV and iCalendar input: who and what a calendar export is.
      worker: { type: 'string' },
      kind: { type: 'string' },
      contract: { type: 'string' },
    },
  });
  if (!FORMATS.includes(values.format!))
    throw new UsageError(
      `--format must be ${FORMATS.slice(0, -1).join(', ')} or ${FORMATS.at(-1)}, got "${values.format}"`,
    );
  if (!['nb', 'en'].includes(values.lang!)) throw new UsageError(`--lang must be nb or en, got "${values.lang}"`);
  const asOf = values['as-of'];
  if (asOf !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(asOf))
    throw new UsageError(`--as-of must be a date YYYY-MM-DD, got "${asOf}"`);
  if (!['violation', 'warning', 'info'].includes(values['fail-on']!))
    throw new UsageError(`--fail-on must be violation, warning or info, got "${values['fail-on']}"`);
  const failOn = values['fail-on'] as FailOn;
  const jobs = values.jobs === undefined ? undefined : Number(values.jobs);
  if (jobs !== undefined && !(Number.isInteger(jobs) && jobs >= 1 && jobs <= 64))
    throw new UsageError(`--jobs must be a whole number from 1 to 64, got "${values.jobs}"`);
  if (positionals.length === 0) throw new UsageError('check needs at least one rota file');
  const lang = values.lang as 'nb' | 'en';
  const env = io.env ?? process.env;
  const cwd = io.cwd ?? process.cwd();
  const annotate = env.GITHUB_ACTIONS === 'true';

  const files = await expand(positionals);
  const importOptions = importOptionsOf(values, files);
  const baseline: Baseline | undefined =
    values.baseline !== undefined ? await loadBaseline(values.baseline) : undefined;
  const book = defaultRuleBook();
  const problems: InputError[] = [];
  const notes = new Map<string, ImportNote[]>();
  const printNotes = () => {
    if (notes.size > 0) io.err([...notes].map(([file, list]) => describeNotes(list, file)).join('\n'));
  };
  const results: Array<{ file: string; rota: Rota; report: Report }> = [];
  const tty =
    io.stderrTty === undefined ? (process.stderr.isTTY ? process.stderr : undefined) : (io.stderrTty ?? undefined);
  const bar = wantsProgress(files.length, tty) ? new ProgressBar(files.length, tty) : undefined;
  const options: EvaluateOptions = { ruleBook: book, ...(asOf ? { asOf } : {}) };
  // A large rota is evaluated in parts, by worker processes on all cores (--jobs); alone and as
  // JSON, its report is written part by part, so memory holds a few parts rather than all of them.
  // TURNUSSJEKK_PARALLEL_MIN_PERIODS: the size from which a rota is split (default 20 000 periods).
  const minPeriods = Number(env.TURNUSSJEKK_PARALLEL_MIN_PERIODS) || undefined;
  const large = (rota: Rota) => wantsParts(rota, minPeriods);
  // One large file, report by report: every format is written from its parts as they come.
  const streamed = files.length === 1;
  const junitOptions = () => ({ ruleIds: listRules(book).map((r) => r.id), failOn });
  const textOptions = (rota: Rota, file?: string): TextOptions => ({
    lang,
    agreements: book.agreements,
    names: workerNames(rota.workers),
    details: values.details!,
    withInfo: failOn === 'info',
    ...(file ? { file } : {}),
  });
  try {
    for (const file of files) {
      // A file large enough to be evaluated in parts: the worker processes start while it is read.
      if (streamed && jobs !== 1 && fileBytes(file) >= WORKERS_AHEAD_BYTES) startWorkersAhead(jobs);
      try {
        const rota = await loadInputFile(file, importOptions, (note) => {
          const list = notes.get(file);
          if (list) list.push(note);
          else notes.set(file, [note]);
        });
        if (streamed && large(rota)) {
          printNotes();
          const annotations = annotate ? new StreamedAnnotations(file, cwd) : undefined;
          const suppress = baseline ? new StreamedBaseline(baseline) : undefined;
          const large: LargeRota = { rota, file, options, jobs, failOn, io, tty, annotations, suppress };
          const code =
            values.format === 'text'
              ? await streamText(large, textOptions(rota))
              : values.format === 'junit'
                ? await streamJunit(large, junitOptions())
                : values.format === 'sarif'
                  ? await streamSarif(large, { book, cwd })
                  : await streamJson(large, values.format === 'ndjson');
          const lines = annotations ? annotations.lines() : [];
          if (lines.length > 0) io.err(lines.join('\n'));
          if (suppress)
            io.err(
              summaryLine([{ summary: suppress.counts }], lang, {
                suppressed: suppress.suppressed,
                file: suppress.baseline.file,
              }),
            );
          return code;
        }
        // evaluate() chooses whole or parts; a bar over a large file's parts when there is no bar over the files.
        const progress = partsProgress(bar ? undefined : tty, file);
        try {
          const chosen: EvaluateOptions = {
            ...options,
            ...(minPeriods ? { partsFrom: minPeriods } : {}),
            ...(jobs ? { jobs } : {}),
            onProgress: progress.onProgress,
          };
          results.push({ file, rota, report: await evaluate(rota, chosen) });
        } finally {
          progress.clear();
        }
      } catch (err) {
        if (err instanceof InputError) problems.push(err.file ? err : err.withFile(file));
        else throw err;
      }
      bar?.tick(file);
    }
  } finally {
    bar?.clear();
    stopWorkersAhead();
  }
  // Conversion notes of CSV and iCalendar input (a revision left out, a rule read with a warning).
  printNotes();
  // Never a partial verdict presented as complete: one bad file and only the errors are printed.
  if (problems.length > 0) {
    io.err(problems.map((p) => p.message).join('\n'));
    return EXIT.invalid;
  }
  let suppressed = 0;
  if (baseline) {
    for (const r of results) {
      const applied = applyBaseline(r.report, baseline);
      r.report = applied.report;
      suppressed += applied.suppressed;
    }
  }
  const needLines = values.format === 'sarif' || annotate;
  const checked: CheckedFile[] = [];
  for (const r of results) checked.push({ ...r, ...(needLines ? { lines: linesOf(r.file) } : {}) });

  if (values.format === 'junit') {
    inPieces(io, (write) => writeJunit(checked, junitOptions(), write));
  } else if (values.format === 'sarif') {
    inPieces(io, (write) => writeSarif(checked, { book, cwd }, write));
  } else if (values.format === 'ndjson') {
    const files = results.length > 1;
    // Report by report: the reports of many files together may be longer than one string can be.
    if (io.write && results.length > 0)
      for (const r of results) io.write(formatNdjson(r.report, files ? r.file : undefined));
    else io.out(results.map((r) => formatNdjson(r.report, files ? r.file : undefined)).join(''));
  } else if (values.format === 'json') {
    const payload = results.length === 1 ? results[0]!.report : results.map((r) => ({ file: r.file, ...r.report }));
    // The findings a slice at a time: a report's findings stand two levels in, a file's three.
    inPieces(io, (write) => writeJson(payload, write, 2, results.length === 1 ? 2 : 3));
  } else {
    // Report by report and a piece at a time: a national year's text with --details is longer than one string can be.
    inPieces(io, (write) =>
      results.forEach((r, i) => {
        if (i > 0) write('\n\n');
        writeText(r.report, textOptions(r.rota, results.length > 1 ? r.file : undefined), write);
      }),
    );
  }
  if (annotate) {
    const lines = githubAnnotations(checked, { cwd });
    if (lines.length > 0) io.err(lines.join('\n'));
  }
  if (results.length > 1 || baseline)
    io.err(
      summaryLine(
        results.map((r) => r.report),
        lang,
        baseline ? { suppressed, file: baseline.file } : undefined,
      ),
    );
  return results.some((r) => r.report.findings.some((f) => fails(f, failOn))) ? EXIT.violations : EXIT.ok;
}

const FORMATS = ['text', 'json', 'ndjson', 'junit', 'sarif'];

/**
 * The size of file from which the worker processes start before it is read (startWorkersAhead):
 * about 180 000 periods, short of the rotas evaluated on several processes (engine/parallel.ts
 * defaultJobs). A smaller file read with them started lost at most their start, on a core it shares.
 */
const WORKERS_AHEAD_BYTES = 16 * 1024 * 1024;

/** A file's size in bytes; 0 when it cannot be told (the reading then names the problem). */
function fileBytes(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}

const IMPORT_KEYS = ['worker', 'kind', 'contract'] as const;

/** --worker, --kind and --contract, for CSV and iCalendar files only, checked as convert checks them. */
function importOptionsOf(
  values: Partial<Record<(typeof IMPORT_KEYS)[number], string>>,
  files: string[],
): ImportOptions {
  const options: ImportOptions = {};
  for (const key of IMPORT_KEYS) if (values[key] !== undefined) options[key] = values[key];
  const given = IMPORT_KEYS.filter((k) => values[k] !== undefined);
  if (given.length === 0) return options;
  const rotaFiles = files.filter((f) => inputFormatOf(f) === 'rota');
  if (rotaFiles.length > 0) {
    throw new UsageError(
      `${given.map((k) => `--${k}`).join(', ')} only apply to .csv and .ics input; ${rotaFiles[0]} is a rota file, which states these itself`,
    );
  }
  const problems = optionIssues(options);
  if (problems.length > 0) throw new UsageError(problems.map((p) => `--${p.path}: ${p.message}`).join('\n'));
  return options;
}

/** A part's findings' counts: a part rendered or made into text where it was evaluated comes with them, not its findings. */
const countsOf = ({ rendered, text, report }: EvaluatedPart): FindingCounts =>
  rendered?.counts ?? text?.counts ?? countFindings(report.findings);

/** Whether findings so counted fail the run (--fail-on). */
const failsBy = (counts: FindingCounts, failOn: FailOn) =>
  SEVERITIES.some(([severity, counted]) => counts[counted] > 0 && fails({ severity }, failOn));

/** Each severity and the summary count that counts it (a rendered part comes with counts, not findings). */
const SEVERITIES = [
  ['violation', 'violations'],
  ['warning', 'warnings'],
  ['info', 'info'],
] as const;

/** A bar over a large file's parts, on a terminal (several files have a bar over the files instead). */
function partsProgress(tty: TtyStream | undefined, label: string) {
  let bar: ProgressBar | undefined;
  return {
    onProgress: (_done: number, total: number) => (bar ??= tty ? new ProgressBar(total, tty) : undefined)?.tick(label),
    clear: () => bar?.clear(),
  };
}

/** One large rota, read for this report alone, and how its report is asked for. */
interface LargeRota {
  rota: Rota;
  file: string;
  options: EvaluateOptions;
  jobs: number | undefined;
  failOn: FailOn;
  io: Io;
  tty: TtyStream | undefined;
  /** Under GitHub Actions: the parts' first findings, annotated once the report is written. */
  annotations: StreamedAnnotations | undefined;
  /** With --baseline: each part's findings the baseline holds taken out. */
  suppress: StreamedBaseline | undefined;
}

/**
 * A baseline applied part by part, where each part is evaluated (engine/rendered.ts evaluatePart):
 * here only what it took out and what it left are counted, for the summary line.
 */
class StreamedBaseline {
  suppressed = 0;
  readonly counts = { violations: 0, warnings: 0, info: 0 };

  constructor(readonly baseline: Baseline) {}

  add(part: EvaluatedPart): void {
    this.suppressed += part.suppressed ?? 0;
    const left = countsOf(part);
    this.counts.violations += left.violations;
    this.counts.warnings += left.warnings;
    this.counts.info += left.info;
  }
}

/**
 * The GitHub annotations of a report written as its parts come: each part keeps its first findings
 * of each severity, as many as could still be annotated, with the entry each points at (found where
 * the part was evaluated); the file's lines are read once the report is written. The same lines as
 * githubAnnotations gives for the whole report.
 */
class StreamedAnnotations {
  private readonly annotations = new Annotations();
  private readonly path: string;
  private located: LineLocator | undefined;

  constructor(
    private readonly file: string,
    cwd: string,
  ) {
    this.path = relativePath(file, cwd);
  }

  wanted = (): Wanted => ({
    violation: this.annotations.wanted('violation'),
    warning: this.annotations.wanted('warning'),
    info: this.annotations.wanted('info'),
  });

  add(part: EvaluatedPart): void {
    const { annotated = [] } = part;
    for (const { finding, entry } of annotated)
      this.annotations.offer(finding, () => ({ file: this.path, line: this.located?.(entry) }));
    const c = countsOf(part);
    this.annotations.count(c.violations + c.warnings + c.info - annotated.length);
  }

  lines(): string[] {
    this.located = linesOf(this.file);
    return this.annotations.lines();
  }
}

/**
 * A large rota's parts as they are evaluated, in the rota's order, under a progress bar. The rota's
 * periods go with the parts (release): it was read for this report alone.
 */
async function forEachPart(
  { rota, file, options, jobs, tty, annotations, suppress }: LargeRota,
  { render, entries, text }: { render?: RenderStyle; entries?: boolean; text?: PartTextOptions },
  each: (part: EvaluatedPart) => void,
): Promise<void> {
  const progress = partsProgress(tty, file);
  try {
    const parts = evaluateParts(rota, options, {
      release: true,
      ...(jobs ? { jobs } : {}),
      ...(render ? { render } : {}),
      ...(annotations ? { annotate: annotations.wanted } : {}),
      ...(suppress ? { baseline: suppress.baseline } : {}),
      ...(entries ? { entries } : {}),
      ...(text ? { text } : {}),
      onProgress: progress.onProgress,
    });
    const garbage = WaitingGarbage.ifExposed();
    for await (const part of parts) {
      garbage?.collect();
      annotations?.add(part);
      suppress?.add(part);
      each(part);
    }
  } finally {
    progress.clear();
  }
}

/** One large rota's JSON (or NDJSON) report, written as its parts are evaluated (in the rota's order). */
async function streamJson(large: LargeRota, ndjson: boolean): Promise<number> {
  const { io, failOn } = large;
  // The JSON report's longest lists are encoded as the parts come, and wait in files until the tail
  // is written (NDJSON writes its tail otherwise).
  const folder = ndjson ? undefined : makeTempFolder('turnussjekk-tail-');
  const lists = folder === undefined ? undefined : new TailLists(folder);
  try {
    const assembler = new ReportAssembler(large.rota, false, lists ? (part) => lists.add(part) : undefined);
    // Bytes read back from a file may cut a character: decoded as one stream.
    const decoder = new TextDecoder();
    let collected = '';
    const write =
      io.write ??
      ((chunk) => (collected += typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true })));
    // NDJSON's finding lines are complete as a part renders them; the JSON report needs its brackets and commas.
    const stream = ndjson
      ? {
          addRendered: (pieces: Uint8Array[]) => {
            for (const piece of pieces) write(piece);
          },
          end: (tail: ReportTail) => writeNdjsonTail(tail, write),
        }
      : new JsonReportStream(write);
    let failing = false;
    await forEachPart(large, { render: ndjson ? 'ndjson' : 'json' }, ({ report, rendered }) => {
      const { pieces, counts } = rendered!;
      assembler.addCounted(report, counts);
      failing ||= failsBy(counts, failOn);
      stream.addRendered(pieces);
    });
    stream.end(assembler.finish(), lists);
    if (!io.write) io.out(collected + decoder.decode());
    return failing ? EXIT.violations : EXIT.ok;
  } finally {
    lists?.close();
    if (folder !== undefined) removeTempFolder(folder);
  }
}

/**
 * A large rota's text from its parts as they come, in the text's order of workers: the report's
 * findings are never held at once (a 10 000-worker year's whole report is most of two gigabytes).
 */
async function streamText(large: LargeRota, text: TextOptions): Promise<number> {
  const { io, failOn } = large;
  const assembler = new ReportAssembler(large.rota);
  let failing = false;
  const pieces: string[] = [];
  const stream = new TextReportStream(workersOf(large.rota.assignments), text, io.write ?? ((t) => pieces.push(t)));
  // A worker process makes its part's text (the names and the agreements' words are its own part's
  // and the rule book's); a part evaluated here comes with its findings.
  const { lang, details, withInfo } = text;
  const made = { lang, ...(details ? { details } : {}), ...(withInfo ? { withInfo } : {}) };
  await forEachPart(large, { text: made }, (part) => {
    const counts = countsOf(part);
    assembler.addCounted(part.report, counts);
    failing ||= failsBy(counts, failOn);
    if (part.text) stream.addText(part.text);
    else stream.add(part.report);
  });
  stream.end(assembler.finish());
  if (io.write) io.write('\n');
  else io.out(pieces.join(''));
  return failing ? EXIT.violations : EXIT.ok;
}

/**
 * A large rota's JUnit XML from its parts as they come. The test cases wait in a temporary file
 * until the counts that open the XML are known, then are copied out a mebibyte at a time.
 */
async function streamJunit(large: LargeRota, junit: JunitOptions): Promise<number> {
  return throughSpill('junit', async (spill, unspill) => {
    const stream = new JunitReportStream(large.file, junit, spill);
    await forEachPart(large, {}, ({ report, part }) => stream.add({ rota: part.rota, report }));
    inPieces(large.io, (write) => stream.end(write, () => unspill(write)));
    // A failed test case is a worker's rule with a finding that fails: the exit code's measure.
    return stream.failures > 0 ? EXIT.violations : EXIT.ok;
  });
}

/**
 * What a format writes before its head is known (JUnit's test cases, SARIF's results), through a
 * temporary file of its own: `spill` writes text to it, `unspill` copies it out a mebibyte at a time.
 * The folder is removed however the run ends.
 */
async function throughSpill<T>(
  format: string,
  use: (spill: (text: string) => void, unspill: (write: (chunk: Uint8Array) => void) => void) => Promise<T>,
): Promise<T> {
  const folder = makeTempFolder(`turnussjekk-${format}-`);
  const spilled = join(folder, 'spilled');
  const fd = openSync(spilled, 'w');
  try {
    return await use(
      (text) => writeSync(fd, text),
      (write) => {
        for (const piece of readPieces(spilled)) write(piece);
      },
    );
  } finally {
    closeSync(fd);
    removeTempFolder(folder);
  }
}

/**
 * A large rota's SARIF log from its parts as they come: each finding's entry is named where its part
 * was evaluated (this process has let the periods go), its line looked up in the file read again;
 * the results wait in a temporary file until the rules the log opens with are known.
 */
async function streamSarif(large: LargeRota, opts: SarifOptions): Promise<number> {
  return throughSpill('sarif', async (spill, unspill) => {
    const stream = new SarifReportStream(large.file, opts, linesWhenAsked(large.file), spill);
    let failing = false;
    await forEachPart(large, { entries: true }, (part) => {
      failing ||= failsBy(countsOf(part), large.failOn);
      stream.add(part.report.findings, part.entries ?? []);
    });
    inPieces(large.io, (write) => stream.end(write, () => unspill(write)));
    return failing ? EXIT.violations : EXIT.ok;
  });
}

/**
 * A format written in pieces: to raw stdout as they come (a national year's SARIF, JUnit or JSON is
 * longer than one string can be), else gathered for `out`. Either way the text ends in one newline.
 */
function inPieces(io: Io, writeAll: (write: (chunk: string | Uint8Array) => void) => void): void {
  if (io.write) {
    writeAll(io.write);
    io.write('\n');
    return;
  }
  const pieces: string[] = [];
  // Bytes (a spilled file copied out) may cut a character: decoded as one stream.
  const decoder = new TextDecoder();
  writeAll((chunk) => pieces.push(typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true })));
  io.out(pieces.join('') + decoder.decode());
}

/** Lines of entries in a rota file, for SARIF regions and annotations; none if the file cannot be re-read. */
function linesOf(file: string): LineLocator | undefined {
  try {
    // CSV and iCalendar rows are not rota entries: their findings point at the file itself.
    const format = formatFromName(file);
    // The text is let go once its entries' lines are known: any other path reads the file again
    // (and finds no line if it can no longer be read).
    return format ? locateLines(readFileSync(file, 'utf8'), format, () => readAgain(file)) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * linesOf, read when the first line is asked for: a large rota's first result comes with its first
 * part, once the input's garbage is collected (WaitingGarbage), not on top of the parse's peak (the
 * file's text, its bytes and its entries' offsets: 960 MB for the CLI of a 10 000-worker year's
 * SARIF run at that moment, against 800 MB without).
 */
function linesWhenAsked(file: string): LineLocator {
  let lines: LineLocator | undefined | null = null;
  return (path) => {
    if (lines === null) lines = linesOf(file);
    return lines?.(path);
  };
}

function readAgain(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

/** The closing line on stderr for several files or a baseline run. */
export function summaryLine(
  reports: Array<{ summary: Pick<Report['summary'], 'violations' | 'warnings' | 'info'> }>,
  lang: 'nb' | 'en',
  baseline?: { suppressed: number; file: string },
): string {
  const n = (key: 'violations' | 'warnings' | 'info') => reports.reduce((s, r) => s + r.summary[key], 0);
  const [files, violations, warnings, info] = [reports.length, n('violations'), n('warnings'), n('info')];
  if (lang === 'nb') {
    return (
      `turnussjekk: ${files} ${files === 1 ? 'fil' : 'filer'} sjekket: ${violations} brudd, ${warnings} ${warnings === 1 ? 'advarsel' : 'advarsler'}, ${info} info` +
      (baseline ? `; ${baseline.suppressed} funn undertrykt av baseline (${baseline.file})` : '') +
      '.'
    );
  }
  return (
    `turnussjekk: ${files} ${files === 1 ? 'file' : 'files'} checked: ${violations} ${violations === 1 ? 'violation' : 'violations'}, ` +
    `${warnings} ${warnings === 1 ? 'warning' : 'warnings'}, ${info} info` +
    (baseline
      ? `; ${baseline.suppressed} ${baseline.suppressed === 1 ? 'finding' : 'findings'} suppressed by the baseline (${baseline.file})`
      : '') +
    '.'
  );
}
