// What each ETag a save may name stands for, kept on the event loop's thread: the body posted
// whole (POST /v1/evaluate), or a save on another ETag (POST /v1/evaluate/changes). A thread that
// does not hold the rota a save is on is sent the chain of recipes back to a body, so whichever
// evaluation thread takes the save can rebuild it (api/rotaStates.ts). Bounded by bytes like the
// caches; an ETag whose chain is gone (evicted, another instance's, or too long) is answered 412,
// and the client posts the whole rota again.
import { BytesLru } from '../src/lru.ts';
import type { Recipe } from './rotaStates.ts';

/** Saves on saves before the rota must be posted whole again: a thread rebuilding it applies each. */
export const MAX_CHAIN = 256;

export class RecipeStore extends BytesLru<Recipe> {
  keep(recipe: Recipe): void {
    const body = 'body' in recipe ? recipe.body : recipe.save;
    const bytes = (body.text?.length ?? 0) + (body.bytes?.byteLength ?? 0) + recipe.etag.length + 64;
    super.set(recipe.etag, recipe, bytes);
  }

  /** The recipes from a body posted whole to `etag`, in order; undefined when one is not kept or the chain is too long. */
  chain(etag: string): Recipe[] | undefined {
    const chain: Recipe[] = [];
    let at: string | undefined = etag;
    while (at !== undefined) {
      const recipe = this.get(at);
      if (!recipe || chain.length >= MAX_CHAIN) return undefined;
      chain.push(recipe);
      at = 'base' in recipe ? recipe.base : undefined;
    }
    return chain.reverse();
  }
}
