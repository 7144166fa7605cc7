// The passes over one worker's periods. A pass is the pipeline for one set of periods under one set
// of checks: facts → applicability → judgement → findings. A worker gets one pass for the checks
// that see all their work (WORKER_WIDE: overlapping periods, so only when some of theirs overlap),
// then one per undertaking and regime: what binds today (the arbeidsavtale periods alone) and, when
// the worker has oppdrag, what conversion would add (every period treated as employment, marked
// hypothetical; docs/contract.md).
//
// Performance: a worker's findings are sorted with each window's instants parsed once per finding,
// not in every comparison; large lists are appended one by one, as a spread of a very large array
// overflows the call stack.
import type { Profile } from '../facts/profile.ts';
import { anyOverlap } from '../facts/overlap.ts';
import { byStart } from '../facts/workBlocks.ts';
import type { Finding, Report } from '../report/schema.ts';
import type { CompiledCheck } from '../rules/limits.ts';
import type { AgreementInForce, Timeline, WorkInterval } from '../timeline/build.ts';
import { applicability } from './applicability.ts';
import type { Context } from './context.ts';
import { toFinding } from './findings.ts';
import { stopAtEnough } from './enough.ts';
import { judgeAll } from './judgement.ts';
import { Pass, type PassSubject } from './pass.ts';
import { passPlan } from './passPlan.ts';
import { rawFindings } from './rawFindings.ts';
import { passKey } from './reuse.ts';
import { instantOfText } from '../time/instant.ts';

interface PassResult {
  findings: Finding[];
  profile?: Profile;
}

/** The rule book's checks, split by what they see of a worker. */
export interface CheckSets {
  /** Checks over all of a worker's work, whatever the undertaking or regime. */
  workerWide: CompiledCheck[];
  perUndertaking: CompiledCheck[];
  /** perUndertaking's checks of each regime, filtered once an evaluation: every pass of the regime gets the same list. */
  ofRegime?: Map<WorkInterval['regime'], CompiledCheck[]>;
}

function checksOfRegime(checks: CheckSets, regime: WorkInterval['regime']): CompiledCheck[] {
  checks.ofRegime ??= new Map();
  let list = checks.ofRegime.get(regime);
  if (!list)
    checks.ofRegime.set(regime, (list = checks.perUndertaking.filter((c) => c.check.regimes.includes(regime))));
  return list;
}

async function runPass(
  ctx: Context,
  subject: PassSubject,
  intervals: WorkInterval[],
  key?: string,
): Promise<PassResult> {
  const plan = passPlan(ctx, intervals, subject.agreements, key);
  if (!plan) return { findings: [] };
  // Facts shared with an earlier run of the part (reuse.ts) were judged applicable there already.
  const { applies: byCalendar } = plan.measured;
  let applies = byCalendar.get(plan.calendar);
  if (!applies) byCalendar.set(plan.calendar, (applies = await applicability(ctx, subject.checks, plan)));
  const pass = new Pass(ctx, subject, plan, applies);
  const raw = rawFindings(
    pass,
    judgeAll(pass, applies.applicable, ctx.enough ? stopAtEnough(pass, ctx.enough) : undefined),
  );
  return { findings: raw.map((f) => toFinding(f, pass)), profile: applies.profile };
}

function agreementsFor(timeline: Timeline, workerId: string, undertaking: string): AgreementInForce[] {
  return timeline.agreements.filter(
    (a) =>
      (a.workerId === undefined || a.workerId === workerId) && (a.employer === undefined || a.employer === undertaking),
  );
}

/** One group per undertaking and regime: medlever assignments are judged by their own regulation. */
function groupsOf(own: WorkInterval[]): WorkInterval[][] {
  // Most workers work for one undertaking under one regime: no key is written for each period.
  const first = own[0];
  if (!first) return [];
  if (own.every((iv) => iv.regime === first.regime && iv.undertaking === first.undertaking)) return [own];
  const groups = new Map<string, WorkInterval[]>();
  for (const iv of own) {
    const key = `${iv.regime}\u0000${iv.undertaking}`;
    const list = groups.get(key);
    if (list) list.push(iv);
    else groups.set(key, [iv]);
  }
  return [...groups.values()];
}

