// What a caseworker reads. By default: a line per worker, then what happened, one incident at a time
// (worst first), each with the rules it breaks on one line and the agreements that would lift it said
// once, and the limits with least room left. `--details` gives every finding in full: the paragraph,
// the window in local time, measured against the limit, and what agreement would make it lawful.
import { groupBy } from '../groupBy.ts';
import type { Finding, Report } from '../report/schema.ts';
import type { AgreementCatalogue } from '../rules/schema.ts';
import type { Language } from '../rules/schema.ts';
import { UNIT_WORDS } from '../engine/findings.ts';
import type { PartText } from '../engine/partTask.ts';
import { countFindings } from '../report/counts.ts';
import { writeNumber } from '../engine/messages.ts';
import { type LineWriter, linesInPieces } from './pieces.ts';
import { wallClock } from './wallClock.ts';

const WORDS = {
  nb: {
    severity: { violation: 'BRUDD', warning: 'ADVARSEL', info: 'INFO' },
    worker: 'Arbeidstaker',
    measured: 'Målt',
    limit: 'grense',
    hours: 't',
    curedBy: 'Kan bli lovlig med',
    hypothetical: 'gjelder bare hvis oppdraget blir arbeidsavtale',
    assignment: 'oppdrag/arbeidsforhold',
    ledger: 'Timeregnskap',
    periods: (n: number) => `${n} ${n === 1 ? 'periode' : 'perioder'}`,
    none: 'Ingen funn: turnusen holder seg innenfor reglene som er sjekket.',
    summary: (r: Pick<Report, 'summary'>) =>
      `Oppsummering: ${r.summary.violations} brudd, ${r.summary.warnings} ${r.summary.warnings === 1 ? 'advarsel' : 'advarsler'}, ${r.summary.info} info — ` +
      `${fmt('nb', r.summary.hours)} timer i ${r.summary.periods} ${r.summary.periods === 1 ? 'periode' : 'perioder'} for ` +
      `${r.summary.workers} ${r.summary.workers === 1 ? 'arbeidstaker' : 'arbeidstakere'}.`,
  },
  en: {
    severity: { violation: 'VIOLATION', warning: 'WARNING', info: 'INFO' },
    worker: 'Worker',
    measured: 'Measured',
    limit: 'limit',
    hours: 'h',
    curedBy: 'Could be made lawful by',
    hypothetical: 'applies only if the oppdrag becomes an arbeidsavtale',
    assignment: 'assignments',
    ledger: 'Ledger',
    periods: (n: number) => `${n} ${n === 1 ? 'period' : 'periods'}`,
    none: 'No findings: the rota stays within the rules checked.',
    summary: (r: Pick<Report, 'summary'>) =>
      `Summary: ${r.summary.violations} violations, ${r.summary.warnings} warnings, ${r.summary.info} info — ` +
      `${fmt('en', r.summary.hours)} hours in ${r.summary.periods} ${r.summary.periods === 1 ? 'period' : 'periods'} for ` +
      `${r.summary.workers} ${r.summary.workers === 1 ? 'worker' : 'workers'}.`,
  },
} as const;

function fmt(lang: Language, n: number): string {
  return writeNumber(n, lang);
}

function localTime(iso: string, lang: Language): string {
  return wallClock(iso, 'ccc dd.MM.yyyy HH:mm', lang === 'nb' ? 'nb' : 'en-GB');
}

function findingLines(f: Finding, lang: Language, agreements: AgreementCatalogue): string[] {
  const w = WORDS[lang];
  const lines = [
    `  ${w.severity[f.severity].padEnd(9)} ${f.ruleId} — ${f.title[lang]} (${f.citation})`,
    `            ${localTime(f.window.start, lang)} – ${localTime(f.window.end, lang)} · ${w.assignment}: ${f.assignmentIds.join(', ')}` +
      (f.hypothetical ? ` (${w.hypothetical})` : ''),
    `            ${w.measured} ${fmt(lang, f.measured)}${UNIT_WORDS[f.unit][lang]}, ${w.limit} ${fmt(lang, f.limit)}${UNIT_WORDS[f.unit][lang]}. ${f.message[lang]}`,
  ];
  if (f.curedBy.length > 0) {
    lines.push(
      `            ${w.curedBy}: ${f.curedBy.map((t) => `${agreements[t]?.title[lang] ?? t} (${agreements[t]?.citation[lang] ?? ''})`).join('; ')}`,
    );
  }
  return lines;
}

