// Each period of a rota as the instants the engine reads it as (POST /v1/rota), so the web page
// draws it without resolving local times, DST gaps or the zone itself. The rota passes through the
// same timeline stage as evaluate(): DST-gap times and unknown ids are refused with the same paths.
import type { Rota } from '../rota/schema.ts';
import { formatInstant, hours } from '../time/instant.ts';
import { buildTimeline } from '../timeline/build.ts';

export interface PeriodInstants {
  /** Index in rota.periods. */
  index: number;
  assignmentId: string;
  workerId: string;
  /** ISO 8601 with the offset in force. */
  start: string;
  end: string;
  hours: number;
  passiveHours: number;
}

const hundredths = (ms: number) => Math.round(hours(ms) * 100) / 100;

export function periodInstants(rota: Rota): PeriodInstants[] {
  const timeline = buildTimeline(rota);
  return timeline.intervals
    .map((iv) => ({
      index: iv.periodIndex,
      assignmentId: iv.assignmentId,
      workerId: iv.workerId,
      start: formatInstant(iv.start, timeline.zone),
      end: formatInstant(iv.end, timeline.zone),
      hours: hundredths(iv.end - iv.start),
      passiveHours: hundredths(iv.passiveMs),
    }))
    .sort((a, b) => a.index - b.index);
}
