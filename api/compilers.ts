// Validation with the same zod schemas the CLI uses. The rota body goes through the loader's own
// validateRotaDocument (RotaSchema plus its wording: "unknown field", "is required", …), so the
// API and the CLI name a bad field the same way; every other part (query, path) is read with its
// schema and reported path by path. A failure is an InputError, which the error handler turns
// into a problem document listing every issue.
import type { FastifySchemaCompiler } from 'fastify';
import type { z } from 'zod';
import { InputError, formatPath } from '../src/rota/errors.ts';
import { validateRotaDocument } from '../src/rota/load.ts';
import { RotaSchema } from '../src/rota/schema.ts';

export const validatorCompiler: FastifySchemaCompiler<z.ZodType> = ({ schema }) => {
  if (schema === RotaSchema) {
    return (data) => {
      try {
        return { value: validateRotaDocument(data) };
      } catch (err) {
        if (err instanceof InputError) return { error: err };
        throw err;
      }
    };
  }
  return (data) => {
    const result = schema.safeParse(data);
    if (result.success) return { value: result.data };
    return {
      error: new InputError(result.error.issues.map((i) => ({ path: formatPath(i.path), message: i.message }))),
    };
  };
};
