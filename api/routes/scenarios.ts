// GET /v1/scenarios and GET /v1/scenarios/:name: the bundled example rotas (scenarios/*.yaml), so
// the web page can open one (`/?scenario=friday-to-monday-respite`). The folder is read once at
// startup into memory; a request only looks a name up in that map, so no part of a URL ever
// reaches the file system. Names must match a strict pattern (lower-case words and hyphens).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { pathOf, problem, sendProblem } from '../problem.ts';
import { MAX_PARAM_LENGTH, malformedRequestResponse, problemResponse, uriTooLongResponse } from '../schemas.ts';
import { PAGE_ROUTE } from './page.ts';

export const DEFAULT_SCENARIOS_DIR = fileURLToPath(new URL('../../scenarios/', import.meta.url));
export const SCENARIO_NAME = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export const ScenarioListSchema = z.array(
  z.object({
    name: z.string().describe('Use as /v1/scenarios/{name} or /?scenario={name}'),
    title: z.string().describe('The first comment line of the file'),
  }),
);

const ScenarioParamsSchema = z.object({
  name: z
    .string()
    .max(MAX_PARAM_LENGTH)
    .regex(SCENARIO_NAME, 'must be a scenario name: lower-case letters, digits and single hyphens'),
});

export interface Scenario {
  name: string;
  title: string;
  text: string;
}

/** `# Scenario: weekend respite …` → `Weekend respite …` */
export function titleOf(text: string): string {
  const first = text.split(/\r?\n/).find((l) => l.trim().startsWith('#'));
  const title = (first ?? '')
    .replace(/^\s*#+\s*/, '')
    .replace(/^scenario:\s*/i, '')
    .trim()
    .replace(/[,;:]$/, '');
  return title.charAt(0).toUpperCase() + title.slice(1);
}

/** Every `<name>.yaml` with a valid name in the folder, sorted by name; a missing folder is an empty list. */
export function readScenarios(dir: string): Scenario[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names
    .filter((n) => n.endsWith('.yaml') && SCENARIO_NAME.test(n.slice(0, -'.yaml'.length)))
    .map((n) => {
      const text = readFileSync(join(dir, n), 'utf8');
      return { name: n.slice(0, -'.yaml'.length), title: titleOf(text), text };
    })
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

export interface ScenarioRouteOptions {
  dir?: string;
  auth: boolean;
}

export const scenarioRoutes: FastifyPluginAsync<ScenarioRouteOptions> = async (scope, { dir, auth }) => {
  const scenarios = readScenarios(dir ?? DEFAULT_SCENARIOS_DIR);
  const byName = new Map(scenarios.map((s) => [s.name, s]));
  const list = scenarios.map(({ name, title }) => ({ name, title }));
  const security = auth ? { security: [{ bearerAuth: [] }] } : {};
  const unauthorized = auth ? { 401: problemResponse('Missing or invalid bearer token') } : {};
  const api = scope.withTypeProvider<ZodTypeProvider>();

  api.get(
    '/scenarios',
    {
      schema: {
        ...PAGE_ROUTE,
        operationId: 'listScenarios',
        summary: 'The bundled example rotas',
        description: 'Name and title of every example rota the server bundles (scenarios/*.yaml), sorted by name.',
        ...security,
        response: { 200: ScenarioListSchema, 400: malformedRequestResponse(), ...unauthorized },
      },
    },
    async () => list,
  );

  api.get(
    '/scenarios/:name',
    {
      schema: {
        ...PAGE_ROUTE,
        operationId: 'getScenario',
        summary: 'One bundled rota file, as YAML text',
        description:
          'The rota file as it is bundled, comments included: YAML text (`application/yaml`), which `POST /v1/evaluate` takes as it is.',
        params: ScenarioParamsSchema,
        ...security,
        response: {
          200: {
            description: 'The rota file (rota file v1), YAML text',
            content: { 'application/yaml': { schema: z.string().describe('The rota file, YAML text') } },
          },
          400: problemResponse('The name is not a scenario name (or the request is not well-formed HTTP)'),
          414: uriTooLongResponse('name'),
          404: problemResponse('No bundled scenario has this name'),
          ...unauthorized,
        },
      },
    },
    async (request, reply) => {
      const scenario = byName.get(request.params.name);
      if (!scenario) {
        return sendProblem(
          reply,
          problem(
            'not-found',
            `no bundled scenario is named "${request.params.name}"; GET /v1/scenarios lists them`,
            [],
            pathOf(request.url),
          ),
        );
      }
      return reply.type('application/yaml; charset=utf-8').send(scenario.text);
    },
  );
};
