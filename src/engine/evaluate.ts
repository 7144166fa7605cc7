// The one entry point: rota → timeline → facts → rules (json-rules-engine) → findings → report.
// The CLI and the HTTP API are thin shells over evaluate().
import { Engine } from 'json-rules-engine';
import { MEASURE_FUNCTIONS, WORKER_WIDE } from '../facts/measures.ts';
import type { FactWindow, WorkFacts } from '../facts/types.ts';
import { assignmentsOf, byStart, workBlocks } from '../facts/workBlocks.ts';
import { ledger, roundHours } from '../report/ledger.ts';
import type { Finding, Report } from '../report/schema.ts';
import type { Rota } from '../rota/schema.ts';
import { defaultRuleBook, type RuleBook } from '../rules/load.ts';
import {
  BREACH,
  compileChecks,
  curingAgreements,
  margin,
  resolveLimit,
  type CompiledCheck,
  type ResolvedLimit,
} from '../rules/limits.ts';
import { dayFrames, weekFrames, type Frame } from '../time/frames.ts';
import { formatInstant, hours, startOfLocalDate } from '../time/instant.ts';
import { buildTimeline, type AgreementInForce, type Timeline, type WorkInterval } from '../timeline/build.ts';
import { fillTemplate } from './messages.ts';

export interface EvaluateOptions {
  ruleBook?: RuleBook;
  /** Judge every window under the law and agreements in force on this date (YYYY-MM-DD) instead of its own date. */
  asOf?: string;
}

interface Context {
  timeline: Timeline;
  checks: CompiledCheck[];
  engine: Engine;
  days: Frame[];
  weeks: Frame[];
  referenceWeek: number;
  asOf: number | undefined;
}

/** json-rules-engine decides, per worker, whether each rule fires on its worst window. */
function buildEngine(checks: CompiledCheck[]): Engine {
  const engine = new Engine([], { allowUndefinedFacts: true });
  for (const c of checks) {
    engine.addRule({
      name: c.key,
      conditions: { all: [{ fact: `m:${c.key}`, operator: c.check.operator, value: { fact: `l:${c.key}` } }] },
      event: { type: 'breach', params: { key: c.key } },
    });
  }
  return engine;
}

function framesCovering(frames: Frame[], from: number, to: number): Frame[] {
  let lo = 0;
  let hi = frames.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (frames[mid]!.end <= from) lo = mid + 1;
    else hi = mid;
  }
  let end = lo;
  while (end < frames.length && frames[end]!.start < to) end++;
  return frames.slice(lo, end);
}

function agreementsFor(timeline: Timeline, workerId: string, undertaking: string): AgreementInForce[] {
  return timeline.agreements.filter(
    (a) => (a.workerId === undefined || a.workerId === workerId) && (a.employer === undefined || a.employer === undertaking),
  );
}

const round2 = (x: number): number => Math.round(x * 100) / 100;
const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }) => a.start < b.end && b.start < a.end;

interface Evaluated {
  c: CompiledCheck;
  windows: Array<{ w: FactWindow; r: ResolvedLimit }>;
}

interface RawFinding {
  c: CompiledCheck;
  w: FactWindow;
  r: ResolvedLimit;
  severity: Finding['severity'];
  kind: 'breach' | 'relies-on-agreement';
}

