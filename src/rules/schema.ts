// The shape of a rule file in rules/: one legal provision as data (OpenFisca-style dated
// parameters, Catala-style citation beside the logic). The loader accepts exactly this shape;
// operators come from a closed list, so a rule file can never introduce code.
import { z } from 'zod';
import { AGREEMENT_TYPES, ASSIGNMENT_KINDS } from '../rota/schema.ts';

export const MEASURES = [
  'hoursInDayFrame',
  'hoursInWeekFrame',
  'hoursInRollingWindow',
  'restInWorkPeriod',
  'restInDayFrame',
  'restInWeekFrame',
  'averageWeeklyHoursInBlock',
  'averageWeeklyHoursInAgreementPeriod',
  'averageHoursPer24hInBlock',
  'hoursInDayFrameWithNightWork',
  'nightHoursInPlan',
  'hoursInSundayWindows',
  'consecutiveWorkedSundays',
  'workedSundayShareInBlock',
  'overtimeHoursInBlock',
  'overtimeWeeksShare',
  'breakMinutesInPeriod',
  'restBlocksInDayFrame',
  'pureRespiteWorkPeriodHours',
  'combinedWorkPeriodHours',
  'otherWorkInCombinedPeriodUpTo',
  'otherWorkInCombinedPeriodAbove',
  'longerRestAroundLongWorkPeriod',
  'shorterRestAroundLongWorkPeriod',
  'restAfterShortRespitePeriod',
  'otherWorkHoursInDayFrame',
  'otherWorkHoursInWeekFrame',
  'extendedStayBurdenStated',
  'restAfterExtendedStay',
  'overlappingHours',
  'concurrentCareHours',
] as const;
export type MeasureName = (typeof MEASURES)[number];

export const READINGS = [
  'fixed-day-frame',
  'fixed-week-frame',
  'fixed-block-average',
  'fixed-block-sum',
  'rolling-window',
  'main-work-period',
  'rota-integrity',
  'sunday-window',
  'night-window',
  'whole-plan',
  'per-period',
] as const;
export type Reading = (typeof READINGS)[number];

export const OPERATORS = ['greaterThan', 'greaterThanInclusive', 'lessThan', 'lessThanInclusive'] as const;

/** Facts about a worker's whole plan that can select which limit applies (AML § 10-4 (4)–(5), § 10-11 (6)). */
export const PROFILE_FACTS = [
  'sundayShare',
  'sundaysInPlan',
  'nightHoursShare',
  'nightFrameShare',
  'shiftPattern',
  'heavyNightWork',
  'cyclic',
] as const;
export const REGIMES = ['aml', 'medlever'] as const;
export type ProfileFact = (typeof PROFILE_FACTS)[number];

const ProfileCondition = z.strictObject({
  fact: z.enum(PROFILE_FACTS),
  operator: z.enum([...OPERATORS, 'equal']),
  value: z
    .union([z.number(), z.string(), z.boolean(), z.strictObject({ param: z.string() })])
    .describe('A value, or {"param": name} for a parameter of this file'),
});
type Conditions =
  | { any: Array<z.infer<typeof ProfileCondition> | Conditions> }
  | { all: Array<z.infer<typeof ProfileCondition> | Conditions> };
export const ProfileConditionsSchema: z.ZodType<Conditions> = z.lazy(() =>
  z.union([
    z.strictObject({ any: z.array(z.union([ProfileCondition, ProfileConditionsSchema])).min(1) }),
    z.strictObject({ all: z.array(z.union([ProfileCondition, ProfileConditionsSchema])).min(1) }),
  ]),
);
export type ProfileConditions = Conditions;
export type BreachOperator = (typeof OPERATORS)[number];

