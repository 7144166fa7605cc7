// Incidents: the findings grouped by root cause, so a person reads what happened once, not one line
// per rule. Deterministic, from the findings and the worker's work alone:
//   1. The worker's episodes: their work joined where less than the daily rest separates it (the
//      main work periods of docs/legal/07-work-period.md, read at the statute's minimum).
//   2. A finding belongs to the episode that holds at least half of the worker's hours inside its
//      window (a stay's day, rest, § 6 and week findings all belong to the stay). Else, when its
//      window is at most a week (a week frame with several shifts), to an incident of its own window;
//      else to the worker's plan-wide incident. Averages and sums over multi-week blocks speak of a
//      pattern, not of one stay: they go by their window too (a week or less), or to the plan.
//   3. Incidents that repeat (the same rules, on the same weekday and wall-clock times, or the same
//      rules over frames of the same length) are one incident with its occurrences: "every third
//      weekend" is one incident, not one per weekend.
// Every finding is in exactly one incident (test/report/incidents.test.ts).
import { formatInstant, hoursText, instantOfText } from '../time/instant.ts';
import { firstEndingAfter } from '../time/sorted.ts';
import { daysBetween, wallClock, wallText } from '../time/wallClock.ts';
import type { Finding, Incident } from './schema.ts';

interface Span {
  start: number;
  end: number;
}

const WEEK_MS = 7 * 86_400_000 + 3_600_000; // a week frame, DST included
const SEVERITY_RANK: Record<Finding['severity'], number> = { violation: 0, warning: 1, info: 2 };
const worst = (fs: Finding[]) =>
  fs.reduce<Finding['severity']>((w, f) => (SEVERITY_RANK[f.severity] < SEVERITY_RANK[w] ? f.severity : w), 'info');

/** Work joined where less than `restMs` separates it (sorted spans in, sorted episodes out). */
export function episodesOf(work: Span[], restMs: number): Span[] {
  const sorted = [...work].sort((a, b) => a.start - b.start);
  const out: Span[] = [];
  for (const w of sorted) {
    const last = out[out.length - 1];
    if (last && w.start - last.end < restMs) last.end = Math.max(last.end, w.end);
    else out.push({ start: w.start, end: w.end });
  }
  return out;
}

function overlapMs(a: Span, b: Span): number {
  return Math.max(0, Math.min(a.end, b.end) - Math.max(a.start, b.start));
}

interface Group {
  kind: 'episode' | 'frame' | 'plan';
  span: Span;
  findings: number[];
}

export interface IncidentInput {
  workerId: string;
  /** The worker's work (every period, all undertakings). */
  work: Span[];
  /** The report's findings with their indexes, this worker's only. */
  findings: Array<{ f: Finding; index: number }>;
  restMs: number;
  zone: string;
}

/** Groups one worker's findings into incidents (before patterns are merged). */
function groupsOf({ work, findings, restMs }: IncidentInput): Group[] {
  const episodes = episodesOf(work, restMs);
  const byEpisode = new Map<number, Group>();
  const byFrame = new Map<string, Group>();
  let plan: Group | undefined;
  for (const { f, index } of findings) {
    const w = { start: instantOfText(f.window.start), end: instantOfText(f.window.end) };
    let inside = 0;
    let best = -1;
    let bestMs = 0;
    // Episodes ending before the window starts touch nothing (instants are whole milliseconds).
    for (let e = firstEndingAfter(episodes, w.start - 1); e < episodes.length; e++) {
      if (episodes[e]!.start >= Math.max(w.end, w.start + 1)) break;
      const ms =
        overlapMs(w, episodes[e]!) ||
        (w.end === w.start && w.start >= episodes[e]!.start && w.start <= episodes[e]!.end ? 1 : 0);
      inside += ms;
      if (ms > bestMs) (best = e), (bestMs = ms);
    }
    const overBlocks =
      f.reading === 'fixed-block-average' || f.reading === 'fixed-block-sum' || f.reading === 'whole-plan';
    if (!overBlocks && best >= 0 && bestMs * 2 >= inside) {
      let g = byEpisode.get(best);
      if (!g) byEpisode.set(best, (g = { kind: 'episode', span: episodes[best]!, findings: [] }));
      g.findings.push(index);
    } else if (w.end - w.start <= WEEK_MS) {
      const key = `${w.start}|${w.end}`;
      let g = byFrame.get(key);
      if (!g) byFrame.set(key, (g = { kind: 'frame', span: w, findings: [] }));
      g.findings.push(index);
    } else {
      plan ??= { kind: 'plan', span: { ...w }, findings: [] };
      plan.span.start = Math.min(plan.span.start, w.start);
      plan.span.end = Math.max(plan.span.end, w.end);
      plan.findings.push(index);
    }
  }
  return [...byEpisode.values(), ...byFrame.values(), ...(plan ? [plan] : [])].sort(
    (a, b) => Math.min(...a.findings) - Math.min(...b.findings),
  );
}