const VERDICT = {
  nb: {
    convertible: 'kan bli arbeidsavtale slik turnusen er',
    'convertible-with-agreement': 'kan bli arbeidsavtale med skriftlig avtale',
    'needs-collective-agreement': 'trenger tariffavtale eller samtykke fra Arbeidstilsynet',
    'not-convertible': 'kan ikke bli arbeidsavtale slik turnusen er',
  },
  en: {
    convertible: 'can become an arbeidsavtale as it stands',
    'convertible-with-agreement': 'can become an arbeidsavtale with a written agreement',
    'needs-collective-agreement': 'needs a collective agreement or Arbeidstilsynet’s consent',
    'not-convertible': 'cannot become an arbeidsavtale as the rota stands',
  },
} as const;
const CONFIDENCE = {
  nb: { high: 'høy', medium: 'middels', low: 'lav' },
  en: { high: 'high', medium: 'medium', low: 'low' },
} as const;
const LIKELIHOOD = {
  nb: { high: 'høy', probable: 'sannsynlig', uncertain: 'usikker', low: 'lav' },
  en: { high: 'high', probable: 'probable', uncertain: 'uncertain', low: 'low' },
} as const;

function conversionLines(conversions: Report['conversions'], lang: Language, agreements: AgreementCatalogue): string[] {
  const nb = lang === 'nb';
  const lines = [nb ? 'Omgjøring av oppdrag til arbeidsavtale' : 'Converting oppdrag to arbeidsavtale'];
  for (const c of conversions) {
    lines.push(`  ${c.assignmentId}: ${VERDICT[lang][c.verdict]}`);
    if (c.requiredAgreements.length > 0) {
      lines.push(
        `    ${nb ? 'Trenger' : 'Needs'}: ${c.requiredAgreements.map((t) => `${agreements[t]?.title[lang] ?? t} (${agreements[t]?.citation[lang] ?? ''})`).join('; ')}`,
      );
    }
    if (c.blockingRuleIds.length > 0)
      lines.push(`    ${nb ? 'Stopper på' : 'Blocked by'}: ${c.blockingRuleIds.join(', ')}`);
    if (c.confidence !== 'high')
      lines.push(
        `    ${nb ? 'Sikkerhet' : 'Confidence'}: ${CONFIDENCE[lang][c.confidence]}. ${c.caveats.map((x) => x[lang]).join(' ')}`,
      );
    for (const s of c.suggestionDetails ?? [])
      lines.push(
        `    ${nb ? 'Forslag' : 'Suggestion'}: ${s[lang]} (${nb ? 'sjekket' : 'checked'}: ${VERDICT[lang][s.verdictAfter]})`,
      );
    if (c.employment)
      lines.push(
        `    ${nb ? 'Er det allerede et arbeidsforhold?' : 'Already employment?'} ${LIKELIHOOD[lang][c.employment.likelihood]}: ${c.employment.reasons.map((r) => r[lang]).join(' ')}`,
      );
    if (c.hours) {
      const paid =
        c.hours.paidToday !== undefined
          ? nb
            ? `, betalt i dag ${fmt(lang, c.hours.paidToday)} t`
            : `, paid today ${fmt(lang, c.hours.paidToday)} h`
          : '';
      lines.push(
        `    ${nb ? 'Timer som arbeidstid' : 'Hours as working time'}: ${fmt(lang, c.hours.asEmployment)}${paid}`,
      );
    }
    if (c.cost) {
      lines.push(
        `    ${nb ? 'Kostnad' : 'Cost'}: ${fmt(lang, c.cost.asEmployment)} NOK${c.cost.today !== undefined ? ` (${nb ? 'i dag' : 'today'} ${fmt(lang, c.cost.today)} NOK, ${nb ? 'forskjell' : 'difference'} ${fmt(lang, c.cost.difference!)} NOK)` : ''}`,
      );
    }
  }
  return lines;
}

export interface TextOptions {
  lang: Language;
  agreements: AgreementCatalogue;
  names?: Map<string, string>;
  file?: string;
  /** Every finding in full (`--details`). */
  details?: boolean;
  /** Show info findings and rolling-window advice too (`--fail-on info`). */
  withInfo?: boolean;
}

/**
 * The report as text, given to `write` a piece at a time: with --details a national year's text
 * runs to about 75 MB per thousand workers, past V8's longest string at some seven thousand.
 */
