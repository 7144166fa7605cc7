// The naive baseline of `npm run bench` (issue 7): the same six AML chapter 10 rules the engine
// evaluates, decided the slow, obvious way, so "engine ÷ naive" can be re-measured on any rota.
//
// What is naive (on purpose):
// - every window of the plan is enumerated for every worker, with work in it or not: every local
//   day frame and every local week frame (luxon, in the rota's zone, from the rota's `frames`
//   day start and week start), every fixed block of weeks, and a 24-hour window at every period
//   start (daily rest: the rule fires only on a window that begins a main work period);
// - each window's measure is computed from scratch: one pass over ALL the worker's periods, merging
//   them into continuous work as it goes (the periods are parsed and sorted by start once per
//   worker; nothing else is kept between windows: no index, no running sums, no frame cursor);
// - each window is decided by json-rules-engine: one Engine holding the six rules, and a fresh
//   `engine.run({ rule, measured, limit })` per window (per window and rule, so a day frame is two
//   runs: normal-day and total-day).
// It is correct, not a straw man: the measures are real, elapsed time across the summer-time
// changes, and the limits and window lengths are read from the rule book (the value in force at the
// window's start), not written here. The readings are the engine's (rules/readings.json):
//
//   aml.10-4.normal-day   fixed-day-frame     hours in each local day frame, counting a block of
//   aml.10-6.total-day                        continuous work (touching or overlapping periods)
//                                             whole in the frame where it starts: the measure is the
//                                             larger of the hours inside the frame and the full
//                                             length of the blocks that start in it (docs/legal/01-fixed-frames.md)
//   aml.10-4.normal-week  fixed-week-frame    hours of work inside each local week frame
//   aml.10-6.total-week   fixed-block-average hours in each fixed block of N week frames (N from the
//                                             rule book, 8) counted from the reference week (the
//                                             rota's frames.referenceDate, else its first period),
//                                             divided by the weeks of the block the plan covers
//   aml.10-8.daily-rest   main-work-period    a window of 24 h (the rule book's restWindow) from each
//                                             period start: the longest continuous time off inside
//                                             it; the rule fires only where the period start follows
//                                             at least the minimum rest (or no work at all), i.e.
//                                             begins a main work period (docs/legal/02-daily-rest.md, docs/legal/07-work-period.md)
//   aml.10-8.weekly-rest  fixed-week-frame    the longest continuous time off inside each local
//                                             week frame (clipped to the frame)
//
// The result is a count of breached windows per rule, comparable with the engine's violations and
// warnings of the same rule id and reading (a breach of the 8-week average in a block the plan
// covers only in part is a warning in the engine's report; here it is a breach like any other).
//
// NOT in scope, so on rotas that use them the counts differ from the engine's (on purpose; the
// benchmark prints both counts and says so):
// - agreements: no limit is lifted (§ 10-5 averaging, tariff rest, consent, union agreements), no
//   window is handed to § 10-5 or to the avlaster regulation (`deferTo`), no auditor's trail;
// - limits chosen by the worker's plan (`limitWhen`: 38 h for rota work every third Sunday or mainly
//   at night, 36 h for fully continuous shifts): the base limit (40 h) is used;
// - the passive-work extension of normal hours (§ 10-4 (2)); stand-by periods (§ 10-4 (3)) are left
//   out, not counted at 1/7; medlever assignments (their own regulation) are left out;
// - the supplementary readings (rolling-window warnings, daily rest per day frame) and the 69-hour
//   single week under a tariff agreement;
// - oppdrag: every period is judged as employment (the engine's hypothetical findings on oppdrag
//   are counted with the real ones);
// - one group per worker and employer (undertaking), as the engine groups them.
import { Engine } from 'json-rules-engine';
import { DateTime } from 'luxon';
import type { Rota } from '../src/rota/schema.ts';
import { defaultRuleBook, type RuleBook } from '../src/rules/load.ts';

