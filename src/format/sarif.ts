// SARIF 2.1.0 (OASIS), what code-scanning tools read: the rule book as `tool.driver.rules`
// (id, title, summary, the law's URL, the citation) and every finding as a result pointing at the
// line of the rota file that caused it. Messages are in Norwegian, as the findings' `message.nb`.
import { createHash } from 'node:crypto';
import { baselineKey } from '../report/baseline.ts';
import type { Finding } from '../report/schema.ts';
import { InputError } from '../rota/errors.ts';
import { listRules } from '../rules/catalogue.ts';
import type { RuleBook } from '../rules/load.ts';
import { entryFinder } from '../report/entries.ts';
import { relativeUri, type CheckedFile } from './locations.ts';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
export const TOOL_VERSION = '0.1.0';

/**
 * Where the repository's files are published, so `helpUri` and `informationUri` are the absolute
 * URIs SARIF viewers open. The project names no public home of its own: this is the same
 * placeholder host as the schemas' `$id` and the problem types, and a deployment that publishes
 * the repository sets TURNUSSJEKK_DOCS_URL (e.g. `https://github.com/<org>/turnussjekk/blob/main/`).
 */
export const DEFAULT_DOCS_BASE = 'https://turnussjekk.no/';
export const DOCS_BASE_VARIABLE = 'TURNUSSJEKK_DOCS_URL';
/** The page every rule id is listed on; for a rule whose file names no page of docs/ of its own. */
const RULE_IDS_PAGE = 'docs/contract.md#rule-ids';

type Level = 'error' | 'warning' | 'note';
const LEVEL: Record<Finding['severity'], Level> = { violation: 'error', warning: 'warning', info: 'note' };

export interface SarifOptions {
  book: RuleBook;
  /** Artifact URIs are relative to this directory (default: process.cwd()). */
  cwd?: string;
  /** Base of the documentation URIs (default: TURNUSSJEKK_DOCS_URL, else DEFAULT_DOCS_BASE). */
  docsBase?: string;
}

export interface SarifRule {
  id: string;
  name: string;
  shortDescription: { text: string };
  fullDescription: { text: string };
  help: { text: string };
  helpUri: string;
  defaultConfiguration: { level: Level };
  properties: Record<string, unknown>;
}

export interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: Level;
  message: { text: string };
  locations: Array<{
    physicalLocation: { artifactLocation: { uri: string; index: number }; region?: { startLine: number } };
    logicalLocations?: Array<{ fullyQualifiedName: string; kind: string }>;
  }>;
  partialFingerprints: Record<string, string>;
  properties: Record<string, unknown>;
}

export interface SarifLog {
  $schema: string;
  version: '2.1.0';
  runs: Array<{
    tool: {
      driver: {
        name: string;
        version: string;
        semanticVersion: string;
        informationUri: string;
        language: string;
        rules: SarifRule[];
      };
    };
    artifacts: Array<{ location: { uri: string }; mimeType: string }>;
    results: SarifResult[];
    columnKind: 'unicodeCodePoints';
  }>;
}

function pascal(parts: string[]): string {
  return parts
    .flatMap((p) => p.split(/[^A-Za-z0-9]+/))
    .filter(Boolean)
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join('');
}

/** The base the documentation URIs start with, ending in `/`; a bad setting is named, not ignored. */
export function docsBase(given: string | undefined = process.env[DOCS_BASE_VARIABLE]): string {
  const base = given?.trim() || DEFAULT_DOCS_BASE;
  let url: URL | undefined;
  try {
    url = new URL(base);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:') || url.search || url.hash) {
    throw new InputError([
      {
        path: DOCS_BASE_VARIABLE,
        message: `must be an absolute http(s) URL without query or fragment, where the repository's files are published; got ${JSON.stringify(base)}`,
      },
    ]);
  }
  return url.href.endsWith('/') ? url.href : `${url.href}/`;
}

/**
 * The project's own page for a rule: the first page of docs/ its rule file names among its sources
 * (the provision's paraphrase in docs/legal/provisions/, or the contract for the rota's own rules),
 * else the list of rule ids. The law's own URL stays in `help` and `properties.lawUri`.
 */