function roundProfile(p: Profile): Profile {
  // Keys in the profile's own order, as Object.entries would give them.
  const out: Record<string, unknown> = {};
  for (const k in p) {
    const v = p[k as keyof Profile];
    out[k] = typeof v === 'number' ? Math.round(v * 10_000) / 10_000 : v;
  }
  return out as unknown as Profile;
}

/** A group's findings: what binds today, then what conversion would add that today's do not already say. */
async function groupPasses(ctx: Context, subject: PassSubject, group: WorkInterval[], out: Finding[]) {
  const { undertaking, regime } = group[0]!;
  const keyOf = (hypothetical: boolean) =>
    ctx.reuse ? passKey(subject.workerId, undertaking, regime, hypothetical) : undefined;
  const employed = group.filter((iv) => iv.contract === 'arbeidsavtale');
  const real = employed.length > 0 ? await runPass(ctx, subject, employed, keyOf(false)) : { findings: [] };
  for (const f of real.findings) out.push(f);
  if (employed.length === group.length) return { profile: real.profile, hypothetical: false };
  const key = (f: Finding) => `${f.ruleId}|${f.window.start}|${f.window.end}`;
  const known = new Set(real.findings.map(key));
  const added = await runPass(ctx, { ...subject, hypothetical: true, earlier: real.findings }, group, keyOf(true));
  for (const f of added.findings) if (!known.has(key(f))) out.push(f);
  return { profile: added.profile, hypothetical: true };
}

/**
 * The findings of the checks over all of a worker's work, which take no agreement: once a part
 * (reuse.ts). Their measures find overlapping periods (WORKER_WIDE): a worker whose periods (sorted)
 * never overlap has no window of them, and the pass is not formed.
 */
async function workerWideFindings(ctx: Context, subject: PassSubject, own: WorkInterval[]): Promise<Finding[]> {
  const known = ctx.reuse?.workerWide.get(subject.workerId);
  if (known) return known;
  const { findings } = anyOverlap(own) ? await runPass(ctx, subject, own) : { findings: [] };
  ctx.reuse?.workerWide.set(subject.workerId, findings);
  return findings;
}

/**
 * Sorted by window, rule and window end. The windows' instants are read once per text (findings
 * side by side share their frames: instantOfText), and the rules are ranked once in localeCompare's
 * order (rules it holds equal share a rank), so the comparisons read numbers only.
 */
function sortFindings(findings: Finding[]): Finding[] {
  const rules = [...new Set(findings.map((f) => f.ruleId))].sort((a, b) => a.localeCompare(b));
  const rank = new Map<string, number>();
  for (let i = 0; i < rules.length; i++)
    rank.set(rules[i]!, i > 0 && rules[i - 1]!.localeCompare(rules[i]!) === 0 ? rank.get(rules[i - 1]!)! : i);
  const keyed = findings.map((f) => ({
    f,
    start: instantOfText(f.window.start),
    rule: rank.get(f.ruleId)!,
    end: instantOfText(f.window.end),
  }));
  keyed.sort((a, b) => a.start - b.start || a.rule - b.rule || a.end - b.end);
  return keyed.map(({ f }) => f);
}

/** One worker's findings, sorted, and a profile per undertaking and regime. `own` is their periods, sorted here. */
export async function evaluateWorker(
  ctx: Context,
  workerId: string,
  own: WorkInterval[],
  checks: CheckSets,
): Promise<{ findings: Finding[]; profiles: Report['profiles'] }> {
  own.sort(byStart);
  const profiles: Report['profiles'] = [];
  const subject: Omit<PassSubject, 'checks'> = { workerId, agreements: [], hypothetical: false, earlier: [] };
  const findings: Finding[] = [];
  for (const f of await workerWideFindings(ctx, { ...subject, checks: checks.workerWide }, own)) findings.push(f);
  for (const group of groupsOf(own)) {
    const { undertaking, regime } = group[0]!;
    const agreements = agreementsFor(ctx.timeline, workerId, undertaking);
    const groupChecks = checksOfRegime(checks, regime);
    const { profile, hypothetical } = await groupPasses(
      ctx,
      { ...subject, checks: groupChecks, agreements },
      group,
      findings,
    );
    if (profile)
      profiles.push({
        workerId,
        ...(undertaking ? { employer: undertaking } : {}),
        regime,
        hypothetical,
        ...roundProfile(profile),
      });
  }
  return { findings: sortFindings(findings), profiles };
}
