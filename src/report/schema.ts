// Report v1 (docs/contract.md). Field names are fixed by the contract; fields beyond
// it are additions (reading, confidence, title, appliedAgreements, details, summary, readings).
import { z } from 'zod';
import { AGREEMENT_TYPES } from '../rota/schema.ts';
import { CONFIDENCE, READINGS, SEVERITIES } from '../rules/schema.ts';

const Localized = z.object({ nb: z.string(), en: z.string() });

export const FindingSchema = z.object({
  ruleId: z.string(),
  citation: z.string().describe('The provision in Norwegian, e.g. "arbeidsmiljøloven § 10-4 første ledd"'),
  severity: z.enum(SEVERITIES),
  workerId: z.string(),
  assignmentIds: z.array(z.string()),
  window: z.object({ start: z.string(), end: z.string() }).describe('ISO 8601 with the rota time zone’s offset'),
  measured: z.number(),
  limit: z.number(),
  unit: z
    .enum(['hours', 'count', 'ratio', 'weeks'])
    .describe('Unit of measured and limit: hours for durations, count (e.g. Sundays in a row), ratio (a share)'),
  curedBy: z.array(z.enum(AGREEMENT_TYPES)).describe('Agreement types under which the measured value would be lawful'),
  message: Localized,
  hypothetical: z
    .boolean()
    .optional()
    .describe('true when the finding exists only if an oppdrag is treated as an arbeidsavtale'),
  title: Localized,
  reading: z.enum(READINGS).describe('How the window was drawn (docs/legal/)'),
  confidence: z.enum(CONFIDENCE),
  url: z.string().optional(),
  appliedAgreements: z.array(z.enum(AGREEMENT_TYPES)).optional().describe('Agreements that set the limit used'),
  details: z.record(z.string(), z.number()).optional(),
  limitBasis: Localized.optional().describe(
    'Why this limit applies to this worker (e.g. the 38-hour week for rota work)',
  ),
});

export const ProfileSchema = z.object({
  workerId: z.string(),
  employer: z.string().optional(),
  hypothetical: z.boolean().describe('true when the profile includes oppdrag periods treated as employment'),
  sundaysInPlan: z.number(),
  sundaysWorked: z.number(),
  sundayShare: z.number(),
  hours: z.number(),
  nightHours: z.number(),
  nightHoursShare: z.number(),
  workedDays: z.number(),
  nightDays: z.number().describe('Worked day frames with more night hours than the night-worker threshold'),
  nightFrameShare: z.number(),
  shiftPattern: z.string(),
  heavyNightWork: z.boolean(),
  regime: z.enum(['aml', 'medlever']),
});

const Window = z.object({ start: z.string(), end: z.string() });

/** Findings grouped by root cause (one stay, one work period, one week's pattern): src/report/incidents.ts. */
export const IncidentSchema = z.object({
  id: z.string().describe("Stable within the report: the worker id and the incident's number for that worker"),
  workerId: z.string(),
  window: Window.describe("From the first occurrence's start to the last occurrence's end"),
  assignmentIds: z.array(z.string()),
  severity: z.enum(SEVERITIES).describe('The worst severity of its findings'),
  ruleIds: z.array(z.string()),
  findingIndexes: z
    .array(z.number().int())
    .describe('Indexes into findings: every finding belongs to exactly one incident'),
  title: Localized.describe('One plain sentence of what happened'),
  occurrences: z.array(Window).optional().describe('When a pattern repeats over the plan: each time it happens'),
});

/** How much is left before a limit, in the tightest window of the plan: src/engine/headroom.ts. */
export const HeadroomSchema = z.object({
  workerId: z.string(),
  ruleId: z.string(),
  window: Window,
  measured: z.number(),
  limit: z.number(),
  left: z
    .number()
    .describe("How far the tightest window is from the limit in the rule's direction; negative when it breaks it"),
  unit: z.enum(['hours', 'count', 'ratio', 'weeks']),
  hypothetical: z.boolean().optional().describe('true when the window holds oppdrag periods treated as employment'),
});

export const PerWorkerSchema = z.object({
  workerId: z.string(),
  hours: z.number().describe('Every input hour of the worker, as in the ledger'),
  violations: z.number().int(),
  warnings: z.number().int(),
  incidents: z.number().int(),
});

const VERDICTS = [
  'convertible',
  'convertible-with-agreement',
  'needs-collective-agreement',
  'not-convertible',
] as const;