/** The rules the baseline evaluates: rule id, the engine's reading, and the measure the rule file names. */
export const NAIVE_RULES = [
  { ruleId: 'aml.10-4.normal-day', reading: 'fixed-day-frame', measure: 'hoursInDayFrame' },
  { ruleId: 'aml.10-6.total-day', reading: 'fixed-day-frame', measure: 'hoursInDayFrame' },
  { ruleId: 'aml.10-4.normal-week', reading: 'fixed-week-frame', measure: 'hoursInWeekFrame' },
  { ruleId: 'aml.10-6.total-week', reading: 'fixed-block-average', measure: 'averageWeeklyHoursInBlock' },
  { ruleId: 'aml.10-8.daily-rest', reading: 'main-work-period', measure: 'restInWorkPeriod' },
  { ruleId: 'aml.10-8.weekly-rest', reading: 'fixed-week-frame', measure: 'restInWeekFrame' },
] as const;
export type NaiveRuleId = (typeof NAIVE_RULES)[number]['ruleId'];

export interface NaiveResult {
  /** Breached windows per rule. */
  breaches: Record<NaiveRuleId, number>;
  /** Windows evaluated per rule (one json-rules-engine run each). */
  windows: Record<NaiveRuleId, number>;
  /** Period visits: windows × the periods scanned for each. */
  periodVisits: number;
}

interface Dated {
  since: number[];
  values: number[];
}
interface NaiveRule {
  ruleId: NaiveRuleId;
  operator: string;
  limit: Dated;
  /** The window parameter (hours, or weeks for a block), when the check names one. */
  window: Dated | undefined;
}

const HOUR = 3_600_000;
const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];

function dated(values: Array<{ since: string; value: number }>, zone: string): Dated {
  return {
    since: values.map((v) => DateTime.fromISO(v.since, { zone }).startOf('day').toMillis()),
    values: values.map((v) => v.value),
  };
}
function valueAt(series: Dated, at: number): number | undefined {
  let found: number | undefined;
  for (let i = 0; i < series.since.length && series.since[i]! <= at; i++) found = series.values[i];
  return found;
}

/** The six rules as the rule book states them (limit, operator, window); throws if the book no longer has them. */
function rulesFrom(book: RuleBook, zone: string): NaiveRule[] {
  return NAIVE_RULES.map(({ ruleId, measure }) => {
    for (const file of book.files) {
      const check = file.checks.find((c) => c.id === ruleId && c.measure === measure && !c.supplementary);
      if (!check) continue;
      const limit = file.parameters[check.limit];
      if (!limit) break;
      const window = check.window ? file.parameters[check.window] : undefined;
      return {
        ruleId,
        operator: check.operator,
        limit: dated(limit.values, zone),
        window: window ? dated(window.values, zone) : undefined,
      };
    }
    throw new Error(`naive baseline: the rule book has no check ${ruleId} measured by ${measure}`);
  });
}

/** One Engine holding the rules: each window is a run with the rule's id, what was measured and the limit. */
function buildEngine(rules: NaiveRule[]): Engine {
  const engine = new Engine([], { allowUndefinedFacts: true });
  for (const r of rules) {
    engine.addRule({
      name: r.ruleId,
      conditions: {
        all: [
          { fact: 'rule', operator: 'equal', value: r.ruleId },
          // Daily rest is tested from the start of a main work period (docs/legal/07-work-period.md); the windows
          // from the other period starts are enumerated and measured too, and do not fire.
          ...(r.ruleId === 'aml.10-8.daily-rest'
            ? [{ fact: 'beginsMainWorkPeriod', operator: 'equal', value: true }]
            : []),
          { fact: 'measured', operator: r.operator, value: { fact: 'limit' } },
        ],
      },
      event: { type: 'breach', params: { ruleId: r.ruleId } },
    });
  }
  return engine;
}

interface Span {
  start: number;
  end: number;
}

/** Consecutive local frames of `days` days from the frame containing `from` until past `to`. */
function localFrames(
  from: number,
  to: number,
  zone: string,
  dayStartMinutes: number,
  weekday: number | undefined,
  days: number,
): Span[] {
  const atDayStart = (dt: DateTime) =>
    dt.set({ hour: Math.floor(dayStartMinutes / 60), minute: dayStartMinutes % 60, second: 0, millisecond: 0 });
  let first = atDayStart(DateTime.fromMillis(from, { zone }));
  if (first.toMillis() > from) first = atDayStart(first.minus({ days: 1 }));
  if (weekday !== undefined) first = atDayStart(first.minus({ days: (first.weekday - weekday + 7) % 7 }));
  const out: Span[] = [];
  let cursor = first;
  while (cursor.toMillis() < to || out.length === 0) {
    const next = atDayStart(cursor.plus({ days }));
    out.push({ start: cursor.toMillis(), end: next.toMillis() });
    cursor = next;
  }
  return out;
}

