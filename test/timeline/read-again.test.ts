// The same period objects read again (the conversion assessment hands the timeline one worker's
// periods over and over): each reading is of the texts and zone given now, never of an earlier one,
// and a period's problem is never hidden by an earlier good reading.
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/rota/errors.ts';
import type { Rota } from '../../src/rota/schema.ts';
import { buildTimeline } from '../../src/timeline/build.ts';

const rotaWith = (timezone: string, period: Rota['periods'][number]): Rota =>
  ({
    version: 1,
    timezone,
    workers: [{ id: 'w1' }],
    assignments: [{ id: 'a1', workerId: 'w1', kind: 'employment', contract: 'arbeidsavtale' }],
    periods: [period],
    agreements: [],
  }) as unknown as Rota;

const only = (rota: Rota) => {
  const [iv] = buildTimeline(rota).intervals;
  return { start: new Date(iv!.start).toISOString(), end: new Date(iv!.end).toISOString() };
};

describe('a period read again', () => {
  it('in another zone is read in that zone', () => {
    const period = { assignmentId: 'a1', start: '2025-06-02T08:00', end: '2025-06-02T16:00' };
    expect(only(rotaWith('Europe/Oslo', period))).toEqual({
      start: '2025-06-02T06:00:00.000Z',
      end: '2025-06-02T14:00:00.000Z',
    });
    expect(only(rotaWith('UTC', period))).toEqual({
      start: '2025-06-02T08:00:00.000Z',
      end: '2025-06-02T16:00:00.000Z',
    });
    expect(only(rotaWith('Europe/Oslo', period)).start).toBe('2025-06-02T06:00:00.000Z');
  });

  it('with its texts changed is read anew, and a time in the spring gap is still refused', () => {
    const period = { assignmentId: 'a1', start: '2025-03-30T01:00', end: '2025-03-30T09:00' };
    expect(only(rotaWith('Europe/Oslo', period)).start).toBe('2025-03-30T00:00:00.000Z');
    period.start = '2025-03-30T02:30';
    expect(() => buildTimeline(rotaWith('Europe/Oslo', period))).toThrow(InputError);
    period.start = '2025-03-30T03:00';
    expect(only(rotaWith('Europe/Oslo', period))).toEqual({
      start: '2025-03-30T01:00:00.000Z',
      end: '2025-03-30T07:00:00.000Z',
    });
  });
});
