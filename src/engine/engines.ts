// json-rules-engine as the engine uses it: one rule per check deciding on a worker's worst window,
// and the profile rules that select limits. Rules compiled for a zone are kept per rule book.
import { Engine } from 'json-rules-engine';
import { compileChecks, type CompiledCheck } from '../rules/limits.ts';
import type { RuleBook } from '../rules/load.ts';

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
      engine.addRule({ name: lw.name, conditions: lw.conditions as never, event: { type: 'match', params: { name: lw.name } } });
    }
  }
  return engine;
}

/**
 * Rules compiled for a zone are kept per rule book. The engines are not: a json-rules-engine Engine
 * keeps one run status, so two evaluations interleaving on one engine would cut each other short.
 */
const compiledBooks = new WeakMap<RuleBook, Map<string, CompiledCheck[]>>();
export function compiled(book: RuleBook, zone: string) {
  let byZone = compiledBooks.get(book);
  if (!byZone) compiledBooks.set(book, (byZone = new Map()));
  let checks = byZone.get(zone);
  if (!checks) byZone.set(zone, (checks = compileChecks(book, zone)));
  const engines = new Map<string, Engine>();
  const engineFor = (keys: string[]) => {
    const id = keys.join('|');
    let engine = engines.get(id);
    if (!engine) {
      const wanted = new Set(keys);
      engines.set(id, (engine = buildEngine(checks!.filter((c) => wanted.has(c.key)))));
    }
    return engine;
  };
  return { checks, engineFor, profileEngine: buildProfileEngine(checks) };
}

