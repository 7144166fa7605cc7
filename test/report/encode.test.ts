// The findings as bytes (src/report/encode.ts): written finding by finding into pieces of about a
// megabyte, the pieces joined are byte for byte what one JSON.stringify and one encoding give, and
// no text is cut between two pieces (each piece decodes on its own).
import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeFindings, encodeNdjsonFindings, reusePieces, utf8Pieces } from '../../src/report/encode.ts';
import type { Finding, Report } from '../../src/report/schema.ts';

const MB = 1 << 20;
const joined = (pieces: Uint8Array[]) => Buffer.concat(pieces);
const strict = new TextDecoder('utf-8', { fatal: true });

const findings = readdirSync('scenarios')
  .filter((f) => f.endsWith('.expected.json'))
  .flatMap((f) => (JSON.parse(readFileSync(`scenarios/${f}`, 'utf8')) as Report).findings);

describe('utf8Pieces', () => {
  it('joins to the texts encoded at once, and no piece ends inside a text', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'binary', maxLength: 300 }), { maxLength: 200 }), (texts) => {
        const pieces = utf8Pieces(texts);
        expect(joined(pieces).equals(Buffer.from(texts.join(''), 'utf8'))).toBe(true);
        for (const p of pieces) expect(() => strict.decode(p)).not.toThrow();
      }),
      { numRuns: 200 },
    );
  });

  it('cuts at about a megabyte, a text longer than a piece is a piece of its own, and nothing is left empty', () => {
    const line = `${'æ'.repeat(999)}\n`; // 2 000 bytes, 1 000 code units
    const long = 'ø'.repeat(MB); // 2 MB, longer than a piece
    const texts = [...Array.from({ length: 1500 }, () => line), long, line];
    const pieces = utf8Pieces(texts);
    expect(joined(pieces).equals(Buffer.from(texts.join(''), 'utf8'))).toBe(true);
    expect(pieces.every((p) => p.length > 0)).toBe(true);
    expect(pieces.filter((p) => p.length > MB)).toHaveLength(1);
    expect(pieces.length).toBeGreaterThanOrEqual(3);
    expect(utf8Pieces([])).toEqual([]);
  });
});

describe('the findings as the reports write them', () => {
  it('encodeFindings joins to the findings array as JSON.stringify(report, null, 2) has it', () => {
    const text = JSON.stringify({ findings }, null, 2);
    const inner = text.slice('{\n  "findings": [\n'.length, text.length - '\n  ]\n}'.length);
    expect(joined(encodeFindings(findings)).toString('utf8')).toBe(inner);
    expect(encodeFindings([])).toEqual([]);
  });

  it('encodeFindings writes many findings, a few to a string, across pieces and past a piece of its own', () => {
    // Over 1 MB of findings (several pieces, a batch cut at none), and one finding longer than a piece.
    const many = Array.from({ length: 40 }, () => findings).flat();
    const huge = { ...findings[0]!, message: { nb: 'ø'.repeat(MB), en: 'x' } };
    for (const list of [many, [huge], [...findings.slice(0, 3), huge, ...findings.slice(3, 40)]]) {
      const text = JSON.stringify({ findings: list }, null, 2);
      const inner = text.slice('{\n  "findings": [\n'.length, text.length - '\n  ]\n}'.length);
      const pieces = encodeFindings(list);
      expect(joined(pieces).toString('utf8')).toBe(inner);
      for (const p of pieces) expect(() => strict.decode(p)).not.toThrow();
    }
    expect(encodeFindings(findings.slice(0, 1)).length).toBe(1);
  });

  it('encodeNdjsonFindings is one line of JSON per finding', () => {
    const lines = joined(encodeNdjsonFindings(findings)).toString('utf8').split('\n');
    expect(lines.pop()).toBe('');
    expect(lines.map((l) => JSON.parse(l) as Finding)).toEqual(findings);
  });

  it('the scenarios have findings with text beyond ASCII to encode', () => {
    expect(findings.length).toBeGreaterThan(50);
    expect(findings.some((f) => Buffer.byteLength(f.message.nb) > f.message.nb.length)).toBe(true);
  });
});

describe('pieces handed back (reusePieces)', () => {
  it('are written into again, and what is written into them is the new text, byte for byte', () => {
    const many = Array.from({ length: 40 }, () => findings).flat();
    const first = encodeFindings(many);
    const memory = new Set(first.map((p) => p.buffer));
    const firstBytes = joined(first);
    reusePieces(first);
    const other = [...many].reverse();
    const second = encodeFindings(other);
    // The second encoding's pieces are the first's memory (fails when nothing is handed back).
    expect(second.some((p) => memory.has(p.buffer))).toBe(true);
    const text = JSON.stringify({ findings: other }, null, 2);
    expect(joined(second).toString('utf8')).toBe(
      text.slice('{\n  "findings": [\n'.length, text.length - '\n  ]\n}'.length),
    );
    expect(firstBytes.equals(joined(encodeFindings(many)))).toBe(true);
  });

  it('keeps only whole pieces: a text longer than a piece, or a piece cut from another buffer, is not taken', () => {
    const long = utf8Pieces(['ø'.repeat(MB)]);
    reusePieces([...long, new Uint8Array(new ArrayBuffer(MB), 8, 100)]);
    const next = utf8Pieces(['abc']);
    expect(next.some((p) => p.buffer === long[0]!.buffer)).toBe(false);
    expect(Buffer.from(next[0]!).toString()).toBe('abc');
  });
});