// ---- Measures: each one scans every period of the worker, from the first, merging as it goes. ----

/** Calls `visit` with every block of continuous work (periods sorted by start; touching periods are one block). */
function eachBlock(periods: Span[], visit: (start: number, end: number) => void): void {
  let bs = NaN;
  let be = NaN;
  for (const p of periods) {
    if (p.start <= be) {
      if (p.end > be) be = p.end;
    } else {
      if (!Number.isNaN(bs)) visit(bs, be);
      bs = p.start;
      be = p.end;
    }
  }
  if (!Number.isNaN(bs)) visit(bs, be);
}

const clipped = (start: number, end: number, w: Span) => Math.max(0, Math.min(end, w.end) - Math.max(start, w.start));

/**
 * Hours in a day frame: the larger of the work inside it and, for each main work period that starts
 * in it (work joined by gaps shorter than `minRestMs`), its work in the first 24 hours from its start.
 */
function hoursInDayFrame(periods: Span[], w: Span, minRestMs: number): number {
  let inFrame = 0;
  eachBlock(periods, (s, e) => (inFrame += clipped(s, e, w)));
  let best = 0;
  for (const p of periods) {
    if (p.start < w.start || p.start >= w.end || !beginsMainWorkPeriod(periods, p.start, minRestMs)) continue;
    // The period runs on while the next work starts less than the minimum after the last ends.
    const first24 = { start: p.start, end: p.start + 24 * HOUR };
    let periodEnd = p.start;
    let worked = 0;
    eachBlock(periods, (s, e) => {
      if (e <= p.start || s - periodEnd >= minRestMs) return;
      worked += clipped(s, e, first24);
      periodEnd = Math.max(periodEnd, e);
    });
    best = Math.max(best, worked);
  }
  return Math.max(inFrame, best) / HOUR;
}

/** Hours of work inside a window. */
function hoursIn(periods: Span[], w: Span): number {
  let inside = 0;
  eachBlock(periods, (s, e) => (inside += clipped(s, e, w)));
  return inside / HOUR;
}

/** The longest continuous time off inside a window (time off before the first and after the last work is unbounded). */
function longestRestIn(periods: Span[], w: Span): number {
  let longest = 0;
  let restFrom = -Infinity;
  eachBlock(periods, (s, e) => {
    longest = Math.max(longest, clipped(restFrom, s, w));
    restFrom = e;
  });
  longest = Math.max(longest, clipped(restFrom, Infinity, w));
  return longest / HOUR;
}

/** Does a main work period begin at `at`: no work before it within `minRestMs` (work reaching `at` included)? */
function beginsMainWorkPeriod(periods: Span[], at: number, minRestMs: number): boolean {
  let lastEndBefore = -Infinity;
  for (const p of periods) if (p.start < at && p.end > lastEndBefore) lastEndBefore = p.end;
  return at - lastEndBefore >= minRestMs;
}

export interface NaiveOptions {
  ruleBook?: RuleBook;
}

