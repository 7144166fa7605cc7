import type { MeasureName } from '../rules/schema.ts';
import { hoursInDayFrame, hoursInWeekFrame } from './frameHours.ts';
import { concurrentCareHours, overlappingHours } from './overlap.ts';
import { restInDayFrame, restInWeekFrame, restInWorkPeriod } from './rest.ts';
import { hoursInRollingWindow } from './rolling.ts';
import { averageWeeklyHoursInBlock } from './blockAverage.ts';
import { breakMinutesInPeriod } from './breaks.ts';
import { restBlocksInDayFrame } from './medleverRest.ts';
import { overtimeHoursInBlock, overtimeWeeksShare } from './overtime.ts';
import type { Measure } from './types.ts';
import {
  combinedWorkPeriodHours,
  extendedStayBurdenStated,
  longerRestAroundLongWorkPeriod,
  otherWorkHoursInDayFrame,
  otherWorkHoursInWeekFrame,
  otherWorkInCombinedPeriodAbove,
  otherWorkInCombinedPeriodUpTo,
  pureRespiteWorkPeriodHours,
  restAfterExtendedStay,
  restAfterShortRespitePeriod,
  shorterRestAroundLongWorkPeriod,
} from './workPeriods.ts';
import { averageWeeklyHoursInAgreementPeriod } from './agreementAverage.ts';
import { averageHoursPer24hInBlock, hoursInDayFrameWithNightWork, nightHoursInPlan } from './night.ts';
import { consecutiveWorkedSundays, hoursInSundayWindows, workedSundayShareInBlock } from './sundays.ts';

/** Every measure a rule file may name; a rule file cannot add one. */
export const MEASURE_FUNCTIONS: Record<MeasureName, Measure> = {
  hoursInDayFrame,
  hoursInWeekFrame,
  hoursInRollingWindow,
  restInWorkPeriod,
  restInDayFrame,
  restInWeekFrame,
  overlappingHours,
  concurrentCareHours,
  averageWeeklyHoursInBlock,
  averageWeeklyHoursInAgreementPeriod,
  averageHoursPer24hInBlock,
  hoursInDayFrameWithNightWork,
  nightHoursInPlan,
  overtimeHoursInBlock,
  overtimeWeeksShare,
  hoursInSundayWindows,
  consecutiveWorkedSundays,
  workedSundayShareInBlock,
  breakMinutesInPeriod,
  restBlocksInDayFrame,
  pureRespiteWorkPeriodHours,
  combinedWorkPeriodHours,
  otherWorkInCombinedPeriodUpTo,
  otherWorkInCombinedPeriodAbove,
  longerRestAroundLongWorkPeriod,
  shorterRestAroundLongWorkPeriod,
  restAfterShortRespitePeriod,
  otherWorkHoursInDayFrame,
  otherWorkHoursInWeekFrame,
  extendedStayBurdenStated,
  restAfterExtendedStay,
};

/**
 * Measures that read nothing but the worker's facts and the window length (no parameter, limit,
 * calendar or agreement), so every check naming one with the same window gets the same windows:
 * they are measured once a pass per window length.
 */
export const FACTS_ONLY_MEASURES: ReadonlySet<MeasureName> = new Set([
  'hoursInDayFrame',
  'hoursInWeekFrame',
  'hoursInRollingWindow',
  'averageWeeklyHoursInBlock',
  'restInDayFrame',
  'restInWeekFrame',
]);

/** Measures that look at a worker across all undertakings rather than within one. */
export const WORKER_WIDE: ReadonlySet<MeasureName> = new Set(['overlappingHours', 'concurrentCareHours']);

/**
 * Measures that average over a fixed block. When the plan covers only part of a block, the weeks it
 * does not show are unknown, so a breach there is reported as a warning, not a verdict.
 */
export const AVERAGING_MEASURES: ReadonlySet<MeasureName> = new Set([
  'averageWeeklyHoursInBlock',
  'averageHoursPer24hInBlock',
  'workedSundayShareInBlock',
]);
