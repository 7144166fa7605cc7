// JSON Schema generated from the zod schemas, so the published schema can never drift from
// what the loader accepts (docs/contract.md: "publish it as JSON Schema generated from the zod schemas").
import { z } from 'zod';
import { ReportSchema } from './report/schema.ts';
import { RotaSchema } from './rota/schema.ts';
import { RuleFileSchema } from './rules/schema.ts';

const BASE = 'https://turnussjekk.no/schemas';

export function jsonSchemas(): Record<string, object> {
  return {
    'rota-v1.schema.json': {
      $id: `${BASE}/rota-v1.schema.json`,
      title: 'turnussjekk rota file v1',
      ...z.toJSONSchema(RotaSchema, { io: 'input', target: 'draft-2020-12' }),
    },
    'report-v1.schema.json': {
      $id: `${BASE}/report-v1.schema.json`,
      title: 'turnussjekk report v1',
      ...z.toJSONSchema(ReportSchema, { io: 'output', target: 'draft-2020-12' }),
    },
    'rule-file.schema.json': {
      $id: `${BASE}/rule-file.schema.json`,
      title: 'turnussjekk rule file (rules/**/*.json)',
      ...z.toJSONSchema(RuleFileSchema, { io: 'input', target: 'draft-2020-12' }),
    },
  };
}
