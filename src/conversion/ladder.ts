// The ladder of legal bases a schedule may need as employment (docs/legal/12-conversion.md): none,
// the individual written agreements, then collective agreements and Arbeidstilsynet's consent.
import type { Conversion, Finding } from '../report/schema.ts';
import type { AgreementType } from '../rota/schema.ts';
import type { RuleBook } from '../rules/load.ts';

export type Tier = 'individual' | 'collective' | 'authority';

/** A violation that binds the converted assignment (not hypothetical, and its own). */
export const isBlocking = (f: Finding, assignmentId: string) =>
  f.severity === 'violation' && !f.hypothetical && f.assignmentIds.includes(assignmentId);

/** The violations that bind the converted assignment. */
export const blocking = (findings: Finding[], assignmentId: string) =>
  findings.filter((f) => isBlocking(f, assignmentId));

/**
 * The agreement types of the tiers, in the catalogue's order, except that those resting on a human
 * judgement (§ 12: "not very burdensome") come first: the minimal set drops agreements in this
 * order, so it keeps any other basis that suffices rather than the one a person must vouch for.
 */
export function typesOfTier(book: RuleBook, tiers: Tier[]): AgreementType[] {
  const types = (
    Object.entries(book.agreements) as Array<[AgreementType, { tier: Tier; needsJudgement?: unknown }]>
  ).filter(([, a]) => tiers.includes(a.tier));
  return [...types.filter(([, a]) => a.needsJudgement), ...types.filter(([, a]) => !a.needsJudgement)].map(([t]) => t);
}

/** The individual agreements in the catalogue's order, whichever order the minimal set was found in; the others after. */
export function inCatalogueOrder(book: RuleBook, required: AgreementType[], individual: AgreementType[]) {
  const catalogueOrder = Object.keys(book.agreements);
  return [
    ...required
      .filter((t) => individual.includes(t))
      .sort((x, y) => catalogueOrder.indexOf(x) - catalogueOrder.indexOf(y)),
    ...required.filter((t) => !individual.includes(t)),
  ];
}

export const RANK: Record<Conversion['verdict'], number> = {
  convertible: 0,
  'convertible-with-agreement': 1,
  'needs-collective-agreement': 2,
  'not-convertible': 3,
};
