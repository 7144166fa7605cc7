// Breaks (AML § 10-9 (1) and (2)) per period, as the rota states them. A period that states no
// `breakMinutes` is not judged: the rota said nothing about breaks, and guessing would be worse.
// Breaks are never subtracted from any hours: a carer alone with the user cannot leave, so the
// break is working time (§ 10-9 (1) second sentence), and elsewhere the rota shows whole periods.
import { hours } from '../time/instant.ts';
import type { AssignmentKind } from '../rota/schema.ts';
import type { FactWindow, Measure } from './types.ts';

/** Kinds where the worker is alone with the user and cannot leave during a break. */
export const ALONE_WITH_USER: ReadonlySet<AssignmentKind> = new Set([
  'respite-carer-home',
  'respite-user-home',
  'support-contact',
]);

/**
 * One window per period that states a break, measured in hours of break (the report's unit; the
 * minutes are in `details.breakMinutes`). Which periods a check judges is given by the one
 * parameter it names (when none is in force at the period's start, the period is not judged):
 * - `breakRequiredAboveHours`: periods longer than this (at least one break);
 * - `fullBreakFromHours`: periods at least this long (breaks of a minimum length in all);
 * - `respiteBreakWorkingShare`: periods alone with the user that state a break; measured is the
 *   share of the break that is working time (a note, not a breach);
 * - `overtimeBreakAfterHours` (§ 10-9 (2)): periods longer than the normal day (`ceilings.day`, the
 *   § 10-4 day as it applies to the worker) by more than this; measured is the break left once
 *   (1)'s `minTotalBreakHours` is taken, since where in the period each break lies is unknown.
 */
export const breakMinutesInPeriod: Measure = ({ facts, param, ceilings }) => {
  const out: FactWindow[] = [];
  for (const iv of facts.intervals) {
    if (iv.breakMinutes === undefined) continue;
    const at = iv.start;
    const above = param?.('breakRequiredAboveHours', at);
    const from = param?.('fullBreakFromHours', at);
    const share = param?.('respiteBreakWorkingShare', at);
    const after = param?.('overtimeBreakAfterHours', at);
    const named = [above, from, share, after].filter((v) => v !== undefined).length;
    if (named === 0) continue; // not in force at that time
    if (named > 1)
      throw new Error(
        'breakMinutesInPeriod: name one of breakRequiredAboveHours, fullBreakFromHours, respiteBreakWorkingShare, overtimeBreakAfterHours',
      );
    const periodHours = hours(iv.end - iv.start);
    const breakHours = iv.breakMinutes / 60;
    let measured: number;
    let overtime: Record<string, number> = {};
    if (after !== undefined) {
      const normalDay = ceilings?.day?.(at);
      const firstBreak = param?.('minTotalBreakHours', at);
      if (normalDay === undefined || firstBreak === undefined || !(periodHours - normalDay > after)) continue;
      measured = Math.max(0, breakHours - firstBreak);
      overtime = { normalDayHours: normalDay, overtimeHours: periodHours - normalDay };
    } else if (share !== undefined) {
      if (!ALONE_WITH_USER.has(iv.kind) || iv.breakMinutes === 0) continue;
      measured = breakHours * share;
    } else if (from !== undefined) {
      if (periodHours < from) continue;
      measured = breakHours;
    } else {
      if (!(periodHours > above!)) continue;
      measured = breakHours;
    }
    out.push({
      start: iv.start,
      end: iv.end,
      measured,
      at,
      assignmentIds: [iv.assignmentId],
      details: { periodHours, breakMinutes: iv.breakMinutes, ...overtime },
    });
  }
  return out;
};
