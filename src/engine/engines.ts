// json-rules-engine as the engine uses it: the rule files' conditions over a worker's plan (limitWhen,
// appliesWhen: night worker, Sunday share, cyclic plan), which decide which checks apply and which
// limit binds (applicability.ts). Whether a window breaks its limit is one comparison
// (BREACH in rules/limits.ts), not a second decision. Rules compiled for a zone are kept per rule book.
import { Engine } from 'json-rules-engine';
import {
  compileChecks,
  compileRestMinimum,
  compileSeries,
  profileParams,
  type CompiledCheck,
  type CompiledRestMinimum,
  type DatedSeries,
} from '../rules/limits.ts';
import { parameterOf, type RuleBook } from '../rules/load.ts';
import { memo } from '../memo.ts';

export function buildProfileEngine(checks: CompiledCheck[]): Engine {
  const engine = new Engine([], { allowUndefinedFacts: true });
  for (const c of checks) {
    for (const lw of [...c.limitWhen, ...(c.appliesWhen ? [c.appliesWhen] : [])]) {
      engine.addRule({
        name: lw.name,
        conditions: lw.conditions as never,
        event: { type: 'match', params: { name: lw.name } },
      });
    }
  }
  return engine;
}

/**
 * Rules compiled for a zone are kept per rule book. The engines are not: a json-rules-engine Engine
 * keeps one run status, so two evaluations interleaving on one engine would cut each other short.
 * What an engine decided is kept, though: its verdict is a function of the facts alone, and the
 * conversion assessment asks the same questions about the same worker many times over.
 */
interface Compiled {
  checks: CompiledCheck[];
  primaryById: Map<string, CompiledCheck>;
  standbyFactor: DatedSeries | undefined;
  restMinimum: CompiledRestMinimum | undefined;
  profileParams: Array<{ fact: string; series: DatedSeries }>;
  /** The names (rule or check keys) an engine returned for a fact set; the same facts, the same answer. */
  decided: (key: string, run: () => Promise<Set<string>>) => Promise<Set<string>>;
  /** The facts the conditions name (profile facts and parameters), in a fixed order: all an engine reads. */
  named?: string[];
}

/** Every fact a condition names, itself or as the value it compares with (a parameter). */
function namedFacts(checks: CompiledCheck[]): string[] {
  const named = new Set<string>();
  type Node = { fact?: string; value?: unknown; any?: Node[]; all?: Node[] };
  const visit = (node: Node) => {
    if (node.fact !== undefined) named.add(node.fact);
    const value = node.value as { fact?: unknown } | undefined;
    if (typeof value === 'object' && value !== null && typeof value.fact === 'string') named.add(value.fact);
    for (const child of [...(node.any ?? []), ...(node.all ?? [])]) visit(child);
  };
  for (const c of checks)
    for (const lw of [...c.limitWhen, ...(c.appliesWhen ? [c.appliesWhen] : [])]) visit(lw.conditions as Node);
  return [...named].sort();
}
const compiledBooks = new WeakMap<RuleBook, Map<string, Compiled>>();
// A key is a few hundred bytes to a kilobyte (a fact per check): a few megabytes at most.
const MAX_DECIDED = 5_000;

export interface CompiledEngines {
  checks: CompiledCheck[];
  /** Each rule's primary check (the first, where a rule has more than one), by rule id. */
  primaryById: Map<string, CompiledCheck>;
  /** The share of stand-by at home that counts as normal hours, dated (§ 10-4 (3)). */
  standbyFactor: DatedSeries | undefined;
  /** The daily rest that separates main work periods (one provision states it). */
  restMinimum: CompiledRestMinimum | undefined;
  /** The parameters profile conditions compare with, as facts valued at the date of each pass. */
  profileParams: Array<{ fact: string; series: DatedSeries }>;
  /** The names of the profile rules (limitWhen, appliesWhen) that match the worker's plan (shared: read, never changed). */
  profileMatches: (facts: Record<string, unknown>) => Promise<ReadonlySet<string>>;
}

export function compiled(book: RuleBook, zone: string): CompiledEngines {
  let byZone = compiledBooks.get(book);
  if (!byZone) compiledBooks.set(book, (byZone = new Map()));
  let c = byZone.get(zone);
  if (!c) {
    const checks = compileChecks(book, zone);
    const standby = parameterOf(book, 'standbyFactor');
    byZone.set(
      zone,
      (c = {
        checks,
        primaryById: new Map(
          [...checks]
            .reverse()
            .filter((x) => !x.check.supplementary)
            .map((x) => [x.check.id, x]),
        ),
        standbyFactor: standby ? compileSeries(standby, zone) : undefined,
        restMinimum: compileRestMinimum(book, zone),
        profileParams: profileParams(book, zone),
        decided: memo<string, Promise<Set<string>>>(MAX_DECIDED),
      }),
    );
  }
  const named = (c.named ??= namedFacts(c.checks));
  const { checks, primaryById, standbyFactor, restMinimum, profileParams: params, decided } = c;
  let profileEngine: Engine | undefined;
  return {
    checks,
    primaryById,
    standbyFactor,
    restMinimum,
    profileParams: params,
    // Keyed by the named facts alone: an engine reads no other, so plans alike in those share an answer.
    profileMatches: (facts) =>
      decided(`p${JSON.stringify(named.map((f) => facts[f]))}`, async () => {
        profileEngine ??= buildProfileEngine(checks);
        const { events } = await profileEngine.run({ ...facts });
        return new Set(events.map((e) => String(e.params?.name)));
      }),
  };
}
