// GET /v1/rules and GET /v1/rules/:id: the rule list users filter and baseline by, the same
// listing as `turnussjekk rules --format json` (id, citation, thresholds with the dates they took
// effect, dates in force). Computed once: the rule book is read at startup and never changes.
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { RuleListing } from '../../src/rules/catalogue.ts';
import { pathOf, problem, sendProblem } from '../problem.ts';
import {
  malformedRequestResponse,
  problemResponse,
  RuleIdParamsSchema,
  RuleListingSchema,
  RuleListSchema,
  uriTooLongResponse,
} from '../schemas.ts';

export interface RuleRouteOptions {
  rules: RuleListing[];
  auth: boolean;
}

export const ruleRoutes: FastifyPluginAsync<RuleRouteOptions> = async (scope, { rules, auth }) => {
  const byId = new Map(rules.map((r) => [r.id, r]));
  const security = auth ? { security: [{ bearerAuth: [] }] } : {};
  const unauthorized = auth ? { 401: problemResponse('Missing or invalid bearer token') } : {};
  const api = scope.withTypeProvider<ZodTypeProvider>();

  api.get(
    '/rules',
    {
      schema: {
        operationId: 'listRules',
        tags: ['rules'],
        summary: 'List every rule',
        description:
          'Every rule id with its citation, thresholds (each value with the date it took effect) and the dates the provision is in force.',
        ...security,
        response: { 200: RuleListSchema, 400: malformedRequestResponse(), ...unauthorized },
      },
    },
    async () => rules,
  );

  api.get(
    '/rules/:id',
    {
      schema: {
        operationId: 'getRule',
        tags: ['rules'],
        summary: 'One rule by id',
        description: 'The listing of one rule, as one entry of `GET /v1/rules`.',
        params: RuleIdParamsSchema,
        ...security,
        response: {
          200: RuleListingSchema,
          400: malformedRequestResponse('the id has a malformed %-escape'),
          414: uriTooLongResponse('id'),
          ...unauthorized,
          404: problemResponse('No rule has this id'),
        },
      },
    },
    async (request, reply) => {
      const rule = byId.get(request.params.id);
      if (rule) return rule;
      return sendProblem(
        reply,
        problem(
          'rule-not-found',
          `no rule has the id "${request.params.id}"; GET /v1/rules lists them`,
          [],
          pathOf(request.url),
        ),
      );
    },
  );
};
