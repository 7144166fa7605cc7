// A base turnus that repeats (grunnturnus, docs/legal/17-plan-span-and-cycle.md). Most municipal
// rotas are a cycle of 4–12 weeks run again and again, so the law sees it as it repeats: the rest
// after its last Sunday evening runs into its first Monday, a Sunday worked at the end and one at
// the start are consecutive, a 52-week overtime block holds the cycle many times over.
//
// The cycle is evaluated as it repeats by evaluating its repetitions on the wall clock (one before,
// enough after it to fill the longest block a rule counts over), with multi-week blocks counted from
// the cycle's first week, and keeping what starts inside the cycle itself. What speaks of the plan
// as a whole (night work in the plan, standing overtime) and the auditor's trail are taken from the
// cycle evaluated alone over its own span. The ledger and the plan facts (profiles) are the cycle's
// own; the limits a plan fact selects are chosen over the repetitions, holidays of the year included.
import { DateTime } from 'luxon';
import type { Finding, Report } from '../report/schema.ts';
import type { Rota } from '../rota/schema.ts';
import { defaultRuleBook, type RuleBook } from '../rules/load.ts';
import { localDate, parseInstant } from '../time/instant.ts';
import { buildTimeline } from '../timeline/build.ts';
import type { EvaluateOptions } from './evaluate.ts';
import { finishReport, type Evaluate } from './finishReport.ts';

/** The longest block (in weeks) any rule of the book counts over: the repetitions must fill it. */
function longestBlockWeeks(book: RuleBook): number {
  let weeks = 1;
  for (const f of book.files) {
    for (const c of f.checks) {
      const p = c.window ? f.parameters[c.window] : undefined;
      if (p?.unit === 'weeks') for (const v of p.values) weeks = Math.max(weeks, v.value);
    }
  }
  return weeks;
}

/** A period's instant moved by whole weeks on the wall clock, written with its offset. */
function shifted(text: string, zone: string, weeks: number): string {
  return DateTime.fromMillis(parseInstant(text, zone), { zone }).plus({ weeks }).toISO({ suppressMilliseconds: true })!;
}

/** Whether a finding comes from the plan as a whole or summarises windows across it. */
const spansThePlan = (f: Finding) => f.reading === 'whole-plan' || f.details?.windowsRelyingOnAgreement !== undefined;

const byWindow = (a: { f: Finding; start: number; end: number }, b: { f: Finding; start: number; end: number }) =>
  a.start - b.start || a.f.ruleId.localeCompare(b.f.ruleId) || a.end - b.end;

export async function evaluateCycle(rota: Rota, options: EvaluateOptions, evaluate: Evaluate): Promise<Report> {
  const timeline = buildTimeline(rota);
  const cycle = timeline.cycle;
  if (!cycle) return evaluate(rota, { ...options, cyclic: true });
  const book = options.ruleBook ?? defaultRuleBook();
  const zone = timeline.zone;
  // The cycle's span is pinned as its plan, so every part of it (a worker's slice in the conversion
  // assessment) repeats from the same first day.
  const pinned: Rota = { ...rota, plan: { from: localDate(cycle.from, zone), to: localDate(cycle.to - 1, zone) } };
  const inner: EvaluateOptions = {
    ...options,
    conversions: false,
    variants: false,
    cyclic: true,
    declaredSpan: { from: cycle.from, to: cycle.to },
    ruleBook: book,
  };

  const after = Math.ceil(longestBlockWeeks(book) / cycle.weeks);
  const repetitions: Rota['periods'] = [];
  for (let k = -1; k <= after; k++) {
    for (const p of rota.periods)
      repetitions.push({
        ...p,
        start: shifted(p.start, zone, k * cycle.weeks),
        end: shifted(p.end, zone, k * cycle.weeks),
      });
  }
  const { cycle: _cycle, plan: _plan, variants: _variants, ...common } = pinned;
  const unrolled = await evaluate(
    {
      ...common,
      periods: repetitions,
      frames: { dayStart: '00:00', weekStart: 'monday', ...rota.frames, referenceDate: localDate(cycle.from, zone) },
    },
    { ...inner, ...(options.reuse ? { reuse: options.reuse.within('repetitions') } : {}) },
  );
  const alone = await evaluate(
    { ...common, plan: pinned.plan },
    {
      ...inner,
      span: { from: cycle.from, to: cycle.to },
      ...(options.reuse ? { reuse: options.reuse.within('cycle') } : {}),
    },
  );

  // Indexes of periods in the repetitions point back to the cycle's own periods.
  const count = rota.periods.length;
  const own = (f: Finding): Finding => {
    if (!f.details || (f.details.periodIndex === undefined && f.details.otherPeriodIndex === undefined)) return f;
    const details = { ...f.details };
    for (const k of ['periodIndex', 'otherPeriodIndex'] as const)
      if (details[k] !== undefined) details[k] = details[k]! % count;
    return { ...f, details };
  };
  const inCycle = (f: Finding) => {
    const start = Date.parse(f.window.start);
    return start >= cycle.from && start < cycle.to;
  };
  // A finding over the plan that the repetitions drew over the cycle's own span (the share of its
  // weeks with overtime, the wrap included) is theirs; one drawn over every repetition (night hours
  // in the plan) and the auditor's trail come from the cycle alone.
  const withinCycle = (f: Finding) => inCycle(f) && Date.parse(f.window.end) <= cycle.to;
  const fromRepetitions = unrolled.findings.filter((f) =>
    spansThePlan(f) ? withinCycle(f) && f.reading === 'whole-plan' : inCycle(f),
  );
  const taken = new Set(fromRepetitions.filter(spansThePlan).map((f) => `${f.workerId}|${f.ruleId}`));
  const kept = [
    ...fromRepetitions.map(own),
    ...alone.findings.filter((f) => spansThePlan(f) && !taken.has(`${f.workerId}|${f.ruleId}`)),
  ];
  // In the order evaluate() gives: by worker as the rota lists them, then by window and rule.
  const order = new Map(rota.workers.map((w, i) => [w.id, i]));
  const findings = kept
    .map((f) => ({ f, start: Date.parse(f.window.start), end: Date.parse(f.window.end) }))
    .sort((a, b) => order.get(a.f.workerId)! - order.get(b.f.workerId)! || byWindow(a, b))
    .map((x) => x.f);
  // Headroom over the repetitions, each tightest window shown in the cycle's own weeks.
  const headroom = unrolled.headroom.map((h) => {
    const start = Date.parse(h.window.start);
    if (start >= cycle.from && start < cycle.to) return h;
    const weeks =
      -Math.floor(
        DateTime.fromMillis(start, { zone }).diff(DateTime.fromMillis(cycle.from, { zone }), 'weeks').weeks /
          cycle.weeks,
      ) * cycle.weeks;
    return { ...h, window: { start: shifted(h.window.start, zone, weeks), end: shifted(h.window.end, zone, weeks) } };
  });
  // The plan facts shown are the cycle's own; the limits they select were chosen over the repetitions.
  // The cycle's own timeline: pinning its span as the plan changes no period, assignment or instant.
  return finishReport(pinned, timeline, book, options, findings, alone.profiles, evaluate, headroom);
}
