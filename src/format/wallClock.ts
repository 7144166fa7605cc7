// A window's ends as a caseworker reads them: the wall clock of the offset the instant was written
// with. Remembered by the text: a year's findings share most of their windows' ends (days and weeks
// start at midnight), and luxon's parse and format cost tens of microseconds a call, most of a
// national year's text with --details.
import { DateTime } from 'luxon';
import { memoPer } from '../memo.ts';

const written = memoPer<string, string, string>(50_000);

/** `iso` as luxon's `format` writes it in `locale` (luxon's default when none is given). */
export function wallClock(iso: string, format: string, locale?: string): string {
  return written(locale === undefined ? format : `${locale} ${format}`)(iso, () => {
    const at = DateTime.fromISO(iso, { setZone: true });
    return (locale === undefined ? at : at.setLocale(locale)).toFormat(format);
  });
}