export function ruleDocPath(sources: readonly string[]): string {
  for (const s of sources) {
    const page = /(?:^|[\s,;(])(docs\/[\w./-]+\.md)\b/.exec(s)?.[1];
    if (page) return page === 'docs/contract.md' ? RULE_IDS_PAGE : page;
  }
  return RULE_IDS_PAGE;
}

/** The rule book as SARIF reportingDescriptors, in `turnussjekk rules` order. */
export function sarifRules(book: RuleBook, base: string = docsBase()): SarifRule[] {
  const used = new Set<string>();
  return listRules(book).map((r) => {
    const file = book.files.find((f) => `rules/${f.file}` === r.file);
    const [code = '', section = '', slug = ''] = r.id.split('.');
    let name = pascal([code, slug]);
    if (used.has(name)) name = pascal([code, section, slug]);
    used.add(name);
    const level: Level = r.severities.includes('violation')
      ? 'error'
      : r.severities.includes('warning')
        ? 'warning'
        : 'note';
    const summary = file?.summary.nb ?? r.title.nb;
    return {
      id: r.id,
      name,
      shortDescription: { text: r.title.nb },
      fullDescription: { text: summary },
      help: { text: `${r.citation.nb}: ${summary}${r.url ? ` (${r.url})` : ''}` },
      helpUri: `${base}${ruleDocPath(file?.sources ?? [])}`,
      defaultConfiguration: { level },
      properties: {
        ...(r.url ? { lawUri: r.url } : {}),
        citation: r.citation.nb,
        citationEn: r.citation.en,
        titleEn: r.title.en,
        ...(file ? { summaryEn: file.summary.en, ruleFile: r.file } : {}),
        confidence: r.confidence,
        inForce: r.inForce,
        curedBy: r.curedBy,
        tags: ['working-time', code],
      },
    };
  });
}

/** A stable fingerprint of a finding, the same identity the baseline uses. */
export function findingFingerprint(f: Finding): string {
  return createHash('sha256').update(baselineKey(f)).digest('hex').slice(0, 32);
}

/**
 * The rules of the log: the book's, then one for each rule id a finding names that the book lacks
 * (should not happen), in the order the findings first name them.
 */
class RuleDescriptors {
  readonly rules: SarifRule[];
  private readonly index: Map<string, number>;

  constructor(
    book: RuleBook,
    private readonly base: string,
  ) {
    this.rules = sarifRules(book, base);
    this.index = new Map(this.rules.map((r, i) => [r.id, i]));
  }

  /** The index of the finding's rule, a descriptor made for it if the book lacks it. */
  of(f: Finding): number {
    const known = this.index.get(f.ruleId);
    if (known !== undefined) return known;
    this.index.set(f.ruleId, this.rules.length);
    this.rules.push({
      id: f.ruleId,
      name: pascal(f.ruleId.split('.')),
      shortDescription: { text: f.title.nb },
      fullDescription: { text: f.title.nb },
      help: { text: f.citation },
      helpUri: `${this.base}${RULE_IDS_PAGE}`,
      defaultConfiguration: { level: LEVEL[f.severity] },
      properties: { ...(f.url ? { lawUri: f.url } : {}), citation: f.citation },
    });
    return this.rules.length - 1;
  }
}

/** Where a result points: the file (as given, its URI and index in the log) and the entry, its line. */
interface ResultPlace {
  file: string;
  uri: string;
  artifactIndex: number;
  entry: string;
  line: number | undefined;
}

function resultOf(f: Finding, ruleIndex: number, { file, uri, artifactIndex, entry, line }: ResultPlace): SarifResult {
  return {
    ruleId: f.ruleId,
    ruleIndex,
    level: LEVEL[f.severity],
    message: { text: f.message.nb },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri, index: artifactIndex },
          ...(line !== undefined && line >= 1 ? { region: { startLine: line } } : {}),
        },
        ...(entry ? { logicalLocations: [{ fullyQualifiedName: entry, kind: 'element' }] } : {}),
      },
    ],
    partialFingerprints: { 'turnussjekk/v1': findingFingerprint(f) },
    properties: {
      severity: f.severity,
      citation: f.citation,
      workerId: f.workerId,
      assignmentIds: f.assignmentIds,
      window: f.window,
      measured: f.measured,
      limit: f.limit,
      unit: f.unit,
      curedBy: f.curedBy,
      hypothetical: f.hypothetical ?? false,
      messageEn: f.message.en,
      file,
    },
  };
}

const artifactOf = (file: string, cwd: string | undefined) => ({
  location: { uri: relativeUri(file, cwd) },
  mimeType: /\.json$/i.test(file) ? 'application/json' : 'application/yaml',
});

function logOf(base: string, rules: SarifRule[], artifacts: SarifLog['runs'][number]['artifacts']): SarifLog {
  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'turnussjekk',
            version: TOOL_VERSION,
            semanticVersion: TOOL_VERSION,
            informationUri: `${base}README.md`,
            language: 'nb-NO',
            rules,
          },
        },
        artifacts,
        results: [],
        columnKind: 'unicodeCodePoints',
      },
    ],
  };
}

/** The log without its results, and the results file by file (sarifLog puts them together). */
function sarifFrame(
  files: CheckedFile[],
  opts: SarifOptions,
): { log: SarifLog; results: () => Generator<SarifResult> } {
  const base = docsBase(opts.docsBase);
  const descriptors = new RuleDescriptors(opts.book, base);
  for (const { report } of files) for (const f of report.findings) descriptors.of(f);
  const artifacts = files.map(({ file }) => artifactOf(file, opts.cwd));
  function* results(): Generator<SarifResult> {
    for (const [artifactIndex, { file, rota, report, lines }] of files.entries()) {
      const entryOf = entryFinder(rota);
      const uri = artifacts[artifactIndex]!.location.uri;
      for (const f of report.findings) {
        const entry = entryOf(f);
        yield resultOf(f, descriptors.of(f), { file, uri, artifactIndex, entry, line: lines?.(entry) });
      }
    }
  }
  return { log: logOf(base, descriptors.rules, artifacts), results };
}

