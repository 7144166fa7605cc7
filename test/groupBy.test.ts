import { describe, expect, it } from 'vitest';
import { groupBy } from '../src/groupBy.ts';

describe('groupBy', () => {
  it('keeps the items’ order in each group and the groups in the order their keys first appear', () => {
    const items = [
      { w: 'b', n: 1 },
      { w: 'a', n: 2 },
      { w: 'b', n: 3 },
      { w: 'c', n: 4 },
      { w: 'a', n: 5 },
    ];
    const groups = groupBy(items, (i) => i.w);
    expect([...groups.keys()]).toEqual(['b', 'a', 'c']);
    expect([...groups.values()].map((g) => g.map((i) => i.n))).toEqual([[1, 3], [2, 5], [4]]);
    // The same as filtering the whole list once per key, as the formatters did.
    for (const [k, g] of groups) expect(g).toEqual(items.filter((i) => i.w === k));
    expect(groupBy([], (i) => i).size).toBe(0);
  });
});
