// Open routes (no token even when auth is on): health for load balancers and the OpenAPI document.
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { HealthSchema, malformedRequestResponse, OpenApiDocumentSchema } from '../schemas.ts';

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
        description:
          'Answers once the rule book has loaded; `rules` is the number of rule ids in it. Open even when tokens are configured.',
        response: { 200: HealthSchema, 400: malformedRequestResponse() },
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
        description:
          'The OpenAPI 3.1 description of this server, generated from the same schemas that validate its requests and responses. ' +
          'Open even when tokens are configured; `/docs` shows it in Swagger UI.',
        response: { 200: OpenApiDocumentSchema, 400: malformedRequestResponse() },
      },
    },
    async () => scope.swagger() as unknown as Record<string, unknown>,
  );
};
