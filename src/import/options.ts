// Options shared by the CSV and iCalendar importers, and the small helpers both need.
// Neither format carries everything a rota file does, so the caller fills the gaps: an iCalendar
// file is one worker's shifts (who, which assignment, which kind and contract come from here);
// a CSV file can leave a column out when every row would repeat the same value.
import { DateTime, IANAZone } from 'luxon';
import { InputError, type InputIssue } from '../rota/errors.ts';
import { ASSIGNMENT_KINDS, CONTRACT_TYPES, type AssignmentKind } from '../rota/schema.ts';
import { nearest, unknownTimeZoneMessage } from '../rota/suggest.ts';

export interface ImportOptions {
  /** IANA zone of the rota; local times without an offset are read in it. Default Europe/Oslo. */
  timezone?: string;
  /** iCalendar: the worker id (default X-WR-CALNAME, else `w1`). CSV: value for a missing `worker` column or blank cell. */
  worker?: string;
  /** iCalendar: the assignment id (default `a1`). CSV: value for a missing `assignment` column or blank cell. */
  assignment?: string;
  /** iCalendar: the assignment kind (default `employment`). CSV: value for a missing `kind` column or blank cell. */
  kind?: string;
  /** iCalendar: the contract (default `arbeidsavtale`). CSV: value for a missing `contract` column or blank cell. */
  contract?: string;
  /** The employer (undertaking) of the assignment; CSV: value for a missing `employer` column or blank cell. */
  employer?: string;
  /** iCalendar: only shifts starting on or after this local date (YYYY-MM-DD). */
  from?: string;
  /** iCalendar: only shifts starting on or before this local date (YYYY-MM-DD); also ends open-ended recurrences. */
  until?: string;
  /** CSV: the field separator; detected from the header row when left out. */
  delimiter?: ',' | ';' | '\t';
}

export const DEFAULT_TIMEZONE = 'Europe/Oslo';
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export function isKind(v: string): v is AssignmentKind {
  return (ASSIGNMENT_KINDS as readonly string[]).includes(v);
}

export function isContract(v: string): v is 'oppdrag' | 'arbeidsavtale' {
  return (CONTRACT_TYPES as readonly string[]).includes(v);
}

/** Why `given` is no assignment kind: the nearest kind when one is near, else every kind. */
export function notAKind(given: string): string {
  const hit = nearest(given, ASSIGNMENT_KINDS);
  return `"${given}" is not a kind; ${hit ? `did you mean "${hit}"?` : `use one of ${ASSIGNMENT_KINDS.join(', ')}`}`;
}

/** Why `given` is no contract type: the nearest type when one is near, else both. */
export function notAContract(given: string): string {
  const hit = nearest(given, CONTRACT_TYPES);
  return `"${given}" is not a contract type; ${hit ? `did you mean "${hit}"?` : `use one of ${CONTRACT_TYPES.join(', ')}`}`;
}

export function isRealDate(s: string): boolean {
  if (!ISO_DATE.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(s);
}

/** Problems with the options themselves (the CLI reports them as usage errors). */
export function optionIssues(o: ImportOptions): InputIssue[] {
  const issues: InputIssue[] = [];
  if (o.timezone !== undefined && !IANAZone.isValidZone(o.timezone)) {
    issues.push({ path: 'timezone', message: unknownTimeZoneMessage(o.timezone) });
  }
  if (o.kind !== undefined && !isKind(o.kind)) issues.push({ path: 'kind', message: notAKind(o.kind) });
  if (o.contract !== undefined && !isContract(o.contract))
    issues.push({ path: 'contract', message: notAContract(o.contract) });
  for (const key of ['worker', 'assignment', 'employer'] as const) {
    const v = o[key];
    if (v !== undefined && (v.trim() === '' || v.length > 200))
      issues.push({ path: key, message: 'must be 1 to 200 characters' });
  }
  for (const key of ['from', 'until'] as const) {
    const v = o[key];
    if (v !== undefined && !isRealDate(v))
      issues.push({ path: key, message: `"${v}" is not a date written YYYY-MM-DD` });
  }
  if (o.from && o.until && isRealDate(o.from) && isRealDate(o.until) && o.until < o.from) {
    issues.push({ path: 'until', message: `must not be before from (${o.from})` });
  }
  if (o.delimiter !== undefined && ![',', ';', '\t'].includes(o.delimiter)) {
    issues.push({ path: 'delimiter', message: 'must be ",", ";" or a tab' });
  }
  return issues;
}

export function assertOptions(o: ImportOptions): void {
  const issues = optionIssues(o);
  if (issues.length > 0) throw new InputError(issues.map((i) => ({ path: `options.${i.path}`, message: i.message })));
}

/** ISO date (YYYY-MM-DD) shifted by whole days or years, in calendar terms. */
export function addToDate(isoDate: string, { days = 0, years = 0 }: { days?: number; years?: number }): string {
  return DateTime.fromISO(isoDate, { zone: 'UTC' }).plus({ days, years }).toISODate()!;
}