async function runPass(
  ctx: Context,
  workerId: string,
  intervals: WorkInterval[],
  checks: CompiledCheck[],
  agreements: AgreementInForce[],
  hypothetical: boolean,
  earlier: Finding[],
): Promise<Finding[]> {
  const blocks = workBlocks(intervals);
  if (blocks.length === 0) return [];
  const from = blocks[0]!.start;
  const to = blocks.reduce((m, b) => Math.max(m, b.end), 0);
  const facts: WorkFacts = { intervals, blocks, dayFrames: framesCovering(ctx.days, from, to), weekFrames: framesCovering(ctx.weeks, from, to), plan: { weeks: ctx.weeks, referenceWeek: ctx.referenceWeek } };
  const when = (at: number) => ctx.asOf ?? at;

  const evaluated: Evaluated[] = [];
  const engineFacts: Record<string, number> = {};
  for (const c of checks) {
    const limitAt = (at: number) => resolveLimit(c, agreements, when(at))?.limit;
    const windows: Evaluated['windows'] = [];
    let worst: { measured: number; limit: number; m: number } | undefined;
    for (const w of MEASURE_FUNCTIONS[c.check.measure]({ facts, limitAt, windowHours: c.windowHours })) {
      const r = resolveLimit(c, agreements, when(w.at));
      if (!r) continue;
      windows.push({ w, r });
      const m = margin(c.check.operator, w.measured, r.limit);
      if (!worst || m > worst.m) worst = { measured: w.measured, limit: r.limit, m };
    }
    evaluated.push({ c, windows });
    if (worst) {
      engineFacts[`m:${c.key}`] = worst.measured;
      engineFacts[`l:${c.key}`] = worst.limit;
    }
  }
  const { events } = await ctx.engine.run(engineFacts);
  const fired = new Set(events.map((e) => String(e.params?.key)));

  const raw: RawFinding[] = [];
  const primaryFirst = [...evaluated].sort((a, b) => Number(a.c.check.supplementary) - Number(b.c.check.supplementary));
  for (const { c, windows } of primaryFirst) {
    const breach = BREACH[c.check.operator];
    if (fired.has(c.key)) {
      let hits = windows.filter(({ w, r }) => breach(w.measured, r.limit));
      if (c.check.supplementary) {
        const covered = [...earlier.map((f) => ({ ruleId: f.ruleId, start: Date.parse(f.window.start), end: Date.parse(f.window.end) })),
          ...raw.map((f) => ({ ruleId: f.c.check.id, start: f.w.start, end: f.w.end }))];
        hits = hits.filter(({ w }) => !covered.some((f) => f.ruleId === c.check.id && overlaps(f, w)));
      }
      if (c.check.worstOnly && hits.length > 1) {
        const best = hits.reduce((a, b) => (margin(c.check.operator, b.w.measured, b.r.limit) > margin(c.check.operator, a.w.measured, a.r.limit) ? b : a));
        hits = [best];
      }
      for (const { w, r } of hits) raw.push({ c, w, r, severity: c.check.severity, kind: 'breach' });
    }
    if (!c.check.supplementary) {
      // The auditor's trail: the limit held only because an agreement lifted it.
      const relying = windows.filter(({ w, r }) => r.applied.length > 0 && breach(w.measured, r.base) && !breach(w.measured, r.limit));
      if (relying.length > 0) {
        const first = relying[0]!;
        const last = relying[relying.length - 1]!;
        const peak = relying.reduce((a, b) => (b.w.measured > a.w.measured === c.check.operator.startsWith('greater') ? b : a));
        raw.push({
          c,
          w: { ...peak.w, start: first.w.start, end: last.w.end, details: { ...peak.w.details, windowsRelyingOnAgreement: relying.length } },
          r: peak.r,
          severity: 'info',
          kind: 'relies-on-agreement',
        });
      }
    }
  }

  return raw.map((f) => toFinding(ctx, f, workerId, blocks, agreements, hypothetical, when));
}

function toFinding(
  ctx: Context,
  { c, w, r, severity, kind }: RawFinding,
  workerId: string,
  blocks: ReturnType<typeof workBlocks>,
  agreements: AgreementInForce[],
  hypothetical: boolean,
  when: (at: number) => number,
): Finding {
  const { check, file } = c;
  const zone = ctx.timeline.zone;
  const assignmentIds = (w.assignmentIds ?? (w.blockRange ? assignmentsOf(blocks, w.blockRange[0], w.blockRange[1]) : [])).slice().sort();
  const details = w.details ? Object.fromEntries(Object.entries(w.details).map(([k, v]) => [k, roundHours(v)])) : undefined;
  const values = { ...details, measured: round2(w.measured), limit: r.limit, base: r.base, hours: round2(hours(w.end - w.start)) };
  const applied = [...new Set(r.applied.map((a) => a.type))];
  const message =
    kind === 'breach'
      ? { nb: fillTemplate(check.message.nb, values, 'nb'), en: fillTemplate(check.message.en, values, 'en') }
      : {
          nb: fillTemplate(`Lovlig bare fordi avtale gjelder (${applied.join(', ')}): målt {measured} t mot lovens grense {base} t, avtalt grense {limit} t.`, values, 'nb'),
          en: fillTemplate(`Lawful only because an agreement applies (${applied.join(', ')}): measured {measured} h against the statutory {base} h, agreed limit {limit} h.`, values, 'en'),
        };
  return {
    ruleId: check.id,
    citation: file.citation.nb,
    severity,
    workerId,
    assignmentIds,
    window: { start: formatInstant(w.start, zone), end: formatInstant(w.end, zone) },
    measured: round2(w.measured),
    limit: r.limit,
    unit: 'hours',
    curedBy: kind === 'breach' ? curingAgreements(c, agreements, when(w.at), w.measured) : [],
    message,
    hypothetical,
    title: check.title,
    reading: check.reading,
    confidence: file.confidence,
    ...(file.law.url ? { url: file.law.url } : {}),
    ...(applied.length > 0 ? { appliedAgreements: applied } : {}),
    ...(details ? { details } : {}),
  };
}

