// The wall clock the incidents write (src/time/wallClock.ts): what luxon says of each instant and
// span, remembered, so equal to luxon's own answers, also across both DST changes and on a second
// asking.
import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { daysBetween, wallClock, wallText } from '../../src/time/wallClock.ts';

const ZONE = 'Europe/Oslo';
const at = (iso: string) => DateTime.fromISO(iso, { setZone: true }).toMillis();
// Around 30 March 2025 (02:00 → 03:00) and 26 October 2025 (03:00 → 02:00), and anything else in 2020–2030.
const instants = fc.oneof(
  fc.integer({ min: at('2025-03-28T00:00:00+01:00'), max: at('2025-04-01T00:00:00+02:00') }),
  fc.integer({ min: at('2025-10-24T00:00:00+02:00'), max: at('2025-10-28T00:00:00+01:00') }),
  fc.integer({ min: at('2020-01-01T00:00:00Z'), max: at('2030-01-01T00:00:00Z') }),
);

describe('wallClock, wallText and daysBetween', () => {
  it('say what luxon says, asked once or twice', () => {
    fc.assert(
      fc.property(instants, instants, (a, b) => {
        const [from, to] = a <= b ? [a, b] : [b, a];
        const luxonFrom = DateTime.fromMillis(from, { zone: ZONE });
        const luxonTo = DateTime.fromMillis(to, { zone: ZONE });
        for (let i = 0; i < 2; i++) {
          expect(wallClock(from, ZONE).toISO()).toBe(luxonFrom.toISO());
          expect(wallClock(from, ZONE).weekNumber).toBe(luxonFrom.weekNumber);
          for (const format of ['c HH:mm', 'dd.MM HH:mm', 'dd.MM.yyyy', 'dd.MM'])
            expect(wallText(from, ZONE, format)).toBe(luxonFrom.toFormat(format));
          expect(daysBetween(from, to, ZONE)).toBe(luxonTo.diff(luxonFrom, 'days').days);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('count a day across the spring change as luxon does (23 hours of a calendar day), and keep zones apart', () => {
    const sat = at('2025-03-29T12:00:00+01:00');
    const sun = at('2025-03-30T12:00:00+02:00');
    expect(daysBetween(sat, sun, ZONE)).toBe(1);
    expect(daysBetween(sat, sun, 'UTC')).toBeCloseTo(23 / 24, 10);
    expect(wallText(sun, ZONE, 'HH:mm')).toBe('12:00');
    expect(wallText(sun, 'UTC', 'HH:mm')).toBe('10:00');
  });
});
