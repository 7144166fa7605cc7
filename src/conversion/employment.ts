// Is the oppdrag already employment? AML § 1-8 as in force from 1 January 2024 presumes an
// employment relationship unless the principal makes an independent contract clearly more likely
// (cited only for a plan that reaches that date: docs/legal/12-conversion.md);
// the Supreme Court weighs direction and control (also by the family, HR-2016-1366-A), personal
// performance, pay form, stability and the number of principals. KS after HR-2016-1366-A: respite
// one weekend a month or more is normally employment. The answer is a likelihood with its reasons,
// never a bare yes or no.
import type { Assignment } from '../rota/schema.ts';
import type { WorkInterval } from '../timeline/build.ts';
import { RESPITE_KINDS } from '../facts/mainWorkPeriods.ts';
import { offsetMinutes } from '../time/zone.ts';

export type Likelihood = 'high' | 'probable' | 'uncertain' | 'low';

export interface EmploymentAssessment {
  likelihood: Likelihood;
  reasons: Array<{ nb: string; en: string; points: 'employment' | 'independent' }>;
}

const AVERAGE_MONTH_DAYS = 365.25 / 12;

const HOUR = 3_600_000;
const DAY = 86_400_000;

/**
 * Weekends with respite, and the months the plan spans (first start to last end). A weekend counts
 * when an hour of work starts on its Saturday or Sunday (local time, sampled hourly from each
 * period's start); weekends are told apart by their ISO week (the local day number of its Monday).
 *
 * Performance: a year of weekend stays is thousands of hourly samples per oppdrag, most of them on
 * a weekday or in a weekend already counted, so whole days of samples are stepped over where they
 * cannot change the count: from Monday to Thursday up to Friday (no sample reaches Saturday), from
 * Saturday or Sunday a day on (the samples skipped are in that weekend, or on Monday), and from a
 * Friday to Saturday only when the stay goes on to that hour (whose sample counts the weekend the
 * skipped ones are in). Stepping over assumes the offset the same at both ends (a change of an hour
 * could not carry a sample past those lines anyway); otherwise samples are taken one by one
 * (Samoa's skipped Friday: test/conversion/employment.test.ts holds both to the rule).
 */
export function weekendsPerMonth(intervals: WorkInterval[], zone: string): { weekends: number; months: number } {
  const weekends = new Set<number>();
  let first = Infinity;
  let last = -Infinity;
  for (const iv of intervals) {
    first = Math.min(first, iv.start);
    last = Math.max(last, iv.end);
    let t = iv.start;
    while (t < iv.end) {
      const offset = offsetMinutes(zone, t);
      const day = Math.floor((t + offset * 60_000) / DAY);
      // 1 January 1970 was a Thursday: ISO weekday 4.
      const weekday = ((((day + 3) % 7) + 7) % 7) + 1;
      if (weekday >= 6) weekends.add(day - (weekday - 1));
      const ahead = t + (weekday <= 4 ? 5 - weekday : 1) * DAY;
      t = (weekday !== 5 || ahead < iv.end) && offsetMinutes(zone, ahead) === offset ? ahead : t + HOUR;
    }
  }
  return { weekends: weekends.size, months: intervals.length ? (last - first) / DAY / AVERAGE_MONTH_DAYS : 0 };
}

/**
 * `presumptionFrom`: the instant AML § 1-8's presumption took effect (rules/employment.json). It is
 * cited only for a plan that reaches that date; before it the overall assessment of case law decides.
 */