/** What makes two groups the same pattern: their rules and, on the wall clock, when they happen. */
function signature(g: Group, all: Finding[], zone: string): string {
  // Each rule and severity written once, not once per finding (a repeating incident holds hundreds).
  const severities = new Map<string, Set<string>>();
  const pairs: string[] = [];
  for (const i of g.findings) {
    const { ruleId, severity } = all[i]!;
    let seen = severities.get(ruleId);
    if (!seen) severities.set(ruleId, (seen = new Set()));
    if (seen.has(severity)) continue;
    seen.add(severity);
    pairs.push(`${ruleId}:${severity}`);
  }
  const rules = pairs.sort().join(',');
  if (g.kind === 'plan') return `plan|${rules}|${g.findings.join(',')}`;
  if (g.kind === 'frame') return `frame|${rules}|${Math.round((g.span.end - g.span.start) / 86_400_000)}`;
  const { start, end } = g.span;
  return `episode|${rules}|${wallText(start, zone, 'c HH:mm')}|${wallText(end, zone, 'c HH:mm')}|${Math.round(daysBetween(start, end, zone))}`;
}

const NB_DAYS = ['man.', 'tir.', 'ons.', 'tor.', 'fre.', 'lør.', 'søn.'];
const EN_DAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const at = (ms: number, zone: string, lang: 'nb' | 'en') =>
  `${(lang === 'nb' ? NB_DAYS : EN_DAYS)[wallClock(ms, zone).weekday - 1]} ${wallText(ms, zone, 'dd.MM HH:mm')}`;

