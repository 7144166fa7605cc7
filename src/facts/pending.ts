// Measures whose rule families are being written; each moves to its own module.
import type { Measure } from './types.ts';

const pending = (name: string): Measure => () => {
  throw new Error(`measure ${name} is not implemented yet`);
};

export const averageHoursPer24hInBlock = pending('averageHoursPer24hInBlock');
export const hoursInDayFrameWithNightWork = pending('hoursInDayFrameWithNightWork');
export const nightHoursInPlan = pending('nightHoursInPlan');
export const hoursInSundayWindows = pending('hoursInSundayWindows');
export const consecutiveWorkedSundays = pending('consecutiveWorkedSundays');
export const workedSundayShareInBlock = pending('workedSundayShareInBlock');
export const overtimeHoursInBlock = pending('overtimeHoursInBlock');
export const overtimeWeeksShare = pending('overtimeWeeksShare');
export const breakMinutesInPeriod = pending('breakMinutesInPeriod');
export const restBlocksInDayFrame = pending('restBlocksInDayFrame');
