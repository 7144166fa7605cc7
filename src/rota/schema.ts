// Rota file v1 (docs/contract.md). These zod schemas are the single source of truth:
// the loader validates with them, the API types its handlers with them and the published JSON
// Schema is generated from them.
import { z } from 'zod';
import { isValidZone } from '../time/instant.ts';
import { unknownTimeZoneMessage } from './suggest.ts';

export const ASSIGNMENT_KINDS = ['respite-carer-home', 'respite-user-home', 'support-contact', 'employment'] as const;
export const CONTRACT_TYPES = ['oppdrag', 'arbeidsavtale'] as const;
export const AGREEMENT_TYPES = [
  'aml-10-5-1-averaging',
  'aml-10-5-2-tariff-averaging',
  'aml-10-6-5-tariff-overtime',
  'aml-10-6-9-tariff-total-hours',
  'aml-10-8-3-tariff-rest',
  'aml-10-8-4-sunday-averaging',
  'aml-10-11-9-tariff-night',
  'aml-10-11-3-evening-work',
  'aml-10-12-4-union-agreement',
  'arbeidstilsynet-consent',
  'avl-4-60h',
  'avl-7-reduced-daily-rest',
  'avl-11-weekly-rest-24h',
  'avl-12-extended-stay',
  'med-2-written-consent-60h',
  'med-3-tariff-rest',
] as const;
export const SHIFT_PATTERNS = ['semi-continuous', 'fully-continuous'] as const;
export const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;

const Id = z.string().min(1, 'must not be empty').max(200, 'is longer than 200 characters');
const IsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date written YYYY-MM-DD')
  .refine(
    (s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s),
    'is not a real calendar date',
  );
const LocalDateTime = z
  .string()
  .max(40, 'is too long for a date-time')
  .describe(
    'Local wall time in `timezone` (YYYY-MM-DDTHH:MM[:SS]) or an instant with an explicit offset (…+01:00, …Z)',
  );

export const WorkerSchema = z.strictObject({
  id: Id,
  name: z.string().max(200).optional().describe('Shown in reports; leave out personal data you do not need'),
});

/** Facts the courts weigh for employee or contractor (AML § 1-8; HR-2013-630-A, HR-2016-1366-A). All optional. */
export const IndicatorsSchema = z.strictObject({
  decidesTimes: z
    .enum(['municipality', 'family', 'carer'])
    .optional()
    .describe('Who decides when the work is done (control by the family counts as control, HR-2016-1366-A)'),
  personalPerformance: z
    .boolean()
    .optional()
    .describe('The carer must do the work personally and cannot send a substitute'),
  whoseHome: z.enum(['carer', 'family', 'other']).optional(),
  payForm: z
    .enum(['hourly', 'dognsats', 'monthly', 'invoice'])
    .optional()
    .describe('Wages (hourly, døgnsats, monthly) or an invoice from a business'),
  reportsToMunicipality: z.boolean().optional().describe('Timesheets, logs or reports to the municipality'),
  principals: z.number().int().min(1).max(100).optional().describe('How many principals the carer works for'),
  ownBusiness: z.boolean().optional().describe('The carer runs an own business with its own risk'),
  monthsRunning: z.number().min(0).max(600).optional().describe('How long the assignment has run'),
});

/** What the assignment pays today, for the conversion's hours and cost. No tariff rates are built in. */
export const PaySchema = z.strictObject({
  hoursPerDay: z
    .number()
    .min(0)
    .max(24)
    .optional()
    .describe('Hours paid per døgn of a stay under a døgnsats (6–18 in the KS survey, usually 12–13)'),
  hoursPaid: z.number().min(0).optional().describe('Hours paid for the plan today, when not a døgnsats'),
  hourlyWage: z.number().min(0).optional().describe('NOK per hour as employment'),
  todayRatePerHour: z
    .number()
    .min(0)
    .optional()
    .describe('NOK per paid hour today (fee or døgnsats converted to hours); default the hourly wage'),
  supplementPercent: z
    .number()
    .min(0)
    .max(500)
    .optional()
    .describe('Average supplements on top of the wage, in percent (evening, night, Sunday)'),
});

export const AssignmentSchema = z.strictObject({
  id: Id,
  workerId: Id,
  kind: z.enum(ASSIGNMENT_KINDS),
  contract: z.enum(CONTRACT_TYPES),
  employer: Id.optional().describe(
    'Assignments with the same employer are one undertaking; omitted = the rota’s own undertaking',
  ),
  regime: z
    .enum(['medlever'])
    .optional()
    .describe(
      'medlever: a live-in arrangement in an institution, judged by the medlever regulation (FOR-2005-06-24-686) instead of the AML limits it adjusts',
    ),
  heavyNightWork: z
    .boolean()
    .optional()
    .describe(
      'Night work with special risk or heavy physical or mental strain (AML § 10-11 (7): at most 8 hours per 24 hours)',
    ),
  shiftPattern: z
    .enum(SHIFT_PATTERNS)
    .optional()
    .describe(
      'The operation’s shift pattern, which a single worker’s periods cannot show: semi-continuous (døgnkontinuerlig, AML § 10-4 (4) a) or fully continuous (helkontinuerlig, § 10-4 (5) a)',
    ),
  indicators: IndicatorsSchema.optional(),
  pay: PaySchema.optional(),
});