export const SEVERITIES = ['violation', 'warning', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const CONFIDENCE = ['verified', 'secondary', 'unverified'] as const;

const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be YYYY-MM-DD');
export const Localized = z.strictObject({ nb: z.string().min(1), en: z.string().min(1) });

/** The languages every text of the rule book is written in. */
export type Language = keyof z.infer<typeof Localized>;
export const RULE_ID = /^(aml|avl|med|rota)\.[0-9a-z-]+\.[a-z0-9]+(-[a-z0-9]+)*$/;

export const DatedValueSchema = z.strictObject({
  since: IsoDate.describe('The date this value took effect'),
  value: z.number(),
  confidence: z.enum(CONFIDENCE).optional().describe('Set when the date or value is less certain than the provision'),
  note: z.string().optional(),
});

export const ParameterSchema = z.strictObject({
  description: Localized,
  unit: z.enum(['hours', 'weeks', 'ratio', 'count', 'hour-of-day']),
  values: z.array(DatedValueSchema).min(1),
});

export const AgreementEffectSchema = z
  .strictObject({
    type: z.enum(AGREEMENT_TYPES),
    limit: z.string().optional().describe('Parameter (in this file) that is the limit under the agreement'),
    paramsKey: z.string().optional().describe('Or: the agreement itself states the limit in params[paramsKey]'),
    via: z
      .string()
      .regex(/^(aml|avl|med|rota)\./)
      .optional()
      .describe(
        'Or: under the agreement another rule takes the window over (deferTo); listed in curedBy, never lifts this limit itself',
      ),
    kinds: z
      .array(z.enum(ASSIGNMENT_KINDS))
      .optional()
      .describe('The agreement is offered only for windows with work of these kinds'),
    viaStrict: z
      .boolean()
      .optional()
      .describe(
        'With via: the other rule must not be broken at all; a warning there still counts (hours over an averaged limit are still overtime)',
      ),
    whenUnstated: z
      .number()
      .optional()
      .describe(
        'With paramsKey: the limit when the agreement states none (avlaster § 7 sets no floor for the agreed rest)',
      ),
  })
  .refine(
    (e) => [e.limit, e.paramsKey, e.via].filter((x) => x !== undefined).length === 1,
    'give exactly one of limit, paramsKey or via',
  );

export const CheckSchema = z.strictObject({
  id: z.string().regex(RULE_ID, 'must be <code>.<section>.<slug>'),
  title: Localized,
  citation: Localized.optional().describe('The exact paragraph and subsection, when narrower than the file’s'),
  measure: z.enum(MEASURES),
  reading: z.enum(READINGS),
  limit: z.string().describe('Parameter name in this file'),
  window: z
    .string()
    .optional()
    .describe('Parameter giving the length of the window measured over (hours, or weeks for a block)'),
  appliesWhen: z
    .strictObject({ when: ProfileConditionsSchema, because: Localized })
    .optional()
    .describe(
      'The check applies only to workers whose plan matches (e.g. night workers), decided by json-rules-engine',
    ),
  limitWhen: z
    .array(
      z.strictObject({
        limit: z.string(),
        when: ProfileConditionsSchema,
        because: Localized,
        citation: Localized.optional(),
      }),
    )
    .optional()
    .describe('Another limit applies when the worker’s plan matches (first match wins), decided by json-rules-engine'),
  extension: z
    .strictObject({
      requiresShare: z.string().describe('Parameter: the share of the window that must be passive ("mainly passive")'),
      share: z.string().describe('Parameter: the share of the passive hours the limit grows by'),
      max: z.string().describe('Parameter: the most the limit grows by'),
      cap: z.string().optional().describe('Parameter: the limit never grows above this'),
    })
    .optional()
    .describe('The limit grows with the passive hours in the window (AML § 10-4 (2))'),
  deferTo: z
    .array(z.string().regex(RULE_ID))
    .optional()
    .describe(
      'Where one of these rules applies to a window (e.g. § 10-5 under an averaging agreement, the avlaster regulation for respite), this check yields to it',
    ),
  kinds: z
    .array(z.enum(ASSIGNMENT_KINDS))
    .optional()
    .describe('The check applies only to windows that hold work of these assignment kinds'),
  claims: z
    .enum(['applies', 'windows', 'passing-windows'])
    .default('applies')
    .describe(
      'What another check defers to: wherever this one applies, only inside the windows this one measures, or only inside those it does not break (a § 12 stay past its week is judged by §§ 4–10 again)',
    ),
  ceilings: z
    .strictObject({ day: z.string().regex(RULE_ID).optional(), week: z.string().regex(RULE_ID).optional() })
    .optional()
    .describe('Rule ids whose limits (as they apply to the worker) define normal working time, for overtime'),
  regimes: z
    .array(z.enum(REGIMES))
    .default(['aml'])
    .describe(
      'Which working-time regimes the check belongs to; medlever assignments are judged by the medlever regulation',
    ),
  params: z.array(z.string()).default([]).describe('Further parameters of this file the measure reads'),
  onlyWith: z
    .array(z.enum(AGREEMENT_TYPES))
    .optional()
    .describe(
      'The check applies only to windows where one of these agreements is in force (e.g. the 69-hour week cap under tariff averaging)',
    ),
  operator: z.enum(OPERATORS).describe('A breach is when the measured value <operator> the limit'),
  severity: z.enum(SEVERITIES),
  supplementary: z
    .boolean()
    .default(false)
    .describe('Report a window only where no other finding of the same rule id covers it (a secondary reading)'),
  worstOnly: z.boolean().default(false).describe('Report only the worst breaching window per worker'),
  agreements: z.array(AgreementEffectSchema).default([]),
  message: Localized.describe('Template: {measured}, {limit}, {workPeriodHours} are filled in'),
});

export const RestMinimumSchema = z
  .strictObject({
    parameter: z.string().describe('Parameter (in this file): the daily-rest minimum without an agreement'),
    agreements: z
      .array(AgreementEffectSchema)
      .default([])
      .describe(
        'Agreements that lower the minimum (a parameter of this file, or the minimum the agreement states); kinds: only for gaps with such work on both sides',
      ),
  })
  .describe(
    'This provision sets the daily rest that separates main work periods: work closer than this is one work period (docs/legal/07-work-period.md)',
  );

export const NightSchema = z
  .strictObject({
    startHour: z.string().describe('Parameter (in this file): the hour the night starts, wall clock'),
    endHour: z.string().describe('Parameter (in this file): the hour the night ends, the next morning'),
    workerMinHours: z
      .string()
      .optional()
      .describe('Parameter (in this file): night hours in a day that make the day count towards night work'),
    agreements: z
      .array(
        z.strictObject({
          type: z.enum(AGREEMENT_TYPES),
          startHour: z.string().describe('Parameter (in this file): the hour the night starts under the agreement'),
        }),
      )
      .default([])
      .describe(
        'Agreements that move the start of the night for the worker they bind, from the date the catalogue says they are lawful',
      ),
  })
  .describe(
    'This provision says when the night is: the nights of every calendar (night work, night-worker profile) are drawn from these hours (docs/legal/05-night-worker.md)',
  );

export const RuleFileSchema = z.strictObject({
  $schema: z.string().optional(),
  provision: z.string().min(1),
  title: Localized,
  law: z.strictObject({
    code: z.enum(['aml', 'avl', 'med', 'rota']),
    name: Localized,
    section: z.string().describe('The paragraph as the law numbers it, e.g. 10-4'),
    subsection: z.string().optional().describe('Ledd'),
    url: z.string().url().optional(),
  }),
  citation: Localized,
  summary: Localized,
  confidence: z.enum(CONFIDENCE),
  inForce: z.strictObject({ from: IsoDate, to: IsoDate.optional(), note: z.string().optional() }),
  sources: z.array(z.string()).default([]),
  parameters: z.record(z.string(), ParameterSchema),
  restMinimum: RestMinimumSchema.optional(),
  night: NightSchema.optional(),
  agreements: z
    .array(AgreementEffectSchema)
    .optional()
    .describe(
      'The agreements that lift every check of this file that lists none of its own (a check with `agreements`, `[]` included, keeps its own)',
    ),
  checks: z.array(CheckSchema).min(1),
});

export const AgreementCatalogueSchema = z.record(
  z.enum(AGREEMENT_TYPES),
  z.strictObject({
    title: Localized,
    tier: z.enum(['individual', 'collective', 'authority']),
    citation: Localized,
    inForce: z.strictObject({ from: IsoDate }),
    url: z.string().url().optional(),
    needsJudgement: Localized.optional().describe(
      'The agreement stands only on a human judgement the rota cannot show: the conversion prefers any other basis that suffices',
    ),
  }),
);

/** Dated facts of the employment question (conversion), e.g. when AML § 1-8's presumption took effect. */
export const EmploymentCatalogueSchema = z.strictObject({
  presumption: z.strictObject({
    since: IsoDate.describe('The date the presumption of employment took effect'),
    citation: Localized,
    url: z.string().url().optional(),
    confidence: z.enum(CONFIDENCE),
    sources: z.array(z.string()).default([]),
    note: z.string().optional(),
  }),
});

export const ReadingCatalogueSchema = z.record(
  z.enum(READINGS),
  z.strictObject({ decision: z.string(), description: Localized }),
);

export type RuleFile = z.infer<typeof RuleFileSchema>;
export type Check = z.infer<typeof CheckSchema>;
export type Parameter = z.infer<typeof ParameterSchema>;
export type Night = z.infer<typeof NightSchema>;
export type AgreementCatalogue = z.infer<typeof AgreementCatalogueSchema>;
export type ReadingCatalogue = z.infer<typeof ReadingCatalogueSchema>;
export type EmploymentCatalogue = z.infer<typeof EmploymentCatalogueSchema>;
