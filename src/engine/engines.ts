// json-rules-engine as the engine uses it: one rule per check deciding on a worker's worst window,
// and the profile rules that select limits. Rules compiled for a zone are kept per rule book.
import { Engine } from 'json-rules-engine';
import {
  compileChecks,
  compileRestMinimum,
  profileParams,
  type CompiledCheck,
  type CompiledRestMinimum,
  type DatedSeries,
} from '../rules/limits.ts';
import type { RuleBook } from '../rules/load.ts';
import { memo } from '../memo.ts';

/** json-rules-engine decides, per worker, whether each rule fires on its worst window. */
export function buildEngine(checks: CompiledCheck[]): Engine {
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
  restMinimum: CompiledRestMinimum | undefined;
  profileParams: Array<{ fact: string; series: DatedSeries }>;
  /** The names (rule or check keys) an engine returned for a fact set; the same facts, the same answer. */
  decided: (key: string, run: () => Promise<string[]>) => Promise<string[]>;
}
const compiledBooks = new WeakMap<RuleBook, Map<string, Compiled>>();
// A key is a few hundred bytes to a kilobyte (a fact per check): a few megabytes at most.
const MAX_DECIDED = 5_000;

export interface CompiledEngines {
  checks: CompiledCheck[];
  /** The daily rest that separates main work periods (one provision states it). */
  restMinimum: CompiledRestMinimum | undefined;
  /** The parameters profile conditions compare with, as facts valued at the date of each pass. */
  profileParams: Array<{ fact: string; series: DatedSeries }>;
  /** The names of the profile rules (limitWhen, appliesWhen) that match the worker's plan. */
  profileMatches: (facts: Record<string, unknown>) => Promise<Set<string>>;
  /** The keys of the checks whose worst window breaks its limit (facts m:key and l:key). */
  breaches: (keys: string[], facts: Record<string, number>) => Promise<Set<string>>;
}

export function compiled(book: RuleBook, zone: string): CompiledEngines {
  let byZone = compiledBooks.get(book);
  if (!byZone) compiledBooks.set(book, (byZone = new Map()));
  let c = byZone.get(zone);
  if (!c)
    byZone.set(
      zone,
      (c = {
        checks: compileChecks(book, zone),
        restMinimum: compileRestMinimum(book, zone),
        profileParams: profileParams(book, zone),
        decided: memo<string, Promise<string[]>>(MAX_DECIDED),
      }),
    );
  const { checks, restMinimum, profileParams: params, decided } = c;
  const engines = new Map<string, Engine>();
  const engineFor = (keys: string[]) => {
    const id = keys.join('|');
    let engine = engines.get(id);
    if (!engine) {
      const wanted = new Set(keys);
      engines.set(id, (engine = buildEngine(checks.filter((x) => wanted.has(x.key)))));
    }
    return engine;
  };
  let profileEngine: Engine | undefined;
  const remember = async (key: string, run: () => Promise<string[]>): Promise<Set<string>> =>
    new Set(await decided(key, run));
  return {
    checks,
    restMinimum,
    profileParams: params,
    profileMatches: (facts) =>
      remember(`p${JSON.stringify(facts)}`, async () => {
        profileEngine ??= buildProfileEngine(checks);
        const { events } = await profileEngine.run({ ...facts });
        return events.map((e) => String(e.params?.name));
      }),
    breaches: (keys, facts) =>
      remember(`b${JSON.stringify(facts)}`, async () => {
        const { events } = await engineFor(keys).run(facts);
        return events.map((e) => String(e.params?.key));
      }),
  };
}
