import type { MeasureName } from '../rules/schema.ts';
import { hoursInDayFrame, hoursInWeekFrame } from './frameHours.ts';
import { overlappingHours } from './overlap.ts';
import { restInDayFrame, restInWeekFrame, restInWorkPeriod } from './rest.ts';
import { hoursInRollingWindow } from './rolling.ts';
import { averageWeeklyHoursInBlock } from './blockAverage.ts';
import type { Measure } from './types.ts';
import * as pending from './pending.ts';
import { averageWeeklyHoursInAgreementPeriod } from './agreementAverage.ts';

/** Every measure a rule file may name; a rule file cannot add one. */
export const MEASURE_FUNCTIONS: Record<MeasureName, Measure> = {
  hoursInDayFrame,
  hoursInWeekFrame,
  hoursInRollingWindow,
  restInWorkPeriod,
  restInDayFrame,
  restInWeekFrame,
  overlappingHours,
  averageWeeklyHoursInBlock,
  averageWeeklyHoursInAgreementPeriod,
  ...pending,
};

/** Measures that look at a worker across all undertakings rather than within one. */
export const WORKER_WIDE: ReadonlySet<MeasureName> = new Set(['overlappingHours']);
