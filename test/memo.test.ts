import { describe, expect, it } from 'vitest';
import { memo } from '../src/memo.ts';

describe('memo', () => {
  it('computes a key once, keeps undefined results too, and forgets everything when full', () => {
    const calls: string[] = [];
    const remembered = memo<string, number | undefined>(2);
    const get = (k: string) => remembered(k, () => (calls.push(k), k === 'none' ? undefined : k.length));
    expect([get('a'), get('a'), get('none'), get('none')]).toEqual([1, 1, undefined, undefined]);
    expect(calls).toEqual(['a', 'none']);
    get('bb'); // full: emptied, then bb kept
    get('a');
    expect(calls).toEqual(['a', 'none', 'bb', 'a']);
  });
});