export function writeText(report: Report, opts: TextOptions, write: (text: string) => void): void {
  const text = new TextReportStream(workersOf(report.ledger), opts, write);
  text.add(report);
  text.end(report);
}

/** The workers' names by id, for the text's headings (a worker without one is named by id). */
export const workerNames = (workers: ReadonlyArray<{ id: string; name?: string | undefined }>): Map<string, string> =>
  new Map(workers.flatMap((w) => (w.name ? [[w.id, w.name] as const] : [])));

/** The workers in the order the text gives them: their first assignment's (the ledger's order). */
export const workersOf = (rows: ReadonlyArray<{ workerId: string }>): string[] => [
  ...new Set(rows.map((r) => r.workerId)),
];

/** A worker's lines, from the report (or the part of one) that holds the worker. */
type WorkerLines = (workerId: string, out: LineWriter) => void;

/**
 * The text of a report that comes in parts, each with its workers' findings, incidents, headroom and
 * ledger rows (a national year's parts, so its findings are never held at once). A worker's lines
 * are written when the workers before it in `order` are; the lines of a worker whose turn has not
 * come, and of every worker before the first finding (the text opens with "no findings" when there
 * are none), wait.
 */
export class TextReportStream {
  private readonly out: LineWriter;
  private readonly waiting = new Map<string, string[]>();
  private next = 0;
  private findings = 0;

  constructor(
    private readonly order: readonly string[],
    private readonly opts: TextOptions,
    write: (text: string) => void,
  ) {
    this.out = linesInPieces(write);
    if (opts.file) this.out.push(opts.file, '');
  }

  add(report: Report): void {
    this.findings += report.findings.length;
    const lines = (this.opts.details ? detailsOf : incidentsOf)(report, this.opts);
    for (const workerId of workersOf(report.ledger)) {
      if (this.findings > 0 && this.waiting.size === 0 && this.order[this.next] === workerId) {
        lines(workerId, this.out);
        this.next++;
      } else {
        this.waiting.set(workerId, heldLines(lines, workerId));
        this.release();
      }
    }
  }

  /** A part whose text was made where it was evaluated (partText). */
  addText({ counts, workers }: PartText): void {
    this.findings += counts.violations + counts.warnings + counts.info;
    for (const { workerId, lines } of workers) {
      if (this.findings > 0 && this.waiting.size === 0 && this.order[this.next] === workerId) {
        for (const line of lines) this.out.push(line);
        this.next++;
      } else {
        this.waiting.set(workerId, lines);
        this.release();
      }
    }
  }

  /** What follows the workers: the conversion assessment and the summary, of the whole report. */
  end(tail: Pick<Report, 'conversions' | 'summary'>): void {
    const w = WORDS[this.opts.lang];
    if (this.findings === 0) this.out.push(w.none, '');
    this.release(true);
    if (this.next < this.order.length || this.waiting.size > 0)
      throw new Error(`the text of ${this.order.length - this.next} worker(s) never came (${this.order[this.next]})`);
    // A line at a time: a national year's thousands of oppdrag are more lines than one call takes as arguments.
    if (tail.conversions.length > 0) {
      for (const line of conversionLines(tail.conversions, this.opts.lang, this.opts.agreements)) this.out.push(line);
      this.out.push('');
    }
    this.out.push(w.summary(tail));
    this.out.end();
  }

  /** The waiting workers whose turn has come. */
  private release(last = false): void {
    if (this.findings === 0 && !last) return;
    for (
      let lines = this.waiting.get(this.order[this.next]!);
      lines;
      lines = this.waiting.get(this.order[this.next]!)
    ) {
      this.waiting.delete(this.order[this.next]!);
      for (const line of lines) this.out.push(line);
      this.next++;
    }
  }
}

/** A worker's lines, held. */
function heldLines(lines: WorkerLines, workerId: string): string[] {
  const held: string[] = [];
  lines(workerId, {
    push: (...ls) => {
      for (const l of ls) held.push(l);
    },
    end: () => {},
  });
  return held;
}

/**
 * A part's text, made where the part is evaluated (a worker process: src/parts/worker.ts): each of
 * its workers' lines, for TextReportStream.addText, and its findings' counts.
 */
export function partText(report: Report, opts: TextOptions): PartText {
  const lines = (opts.details ? detailsOf : incidentsOf)(report, opts);
  return {
    counts: countFindings(report.findings),
    workers: workersOf(report.ledger).map((workerId) => ({ workerId, lines: heldLines(lines, workerId) })),
  };
}

