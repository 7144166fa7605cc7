// GET /v1/agreements: the agreement types a rota may state, with their titles in bokmål and
// English, tier (individual, collective, authority), citation and link, from rules/agreements.json
// as the rule book loaded it. The page shows these titles wherever a report names an agreement.
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AGREEMENT_TYPES } from '../../src/rota/schema.ts';
import type { RuleBook } from '../../src/rules/load.ts';
import { malformedRequestResponse, problemResponse } from '../schemas.ts';
import { PAGE_ROUTE } from './page.ts';

const Localized = z.object({ nb: z.string(), en: z.string() });

export const AgreementListSchema = z.array(
  z.object({
    type: z.enum(AGREEMENT_TYPES),
    title: Localized,
    tier: z.enum(['individual', 'collective', 'authority']),
    citation: Localized,
    inForce: z.object({ from: z.string() }),
    url: z.string().optional(),
  }),
);

export interface AgreementRouteOptions {
  ruleBook: RuleBook;
  auth: boolean;
}

export const agreementRoutes: FastifyPluginAsync<AgreementRouteOptions> = async (scope, { ruleBook, auth }) => {
  // In the order of the rota schema's list, which groups them by law and paragraph.
  const list = AGREEMENT_TYPES.filter((t) => ruleBook.agreements[t]).map((type) => ({
    type,
    ...ruleBook.agreements[type]!,
  }));
  scope.withTypeProvider<ZodTypeProvider>().get(
    '/agreements',
    {
      schema: {
        ...PAGE_ROUTE,
        operationId: 'listAgreements',
        summary: 'Agreement types, with titles, tier and citation',
        description:
          'Every agreement type a rota may state (`agreements[].type`), with its title in bokmål and English, its tier ' +
          '(individual, collective, authority), the provision that allows it and a link, in the order of the rota schema.',
        ...(auth ? { security: [{ bearerAuth: [] }] } : {}),
        response: {
          200: AgreementListSchema,
          400: malformedRequestResponse(),
          ...(auth ? { 401: problemResponse('Missing or invalid bearer token') } : {}),
        },
      },
    },
    async () => list,
  );
};
