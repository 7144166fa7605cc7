// AML § 10-5: under an averaging agreement the average over the agreed period must stay within
// § 10-4. The period is the agreement's own validity; the rota covers some whole weeks of it, and
// the average is taken over those weeks (a plan shorter than the period is judged on what it shows).
import { hours } from '../time/instant.ts';
import type { FactWindow, Measure } from './types.ts';

export const averageWeeklyHoursInAgreementPeriod: Measure = ({ facts, agreements = [], onlyWith = [] }) => {
  const { weeks } = facts.plan;
  const out: FactWindow[] = [];
  for (const a of agreements) {
    if (!onlyWith.includes(a.type)) continue;
    const inPeriod = weeks.filter((w) => w.start >= a.from && w.end <= a.to);
    if (inPeriod.length === 0) continue;
    const from = inPeriod[0]!.start;
    const to = inPeriod[inPeriod.length - 1]!.end;
    let ms = 0;
    let first = -1;
    let last = -1;
    facts.blocks.forEach((b, i) => {
      const overlap = Math.min(b.end, to) - Math.max(b.start, from);
      if (overlap <= 0) return;
      ms += overlap;
      if (first < 0) first = i;
      last = i + 1;
    });
    if (first < 0) continue;
    out.push({
      start: from,
      end: to,
      measured: hours(ms) / inPeriod.length,
      at: from,
      blockRange: [first, last],
      details: { totalHours: hours(ms), weeksInBlock: inPeriod.length, agreementIndex: a.index },
    });
  }
  return out;
};