export const PeriodSchema = z.strictObject({
  assignmentId: Id,
  start: LocalDateTime,
  end: LocalDateTime,
  passiveHours: z
    .number()
    .min(0, 'must not be negative')
    .max(10_000)
    .optional()
    .describe('Hours of the period that are passive (a sleeping night); they still count fully toward every limit'),
  standby: z
    .boolean()
    .optional()
    .describe(
      'Stand-by outside the workplace (hjemmevakt, AML § 10-4 (3)): a share counts as normal working time (1/7 unless an agreement states standbyFactor); call-outs are separate periods',
    ),
  breakMinutes: z
    .number()
    .min(0, 'must not be negative')
    .max(1440)
    .optional()
    .describe(
      'Minutes of break planned inside the period (AML § 10-9); breaks are not subtracted: a carer alone with a user cannot leave, so the break is working time',
    ),
});

export const AgreementSchema = z.strictObject({
  type: z.enum(AGREEMENT_TYPES),
  workerId: Id.optional().describe('Omitted = all workers of the employer'),
  employer: Id.optional().describe('Omitted = every undertaking in the rota'),
  validFrom: IsoDate.optional(),
  validTo: IsoDate.optional(),
  params: z
    .record(z.string().max(100), z.union([z.number(), z.string().max(1000), z.boolean()]))
    .optional()
    .describe('Limits or facts the agreement states, e.g. the limits in an Arbeidstilsynet consent'),
});

export const FramesSchema = z.strictObject({
  dayStart: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time of day HH:MM')
    .default('00:00')
    .describe('Where each fixed 24-hour frame starts (døgnskille)'),
  weekStart: z.enum(WEEKDAYS).default('monday').describe('Weekday on which each fixed 7-day frame starts'),
  referenceDate: IsoDate.optional().describe(
    'Multi-week blocks (8-week averages, 4 and 52 weeks of overtime) are counted from the week that contains this date; default: the week of the first period',
  ),
});

/** The span the rota plans (contract addition, docs/legal/17-plan-span-and-cycle.md). */
export const PlanSchema = z
  .strictObject({
    from: IsoDate.describe('First day of the plan'),
    to: IsoDate.describe('Last day of the plan (inclusive)'),
  })
  .describe('The span the rota plans: averages run over it, also over weeks without work');

/** A base turnus that repeats (grunnturnus): checked as it repeats, wrapping from its last day to its first. */
export const CycleSchema = z
  .strictObject({
    weeks: z
      .number()
      .int('must be a whole number of weeks')
      .min(1, 'must be at least 1 week')
      .max(52, 'must be at most 52 weeks')
      .describe('Length of the base turnus in weeks'),
  })
  .describe(
    'The rota is a base turnus of this many weeks that repeats; it starts on plan.from, frames.referenceDate or the week of the first period',
  );

/** A named alternative of the rota: each list it gives replaces the rota's own (YAML anchors can share them). */
export const VariantSchema = z.strictObject({
  name: Id,
  description: z.string().max(1000).optional(),
  workers: z.array(WorkerSchema).min(1).optional(),
  assignments: z.array(AssignmentSchema).optional(),
  periods: z.array(PeriodSchema).optional(),
  agreements: z.array(AgreementSchema).optional(),
});

export const RotaSchema = z.strictObject({
  version: z.literal(1, 'must be 1 (rota file format v1)'),
  timezone: z
    .string()
    .max(64, { abort: true })
    .default('Europe/Oslo')
    .refine(isValidZone, { error: (issue) => unknownTimeZoneMessage(String(issue.input)) }),
  frames: FramesSchema.optional(),
  plan: PlanSchema.optional(),
  cycle: CycleSchema.optional(),
  workers: z.array(WorkerSchema).min(1, 'must list at least one worker'),
  assignments: z.array(AssignmentSchema),
  periods: z.array(PeriodSchema),
  agreements: z.array(AgreementSchema).default([]),
  variants: z
    .array(VariantSchema)
    .max(20)
    .optional()
    .describe('Named scenarios compared side by side (e.g. as-today, converted, split-between-two-carers)'),
});

export type Rota = z.infer<typeof RotaSchema>;
export type Variant = z.infer<typeof VariantSchema>;
export type RotaInput = z.input<typeof RotaSchema>;
export type Assignment = z.infer<typeof AssignmentSchema>;
export type Period = z.infer<typeof PeriodSchema>;
export type Agreement = z.infer<typeof AgreementSchema>;
export type AgreementType = (typeof AGREEMENT_TYPES)[number];
export type AssignmentKind = (typeof ASSIGNMENT_KINDS)[number];