export function sarifLog(files: CheckedFile[], opts: SarifOptions): SarifLog {
  const { log, results } = sarifFrame(files, opts);
  log.runs[0]!.results = [...results()];
  return log;
}

// Where the results stand in the log: a string JSON writes as no other value can (a NUL is written
// escaped, so no text of a finding makes these characters).
const RESULTS_HERE = 'results\u0000';
const RESULTS_HERE_JSON = JSON.stringify(RESULTS_HERE);
// JSON.stringify(…, null, 2) of a log puts a run's results eight spaces in, ",\n" between them; the
// same of this wrapper puts a batch of them exactly so, between OPEN and CLOSE.
const OPEN = '{\n  "runs": [\n    {\n      "results": [\n';
const CLOSE = '\n      ]\n    }\n  ]\n}';
/** Results a string: a few hundred kilobytes, written and let go. */
const BATCH = 64;

/** The log as JSON.stringify(…, null, 2) writes it, split where its results go. */
function framed(log: SarifLog): { head: string; tail: string } {
  (log.runs[0] as { results: unknown }).results = RESULTS_HERE;
  const frame = JSON.stringify(log, null, 2);
  const at = frame.indexOf(RESULTS_HERE_JSON);
  return { head: frame.slice(0, at), tail: frame.slice(at + RESULTS_HERE_JSON.length) };
}

/** Results written a batch at a time, as the log's results array holds them (without its brackets). */
class ResultBatches {
  private batch: SarifResult[] = [];
  private first = true;

  constructor(private readonly write: (text: string) => void) {}

  push(result: SarifResult): void {
    if (this.batch.push(result) === BATCH) this.flush();
  }

  /** Whether any result was written (after the last batch is). */
  end(): boolean {
    if (this.batch.length > 0) this.flush();
    return !this.first;
  }

  private flush(): void {
    const text = JSON.stringify({ runs: [{ results: this.batch }] }, null, 2);
    this.write((this.first ? '' : ',\n') + text.slice(OPEN.length, text.length - CLOSE.length));
    this.first = false;
    this.batch = [];
  }
}

/**
 * The SARIF log as `JSON.stringify(sarifLog(files, opts), null, 2)` writes it, given to `write` a
 * batch of results at a time. At national scale the log is over ten times the rota (176 MB of SARIF
 * for a 9 MB year of 1 000 workers): built whole and written as one string it held the findings
 * twice over, 2.2 GB at 1 000 workers, and past about 3 000 workers it is longer than the longest
 * string V8 can make.
 */
export function writeSarif(files: CheckedFile[], opts: SarifOptions, write: (text: string) => void): void {
  const { log, results } = sarifFrame(files, opts);
  const { head, tail } = framed(log);
  write(head);
  let opened = false;
  const batches = new ResultBatches((text) => {
    write(opened ? text : `[\n${text}`);
    opened = true;
  });
  for (const result of results()) batches.push(result);
  write(batches.end() ? '\n      ]' : '[]');
  write(tail);
}

/**
 * One large rota's SARIF log from its parts as they come: the results wait in `spill` (a temporary
 * file) until the rules are known, since a finding may name one the book lacks; `end` writes the log
 * as writeSarif writes it for the whole report. Each finding comes with its entry (found where its
 * part was evaluated, named in the whole rota's lists) and `lines` the file's lines.
 */
export class SarifReportStream {
  private readonly base: string;
  private readonly descriptors: RuleDescriptors;
  private readonly batches: ResultBatches;
  private readonly uri: string;

  constructor(
    private readonly file: string,
    private readonly opts: SarifOptions,
    private readonly lines: ((entry: string) => number | undefined) | undefined,
    spill: (text: string) => void,
  ) {
    this.base = docsBase(opts.docsBase);
    this.descriptors = new RuleDescriptors(opts.book, this.base);
    this.batches = new ResultBatches(spill);
    this.uri = artifactOf(file, opts.cwd).location.uri;
  }

  /** A part's findings, each with its entry (`entries[i]` for `findings[i]`). */
  add(findings: Finding[], entries: string[]): void {
    findings.forEach((f, i) => {
      const entry = entries[i] ?? '';
      const place = { file: this.file, uri: this.uri, artifactIndex: 0, entry, line: this.lines?.(entry) };
      this.batches.push(resultOf(f, this.descriptors.of(f), place));
    });
  }

  /** The whole log: `unspill` writes (to the same `write`) everything `spill` was given. */
  end(write: (text: string) => void, unspill: () => void): void {
    const any = this.batches.end();
    const { head, tail } = framed(logOf(this.base, this.descriptors.rules, [artifactOf(this.file, this.opts.cwd)]));
    write(head);
    if (any) {
      write('[\n');
      unspill();
      write('\n      ]');
    } else write('[]');
    write(tail);
  }
}

export function formatSarif(files: CheckedFile[], opts: SarifOptions): string {
  const parts: string[] = [];
  writeSarif(files, opts, (text) => parts.push(text));
  return parts.join('');
}
