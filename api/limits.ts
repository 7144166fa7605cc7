// Guards that keep one request from occupying the server: evaluate() is synchronous CPU work that
// grows with the calendar span of the rota, which the body size does not bound (one period from
// 1900 to 2100 is a 300-byte body and ~13 s of work). The check reads only the dates, so it
// costs nothing next to evaluate(); the engine itself still validates every time.
import { InputError } from '../src/rota/errors.ts';
import type { Rota } from '../src/rota/schema.ts';

const DAY_MS = 86_400_000;
const dayOf = (text: string): number => Date.parse(`${text.slice(0, 10)}T00:00:00Z`);

/** Throws an InputError naming the period that stretches the rota past `maxDays` (0 = no limit). */
export function checkSpan(rota: Rota, maxDays: number): void {
  if (maxDays <= 0 || rota.periods.length === 0) return;
  // Validated times begin with a four-digit YYYY-MM-DD date, so the texts sort as their dates do:
  // only the first and the last are read as dates.
  let firstAt = 0;
  let lastAt = 0;
  const periods = rota.periods;
  for (let i = 1; i < periods.length; i++) {
    if (periods[i]!.start < periods[firstAt]!.start) firstAt = i;
    if (periods[i]!.end > periods[lastAt]!.end) lastAt = i;
  }
  const first = dayOf(periods[firstAt]!.start);
  const last = dayOf(periods[lastAt]!.end);
  if (Number.isNaN(first) || Number.isNaN(last)) return; // unreadable dates: the engine names them
  const days = Math.round((last - first) / DAY_MS);
  if (days <= maxDays) return;
  throw new InputError([
    {
      path: `periods[${lastAt}].end`,
      message:
        `the rota spans ${days} days (from periods[${firstAt}].start), more than the ${maxDays} days this server evaluates in one request; ` +
        'split it into shorter rotas',
    },
  ]);
}
