// turnussjekk headroom: per worker and limit, how much is left in the tightest window, for HR
// before publishing a turnus or offering an extra shift ("3.5 h left before the 25-hour ceiling").
import { writeNumber } from '../engine/messages.ts';
import { parseArgs } from 'node:util';
import { evaluate } from '../engine/evaluate.ts';
import { UNIT_WORDS } from '../engine/findings.ts';
import { loadInputFile } from '../import/index.ts';
import type { Headroom } from '../report/schema.ts';
import { listRules } from '../rules/catalogue.ts';
import { defaultRuleBook } from '../rules/load.ts';
import { EXIT, UsageError, type Io } from './io.ts';

export const HEADROOM_USAGE = `Usage: turnussjekk headroom <rota file> [--worker ID] [--format text|json] [--lang nb|en]

For every worker (or the one named) and every limit the rota meets: how much is left in the
tightest window of the plan, the window, and the measured value against the limit. A negative
value is over the limit (check shows those as findings). Exit code 0, or 2 for invalid input.`;

function formatHeadroom(list: Headroom[], lang: 'nb' | 'en', titles: Map<string, { nb: string; en: string }>): string {
  const nb = lang === 'nb';
  const number = (n: number) => writeNumber(n, nb ? 'nb' : 'en');
  const out: string[] = [];
  let worker: string | undefined;
  // The tightest first: the smallest share of the limit left.
  const sorted = [...list].sort(
    (a, b) => a.workerId.localeCompare(b.workerId) || a.left / (a.limit || 1) - b.left / (b.limit || 1),
  );
  for (const h of sorted) {
    if (h.workerId !== worker) {
      if (worker !== undefined) out.push('');
      out.push(`${nb ? 'Arbeidstaker' : 'Worker'} ${h.workerId}`);
      worker = h.workerId;
    }
    const u = UNIT_WORDS[h.unit][lang];
    const left =
      h.left >= 0 ? `${number(h.left)}${u} ${nb ? 'igjen' : 'left'}` : `${number(-h.left)}${u} ${nb ? 'over' : 'over'}`;
    const date = (iso: string) => iso.slice(0, 16).replace('T', ' ');
    out.push(
      `  ${left.padEnd(14)} ${h.ruleId} — ${titles.get(h.ruleId)?.[lang] ?? ''}: ${number(h.measured)}${u} ${nb ? 'av' : 'of'} ${number(h.limit)}${u}, ${date(h.window.start)} – ${date(h.window.end)}${h.hypothetical ? (nb ? ' (som arbeidsavtale)' : ' (as an arbeidsavtale)') : ''}`,
    );
  }
  if (out.length === 0) out.push(nb ? 'Ingen grenser å vise.' : 'No limits to show.');
  return out.join('\n');
}

export async function headroomCommand(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      worker: { type: 'string' },
      format: { type: 'string', default: 'text' },
      lang: { type: 'string', default: 'nb' },
    },
  });
  if (!['text', 'json'].includes(values.format!))
    throw new UsageError(`--format must be text or json, got "${values.format}"`);
  if (!['nb', 'en'].includes(values.lang!)) throw new UsageError(`--lang must be nb or en, got "${values.lang}"`);
  if (positionals.length !== 1) throw new UsageError('headroom needs exactly one rota file');
  const rota = await loadInputFile(positionals[0]!);
  if (values.worker !== undefined && !rota.workers.some((w) => w.id === values.worker)) {
    throw new UsageError(
      `--worker "${values.worker}" is not in the rota (workers: ${rota.workers.map((w) => w.id).join(', ')})`,
    );
  }
  const book = defaultRuleBook();
  const report = await evaluate(rota, { ruleBook: book, conversions: false, variants: false });
  const list = report.headroom.filter((h) => values.worker === undefined || h.workerId === values.worker);
  const titles = new Map(listRules(book).map((r) => [r.id, r.title]));
  io.out(
    values.format === 'json'
      ? JSON.stringify({ headroom: list }, null, 2)
      : formatHeadroom(list, values.lang as 'nb' | 'en', titles),
  );
  return EXIT.ok;
}