const INCIDENT_WORDS = {
  nb: {
    rules: 'Regler',
    lifts: 'Kan bli lovlig med',
    liftsAll: 'Alle hendelsene kan bli lovlige med',
    noneLifts: 'Ingen enkelt avtale løfter alt; se --details',
    worker: (name: string, v: number, w: number, i: number, h: number) =>
      `Arbeidstaker ${name}: ${v} brudd, ${w} ${w === 1 ? 'advarsel' : 'advarsler'} i ${i} ${i === 1 ? 'hendelse' : 'hendelser'} — ${fmt('nb', h)} t`,
    hidden: (n: number) => `  (${n} ${n === 1 ? 'merknad' : 'merknader'} og glidende vinduer vises med --details)`,
    headroom: 'Minst margin',
    left: (left: string, measured: string, limit: string) => `${left} igjen (${measured} av ${limit})`,
    hypothetical: 'Gjelder bare hvis oppdraget blir arbeidsavtale.',
    because: 'fordi',
  },
  en: {
    rules: 'Rules',
    lifts: 'Could be made lawful by',
    liftsAll: 'Every incident could be made lawful by',
    noneLifts: 'No single agreement lifts it all; see --details',
    worker: (name: string, v: number, w: number, i: number, h: number) =>
      `Worker ${name}: ${v} ${v === 1 ? 'violation' : 'violations'}, ${w} ${w === 1 ? 'warning' : 'warnings'} in ${i} ${i === 1 ? 'incident' : 'incidents'} — ${fmt('en', h)} h`,
    hidden: (n: number) => `  (${n} ${n === 1 ? 'note' : 'notes'} and rolling-window advice shown with --details)`,
    headroom: 'Least room left',
    left: (left: string, measured: string, limit: string) => `${left} left (${measured} of ${limit})`,
    hypothetical: 'Applies only if the oppdrag becomes an arbeidsavtale.',
    because: 'because',
  },
} as const;

const SEVERITY_ORDER: Record<Finding['severity'], number> = { violation: 0, warning: 1, info: 2 };
/** Advice only: info findings and rolling-window readings (docs/legal/01-fixed-frames.md). */
const advisory = (f: Finding) => f.severity === 'info' || f.reading === 'rolling-window';

/** One rule of an incident on one line: its worst window, measured against the limit, and the basis of a limit that is not the statute's plain one. */
function ruleSummary(fs: Finding[], lang: Language): string {
  const f = fs.reduce((a, b) => (Math.abs(b.measured - b.limit) > Math.abs(a.measured - a.limit) ? b : a));
  const u = UNIT_WORDS[f.unit][lang];
  const sign = f.measured >= f.limit ? '>' : '<';
  const basis = f.limitBasis
    ? ` (${fmt(lang, f.limit)}${u} ${INCIDENT_WORDS[lang].because} ${f.limitBasis[lang].replace(/^\p{Lu}/u, (c) => c.toLowerCase())})`
    : '';
  return `${f.ruleId} ${fmt(lang, f.measured)}${u} ${sign} ${fmt(lang, f.limit)}${u}${basis}`;
}

const agreementList = (types: string[], lang: Language, agreements: AgreementCatalogue) =>
  types
    .map(
      (t) =>
        `${agreements[t as keyof AgreementCatalogue]?.title[lang] ?? t} (${agreements[t as keyof AgreementCatalogue]?.citation[lang] ?? ''})`,
    )
    .join('; ');

/** The agreements under which every finding of the incident would be lawful (those named by all of them). */
function liftedBy(fs: Finding[]): string[] {
  const judged = fs.filter((f) => f.severity !== 'info');
  if (judged.length === 0) return [];
  return judged[0]!.curedBy.filter((t) => judged.every((f) => f.curedBy.includes(t)));
}

