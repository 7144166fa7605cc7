// What each ETag a save may name stands for, kept on the event loop's thread: the body posted
// whole (POST /v1/evaluate), or a save on another ETag (POST /v1/evaluate/changes). A thread that
// does not hold the rota a save is on is sent the chain of recipes back to a body, so whichever
// evaluation thread takes the save can rebuild it (api/rotaStates.ts). Bounded by bytes like the
// caches; an ETag whose chain is gone (evicted, or another instance's) is answered 412, and the
// client posts the whole rota again.
//
// With each recipe, the threads that hold its rota: a save is sent to one of them when it is free
// (api/pool.ts), so a planner's saves stay on the thread that made the rota they are on, and the
// reports a save makes need not be copied to every thread. Another thread takes it only when it
// would rebuild the rota in a few saves (rebuildSteps): one far back in a long chain would apply
// every save since, which costs more than waiting.
import { BytesLru } from '../src/lru.ts';
import type { Recipe } from './rotaStates.ts';

/** The longest chain a thread is sent to replay: a guard, as checkpoints keep every chain at most CHECKPOINT_AFTER + 1 long. */
export const MAX_CHAIN = 256;

/**
 * Saves on saves after which the thread making the next one writes its rota as a document
 * (a checkpoint), which then stands for that ETag as a body posted whole does: a planner's chain
 * starts again there, so it never reaches MAX_CHAIN, and a thread that rebuilds the rota reads one
 * document (and evaluates the workers it has not seen) instead of replaying every save.
 */
export const CHECKPOINT_AFTER = 32;

interface Kept {
  recipe: Recipe;
  /** The threads (worker.threadId) that made or rebuilt the rota; one may have evicted it since. */
  holders: number[];
}

export class RecipeStore extends BytesLru<Kept> {
  /** Keeps the recipe, with the thread that holds its rota (none: no thread holds it yet). */
  keep(recipe: Recipe, holder?: number): void {
    const body = 'body' in recipe ? recipe.body : recipe.save;
    const bytes = (body.text?.length ?? 0) + (body.bytes?.byteLength ?? 0) + recipe.etag.length + 64;
    super.set(recipe.etag, { recipe, holders: holder === undefined ? [] : [holder] }, bytes);
  }

  /**
   * How many recipes a thread would apply to rebuild the rota under `etag`: 0 when it holds it, the
   * saves after the last rota of the chain it holds, or the whole chain, its body included, when it
   * holds none. Infinity when the chain is not kept whole.
   */
  rebuildSteps(etag: string, thread: number): number {
    let steps = 0;
    for (let at: string | undefined = etag; at !== undefined; steps++) {
      const kept = this.peek(at);
      if (!kept) return Number.POSITIVE_INFINITY;
      if (kept.holders.includes(thread)) return steps;
      at = 'base' in kept.recipe ? kept.recipe.base : undefined;
    }
    return steps;
  }

  /** A thread answered a save on the rota under `etag`: it holds it now (it had it, or rebuilt it). */
  heldBy(etag: string, thread: number | undefined): void {
    const holders = this.peek(etag)?.holders;
    if (holders && thread !== undefined && !holders.includes(thread)) holders.push(thread);
  }

  /** The recipes from a body posted whole to `etag`, in order; undefined when one is not kept or the chain is too long. */
  chain(etag: string): Recipe[] | undefined {
    const chain: Recipe[] = [];
    let at: string | undefined = etag;
    while (at !== undefined) {
      const recipe: Recipe | undefined = this.get(at)?.recipe;
      if (!recipe || chain.length >= MAX_CHAIN) return undefined;
      chain.push(recipe);
      at = 'base' in recipe ? recipe.base : undefined;
    }
    return chain.reverse();
  }
}
