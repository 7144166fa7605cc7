// What a caseworker reads: per worker, each finding in plain words with the paragraph, the window
// in local time, measured against the limit, and what agreement would make it lawful.
import { DateTime } from 'luxon';
import type { Finding, Report } from '../report/schema.ts';
import type { AgreementCatalogue } from '../rules/schema.ts';
import type { Language } from '../engine/messages.ts';
import { UNIT_WORDS } from '../engine/findings.ts';

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
    summary: (r: Report) =>
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
    summary: (r: Report) =>
      `Summary: ${r.summary.violations} violations, ${r.summary.warnings} warnings, ${r.summary.info} info — ` +
      `${fmt('en', r.summary.hours)} hours in ${r.summary.periods} ${r.summary.periods === 1 ? 'period' : 'periods'} for ` +
      `${r.summary.workers} ${r.summary.workers === 1 ? 'worker' : 'workers'}.`,
  },
} as const;

function fmt(lang: Language, n: number): string {
  return new Intl.NumberFormat(lang === 'nb' ? 'nb-NO' : 'en-GB', { maximumFractionDigits: 2 }).format(n);
}

function localTime(iso: string, lang: Language): string {
  return DateTime.fromISO(iso, { setZone: true }).setLocale(lang === 'nb' ? 'nb' : 'en-GB').toFormat('ccc dd.MM.yyyy HH:mm');
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
    lines.push(`            ${w.curedBy}: ${f.curedBy.map((t) => `${agreements[t]?.title[lang] ?? t} (${agreements[t]?.citation[lang] ?? ''})`).join('; ')}`);
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

function conversionLines(report: Report, lang: Language, agreements: AgreementCatalogue): string[] {
  const nb = lang === 'nb';
  const lines = [nb ? 'Omgjøring av oppdrag til arbeidsavtale' : 'Converting oppdrag to arbeidsavtale'];
  for (const c of report.conversions) {
    lines.push(`  ${c.assignmentId}: ${VERDICT[lang][c.verdict]}`);
    if (c.requiredAgreements.length > 0) {
      lines.push(`    ${nb ? 'Trenger' : 'Needs'}: ${c.requiredAgreements.map((t) => `${agreements[t]?.title[lang] ?? t} (${agreements[t]?.citation[lang] ?? ''})`).join('; ')}`);
    }
    if (c.blockingRuleIds.length > 0) lines.push(`    ${nb ? 'Stopper på' : 'Blocked by'}: ${c.blockingRuleIds.join(', ')}`);
    if (c.confidence !== 'high') lines.push(`    ${nb ? 'Sikkerhet' : 'Confidence'}: ${CONFIDENCE[lang][c.confidence]}. ${c.caveats.map((x) => x[lang]).join(' ')}`);
    for (const s of c.suggestionDetails ?? []) lines.push(`    ${nb ? 'Forslag' : 'Suggestion'}: ${s[lang]} (${nb ? 'sjekket' : 'checked'}: ${VERDICT[lang][s.verdictAfter]})`);
    if (c.employment) lines.push(`    ${nb ? 'Er det allerede et arbeidsforhold?' : 'Already employment?'} ${LIKELIHOOD[lang][c.employment.likelihood]}: ${c.employment.reasons.map((r) => r[lang]).join(' ')}`);
    if (c.hours) {
      const paid = c.hours.paidToday !== undefined ? (nb ? `, betalt i dag ${fmt(lang, c.hours.paidToday)} t` : `, paid today ${fmt(lang, c.hours.paidToday)} h`) : '';
      lines.push(`    ${nb ? 'Timer som arbeidstid' : 'Hours as working time'}: ${fmt(lang, c.hours.asEmployment)}${paid}`);
    }
    if (c.cost) {
      lines.push(`    ${nb ? 'Kostnad' : 'Cost'}: ${fmt(lang, c.cost.asEmployment)} NOK${c.cost.today !== undefined ? ` (${nb ? 'i dag' : 'today'} ${fmt(lang, c.cost.today)} NOK, ${nb ? 'forskjell' : 'difference'} ${fmt(lang, c.cost.difference!)} NOK)` : ''}`);
    }
  }
  return lines;
}

export function formatText(report: Report, opts: { lang: Language; agreements: AgreementCatalogue; names?: Map<string, string>; file?: string }): string {
  const w = WORDS[opts.lang];
  const out: string[] = [];
  if (opts.file) out.push(opts.file, '');
  const workers = [...new Set(report.ledger.map((l) => l.workerId))];
  if (report.findings.length === 0) out.push(w.none, '');
  for (const workerId of workers) {
    const own = report.findings.filter((f) => f.workerId === workerId);
    const name = opts.names?.get(workerId);
    out.push(`${w.worker} ${name ? `${name} (${workerId})` : workerId}`);
    for (const f of own) out.push(...findingLines(f, opts.lang, opts.agreements));
    const rows = report.ledger.filter((l) => l.workerId === workerId);
    out.push(`  ${w.ledger}: ${rows.map((r) => `${r.assignmentId} ${fmt(opts.lang, r.hours)} ${w.hours} (${w.periods(r.periods)})`).join(', ')}`, '');
  }
  if (report.conversions.length > 0) out.push(...conversionLines(report, opts.lang, opts.agreements), '');
  out.push(w.summary(report));
  return out.join('\n');
}
