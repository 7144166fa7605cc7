// turnussjekk rules: every rule with its id, citation, thresholds and the dates they took effect.
import { parseArgs } from 'node:util';
import { listRules, formatRulesText } from '../rules/catalogue.ts';
import { defaultRuleBook } from '../rules/load.ts';
import { EXIT, UsageError, type Io } from './io.ts';

export function rules(args: string[], io: Io): number {
  const { values } = parseArgs({
    args,
    options: { format: { type: 'string', default: 'text' }, lang: { type: 'string', default: 'nb' } },
  });
  if (!['text', 'json'].includes(values.format!))
    throw new UsageError(`--format must be text or json, got "${values.format}"`);
  if (!['nb', 'en'].includes(values.lang!)) throw new UsageError(`--lang must be nb or en, got "${values.lang}"`);
  const list = listRules(defaultRuleBook());
  io.out(values.format === 'json' ? JSON.stringify(list, null, 2) : formatRulesText(list, values.lang as 'nb' | 'en'));
  return EXIT.ok;
}
