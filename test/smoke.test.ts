import { describe, expect, it } from 'vitest';
import { check, findingsOf } from './support/rota.ts';

describe('smoke', () => {
  it('a 48-hour stay breaks the 9-hour day as employment', async () => {
    const r = await check({ periods: [['2025-03-07T16:00', '2025-03-09T16:00']] });
    expect(findingsOf(r, 'aml.10-4.normal-day', 'warning').map((f) => f.measured)).toEqual([24, 24, 16]);
  });
});
