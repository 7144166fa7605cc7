// The library surface: one evaluate() that the CLI and api/ both call, and the schemas behind it.
export { evaluate, type EvaluateOptions } from './engine/evaluate.ts';
export { InputError, type InputIssue } from './rota/errors.ts';
export { loadRotaFile, parseRotaText, validateRotaDocument, formatFromName } from './rota/load.ts';
export { RotaSchema, type Rota } from './rota/schema.ts';
export { ReportSchema, type Report, type Finding } from './report/schema.ts';
export { defaultRuleBook, loadRuleBook, RuleFileError, type RuleBook } from './rules/load.ts';
export { listRules, type RuleListing } from './rules/catalogue.ts';
export { jsonSchemas } from './schemas.ts';
