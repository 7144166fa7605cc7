// turnussjekk compare: the rota's named variants side by side, for the people deciding between them.
import { parseArgs } from 'node:util';
import { evaluate } from '../engine/evaluate.ts';
import { loadInputFile } from '../import/index.ts';
import { InputError } from '../rota/errors.ts';
import { defaultRuleBook } from '../rules/load.ts';
import type { VariantSummary } from '../variants/compare.ts';

export const COMPARE_USAGE = `Usage:
  turnussjekk compare <rota file> [--format text|json] [--lang nb|en]

Evaluates the rota as written and each of its named variants (rota field "variants") and shows
them side by side: violations, warnings, hours, conversion verdicts and cost.
Exit code, as check's for the rota as written (the first column, the baseline): 0 no violations;
1 at least one violation; 2 invalid input or usage.`;

const VERDICT_SHORT: Record<string, { nb: string; en: string }> = {
  convertible: { nb: 'kan omgjøres', en: 'convertible' },
  'convertible-with-agreement': { nb: 'med skriftlig avtale', en: 'with written agreement' },
  'needs-collective-agreement': { nb: 'trenger tariffavtale', en: 'needs collective agreement' },
  'not-convertible': { nb: 'kan ikke omgjøres', en: 'not convertible' },
};

export function formatComparison(variants: VariantSummary[], lang: 'nb' | 'en'): string {
  const nb = lang === 'nb';
  const num = new Intl.NumberFormat(nb ? 'nb-NO' : 'en-GB', { maximumFractionDigits: 2 });
  const header = nb
    ? ['variant', 'brudd', 'advarsler', 'timer', 'kostnad (NOK)', 'omgjøring']
    : ['variant', 'violations', 'warnings', 'hours', 'cost (NOK)', 'conversion'];
  const rows = variants.map((v) => [
    v.name,
    String(v.violations),
    String(v.warnings),
    num.format(v.hours),
    v.cost !== undefined ? num.format(v.cost) : '–',
    v.verdicts
      .map(
        (c) =>
          `${c.assignmentId}: ${VERDICT_SHORT[c.verdict]?.[lang] ?? c.verdict}${c.requiredAgreements.length ? ` (${c.requiredAgreements.join(', ')})` : ''}`,
      )
      .join('; ') || '–',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!))).join('  ');
  const out = [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)];
  for (const v of variants) if (v.description) out.push(`${v.name}: ${v.description}`);
  return out.join('\n');
}

export async function compareCommand(
  args: string[],
  io: { out: (t: string) => void; err: (t: string) => void },
): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { format: { type: 'string', default: 'text' }, lang: { type: 'string', default: 'nb' } },
  });
  if (!['text', 'json'].includes(values.format!) || !['nb', 'en'].includes(values.lang!) || positionals.length !== 1) {
    io.err(COMPARE_USAGE);
    return 2;
  }
  const file = positionals[0]!;
  try {
    const rota = await loadInputFile(file);
    if (!rota.variants?.length)
      throw new InputError([{ path: 'variants', message: 'the rota names no variants to compare' }], file);
    const report = await evaluate(rota, { ruleBook: defaultRuleBook() });
    io.out(
      values.format === 'json'
        ? JSON.stringify({ file, variants: report.variants }, null, 2)
        : formatComparison(report.variants!, values.lang as 'nb' | 'en'),
    );
    // Judged like check: the rota as written (the first variant, the baseline) decides.
    return report.summary.violations > 0 ? 1 : 0;
  } catch (err) {
    if (err instanceof InputError) {
      io.err((err.file ? err : err.withFile(file)).message);
      return 2;
    }
    throw err;
  }
}