/** Counts the breaches of the six rules in a validated rota, window by window, from scratch. */
export async function naiveEvaluate(rota: Rota, options: NaiveOptions = {}): Promise<NaiveResult> {
  const zone = rota.timezone;
  const rules = rulesFrom(options.ruleBook ?? defaultRuleBook(), zone);
  const rule = Object.fromEntries(rules.map((r) => [r.ruleId, r])) as Record<NaiveRuleId, NaiveRule>;
  const engine = buildEngine(rules);
  const breaches = Object.fromEntries(NAIVE_RULES.map((r) => [r.ruleId, 0])) as Record<NaiveRuleId, number>;
  const windows = Object.fromEntries(NAIVE_RULES.map((r) => [r.ruleId, 0])) as Record<NaiveRuleId, number>;
  let periodVisits = 0;

  /** One json-rules-engine run for one window of one rule. */
  const decide = async (r: NaiveRule, measured: number, at: number, more: Record<string, unknown> = {}) => {
    const limit = valueAt(r.limit, at);
    if (limit === undefined) return; // the provision was not in force yet
    windows[r.ruleId]++;
    const { events } = await engine.run({ ...more, rule: r.ruleId, measured, limit });
    for (const e of events) breaches[e.params!.ruleId as NaiveRuleId]++;
  };

  // Every period as an instant pair (luxon: local wall time in the rota's zone, or its own offset).
  const assignment = new Map(rota.assignments.map((a) => [a.id, a]));
  const instant = (text: string) => {
    const ms = DateTime.fromISO(text, { zone }).toMillis();
    if (Number.isNaN(ms)) throw new Error(`naive baseline: cannot read the time "${text}"`);
    return ms;
  };
  const all = rota.periods.map((p) => ({
    p,
    a: assignment.get(p.assignmentId)!,
    start: instant(p.start),
    end: instant(p.end),
  }));
  if (all.length === 0) return { breaches, windows, periodVisits };

  // The plan's frames, as the engine draws them: from its first to its last instant.
  let from = Infinity;
  let to = -Infinity;
  for (const x of all) (from = Math.min(from, x.start)), (to = Math.max(to, x.end));
  const [h, m] = (rota.frames?.dayStart ?? '00:00').split(':').map(Number) as [number, number];
  const dayStart = h * 60 + m;
  const weekday = WEEKDAYS.indexOf(rota.frames?.weekStart ?? 'monday') + 1;
  const reference = rota.frames?.referenceDate
    ? DateTime.fromISO(rota.frames.referenceDate, { zone }).startOf('day').toMillis()
    : from;
  const days = localFrames(from, to, zone, dayStart, undefined, 1);
  const weeks = localFrames(Math.min(from, reference), to, zone, dayStart, weekday, 7);
  const referenceWeek = Math.max(
    0,
    weeks.findIndex((w) => w.end > reference),
  );

  // One group per worker and employer; stand-by and medlever periods are out of scope.
  const groups = new Map<string, Span[]>();
  for (const x of all) {
    if (x.p.standby || x.a.regime === 'medlever') continue;
    const key = `${x.a.workerId}\u0000${x.a.employer ?? ''}`;
    const list = groups.get(key);
    if (list) list.push({ start: x.start, end: x.end });
    else groups.set(key, [{ start: x.start, end: x.end }]);
  }

  for (const periods of groups.values()) {
    periods.sort((a, b) => a.start - b.start || a.end - b.end);
    const n = periods.length;

    const rest = rule['aml.10-8.daily-rest'];
    for (const d of days) {
      const minRest = valueAt(rest.limit, d.start) ?? Infinity;
      await decide(rule['aml.10-4.normal-day'], hoursInDayFrame(periods, d, minRest * HOUR), d.start);
      await decide(rule['aml.10-6.total-day'], hoursInDayFrame(periods, d, minRest * HOUR), d.start);
      periodVisits += 2 * n;
    }
    for (const w of weeks) {
      await decide(rule['aml.10-4.normal-week'], hoursIn(periods, w), w.start);
      await decide(rule['aml.10-8.weekly-rest'], longestRestIn(periods, w), w.start);
      periodVisits += 2 * n;
    }
    const blockRule = rule['aml.10-6.total-week'];
    const blockWeeks = valueAt(blockRule.window!, weeks[0]!.start);
    if (blockWeeks !== undefined) {
      for (let b = Math.floor(-referenceWeek / blockWeeks); referenceWeek + b * blockWeeks < weeks.length; b++) {
        const first = Math.max(0, referenceWeek + b * blockWeeks);
        const last = Math.min(weeks.length - 1, referenceWeek + (b + 1) * blockWeeks - 1);
        const span = { start: weeks[first]!.start, end: weeks[last]!.end };
        await decide(blockRule, hoursIn(periods, span) / (last - first + 1), span.start);
        periodVisits += n;
      }
    }
    let previous = NaN;
    for (const p of periods) {
      if (p.start === previous) continue; // one window per start instant
      previous = p.start;
      const minimum = valueAt(rest.limit, p.start);
      const width = valueAt(rest.window!, p.start);
      if (minimum === undefined || width === undefined) continue;
      const begins = beginsMainWorkPeriod(periods, p.start, minimum * HOUR);
      await decide(rest, longestRestIn(periods, { start: p.start, end: p.start + width * HOUR }), p.start, {
        beginsMainWorkPeriod: begins,
      });
      periodVisits += 2 * n;
    }
  }
  return { breaches, windows, periodVisits };
}
