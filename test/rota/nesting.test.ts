// The nesting check skips quoted strings with indexOf: it must find the depth the plain scan of
// every character finds (the reference below, the check as it was), on any text.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nestingDepth } from '../../src/rota/load.ts';

function referenceDepth(text: string, limit = 64): number {
  let depth = 0;
  let max = 0;
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '\\') i++;
      else if (c === '"') quoted = false;
    } else if (c === '"') quoted = true;
    else if (c === '[' || c === '{') {
      if (++depth > max) max = depth;
      if (max > limit) return max;
    } else if (c === ']' || c === '}') depth--;
  }
  return max;
}

describe('nestingDepth', () => {
  it('counts brackets outside strings only, escapes included', () => {
    expect(nestingDepth('[{"a":"]]]["}]')).toBe(2);
    expect(nestingDepth('["\\"[[["]')).toBe(1);
    expect(nestingDepth('["\\\\", [[]]]')).toBe(3);
    expect(nestingDepth('["\\\\\\"[", []]')).toBe(2);
    expect(nestingDepth('["unterminated [[[')).toBe(1);
    expect(nestingDepth('')).toBe(0);
  });

  it('stops one past the limit, as the parsers would overflow past it', () => {
    expect(nestingDepth(`${'['.repeat(64)}${']'.repeat(64)}`)).toBe(64);
    expect(nestingDepth(`${'['.repeat(65)}${']'.repeat(65)}`)).toBe(65);
    expect(nestingDepth('['.repeat(100_000))).toBe(65);
  });

  it('equals the scan of every character on any text', () => {
    const text = fc
      .array(fc.constantFrom('"', '\\', '[', ']', '{', '}', 'a', ':', ','), { maxLength: 200 })
      .map((cs) => cs.join(''));
    fc.assert(
      fc.property(text, (t) => nestingDepth(t) === referenceDepth(t)),
      { numRuns: 5_000 },
    );
  });

  it('equals it on deep texts around the limit', () => {
    const deep = fc
      .tuple(fc.integer({ min: 60, max: 70 }), fc.array(fc.constantFrom('"', '\\', 'x'), { maxLength: 6 }))
      .map(([n, noise]) => `${'['.repeat(n)}${noise.join('')}${'{'.repeat(2)}`);
    fc.assert(
      fc.property(deep, (t) => nestingDepth(t) === referenceDepth(t)),
      { numRuns: 2_000 },
    );
  });
});
