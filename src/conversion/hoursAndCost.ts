// An oppdrag's hours as employment against the hours paid today, and what the change would cost.
import type { Assignment } from '../rota/schema.ts';
import { roundHours } from '../report/ledger.ts';
import { hours } from '../time/instant.ts';

export interface HoursAndCost {
  hours: { asEmployment: number; paidToday?: number };
  cost?: { asEmployment: number; today?: number; difference?: number; currency: 'NOK' };
}

export function hoursAndCost(a: Assignment, intervals: Array<{ start: number; end: number }>): HoursAndCost {
  const worked = hours(intervals.reduce((s, iv) => s + (iv.end - iv.start), 0));
  const pay = a.pay;
  const paidToday =
    pay?.hoursPerDay !== undefined
      ? intervals.reduce((s, iv) => s + (hours(iv.end - iv.start) / 24) * pay.hoursPerDay!, 0)
      : pay?.hoursPaid;
  const result: HoursAndCost = {
    hours: {
      asEmployment: roundHours(worked),
      ...(paidToday !== undefined ? { paidToday: roundHours(paidToday) } : {}),
    },
  };
  if (pay?.hourlyWage !== undefined) {
    const asEmployment = Math.round(worked * pay.hourlyWage * (1 + (pay.supplementPercent ?? 0) / 100));
    const today =
      paidToday !== undefined ? Math.round(paidToday * (pay.todayRatePerHour ?? pay.hourlyWage)) : undefined;
    result.cost = {
      asEmployment,
      ...(today !== undefined ? { today, difference: asEmployment - today } : {}),
      currency: 'NOK',
    };
  }
  return result;
}
