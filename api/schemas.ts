// The HTTP API's own schemas. The rota and report schemas come from src/ unchanged; what is here
// describes only what the API adds: query and path parameters, the rule listing, health and the
// RFC 9457 problem document. Each one validates, types the handler and writes the OpenAPI document.
import { z } from 'zod';
import type { RuleListing } from '../src/rules/catalogue.ts';

/**
 * The words for a query parameter's issues where zod's own would not do: one given twice arrives
 * as a list ("expected string, received array"), and a length is said in plain words.
 * Any other issue keeps the schema's own message.
 */
export const queryMessage = (issue: {
  code?: string;
  origin?: string;
  input?: unknown;
  minimum?: unknown;
  maximum?: unknown;
}) => {
  if (Array.isArray(issue.input)) return 'is given more than once; give it once';
  if (issue.origin !== 'string') return undefined;
  if (issue.code === 'too_big') return `is longer than ${issue.maximum} characters`;
  if (issue.code === 'too_small')
    return issue.minimum === 1 ? 'is empty' : `is shorter than ${issue.minimum} characters`;
  return undefined;
};

export const IsoDateParam = z
  .string({ error: queryMessage })
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date written YYYY-MM-DD')
  .refine((s) => {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return true; // the regex above already said so
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(s);
  }, 'is not a real calendar date')
  // The pattern alone would document 2025-02-30 as acceptable; the document says it is a date.
  .meta({ format: 'date' });

export const EvaluateQuerySchema = z.object({
  asOf: IsoDateParam.optional().describe(
    'Judge every window under the law and agreements in force on this date (YYYY-MM-DD) instead of the window’s own date',
  ),
});

export const HeadroomQuerySchema = EvaluateQuerySchema.extend({
  worker: z
    .string({ error: queryMessage })
    .min(1)
    .max(200)
    .optional()
    .describe('Only this worker (its id in the rota)'),
});

export const RuleIdParamsSchema = z.object({
  id: z.string().min(1).max(100).describe('Rule id, e.g. aml.10-8.daily-rest'),
});

const Localized = z.object({ nb: z.string(), en: z.string() });

export const RuleListingSchema = z.object({
  id: z.string().describe('`<code>.<section>.<slug>`, e.g. aml.10-8.daily-rest'),
  title: Localized,
  citation: Localized.describe('The provision, e.g. "arbeidsmiljøloven § 10-8 første ledd"'),
  url: z.string().optional().describe('Where the provision can be read (Lovdata)'),
  file: z.string().describe('The rule file under rules/'),
  confidence: z.string(),
  inForce: z
    .object({ from: z.string(), to: z.string().optional() })
    .describe('Dates (YYYY-MM-DD) the provision is in force'),
  severities: z.array(z.string()),
  readings: z.array(z.string()),
  curedBy: z.array(z.string()).describe('Agreement types that change the limit'),
  thresholds: z.array(
    z.object({
      name: z.string(),
      description: Localized,
      unit: z.string(),
      values: z
        .array(
          z.object({
            since: z.string(),
            value: z.number(),
            confidence: z.string().optional(),
            note: z.string().optional(),
          }),
        )
        .describe('Each value with the date it took effect'),
    }),
  ),
});

// The listing in src/ is a TypeScript interface; these two lines fail to compile if it and the
// schema above drift apart in either direction.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const listingMatches: Same<z.infer<typeof RuleListingSchema>, RuleListing> = true;
void listingMatches;

export const RuleListSchema = z.array(RuleListingSchema);

export const HealthSchema = z.object({
  status: z.literal('ok'),
  rules: z.number().int().describe('Number of rule ids loaded'),
});

export const ProblemErrorSchema = z.object({
  path: z.string().describe('Where the problem is, e.g. `periods[3].end`; empty for the document itself'),
  message: z.string(),
  in: z.enum(['body', 'query', 'path', 'header']).optional().describe('Which part of the request the path points into'),
  line: z
    .number()
    .int()
    .min(1)
    .optional()
    .describe(
      'For a JSON or YAML body: the 1-based line where the path is written (for a missing field, where its entry is), as the CLI names it',
    ),
  column: z.number().int().min(1).optional().describe('The 1-based column on that line'),
});

export const ProblemSchema = z
  .object({
    type: z.string().describe('URI naming the kind of problem'),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    instance: z.string().optional().describe('The request path'),
    errors: z.array(ProblemErrorSchema).describe('Every invalid field (empty when the problem is not about a field)'),
  })
  .describe('RFC 9457 problem details, served as application/problem+json');

export type Problem = z.infer<typeof ProblemSchema>;
export type ProblemError = z.infer<typeof ProblemErrorSchema>;

/** A response entry for the route schema: the problem document under its own media type. */
export function problemResponse(description: string) {
  return { description, content: { 'application/problem+json': { schema: ProblemSchema } } };
}

/** The 400 every operation can answer, before any route is chosen (api/app.ts clientErrorHandler). */
export const malformedRequestResponse = (what = '') =>
  problemResponse(`The request is not well-formed HTTP${what ? `, or ${what}` : ''}`);

/** Longest path parameter the router reads; a longer one is a 414 (api/app.ts). */
export const MAX_PARAM_LENGTH = 100;

export const uriTooLongResponse = (param: string) =>
  problemResponse(`\`${param}\` is longer than ${MAX_PARAM_LENGTH} characters (the problem does not repeat the path)`);

export const OpenApiDocumentSchema = z.record(z.string(), z.unknown()).describe('This OpenAPI 3.1 document');
