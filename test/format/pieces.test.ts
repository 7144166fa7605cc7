// Lines given to a writer in pieces must come out as the one string `lines.join('\n')` would be,
// whatever the lines (empty ones, ones longer than a piece) and however they are pushed.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { linesInPieces, PIECE_CHARS } from '../../src/format/pieces.ts';

const line = fc.oneof(
  { weight: 6, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 1, arbitrary: fc.constant('') },
  { weight: 1, arbitrary: fc.integer({ min: PIECE_CHARS - 2, max: PIECE_CHARS + 2 }).map((n) => 'x'.repeat(n)) },
);

describe('linesInPieces', () => {
  it('writes the lines joined by newlines, in pieces of at least PIECE_CHARS but the last', () => {
    fc.assert(
      fc.property(fc.array(fc.array(line, { maxLength: 4 }), { maxLength: 60 }), (groups) => {
        const pieces: string[] = [];
        const out = linesInPieces((t) => pieces.push(t));
        for (const g of groups) out.push(...g);
        out.end();
        expect(pieces.join('')).toBe(groups.flat().join('\n'));
        for (const p of pieces.slice(0, -1)) expect(p.length).toBeGreaterThanOrEqual(PIECE_CHARS);
        expect(pieces.every((p) => p.length > 0)).toBe(true);
      }),
    );
  });

  it('hands a long text on before the end, a piece at a time', () => {
    const pieces: string[] = [];
    const out = linesInPieces((t) => pieces.push(t));
    const lines = Array.from({ length: 10_000 }, (_, i) => `line ${i} ${'.'.repeat(30)}`);
    for (const l of lines) out.push(l);
    const before = pieces.length;
    out.end();
    expect(before).toBeGreaterThan(3);
    expect(pieces.length).toBe(before + 1);
    expect(pieces.join('')).toBe(lines.join('\n'));
  });

  it('writes nothing for no lines', () => {
    const pieces: string[] = [];
    const out = linesInPieces((t) => pieces.push(t));
    out.end();
    expect(pieces).toEqual([]);
  });
});
