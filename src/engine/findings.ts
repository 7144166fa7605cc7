// A finding as the report writes it: the window in the rota's time, numbers rounded, the rule's
// message filled in both languages, and the agreements that would make it lawful.
import type { FactWindow } from '../facts/types.ts';
import { assignmentsOf } from '../facts/workBlocks.ts';
import { AVERAGING_MEASURES } from '../facts/measures.ts';
import { roundHours } from '../report/ledger.ts';
import type { Finding } from '../report/schema.ts';
import type { AgreementType } from '../rota/schema.ts';
import { curingAgreements, type CompiledCheck } from '../rules/limits.ts';
import { formatInstant, hours } from '../time/instant.ts';
import type { RawFinding } from './context.ts';
import { fillTemplate } from './messages.ts';
import type { Pass } from './pass.ts';

export const round2 = (x: number): number => Math.round(x * 100) / 100;
/** How a measured value is written after the number, per unit. */
export const UNIT_WORDS: Record<Finding['unit'], { nb: string; en: string }> = {
  hours: { nb: ' t', en: ' h' },
  count: { nb: '', en: '' },
  ratio: { nb: '', en: '' },
  weeks: { nb: ' uker', en: ' weeks' },
};

type Message = Finding['message'];

/** The numbers a message names: the window's details (rest at the plan's edges is unbounded; a detail the plan cannot put a number on is left out) and its measure. */
function figures({ w, r }: RawFinding): {
  details: Record<string, number> | undefined;
  values: Record<string, number>;
} {
  let details: Record<string, number> | undefined;
  const values: Record<string, number> = {};
  if (w.details) {
    details = {};
    for (const k in w.details) {
      const v = w.details[k];
      if (v !== undefined && Number.isFinite(v)) values[k] = details[k] = roundHours(v);
    }
  }
  values.measured = round2(w.measured);
  values.limit = r.limit;
  values.base = r.base;
  values.hours = round2(hours(w.end - w.start));
  return { details, values };
}

function unitOf({ check, file }: CompiledCheck): Finding['unit'] {
  const unit = file.parameters[check.limit]!.unit;
  return (unit === 'hour-of-day' ? 'hours' : unit) as Finding['unit'];
}

/** An average over a block the rota shows only part of: the whole block's average may be lower. */
function isPartial({ c, w, kind }: RawFinding): boolean {
  return (
    kind === 'breach' &&
    AVERAGING_MEASURES.has(c.check.measure) &&
    w.details?.weeksInBlock !== undefined &&
    w.details.blockWeeks !== undefined &&
    w.details.weeksInBlock < w.details.blockWeeks
  );
}

const filled = (nb: string, en: string, values: Record<string, number>): Message => ({
  nb: fillTemplate(nb, values, 'nb'),
  en: fillTemplate(en, values, 'en'),
});

/** The rule's own message for a breach; the trail's messages name the agreements it relies on. */
function messageOf(raw: RawFinding, values: Record<string, number>, applied: AgreementType[]): Message {
  const { c, kind, owner } = raw;
  if (kind === 'breach') return filled(c.check.message.nb, c.check.message.en, values);
  const u = UNIT_WORDS[unitOf(c)];
  const list = applied.join(', ');
  if (kind === 'relies-on-agreement')
    return filled(
      `Lovlig bare fordi avtale gjelder (${list}): målt {measured}${u.nb} mot lovens grense {base}${u.nb}, avtalt grense {limit}${u.nb}.`,
      `Lawful only because an agreement applies (${list}): measured {measured}${u.en} against the statutory {base}${u.en}, agreed limit {limit}${u.en}.`,
      values,
    );
  const n = values.windowsRelyingOnAgreement ?? 1;
  const citation = owner!.check.citation ?? owner!.file.citation;
  return filled(
    `Over lovens grense ({limit}${u.nb}, målt opptil {measured}${u.nb}) i ${n} ${n === 1 ? 'vindu' : 'vinduer'}, men med avtale (${list}) vurderes dette etter ${citation.nb} (${owner!.check.id}) i stedet.`,
    `Over the statutory limit ({limit}${u.en}, measured up to {measured}${u.en}) in ${n} ${n === 1 ? 'window' : 'windows'}, but under an agreement (${list}) this is judged by ${citation.en} (${owner!.check.id}) instead.`,
    values,
  );
}

function withPartialNote(message: Message, w: FactWindow): Message {
  message.nb += ` Turnusen viser bare ${w.details!.weeksInBlock} av blokkens ${w.details!.blockWeeks} uker; snittet over hele blokken kan bli lavere.`;
  message.en += ` The rota shows only ${w.details!.weeksInBlock} of the block's ${w.details!.blockWeeks} weeks; the average over the whole block may be lower.`;
  return message;
}

/** The agreements that would make a breach lawful (none for the trail's findings). */
function curedBy(pass: Pass, { c, w, kind }: RawFinding, assignmentIds: string[]): AgreementType[] {
  if (kind !== 'breach') return [];
  const kinds = new Set(assignmentIds.map((id) => pass.ctx.kindOf.get(id)!));
  return curingAgreements(c, pass.agreements, pass.ctx.asOf ?? w.at, w.measured, kinds, pass.passesVia(w));
}

/**
 * The words of a conversion tier's finding. The runs handed a part's reuse (engine/reuse.ts) are
 * read by the assessment alone, for their rules, windows, assignments and cures, and never shown:
 * their findings are not worded (no message, no details), which was a tenth of the assessment.
 */
const UNWORDED: Message = Object.freeze({ nb: '', en: '' }) as Message;

export function toFinding(raw: RawFinding, pass: Pass): Finding {
  const { c, w, r } = raw;
  const { check, file } = c;
  const { blocks } = pass.facts;
  const assignmentIds = (
    w.assignmentIds ?? (w.blockRange ? assignmentsOf(blocks, w.blockRange[0], w.blockRange[1]) : [])
  )
    .slice()
    .sort();
  const worded = pass.ctx.reuse === undefined;
  const { details, values } = worded ? figures(raw) : { details: undefined, values: undefined };
  const applied: AgreementType[] = r.applied.length === 0 ? [] : [...new Set(r.applied.map((a) => a.type))];
  const partial = isPartial(raw);
  const message = values ? messageOf(raw, values, applied) : UNWORDED;
  const basis = pass.basisOf(c);
  const finding: Finding = {
    ruleId: check.id,
    citation: (basis?.citation ?? check.citation ?? file.citation).nb,
    severity: partial && raw.severity === 'violation' ? 'warning' : raw.severity,
    workerId: pass.workerId,
    assignmentIds,
    window: {
      start: formatInstant(w.start, pass.ctx.timeline.zone),
      end: formatInstant(w.end, pass.ctx.timeline.zone),
    },
    measured: round2(w.measured),
    limit: r.limit,
    unit: unitOf(c),
    curedBy: curedBy(pass, raw, assignmentIds),
    message: partial && worded ? withPartialNote(message, w) : message,
    hypothetical: pass.subject.hypothetical,
    title: check.title,
    reading: check.reading,
    confidence: file.confidence,
  };
  // Added in this order only when present (as the report writes them), without object spreads: a
  // national rota writes millions of findings.
  if (file.law.url) finding.url = file.law.url;
  if (applied.length > 0) finding.appliedAgreements = applied;
  const limitBasis = basis ? basis.because : c.appliesWhen?.because;
  if (limitBasis) finding.limitBasis = limitBasis;
  if (details) finding.details = details;
  return finding;
}
