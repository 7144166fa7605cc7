// The binary searches over spans (src/time/sorted.ts) against a scan of every span.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OverlapIndex, firstEndingAfter } from '../../src/time/sorted.ts';

const span = fc
  .tuple(fc.integer({ min: -50, max: 50 }), fc.integer({ min: 0, max: 30 }))
  .map(([start, length]) => ({ start, end: start + length }));
const overlapsScan = (s: { start: number; end: number }, from: number, to: number) => s.start < to && from < s.end;

describe('OverlapIndex', () => {
  it('finds exactly the spans a scan finds, overlapping and nested spans and empty ones included (fast-check)', () => {
    fc.assert(
      fc.property(fc.array(span, { maxLength: 60 }), span, (spans, q) => {
        const index = new OverlapIndex(spans);
        const found = index.overlapping(q.start, q.end);
        const scanned = spans.filter((s) => overlapsScan(s, q.start, q.end));
        expect(new Set(found)).toEqual(new Set(scanned));
        expect(found).toHaveLength(scanned.length);
        expect(index.overlaps(q.start, q.end)).toBe(scanned.length > 0);
      }),
      { numRuns: 2000, seed: 20261202 },
    );
  });

  it('at the boundary: a span ending where the query starts, or starting where it ends, does not overlap', () => {
    const index = new OverlapIndex([
      { start: 0, end: 10 },
      { start: 20, end: 30 },
      { start: 5, end: 100 },
    ]);
    expect(index.overlapping(10, 20).map((s) => s.start)).toEqual([5]);
    expect(index.overlapping(100, 120)).toEqual([]);
    expect(index.overlaps(9, 10)).toBe(true);
    expect(new OverlapIndex([{ start: 0, end: 10 }]).overlaps(10, 20)).toBe(false);
  });
});

describe('firstEndingAfter', () => {
  it('is the first of consecutive spans that ends after the instant (fast-check)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 10 }), { maxLength: 40 }),
        fc.integer({ min: -5, max: 300 }),
        (lengths, at) => {
          let t = 0;
          const spans = lengths.map((n) => ({ start: t, end: (t += n) }));
          const expected = spans.findIndex((s) => s.end > at);
          expect(firstEndingAfter(spans, at)).toBe(expected === -1 ? spans.length : expected);
        },
      ),
      { numRuns: 500, seed: 20261202 },
    );
  });
});