export function assessEmployment(
  assignment: Assignment,
  intervals: WorkInterval[],
  zone: string,
  presumptionFrom?: number,
): EmploymentAssessment {
  const lastEnd = intervals.reduce((m, iv) => Math.max(m, iv.end), -Infinity);
  const presumed = presumptionFrom !== undefined && lastEnd > presumptionFrom;
  const reasons: EmploymentAssessment['reasons'] = [];
  const employment = (nb: string, en: string) => reasons.push({ nb, en, points: 'employment' });
  const independent = (nb: string, en: string) => reasons.push({ nb, en, points: 'independent' });
  const i = assignment.indicators ?? {};
  let strong = 0;

  if (RESPITE_KINDS.has(assignment.kind)) {
    const { weekends, months } = weekendsPerMonth(intervals, zone);
    // A recurrence needs a plan of about a month or more to show.
    if (months >= 0.9 && weekends >= Math.floor(months)) {
      strong++;
      employment(
        `Avlastning ${weekends} helger over ${months.toFixed(1).replace('.', ',')} måneder, minst én helg i måneden: etter KS (etter HR-2016-1366-A) normalt et arbeidsforhold.`,
        `Respite on ${weekends} weekends over ${months.toFixed(1)} months, at least one weekend a month: per KS (after HR-2016-1366-A) normally employment.`,
      );
    }
  }
  if (assignment.kind === 'support-contact') {
    reasons.push(
      presumed
        ? {
            nb: 'Støttekontakt: KS så dem tidligere som oppdragstakere, men etter 2016 og presumpsjonen fra 2024 er de trolig arbeidstakere når kommunen eller familien styrer; vurderingen er usikker.',
            en: 'Support contact: KS used to see them as contractors, but after 2016 and the 2024 presumption they are probably employees where the municipality or family directs the work; the assessment is uncertain.',
            points: 'employment',
          }
        : {
            nb: 'Støttekontakt: KS så dem tidligere som oppdragstakere, men etter HR-2016-1366-A er de trolig arbeidstakere når kommunen eller familien styrer; vurderingen er usikker.',
            en: 'Support contact: KS used to see them as contractors, but after HR-2016-1366-A they are probably employees where the municipality or family directs the work; the assessment is uncertain.',
            points: 'employment',
          },
    );
  }
  if (i.decidesTimes === 'municipality' || i.decidesTimes === 'family') {
    strong++;
    employment(
      i.decidesTimes === 'family'
        ? 'Familien bestemmer når arbeidet gjøres; brukerstyring teller som styring (HR-2016-1366-A).'
        : 'Kommunen bestemmer når arbeidet gjøres (styring og kontroll).',
      i.decidesTimes === 'family'
        ? 'The family decides when the work is done; control by the user counts as control (HR-2016-1366-A).'
        : 'The municipality decides when the work is done (direction and control).',
    );
  } else if (i.decidesTimes === 'carer') {
    independent('Avlasteren bestemmer selv når arbeidet gjøres.', 'The carer decides when the work is done.');
  }
  if (i.personalPerformance === true)
    employment(
      'Arbeidet må utføres personlig, uten rett til å sende en stedfortreder.',
      'The work must be done personally, with no right to send a substitute.',
    );
  if (i.personalPerformance === false)
    independent('Avlasteren kan sende en stedfortreder.', 'The carer may send a substitute.');
  if (i.payForm === 'hourly' || i.payForm === 'dognsats' || i.payForm === 'monthly')
    employment('Godtgjøring som lønn (time- eller døgnsats).', 'Paid like wages (hourly or per døgn).');
  if (i.payForm === 'invoice')
    independent('Avlasteren fakturerer fra egen virksomhet.', 'The carer invoices from an own business.');
  if (i.reportsToMunicipality)
    employment('Rapporterer til kommunen (timelister, logg).', 'Reports to the municipality (timesheets, logs).');
  if (i.ownBusiness) independent('Driver egen virksomhet med egen risiko.', 'Runs an own business at own risk.');
  if (i.principals !== undefined && i.principals > 1)
    independent(`Arbeider for ${i.principals} oppdragsgivere.`, `Works for ${i.principals} principals.`);
  if (i.principals === 1) employment('Arbeider for én oppdragsgiver.', 'Works for one principal.');
  if (i.monthsRunning !== undefined && i.monthsRunning >= 6)
    employment(`Stabilt forhold i ${i.monthsRunning} måneder.`, `A stable relationship for ${i.monthsRunning} months.`);
  if (i.whoseHome === 'carer') {
    independent(
      'Arbeidet skjer i avlasterens eget hjem (mindretallet i HR-2016-1366-A la vekt på dette).',
      'The work takes place in the carer’s own home (the minority in HR-2016-1366-A stressed this).',
    );
  }

  const against = reasons.filter((r) => r.points === 'independent').length;
  const towards = reasons.filter((r) => r.points === 'employment').length;
  if (presumed) {
    reasons.push({
      nb: 'Fra 1. januar 2024 (arbeidsmiljøloven § 1-8) presumeres et arbeidsforhold, med mindre kommunen gjør det overveiende sannsynlig at det er et selvstendig oppdrag.',
      en: 'From 1 January 2024 (AML § 1-8) employment is presumed unless the municipality makes an independent contract clearly more likely.',
      points: 'employment',
    });
  }
  const likelihood: Likelihood =
    strong >= 1 && against <= 1
      ? 'high'
      : against >= 3 && towards <= 1
        ? 'low'
        : against >= 2
          ? 'uncertain'
          : 'probable';
  return { likelihood, reasons };
}