function incidentsOf(report: Report, opts: TextOptions): WorkerLines {
  const { lang } = opts;
  const w = WORDS[lang];
  const iw = INCIDENT_WORDS[lang];
  const perWorker = new Map(report.summary.perWorker.map((p) => [p.workerId, p]));
  const incidentsByWorker = groupBy(report.incidents, (i) => i.workerId);
  const advisoryOf = groupBy(
    report.findings.filter((f) => advisory(f)),
    (f) => f.workerId,
  );
  const headroomOf = groupBy(report.headroom, (h) => h.workerId);
  return (workerId, out) => {
    const name = opts.names?.get(workerId);
    const p = perWorker.get(workerId);
    const shown = (incidentsByWorker.get(workerId) ?? [])
      .map((i) => ({
        i,
        fs: i.findingIndexes.map((x) => report.findings[x]!).filter((f) => opts.withInfo || !advisory(f)),
      }))
      .filter((x) => x.fs.length > 0)
      .sort(
        (a, b) =>
          SEVERITY_ORDER[a.i.severity] - SEVERITY_ORDER[b.i.severity] ||
          Date.parse(a.i.window.start) - Date.parse(b.i.window.start),
      );
    out.push(
      iw.worker(
        name ? `${name} (${workerId})` : workerId,
        p?.violations ?? 0,
        p?.warnings ?? 0,
        shown.length,
        p?.hours ?? 0,
      ),
    );
    // Agreements said once for the worker when every incident names the same ones.
    const lifts = shown.map(({ fs }) => liftedBy(fs).join(','));
    const common =
      lifts.length > 1 && lifts.every((l) => l === lifts[0]) && lifts[0] !== '' ? liftedBy(shown[0]!.fs) : undefined;
    for (const { i, fs } of shown) {
      const severity =
        SEVERITY_ORDER[
          fs.reduce(
            (a, f) => (SEVERITY_ORDER[f.severity] < SEVERITY_ORDER[a] ? f.severity : a),
            'info' as Finding['severity'],
          )
        ];
      const label = w.severity[(['violation', 'warning', 'info'] as const)[severity]!];
      out.push(`  ${label.padEnd(9)} ${i.title[lang]}`);
      const byRule = new Map<string, Finding[]>();
      for (const f of fs) byRule.set(f.ruleId, [...(byRule.get(f.ruleId) ?? []), f]);
      const rules = [...byRule.values()]
        .sort((a, b) => SEVERITY_ORDER[a[0]!.severity] - SEVERITY_ORDER[b[0]!.severity])
        .map((list) => ruleSummary(list, lang));
      out.push(`            ${iw.rules}: ${rules.join('; ')}`);
      if (fs.every((f) => f.hypothetical)) out.push(`            ${iw.hypothetical}`);
      if (!common) {
        const types = liftedBy(fs);
        if (fs.some((f) => f.severity !== 'info'))
          out.push(
            `            ${types.length > 0 ? `${iw.lifts}: ${agreementList(types, lang, opts.agreements)}` : iw.noneLifts}`,
          );
      }
    }
    if (common) out.push(`  ${iw.liftsAll}: ${agreementList(common, lang, opts.agreements)}`);
    const hidden = advisoryOf.get(workerId)?.length ?? 0;
    if (!opts.withInfo && hidden > 0) out.push(iw.hidden(hidden));
    const room = (headroomOf.get(workerId) ?? [])
      .filter((h) => h.left >= 0 && h.limit > 0 && h.unit === 'hours')
      .sort((a, b) => a.left / a.limit - b.left / b.limit)
      .slice(0, 3)
      .map(
        (h) =>
          `${h.ruleId} ${iw.left(`${fmt(lang, h.left)}${UNIT_WORDS[h.unit][lang]}`, `${fmt(lang, h.measured)}${UNIT_WORDS[h.unit][lang]}`, `${fmt(lang, h.limit)}${UNIT_WORDS[h.unit][lang]}`)}`,
      );
    if (room.length > 0) out.push(`  ${iw.headroom}: ${room.join('; ')}`);
    out.push('');
  };
}

function detailsOf(report: Report, opts: TextOptions): WorkerLines {
  const w = WORDS[opts.lang];
  const findingsOf = groupBy(report.findings, (f) => f.workerId);
  const ledgerOf = groupBy(report.ledger, (l) => l.workerId);
  return (workerId, out) => {
    const own = findingsOf.get(workerId) ?? [];
    const name = opts.names?.get(workerId);
    out.push(`${w.worker} ${name ? `${name} (${workerId})` : workerId}`);
    for (const f of own) out.push(...findingLines(f, opts.lang, opts.agreements));
    const rows = ledgerOf.get(workerId) ?? [];
    out.push(
      `  ${w.ledger}: ${rows.map((r) => `${r.assignmentId} ${fmt(opts.lang, r.hours)} ${w.hours} (${w.periods(r.periods)})`).join(', ')}`,
      '',
    );
  };
}
