import { describe, expect, it } from 'vitest';
import { WaitingGarbage } from '../src/cli/waitingGarbage.ts';

const MB = 1024 * 1024;

/** A heap that grows as the test says and drops to `live` when collected. */
function heap(live: number) {
  let used = live;
  const collected: number[] = [];
  return {
    grow: (mb: number) => (used += mb * MB),
    gc: () => {
      collected.push(used / MB);
      used = live;
    },
    used: () => used,
    collected,
  };
}

describe('WaitingGarbage: the CLI collects while it waits on the parts', () => {
  it('collects when the first part is back, whatever the heap holds', () => {
    const h = heap(160 * MB);
    const garbage = new WaitingGarbage(h.gc, h.used);
    garbage.collect();
    expect(h.collected).toEqual([160]);
  });

  it('collects again only once the heap has grown by 96 MB since the last collection', () => {
    const h = heap(160 * MB);
    const garbage = new WaitingGarbage(h.gc, h.used);
    garbage.collect();
    h.grow(95.9);
    garbage.collect();
    expect(h.collected).toHaveLength(1);
    h.grow(0.1);
    garbage.collect();
    expect(h.collected).toEqual([160, 256]);
    // Measured from what the last collection left, not from the first.
    h.grow(50);
    garbage.collect();
    expect(h.collected).toHaveLength(2);
  });

  it('does nothing where gc is not exposed (a small file, the tests)', () => {
    expect(typeof (globalThis as { gc?: unknown }).gc).toBe('undefined');
    expect(WaitingGarbage.ifExposed()).toBeUndefined();
  });
});
