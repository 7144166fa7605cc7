// What an RRULE says, checked as written before ical.js reads it. ical.js reads many malformed
// rules without complaint but not as the calendar program that wrote them meant: COUNT=0 becomes
// a rule without end, UNTIL=2025-03-20 a date in 2024, an unknown or repeated part is dropped.
// A rule whose repetitions cannot be known is an error; one read in a definite way that the file
// does not quite say is a warning saying how it was read.

const PARTS = new Set([
  'FREQ',
  'UNTIL',
  'COUNT',
  'INTERVAL',
  'BYSECOND',
  'BYMINUTE',
  'BYHOUR',
  'BYDAY',
  'BYMONTHDAY',
  'BYYEARDAY',
  'BYWEEKNO',
  'BYMONTH',
  'BYSETPOS',
  'WKST',
]);
const UNTIL_FORM = /^\d{8}(?:T\d{6}Z?)?$/;
const WHOLE = /^\d+$/;

export interface RecurCheck {
  /** Why the rule cannot be expanded; undefined when it can. */
  error?: string;
  warnings: string[];
}

/** RFC 5545 § 3.3.10 on the text of one RRULE value. */
export function checkRecurText(raw: string): RecurCheck {
  const warnings: string[] = [];
  const seen = new Map<string, string>();
  const parts = raw.split(';');
  parts.forEach((part, i) => {
    if (part.trim() === '') {
      if (i < parts.length - 1) warnings.push(`RRULE "${raw}" has an empty part (";;"); it is ignored`);
      return;
    }
    const eq = part.indexOf('=');
    const name = (eq === -1 ? part : part.slice(0, eq)).trim().toUpperCase();
    const value = eq === -1 ? '' : part.slice(eq + 1).trim();
    if (!PARTS.has(name)) {
      warnings.push(`RRULE part "${part}" is not one RFC 5545 defines; it is ignored`);
      return;
    }
    if (seen.has(name)) warnings.push(`RRULE gives ${name} twice; the last (${name}=${value}) is used`);
    seen.set(name, value);
  });

  const freq = seen.get('FREQ');
  if (freq === undefined) {
    return {
      error: `RRULE "${raw}" has no FREQ (like FREQ=WEEKLY), so when the event repeats cannot be known`,
      warnings,
    };
  }
  const until = seen.get('UNTIL');
  if (until !== undefined && !UNTIL_FORM.test(until)) {
    return {
      error: `RRULE's UNTIL "${until}" is not a date written 20250320 or a date-time written 20250320T235959Z`,
      warnings,
    };
  }
  const count = seen.get('COUNT');
  if (count !== undefined && !(WHOLE.test(count) && Number(count) >= 1)) {
    return { error: `RRULE's COUNT "${count}" is not a whole number of occurrences (1 or more)`, warnings };
  }
  if (count !== undefined && until !== undefined) {
    warnings.push(
      `RRULE gives both COUNT=${count} and UNTIL=${until}, which RFC 5545 does not allow; the event ends at whichever comes first`,
    );
  }
  const interval = seen.get('INTERVAL');
  if (interval !== undefined && !(WHOLE.test(interval) && Number(interval) >= 1)) {
    warnings.push(`RRULE's INTERVAL "${interval}" is not a whole number of 1 or more; read as INTERVAL=1`);
  }
  return { warnings };
}
