// A window's ends in the wall clock they were written with, as luxon writes them, remembered by
// text, format and locale: the memo must not hand one locale's words, or one offset's hour, to another.
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { wallClock } from '../../src/format/wallClock.ts';

const TEXT = 'ccc dd.MM.yyyy HH:mm';

describe('wallClock', () => {
  it('keeps the offset the instant was written with, across both DST changes', () => {
    // Spring forward: 02:00 CET is 03:00 CEST. Fall back: 02:30 happens twice.
    expect(wallClock('2026-03-29T01:59:00+01:00', 'dd.MM.yyyy HH:mm')).toBe('29.03.2026 01:59');
    expect(wallClock('2026-03-29T03:00:00+02:00', 'dd.MM.yyyy HH:mm')).toBe('29.03.2026 03:00');
    expect(wallClock('2026-10-25T02:30:00+02:00', 'dd.MM.yyyy HH:mm')).toBe('25.10.2026 02:30');
    expect(wallClock('2026-10-25T02:30:00+01:00', 'dd.MM.yyyy HH:mm')).toBe('25.10.2026 02:30');
    expect(wallClock('2026-10-25T01:30:00Z', 'dd.MM.yyyy HH:mm')).toBe('25.10.2026 01:30');
  });

  it('is what luxon writes, in each locale, asked in any order', () => {
    const instants = ['2026-12-27T00:00:00+01:00', '2026-06-01T23:59:00+02:00', '2027-01-04T00:00:00+01:00'];
    for (const round of [1, 2])
      for (const locale of ['nb', 'en-GB', 'nb'])
        for (const iso of instants)
          expect(wallClock(iso, TEXT, locale), `${iso} ${locale} round ${round}`).toBe(
            DateTime.fromISO(iso, { setZone: true }).setLocale(locale).toFormat(TEXT),
          );
    expect(wallClock(instants[0]!, TEXT, 'nb')).not.toBe(wallClock(instants[0]!, TEXT, 'en-GB'));
    expect(wallClock(instants[0]!, TEXT, 'en-GB')).toBe('Sun 27.12.2026 00:00');
  });
});
