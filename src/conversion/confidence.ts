// How firmly a conversion verdict stands (ruling 20, docs/legal/20-confidence.md). A verdict that
// rests on a reading marked secondary or uncertain says so, with the reading in words: a
// municipality deciding on a conversion must know which part of the answer a court could read
// otherwise.
//   low     avlaster § 12 as the basis for stays that recur through the plan: the ministry presented
//           § 12 as holiday respite, and whether repeated periods are allowed is open;
//   medium  § 12 for one stay (the "not very burdensome" judgement is human), a stay between § 6's
//           48 hours (secondary sources) and § 10's 56, or violations the verdict's agreements
//           cure of rules whose text was not read in a primary source;
//   high    otherwise.
import type { Finding } from '../report/schema.ts';
import type { AgreementType } from '../rota/schema.ts';
import { compileSeries, valueAt } from '../rules/limits.ts';
import { parameterOf, type RuleBook } from '../rules/load.ts';
import { hoursText } from '../time/instant.ts';

export type Confidence = 'high' | 'medium' | 'low';
export interface VerdictConfidence {
  confidence: Confidence;
  caveats: Array<{ nb: string; en: string }>;
}

/** A parameter of a provision in force at an instant, from the rule book. */
function paramAt(book: RuleBook, name: string, at: number, zone: string): number | undefined {
  const p = parameterOf(book, name);
  return p ? valueAt(compileSeries(p, zone), at) : undefined;
}

export function verdictConfidence(input: {
  book: RuleBook;
  zone: string;
  required: AgreementType[];
  /** Violations with no agreement: what the verdict's agreements are needed for. */
  withoutAgreement: Finding[];
  /** The assignment's continuous respite stays (touching periods joined). */
  stays: Array<{ start: number; end: number }>;
  /** The first verified restructuring that makes the schedule lawful without § 12, if any. */
  withoutSection12?: { nb: string; en: string };
}): VerdictConfidence {
  const { book, zone, required, withoutAgreement, stays, withoutSection12 } = input;
  const caveats: VerdictConfidence['caveats'] = [];
  let confidence: Confidence = 'high';
  const lower = (to: Confidence) => {
    if (to === 'low' || confidence === 'high') confidence = to;
  };
  const length = (s: { start: number; end: number }) => (s.end - s.start) / 3_600_000;

  if (required.includes('avl-12-extended-stay')) {
    const extended = stays.filter((s) => {
      const min = paramAt(book, 'minSpanHours', s.start, zone);
      return min !== undefined && length(s) > min;
    });
    const route = withoutSection12
      ? {
          nb: ` Den sikre veien, verifisert uten § 12: ${withoutSection12.nb}`,
          en: ` The safe route, verified without § 12: ${withoutSection12.en}`,
        }
      : { nb: '', en: '' };
    if (extended.length >= 2) {
      lower('low');
      caveats.push({
        nb: `Svaret bygger på avlasterforskriften § 12 for ${extended.length} lange opphold som gjentas i turnusen. § 12 ble innført i 2019 og presentert som ferieavlastning; om den dekker opphold som gjentas gjennom året, er uavklart.${route.nb}`,
        en: `The answer rests on § 12 of the respite-carer regulation for ${extended.length} long stays that recur in the rota. § 12 was added in 2019 and presented as holiday respite; whether it covers stays that recur through the year is open.${route.en}`,
      });
    } else {
      lower('medium');
      caveats.push({
        nb: `Svaret bygger på avlasterforskriften § 12, som krever at oppholdet ikke er svært belastende: en vurdering et menneske må gjøre, turnusen viser den ikke.${route.nb}`,
        en: `The answer rests on § 12 of the respite-carer regulation, which requires that the stay is not very burdensome: a judgement a person must make, the rota does not show it.${route.en}`,
      });
    }
  } else {
    // A stay over § 6's longest pure stay (secondary sources) but within § 10's ceiling is a warning, not a violation: the verdict does not see it.
    const between = stays.filter((s) => {
      const cap = paramAt(book, 'maxContinuousRespiteHours', s.start, zone);
      const ceiling = paramAt(book, 'maxContinuousHoursCeiling', s.start, zone);
      return cap !== undefined && ceiling !== undefined && length(s) > cap && length(s) <= ceiling;
    });
    if (between.length > 0) {
      lower('medium');
      const longest = Math.max(...between.map(length));
      const cap = paramAt(book, 'maxContinuousRespiteHours', between[0]!.start, zone)!;
      caveats.push({
        nb: `${between.length === 1 ? 'Ett opphold' : `${between.length} opphold`} varer mer enn ${hoursText(cap, 'nb')} timer (lengst ${hoursText(longest, 'nb')} timer). At forskriften tillater rene opphold på høyst ${hoursText(cap, 'nb')} timer (§ 6), kommer fra sekundærkilder; leses den slik, trengs en avtale etter § 12 eller et kortere opphold.`,
        en: `${between.length === 1 ? 'One stay lasts' : `${between.length} stays last`} more than ${hoursText(cap, 'en')} hours (the longest ${hoursText(longest, 'en')} hours). That the regulation allows pure stays of at most ${hoursText(cap, 'en')} hours (§ 6) comes from secondary sources; read so, a § 12 agreement or a shorter stay is needed.`,
      });
    }
  }
  // Rules whose text was not read, among the violations the verdict's agreements are there to cure.
  const uncertain = [
    ...new Set(
      withoutAgreement
        .filter((f) => f.confidence !== 'verified' && f.curedBy.some((t) => required.includes(t)))
        .map((f) => f.ruleId),
    ),
  ].sort();
  if (uncertain.length > 0) {
    lower('medium');
    caveats.push({
      nb: `Noen av reglene svaret bygger på, er ikke lest i primærkilde: ${uncertain.join(', ')}.`,
      en: `Some of the rules the answer rests on were not read in a primary source: ${uncertain.join(', ')}.`,
    });
  }
  return { confidence, caveats };
}
