import { describe, expect, it } from 'vitest';
import { memo, memoPer, Slot } from '../src/memo.ts';

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

  it('memoPer keeps one memo per group: the same key in two groups is two results, and each empties on its own', () => {
    const calls: string[] = [];
    const byZone = memoPer<string, number, string>(2);
    const get = (zone: string, k: number) => byZone(zone)(k, () => (calls.push(`${zone}:${k}`), `${zone}:${k}`));
    expect([get('Oslo', 1), get('UTC', 1), get('Oslo', 1)]).toEqual(['Oslo:1', 'UTC:1', 'Oslo:1']);
    expect(byZone('Oslo')).toBe(byZone('Oslo'));
    get('Oslo', 2);
    get('Oslo', 3); // Oslo full: emptied, then 3 kept; UTC keeps 1
    get('UTC', 1);
    get('Oslo', 1);
    expect(calls).toEqual(['Oslo:1', 'UTC:1', 'Oslo:2', 'Oslo:3', 'Oslo:1']);
  });

  it('a Slot keeps a value on the object itself, hidden from copies, keys and JSON', () => {
    const slot = new Slot<{ a: number; b?: number }, string>('test');
    const owner = { a: 1 };
    expect(slot.get(owner)).toBeUndefined();
    slot.set(owner, 'kept');
    expect(slot.get(owner)).toBe('kept');
    // A spread copy is another object, as for a WeakMap: it starts without the value.
    const copy = { ...owner, b: 2 };
    expect(slot.get(copy)).toBeUndefined();
    expect(Object.keys(owner)).toEqual(['a']);
    expect(JSON.stringify(owner)).toBe('{"a":1}');
    slot.set(owner, 'again');
    expect(slot.get(owner)).toBe('again');
    // Two slots on one object do not meet.
    const other = new Slot<{ a: number }, string>('test');
    expect(other.get(owner)).toBeUndefined();
  });
});
