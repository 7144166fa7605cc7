// A finding as the report writes it: the window in the rota's time, numbers rounded, the rule's
// message filled in both languages, and the agreements that would make it lawful.
import { assignmentsOf, type workBlocks } from '../facts/workBlocks.ts';
import { AVERAGING_MEASURES } from '../facts/measures.ts';
import { roundHours } from '../report/ledger.ts';
import type { Finding } from '../report/schema.ts';
import type { AgreementType } from '../rota/schema.ts';
import { curingAgreements, type CompiledLimitWhen } from '../rules/limits.ts';
import { formatInstant, hours } from '../time/instant.ts';
import type { AgreementInForce } from '../timeline/build.ts';
import type { Context, RawFinding } from './context.ts';
import { fillTemplate } from './messages.ts';

export const round2 = (x: number): number => Math.round(x * 100) / 100;
/** How a measured value is written after the number, per unit. */
export const UNIT_WORDS: Record<Finding['unit'], { nb: string; en: string }> = {
  hours: { nb: ' t', en: ' h' },
  count: { nb: '', en: '' },
  ratio: { nb: '', en: '' },
  weeks: { nb: ' uker', en: ' weeks' },
};
export function toFinding(
  ctx: Context,
  { c, w, r, severity: checkSeverity, kind, owner }: RawFinding,
  workerId: string,
  blocks: ReturnType<typeof workBlocks>,
  agreements: AgreementInForce[],
  hypothetical: boolean,
  basis: CompiledLimitWhen | undefined,
  passesVia: (ruleId: string, type: AgreementType, strict: boolean) => boolean,
): Finding {
  const { check, file } = c;
  const zone = ctx.timeline.zone;
  let severity = checkSeverity;
  const assignmentIds = (
    w.assignmentIds ?? (w.blockRange ? assignmentsOf(blocks, w.blockRange[0], w.blockRange[1]) : [])
  )
    .slice()
    .sort();
  // Rest at the plan's edges is unbounded; a detail the plan cannot put a number on is left out.
  let details: Record<string, number> | undefined;
  const values: Record<string, number> = {};
  if (w.details) {
    details = {};
    for (const k in w.details) {
      const v = w.details[k]!;
      if (Number.isFinite(v)) values[k] = details[k] = roundHours(v);
    }
  }
  values.measured = round2(w.measured);
  values.limit = r.limit;
  values.base = r.base;
  values.hours = round2(hours(w.end - w.start));
  const applied: AgreementType[] = r.applied.length === 0 ? [] : [...new Set(r.applied.map((a) => a.type))];
  const unit = (
    file.parameters[check.limit]!.unit === 'hour-of-day' ? 'hours' : file.parameters[check.limit]!.unit
  ) as Finding['unit'];
  const u = UNIT_WORDS[unit];
  const partial =
    kind === 'breach' &&
    AVERAGING_MEASURES.has(check.measure) &&
    w.details?.weeksInBlock !== undefined &&
    w.details.blockWeeks !== undefined &&
    w.details.weeksInBlock < w.details.blockWeeks;
  if (partial) severity = severity === 'violation' ? 'warning' : severity;
  const windows = details?.windowsRelyingOnAgreement ?? 1;
  const message =
    kind === 'breach'
      ? { nb: fillTemplate(check.message.nb, values, 'nb'), en: fillTemplate(check.message.en, values, 'en') }
      : kind === 'deferred'
        ? {
            nb: fillTemplate(
              `Over lovens grense ({limit}${u.nb}, målt opptil {measured}${u.nb}) i ${windows} ${windows === 1 ? 'vindu' : 'vinduer'}, men med avtale (${applied.join(', ')}) vurderes dette etter ${owner!.check.citation?.nb ?? owner!.file.citation.nb} (${owner!.check.id}) i stedet.`,
              values,
              'nb',
            ),
            en: fillTemplate(
              `Over the statutory limit ({limit}${u.en}, measured up to {measured}${u.en}) in ${windows} ${windows === 1 ? 'window' : 'windows'}, but under an agreement (${applied.join(', ')}) this is judged by ${owner!.check.citation?.en ?? owner!.file.citation.en} (${owner!.check.id}) instead.`,
              values,
              'en',
            ),
          }
        : {
            nb: fillTemplate(
              `Lovlig bare fordi avtale gjelder (${applied.join(', ')}): målt {measured}${u.nb} mot lovens grense {base}${u.nb}, avtalt grense {limit}${u.nb}.`,
              values,
              'nb',
            ),
            en: fillTemplate(
              `Lawful only because an agreement applies (${applied.join(', ')}): measured {measured}${u.en} against the statutory {base}${u.en}, agreed limit {limit}${u.en}.`,
              values,
              'en',
            ),
          };
  if (partial) {
    message.nb += ` Turnusen viser bare ${w.details!.weeksInBlock} av blokkens ${w.details!.blockWeeks} uker; snittet over hele blokken kan bli lavere.`;
    message.en += ` The rota shows only ${w.details!.weeksInBlock} of the block's ${w.details!.blockWeeks} weeks; the average over the whole block may be lower.`;
  }
  return {
    ruleId: check.id,
    citation: (basis?.citation ?? check.citation ?? file.citation).nb,
    severity,
    workerId,
    assignmentIds,
    window: { start: formatInstant(w.start, zone), end: formatInstant(w.end, zone) },
    measured: round2(w.measured),
    limit: r.limit,
    unit,
    curedBy:
      kind === 'breach'
        ? curingAgreements(
            c,
            agreements,
            ctx.asOf ?? w.at,
            w.measured,
            new Set(assignmentIds.map((id) => ctx.kindOf.get(id)!)),
            passesVia,
          )
        : [],
    message,
    hypothetical,
    title: check.title,
    reading: check.reading,
    confidence: file.confidence,
    ...(file.law.url ? { url: file.law.url } : {}),
    ...(applied.length > 0 ? { appliedAgreements: applied } : {}),
    ...(basis ? { limitBasis: basis.because } : c.appliesWhen ? { limitBasis: c.appliesWhen.because } : {}),
    ...(details ? { details } : {}),
  };
}
