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
 * What a measure reads besides the worker's facts, the window length and the zone, for the measures
 * that read nothing an agreement changes (no limit, ceiling, agreement, profile or onlyWith):
 * - 'facts': nothing else, so every check naming it with the same window length gets the same windows;
 * - 'params': the check's own parameters, which the rule book and the date judged by fix;
 * - 'sundays': the plan's Sunday and holiday windows (calendar.sundays), which no agreement moves;
 * - 'params+calendar': the check's parameters and the plan's calendar, whose nights an agreement may move.
 * The windows of these are measured once for the same facts: once a pass, and once for every
 * conversion run of a part that forms the same facts (engine/reuse.ts). The other measures are
 * measured on every pass. test/facts/shared-measures.test.ts holds each to what it is listed as reading.
 */
export type MeasureReads = 'facts' | 'params' | 'sundays' | 'params+calendar';

/**
 * Measures that honour MeasureInput.keeps: asked for the windows that could break a limit, they make
 * only those, not every window to be judged and dropped. The rolling windows are two for every
 * block of work (44 % of all the windows a national year measures) and the daily rest's one for
 * every day worked; supplementary checks judge them, which read their breaches and nothing else.
 */
export const FLOORED_MEASURES: ReadonlySet<MeasureName> = new Set<MeasureName>([
  'hoursInRollingWindow',
  'restInDayFrame',
  'restInWeekFrame',
]);

export const MEASURE_READS: ReadonlyMap<MeasureName, MeasureReads> = new Map<MeasureName, MeasureReads>([
  ['hoursInDayFrame', 'facts'],
  ['hoursInWeekFrame', 'facts'],
  ['hoursInRollingWindow', 'facts'],
  ['averageWeeklyHoursInBlock', 'facts'],
  ['restInDayFrame', 'facts'],
  ['restInWeekFrame', 'facts'],
  ['otherWorkHoursInDayFrame', 'facts'],
  ['otherWorkHoursInWeekFrame', 'facts'],
  ['combinedWorkPeriodHours', 'facts'],
  ['pureRespiteWorkPeriodHours', 'params'],
  ['restAfterExtendedStay', 'params'],
  ['otherWorkInCombinedPeriodUpTo', 'params'],
  ['otherWorkInCombinedPeriodAbove', 'params'],
  ['longerRestAroundLongWorkPeriod', 'params'],
  ['shorterRestAroundLongWorkPeriod', 'params'],
  ['restAfterShortRespitePeriod', 'params'],
  ['averageHoursPer24hInBlock', 'params'],
  ['restBlocksInDayFrame', 'params'],
  ['hoursInSundayWindows', 'sundays'],
  ['consecutiveWorkedSundays', 'sundays'],
  ['workedSundayShareInBlock', 'sundays'],
  ['hoursInDayFrameWithNightWork', 'params+calendar'],
]);

/** Measures that read nothing but the worker's facts and the window length (MEASURE_READS). */
export const FACTS_ONLY_MEASURES: ReadonlySet<MeasureName> = new Set(
  [...MEASURE_READS].filter(([, reads]) => reads === 'facts').map(([name]) => name),
);

/**
 * Measures that look at a worker across all undertakings rather than within one. Each finds periods
 * that overlap (overlap.ts): on periods none of which overlap (anyOverlap), none has a window.
 */
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
