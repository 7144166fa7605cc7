// JUnit XML, what CI test reporters read: one <testsuite> per rota file, one <testcase> per
// worker × rule id (classname = worker, name = rule id). Each finding at or above the fail-on
// severity (default: violations) is a <failure> whose message is the Norwegian message; the other
// findings are written to the test case's <system-out>, so they are visible but do not fail.
import { writeNumber } from '../engine/messages.ts';
import { fails, type FailOn } from '../report/baseline.ts';
import type { Finding } from '../report/schema.ts';
import type { CheckedFile } from './locations.ts';
import { type LineWriter, linesInPieces } from './pieces.ts';
import { wallClock } from './wallClock.ts';

export interface JunitOptions {
  /** Every rule id checked (e.g. from listRules), so passing rules appear as passed test cases. */
  ruleIds: string[];
  failOn?: FailOn;
}

// XML 1.0 allows tab, LF, CR and the ranges below; anything else (control characters, lone
// surrogates) cannot be written even as a character reference, so it becomes U+FFFD.
const INVALID_XML = /[^\t\n\r\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

export function escapeXmlText(s: string): string {
  return s.replace(INVALID_XML, '\uFFFD').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function escapeXmlAttr(s: string): string {
  return escapeXmlText(s)
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    .replace(/\t/g, '&#9;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;');
}

function attrs(a: Record<string, string | number>): string {
  return Object.entries(a)
    .map(([k, v]) => ` ${k}="${escapeXmlAttr(String(v))}"`)
    .join('');
}

const local = (iso: string) => wallClock(iso, 'dd.MM.yyyy HH:mm');
// Made one Intl.NumberFormat per number before: a third of a national year's JUnit.
const num = (n: number) => writeNumber(n, 'nb');

/** The lines a person needs beside the message: the paragraph, the window, the numbers. */
function details(f: Finding): string {
  return [
    `${f.severity === 'violation' ? 'BRUDD' : f.severity === 'warning' ? 'ADVARSEL' : 'INFO'} ${f.ruleId} — ${f.title.nb} (${f.citation})`,
    `Tidsrom: ${local(f.window.start)} – ${local(f.window.end)} (${f.window.start} – ${f.window.end})`,
    `Oppdrag/arbeidsforhold: ${f.assignmentIds.join(', ') || '–'}${f.hypothetical ? ' (gjelder bare hvis oppdraget blir arbeidsavtale)' : ''}`,
    `Målt ${num(f.measured)} t, grense ${num(f.limit)} t.`,
    f.message.nb,
    ...(f.curedBy.length > 0 ? [`Kan bli lovlig med: ${f.curedBy.join(', ')}`] : []),
    ...(f.url ? [f.url] : []),
  ].join('\n');
}

interface Case {
  worker: string;
  ruleId: string;
  failures: Finding[];
  others: Finding[];
}

/** A file's test cases, worker by worker in the rota's order and rule by rule in the book's. */
function casesOf(
  file: Pick<CheckedFile, 'rota' | 'report'>,
  opts: JunitOptions,
  ruleIdsOnly = false,
): { cases: Case[]; failed: number } {
  const failOn = opts.failOn ?? 'violation';
  // Sets beside the lists: a national year has hundreds of thousands of findings and ten thousand workers.
  const ruleIds = [...opts.ruleIds];
  const knownRules = new Set(ruleIds);
  for (const f of file.report.findings) {
    if (knownRules.has(f.ruleId)) continue;
    // A rule of its own would be a test case of every worker, the ones already written too.
    if (ruleIdsOnly) throw new Error(`a finding of ${f.ruleId}, a rule not in the rule book`);
    ruleIds.push(f.ruleId);
    knownRules.add(f.ruleId);
  }
  const workers = file.rota.workers.map((w) => w.id);
  const knownWorkers = new Set(workers);
  for (const f of file.report.findings)
    if (!knownWorkers.has(f.workerId)) workers.push(f.workerId), knownWorkers.add(f.workerId);

  const cases = new Map<string, Case>();
  for (const worker of workers) {
    for (const ruleId of ruleIds) cases.set(`${worker}\u0000${ruleId}`, { worker, ruleId, failures: [], others: [] });
  }
  for (const f of file.report.findings) {
    const c = cases.get(`${f.workerId}\u0000${f.ruleId}`)!;
    (fails(f, failOn) ? c.failures : c.others).push(f);
  }
  const all = [...cases.values()];
  return { cases: all, failed: all.filter((c) => c.failures.length > 0).length };
}

function testcase(c: Case): string {
  const open = `    <testcase${attrs({ classname: c.worker, name: c.ruleId, time: 0 })}`;
  if (c.failures.length === 0 && c.others.length === 0) return `${open}/>`;
  const lines = [`${open}>`];
  for (const f of c.failures) {
    lines.push(
      `      <failure${attrs({ message: f.message.nb, type: f.severity })}>${escapeXmlText(details(f))}</failure>`,
    );
  }
  if (c.others.length > 0)
    lines.push(`      <system-out>${escapeXmlText(c.others.map(details).join('\n\n'))}</system-out>`);
  lines.push('    </testcase>');
  return lines.join('\n');
}

/**
 * The report as JUnit XML, given to `write` a piece at a time: a national year's XML is tens of
 * megabytes per thousand workers (74 MB at 1 000), and as one string it was past V8's longest
 * string at about 7 000. `failures` on <testsuite> and <testsuites> counts failed test cases
 * (worker × rule); a test case has one <failure> element per failing finding.
 */
export function writeJunit(files: CheckedFile[], opts: JunitOptions, write: (text: string) => void): void {
  const suites = files.map((f) => ({ file: f.file, ...casesOf(f, opts) }));
  const tests = suites.reduce((s, x) => s + x.cases.length, 0);
  const failures = suites.reduce((s, x) => s + x.failed, 0);
  const out = linesInPieces(write);
  const line = (text: string) => out.push(text);
  line(XML_DECLARATION);
  line(testsuites(tests, failures));
  for (const s of suites) {
    line(testsuite(s.file, s.cases.length, s.failed));
    for (const c of s.cases) line(testcase(c));
    line(SUITE_END);
  }
  line(SUITES_END);
  out.end();
}

const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>';
const testsuites = (tests: number, failures: number) =>
  `<testsuites${attrs({ name: 'turnussjekk', tests, failures, errors: 0, time: 0 })}>`;
const testsuite = (file: string, tests: number, failures: number) =>
  `  <testsuite${attrs({ name: file, tests, failures, errors: 0, skipped: 0, time: 0 })}>`;
const SUITE_END = '  </testsuite>';
const SUITES_END = '</testsuites>';

/**
 * One large rota file's JUnit XML from its parts as they come (consecutive workers each, in the
 * rota's order), so its findings are never held at once. The XML opens with the count of test cases
 * and failures, known only at the end: the test cases go to `spill` (the CLI's temporary file) as
 * they are made, and `end` writes the head, has the spilled cases written again, and the tail.
 */
export class JunitReportStream {
  private readonly cases: LineWriter;
  private tests = 0;
  private failed = 0;

  constructor(
    private readonly file: string,
    private readonly opts: JunitOptions,
    spill: (text: string) => void,
  ) {
    this.cases = linesInPieces(spill);
  }

  /** A part: its workers, and its report (the findings of those workers). */
  add(part: Pick<CheckedFile, 'rota' | 'report'>): void {
    const { cases, failed } = casesOf(part, this.opts, true);
    for (const c of cases) this.cases.push(testcase(c));
    this.tests += cases.length;
    this.failed += failed;
  }

  /** Failed test cases so far. */
  get failures(): number {
    return this.failed;
  }

  /** The whole XML: `unspill` writes (to the same `write`) everything `spill` was given. */
  end(write: (text: string) => void, unspill: () => void): void {
    this.cases.end();
    const head = [XML_DECLARATION, testsuites(this.tests, this.failed), testsuite(this.file, this.tests, this.failed)];
    write(head.join('\n'));
    if (this.tests > 0) {
      write('\n');
      unspill();
    }
    write(`\n${SUITE_END}\n${SUITES_END}`);
  }
}

export function formatJunit(files: CheckedFile[], opts: JunitOptions): string {
  const pieces: string[] = [];
  writeJunit(files, opts, (text) => pieces.push(text));
  return pieces.join('');
}
