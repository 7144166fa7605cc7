// What each ETag stands for (api/recipes.ts): the chain of recipes back to a body posted whole, and
// the threads that hold its rota, to which a save on it is sent first.
import { describe, expect, it } from 'vitest';
import { MAX_CHAIN, RecipeStore } from '../../api/recipes.ts';

const body = (text: string) => ({ format: 'json' as const, text });

describe('the recipes of held rotas', () => {
  it('chains a save back to the body posted whole, in order', () => {
    const store = new RecipeStore(1 << 20);
    store.keep({ etag: 'e0', body: body('{}') });
    store.keep({ etag: 'e1', base: 'e0', save: body('{"a":1}') }, 3);
    store.keep({ etag: 'e2', base: 'e1', save: body('{"a":2}') }, 3);
    expect(store.chain('e2')!.map((r) => r.etag)).toEqual(['e0', 'e1', 'e2']);
    expect(store.chain('e9')).toBeUndefined();
  });

  it('knows no holder of a body posted whole, the thread that made a save, and each thread that answers a save on it', () => {
    const store = new RecipeStore(1 << 20);
    store.keep({ etag: 'e0', body: body('{}') });
    /** The threads of 3, 4 and 5 that hold the rota under `etag` (rebuild it in no step). */
    const holders = (etag: string) => [3, 4, 5].filter((t) => store.rebuildSteps(etag, t) === 0);
    expect(holders('e0')).toEqual([]);
    store.keep({ etag: 'e1', base: 'e0', save: body('{"a":1}') }, 3);
    store.heldBy('e0', 3);
    expect(holders('e1')).toEqual([3]);
    expect(holders('e0')).toEqual([3]);
    store.heldBy('e0', 4);
    store.heldBy('e0', 3);
    store.heldBy('e0', undefined);
    expect(holders('e0')).toEqual([3, 4]);
    // Nothing is known of an ETag not kept (evicted, or another instance's).
    store.heldBy('e9', 3);
    expect(holders('e9')).toEqual([]);
  });

  it('counts the recipes a thread would apply to rebuild a rota: none where it holds it, else back to the last it holds or the body', () => {
    const store = new RecipeStore(1 << 20);
    store.keep({ etag: 'e0', body: body('{}') });
    for (let i = 1; i <= 6; i++) store.keep({ etag: `e${i}`, base: `e${i - 1}`, save: body('{}') }, i <= 2 ? 3 : 4);
    store.heldBy('e1', 3);
    expect(store.rebuildSteps('e6', 4)).toBe(0);
    expect(store.rebuildSteps('e6', 3)).toBe(4); // e3 to e6 on top of e2
    expect(store.rebuildSteps('e6', 9)).toBe(7); // the body and six saves
    expect(store.rebuildSteps('e9', 3)).toBe(Number.POSITIVE_INFINITY);
    // Counting neither uses nor refreshes an entry's place.
    expect([store.hits, store.misses]).toEqual([0, 0]);
  });

  it('gives no chain longer than MAX_CHAIN, nor one with a link evicted', () => {
    const store = new RecipeStore(1 << 20);
    store.keep({ etag: 's0', body: body('{}') });
    for (let i = 1; i <= MAX_CHAIN; i++) store.keep({ etag: `s${i}`, base: `s${i - 1}`, save: body('{}') }, 1);
    expect(store.chain(`s${MAX_CHAIN - 1}`)).toHaveLength(MAX_CHAIN);
    expect(store.chain(`s${MAX_CHAIN}`)).toBeUndefined();
    const small = new RecipeStore(200);
    small.keep({ etag: 'a', body: body('x'.repeat(100)) });
    small.keep({ etag: 'b', base: 'a', save: body('y'.repeat(100)) });
    expect(small.chain('b')).toBeUndefined();
  });
});