/** The incident's title: when it happened, and how many rules it breaks (`rules`) at its worst (`severity`). */
function titleOf(
  g: Group,
  occurrences: Span[],
  rules: number,
  severity: Finding['severity'],
  work: Span[],
  zone: string,
): { nb: string; en: string } {
  const what = {
    nb:
      severity === 'violation'
        ? `bryter ${rules} ${rules === 1 ? 'regel' : 'regler'}`
        : severity === 'warning'
          ? `${rules} ${rules === 1 ? 'advarsel' : 'advarsler'}`
          : `${rules} ${rules === 1 ? 'merknad' : 'merknader'}`,
    en:
      severity === 'violation'
        ? `breaks ${rules} ${rules === 1 ? 'rule' : 'rules'}`
        : severity === 'warning'
          ? `${rules} ${rules === 1 ? 'warning' : 'warnings'}`
          : `${rules} ${rules === 1 ? 'note' : 'notes'}`,
  };
  const s = occurrences[0]!;
  let head: { nb: string; en: string };
  if (g.kind === 'episode') {
    const worked = work.reduce((sum, w) => sum + overlapMs(w, s), 0) / 3_600_000;
    head = {
      nb: `${at(s.start, zone, 'nb')} – ${at(s.end, zone, 'nb')}: ${hoursText(worked, 'nb', 1)} timer arbeid i strekk`,
      en: `${at(s.start, zone, 'en')} – ${at(s.end, zone, 'en')}: ${hoursText(worked, 'en', 1)} hours of work in one stretch`,
    };
  } else if (g.kind === 'frame') {
    const week = s.end - s.start > 6 * 86_400_000;
    const number = wallClock(s.start, zone).weekNumber;
    head = week
      ? {
          nb: `Uke ${number} (fra ${wallText(s.start, zone, 'dd.MM.yyyy')})`,
          en: `Week ${number} (from ${wallText(s.start, zone, 'dd.MM.yyyy')})`,
        }
      : {
          nb: `${at(s.start, zone, 'nb')} – ${at(s.end, zone, 'nb')}`,
          en: `${at(s.start, zone, 'en')} – ${at(s.end, zone, 'en')}`,
        };
  } else {
    head = { nb: 'Turnusen som helhet', en: 'The plan as a whole' };
  }
  const again =
    occurrences.length > 1
      ? {
          nb: ` (gjentas ${occurrences.length} ganger: ${occurrences.map((o) => wallText(o.start, zone, 'dd.MM')).join(', ')})`,
          en: ` (repeats ${occurrences.length} times: ${occurrences.map((o) => wallText(o.start, zone, 'dd.MM')).join(', ')})`,
        }
      : { nb: '', en: '' };
  return { nb: `${head.nb} — ${what.nb}${again.nb}`, en: `${head.en} — ${what.en}${again.en}` };
}

/** An incident of findings that, in the report, follow `offset` findings before them. */
export function shiftedIncident(i: Incident, offset: number): Incident {
  return offset === 0 ? i : { ...i, findingIndexes: i.findingIndexes.map((x) => x + offset) };
}

/** One worker's incidents, numbered from 1 in the order of their first finding. */
export function incidentsOf(input: IncidentInput, all: Finding[]): Incident[] {
  const groups = groupsOf(input);
  const patterns = new Map<string, Group[]>();
  for (const g of groups) {
    const key = signature(g, all, input.zone);
    const list = patterns.get(key);
    if (list) list.push(g);
    else patterns.set(key, [g]);
  }
  const fmt = (ms: number) => formatInstant(ms, input.zone);
  const out: Incident[] = [];
  for (const same of patterns.values()) {
    const findingIndexes: number[] = [];
    for (const g of same) for (const i of g.findings) findingIndexes.push(i);
    findingIndexes.sort((a, b) => a - b);
    const findings = findingIndexes.map((i) => all[i]!);
    // Loops into sets, not flatMap and spreads: a repeating incident of a year holds hundreds of
    // findings, and the assignments' list was half of the incidents' time.
    const assignmentIds = new Set<string>();
    const ruleIds = new Set<string>();
    let last: string | undefined;
    for (const f of findings) {
      ruleIds.add(f.ruleId);
      // Most of an incident's findings are of one assignment: the same id again is not looked up.
      for (const id of f.assignmentIds) if (id !== last) assignmentIds.add((last = id));
    }
    const occurrences = same.map((g) => g.span);
    const severity = worst(findings);
    out.push({
      id: `${input.workerId}#${out.length + 1}`,
      workerId: input.workerId,
      window: {
        start: fmt(Math.min(...occurrences.map((o) => o.start))),
        end: fmt(Math.max(...occurrences.map((o) => o.end))),
      },
      assignmentIds: [...assignmentIds].sort(),
      severity,
      ruleIds: [...ruleIds].sort(),
      findingIndexes,
      title: titleOf(same[0]!, occurrences, ruleIds.size, severity, input.work, input.zone),
      ...(occurrences.length > 1
        ? { occurrences: occurrences.map((o) => ({ start: fmt(o.start), end: fmt(o.end) })) }
        : {}),
    });
  }
  return out;
}
