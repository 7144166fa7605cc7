import { describe, expect, it } from 'vitest';
import { fillTemplate } from '../../src/engine/messages.ts';

describe('fillTemplate', () => {
  it('writes numbers the way each language does and keeps the text around them', () => {
    const values = { measured: 13.5, limit: 13, who: 'Kari' };
    expect(fillTemplate('{measured} timer mot {limit} ({who}).', values, 'nb')).toBe('13,5 timer mot 13 (Kari).');
    expect(fillTemplate('{measured} hours against {limit} ({who}).', values, 'en')).toBe(
      '13.5 hours against 13 (Kari).',
    );
    // The second use of a template and a number comes from the caches and is the same.
    expect(fillTemplate('{measured} timer mot {limit} ({who}).', values, 'nb')).toBe('13,5 timer mot 13 (Kari).');
  });

  it('leaves an unknown placeholder as written, and a template without any as it is', () => {
    expect(fillTemplate('{measured} og {unknown}', { measured: 1234.567 }, 'nb')).toBe('1\u00a0234,57 og {unknown}');
    expect(fillTemplate('ingen tall', {}, 'nb')).toBe('ingen tall');
    expect(fillTemplate('{a}{b}', { a: 1, b: 2 }, 'en')).toBe('12');
  });

  it('writes 0 and -0 as Intl does, though a cache holds them as one key', () => {
    expect(fillTemplate('{x}', { x: 0 }, 'en')).toBe(new Intl.NumberFormat('en-GB').format(0));
    expect(fillTemplate('{x}', { x: -0 }, 'en')).toBe(new Intl.NumberFormat('en-GB').format(-0));
  });
});