export const ConversionSchema = z.object({
  assignmentId: z.string(),
  verdict: z.enum(VERDICTS),
  requiredAgreements: z
    .array(z.enum(AGREEMENT_TYPES))
    .describe('The fewest agreements under which the schedule is lawful as employment'),
  blockingRuleIds: z.array(z.string()).describe('Rules still broken at the best tier that does not clear the schedule'),
  suggestions: z
    .array(z.string())
    .describe('Restructurings, in Norwegian, each verified by re-running the engine on the changed rota'),
  confidence: z
    .enum(['high', 'medium', 'low'])
    .describe('How firmly the verdict stands: low or medium when it rests on a reading marked secondary or uncertain'),
  caveats: z
    .array(z.object({ nb: z.string(), en: z.string() }))
    .describe('The uncertain readings the verdict rests on, in words'),
  employment: z
    .object({
      likelihood: z
        .enum(['high', 'probable', 'uncertain', 'low'])
        .describe('How likely the oppdrag already is employment (AML § 1-8, case law, KS)'),
      reasons: z.array(z.object({ nb: z.string(), en: z.string(), points: z.enum(['employment', 'independent']) })),
    })
    .optional(),
  hours: z.object({ asEmployment: z.number(), paidToday: z.number().optional() }).optional(),
  cost: z
    .object({
      asEmployment: z.number(),
      today: z.number().optional(),
      difference: z.number().optional(),
      currency: z.literal('NOK'),
    })
    .optional(),
  tiers: z
    .object({ none: z.number(), individual: z.number(), collective: z.number() })
    .optional()
    .describe('Violations left with no agreement, with individual agreements, and with collective agreements too'),
  suggestionDetails: z.array(z.object({ nb: z.string(), en: z.string(), verdictAfter: z.enum(VERDICTS) })).optional(),
});

export const LedgerEntrySchema = z.object({
  workerId: z.string(),
  assignmentId: z.string(),
  hours: z.number().describe('Sum of the elapsed hours of every period of the assignment, as given'),
  periods: z.number().int(),
  passiveHours: z.number(),
  standbyHours: z.number().optional().describe('Of `hours`, stand-by outside the workplace (AML § 10-4 (3))'),
});

export const ReportSchema = z.object({
  version: z.literal(1),
  findings: z.array(FindingSchema),
  incidents: z
    .array(IncidentSchema)
    .describe('Findings grouped by root cause; every finding belongs to exactly one incident'),
  headroom: z.array(HeadroomSchema).describe('Per worker and limit: what is left in the tightest window'),
  conversions: z.array(ConversionSchema),
  ledger: z.array(LedgerEntrySchema),
  profiles: z
    .array(ProfileSchema)
    .describe('Per worker and undertaking: the plan facts that select limits (AML § 10-4 (4)–(5), § 10-11 (6))'),
  summary: z.object({
    workers: z.number().int(),
    assignments: z.number().int(),
    periods: z.number().int(),
    hours: z.number(),
    violations: z.number().int(),
    warnings: z.number().int(),
    info: z.number().int(),
    perWorker: z.array(PerWorkerSchema).describe('Per worker: hours, violations, warnings and incidents'),
    conversionsByKind: z
      .record(z.string(), z.record(z.string(), z.number().int()))
      .optional()
      .describe('Oppdrag per assignment kind and conversion verdict (the KS survey’s question, for this rota)'),
  }),
  variants: z
    .array(
      z.object({
        name: z.string(),
        description: z.string().optional(),
        violations: z.number(),
        warnings: z.number(),
        hours: z.number(),
        verdicts: z.array(
          z.object({ assignmentId: z.string(), verdict: z.string(), requiredAgreements: z.array(z.string()) }),
        ),
        cost: z.number().optional(),
        findingsByRule: z.record(z.string(), z.number()),
      }),
    )
    .optional()
    .describe('The rota as written and each named variant, side by side'),
  readings: z
    .array(z.object({ reading: z.enum(READINGS), decision: z.string(), description: Localized }))
    .describe('The interpretations applied, as ruled in docs/legal/'),
});

export type Finding = z.infer<typeof FindingSchema>;
export type Incident = z.infer<typeof IncidentSchema>;
export type Headroom = z.infer<typeof HeadroomSchema>;
export type Conversion = z.infer<typeof ConversionSchema>;
export type LedgerEntry = z.infer<typeof LedgerEntrySchema>;
export type Report = z.infer<typeof ReportSchema>;
