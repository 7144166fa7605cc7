// The plan's span (partition.ts planSpan) of a rota not yet validated, read from the few periods that
// can hold its first and last instant rather than from the whole timeline: what lets the parts of a
// large rota be sent to the worker processes while the whole rota is still being validated
// (parallel.ts). A guess, never an answer: it is used only once the timeline, built meanwhile, has
// confirmed it, and parts evaluated under a guess the timeline does not confirm are thrown away.
//
// Why the candidates are few: a period's start and end are written as a local date-time with at most
// a ±HH:MM offset (time/instant.ts), so a time on the calendar date D names an instant from the
// start of D−1 to the end of D+1. A time dated three days or more after the earliest date written
// cannot be the first instant, nor one dated three days or more before the latest the last.
import type { Rota } from '../rota/schema.ts';
import { parseInstant } from '../time/instant.ts';
import { declaredPlan } from '../timeline/build.ts';
import { planSpanOf } from './partition.ts';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 86_400_000;

/** The calendar date `days` after an ISO date (UTC arithmetic: a date, not an instant). */
function datePlus(isoDate: string, days: number): string | undefined {
  if (!DATE.test(isoDate)) return undefined;
  const t = Date.parse(`${isoDate}T00:00:00Z`);
  return Number.isNaN(t) ? undefined : new Date(t + days * DAY_MS).toISOString().slice(0, 10);
}

/**
 * The span planSpan(buildTimeline(rota)) gives, should the rota be valid; undefined when the texts
 * do not let it be read this way (a text that is no date-time among the candidates, no periods, a
 * declared plan that is no plan, a cycle): the caller then waits for the timeline.
 */
export function spanAhead(rota: Rota): { from: number; to: number } | undefined {
  const { periods, timezone: zone } = rota;
  if (periods.length === 0 || rota.cycle) return undefined;
  // ISO date-times compare as text by their dates: the earliest start and latest end written.
  let first = periods[0]!.start;
  let last = periods[0]!.end;
  for (const p of periods) {
    if (p.start < first) first = p.start;
    if (p.end > last) last = p.end;
  }
  const startsBefore = datePlus(first.slice(0, 10), 3);
  const endsFrom = datePlus(last.slice(0, 10), -2);
  if (startsBefore === undefined || endsFrom === undefined) return undefined;
  let from = Infinity;
  let to = -Infinity;
  try {
    for (const p of periods) {
      if (p.start < startsBefore) from = Math.min(from, parseInstant(p.start, zone));
      if (p.end >= endsFrom) to = Math.max(to, parseInstant(p.end, zone));
    }
  } catch {
    return undefined; // a text that names no instant: the timeline will say which
  }
  if (!(from < to)) return undefined;
  const { plan } = rota;
  if (plan && plan.to < plan.from) return undefined;
  return planSpanOf({ from, to }, plan ? declaredPlan(plan, zone) : undefined);
}
