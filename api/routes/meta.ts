// Open routes (no token even when auth is on): health for load balancers and the OpenAPI document.
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { HealthSchema, OpenApiDocumentSchema } from '../schemas.ts';

export interface MetaRouteOptions {
  ruleCount: number;
}

export const metaRoutes: FastifyPluginAsync<MetaRouteOptions> = async (scope, { ruleCount }) => {
  const api = scope.withTypeProvider<ZodTypeProvider>();
  const health = { status: 'ok' as const, rules: ruleCount };

  api.get(
    '/health',
    {
      schema: {
        operationId: 'health',
        tags: ['meta'],
        summary: 'Liveness and readiness',
        description: 'Answers once the rule book has loaded; `rules` is the number of rule ids in it.',
        response: { 200: HealthSchema },
      },
    },
    async () => health,
  );

  api.get(
    '/openapi.json',
    {
      schema: {
        operationId: 'openapi',
        tags: ['meta'],
        summary: 'This OpenAPI 3.1 document',
        response: { 200: OpenApiDocumentSchema },
      },
    },
    async () => scope.swagger() as unknown as Record<string, unknown>,
  );
};