export async function evaluate(rota: Rota, options: EvaluateOptions = {}): Promise<Report> {
  const timeline = buildTimeline(rota);
  const book = options.ruleBook ?? defaultRuleBook();
  const checks = compileChecks(book, timeline.zone);
  const { intervals, anchor, zone } = timeline;
  let from = Infinity;
  let to = -Infinity;
  for (const iv of intervals) {
    if (iv.start < from) from = iv.start;
    if (iv.end > to) to = iv.end;
  }
  // Multi-week blocks count from the week of the reference date (default: of the first period).
  const reference = rota.frames?.referenceDate ? startOfLocalDate(rota.frames.referenceDate, zone) : from;
  const weeks = intervals.length ? weekFrames(Math.min(from, reference), to, anchor) : [];
  const ctx: Context = {
    timeline,
    checks,
    engine: buildEngine(checks),
    days: intervals.length ? dayFrames(from, to, anchor) : [],
    weeks,
    referenceWeek: Math.max(0, weeks.findIndex((w) => w.end > reference)),
    asOf: options.asOf ? startOfLocalDate(options.asOf, zone) : undefined,
  };
  const workerWide = checks.filter((c) => WORKER_WIDE.has(c.check.measure));
  const perUndertaking = checks.filter((c) => !WORKER_WIDE.has(c.check.measure));

  const byWorker = new Map<string, WorkInterval[]>(rota.workers.map((w) => [w.id, []]));
  for (const iv of intervals) byWorker.get(iv.workerId)!.push(iv);

  const findings: Finding[] = [];
  for (const [workerId, own] of byWorker) {
    own.sort(byStart);
    findings.push(...(await runPass(ctx, workerId, own, workerWide, [], false, [])));
    const byUndertaking = new Map<string, WorkInterval[]>();
    for (const iv of own) {
      const list = byUndertaking.get(iv.undertaking);
      if (list) list.push(iv);
      else byUndertaking.set(iv.undertaking, [iv]);
    }
    for (const [undertaking, group] of byUndertaking) {
      const agreements = agreementsFor(timeline, workerId, undertaking);
      // What binds today: the arbeidsavtale periods alone. What conversion would add: the whole
      // timeline with every oppdrag treated as employment, marked hypothetical (contract.md).
      const employed = group.filter((iv) => iv.contract === 'arbeidsavtale');
      const real = employed.length > 0 ? await runPass(ctx, workerId, employed, perUndertaking, agreements, false, []) : [];
      findings.push(...real);
      if (employed.length < group.length) {
        const known = new Set(real.map((f) => `${f.ruleId}|${f.window.start}|${f.window.end}`));
        const added = await runPass(ctx, workerId, group, perUndertaking, agreements, true, real);
        findings.push(...added.filter((f) => !known.has(`${f.ruleId}|${f.window.start}|${f.window.end}`)));
      }
    }
  }

  const order = new Map(rota.workers.map((w, i) => [w.id, i]));
  findings.sort(
    (a, b) =>
      order.get(a.workerId)! - order.get(b.workerId)! ||
      Date.parse(a.window.start) - Date.parse(b.window.start) ||
      a.ruleId.localeCompare(b.ruleId) ||
      Date.parse(a.window.end) - Date.parse(b.window.end),
  );

  const rows = ledger(timeline);
  const usedReadings = new Set(checks.map((c) => c.check.reading));
  return {
    version: 1,
    findings,
    conversions: [],
    ledger: rows,
    summary: {
      workers: rota.workers.length,
      assignments: rota.assignments.length,
      periods: rota.periods.length,
      hours: roundHours(rows.reduce((s, r) => s + r.hours, 0)),
      violations: findings.filter((f) => f.severity === 'violation').length,
      warnings: findings.filter((f) => f.severity === 'warning').length,
      info: findings.filter((f) => f.severity === 'info').length,
    },
    readings: Object.entries(book.readings)
      .filter(([reading]) => usedReadings.has(reading as never))
      .map(([reading, r]) => ({ reading: reading as Finding['reading'], decision: r.decision, description: r.description })),
  };
}
