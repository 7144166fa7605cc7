// Changes to a schedule that could make an oppdrag lawful as an arbeidsavtale. Each is only a
// candidate: assess.ts keeps it only if the engine, run on the changed rota, agrees.
import { DateTime } from 'luxon';
import type { Assignment, Rota } from '../rota/schema.ts';
import { formatInstant } from '../time/instant.ts';
import type { Timeline, WorkInterval } from '../timeline/build.ts';
import { RESPITE_KINDS } from '../facts/mainWorkPeriods.ts';

export interface Restructuring {
  nb: string;
  en: string;
  rota: Rota;
  /** New assignments the change creates (a second carer), which must be lawful too. */
  alsoCheck?: Array<{ workerId: string; assignmentId: string }>;
}

const HOUR = 3_600_000;
const STAY_HOURS = 48;
const REST_HOURS = 11;

function local(ms: number, zone: string, lang: 'nb' | 'en'): string {
  return DateTime.fromMillis(ms, { zone })
    .setLocale(lang === 'nb' ? 'nb' : 'en-GB')
    .toFormat('ccc dd.MM.yyyy HH:mm');
}

/**
 * `timeline` is the timeline of `rota` (its periodIndex counts in rota.periods); the rota may be
 * just the worker's own part, which is all a change touches.
 */
/** The share of a long stay's time that falls in its first 48 hours. */
const stayShare = (iv: WorkInterval): number => (STAY_HOURS * HOUR) / (iv.end - iv.start);

/** A long stay's first 48 hours; passive hours are spread evenly over a period, so it keeps its share. */
function first48Hours(p: Rota['periods'][number], iv: WorkInterval, zone: string): Rota['periods'][number] {
  return {
    ...p,
    end: formatInstant(iv.start + STAY_HOURS * HOUR, zone),
    ...(p.passiveHours ? { passiveHours: p.passiveHours * stayShare(iv) } : {}),
  };
}

export function restructurings(rota: Rota, a: Assignment, timeline: Timeline): Restructuring[] {
  const zone = timeline.zone;
  const own = timeline.intervals.filter((iv) => iv.assignmentId === a.id);
  const long = own.filter((iv) => RESPITE_KINDS.has(iv.kind) && iv.end - iv.start > STAY_HOURS * HOUR);
  const longAt = new Map(long.map((iv) => [iv.periodIndex, iv]));
  const out: Restructuring[] = [];

  if (long.length > 0) {
    // 1. Split each long stay between two carers at a handover after 48 hours.
    const second = `${a.id}-andre-avlaster`;
    const secondWorker = `${a.workerId}-andre-avlaster`;
    const periods = rota.periods.flatMap((p, i) => {
      const iv = longAt.get(i);
      if (!iv) return [p];
      const head = first48Hours(p, iv, zone);
      const passive = p.passiveHours;
      return [
        head,
        {
          assignmentId: second,
          start: head.end,
          end: p.end,
          ...(passive ? { passiveHours: passive * (1 - stayShare(iv)) } : {}),
        },
      ];
    });
    const handovers = long.map((iv) => local(iv.start + STAY_HOURS * HOUR, zone, 'nb')).join(', ');
    const handoversEn = long.map((iv) => local(iv.start + STAY_HOURS * HOUR, zone, 'en')).join(', ');
    out.push({
      nb: `Del ${long.length === 1 ? 'oppholdet' : `de ${long.length} lange oppholdene`} mellom to avlastere, med overlevering etter 48 timer (${handovers}).`,
      en: `Split ${long.length === 1 ? 'the stay' : `the ${long.length} long stays`} between two carers, handing over after 48 hours (${handoversEn}).`,
      alsoCheck: [{ workerId: secondWorker, assignmentId: second }],
      rota: {
        ...rota,
        workers: [...rota.workers, { id: secondWorker }],
        assignments: [
          ...rota.assignments,
          {
            id: second,
            workerId: secondWorker,
            kind: a.kind,
            contract: 'arbeidsavtale' as const,
            ...(a.employer ? { employer: a.employer } : {}),
          },
        ],
        periods,
      },
    });
    // 2. End each long stay after 48 hours.
    out.push({
      nb: `Avslutt ${long.length === 1 ? 'oppholdet' : 'hvert lange opphold'} etter 48 timer (${handovers}); timene etter må dekkes på annen måte.`,
      en: `End ${long.length === 1 ? 'the stay' : 'each long stay'} after 48 hours (${handoversEn}); the hours after it must be covered another way.`,
      rota: {
        ...rota,
        periods: rota.periods.map((p, i) => {
          const iv = longAt.get(i);
          return iv ? first48Hours(p, iv, zone) : p;
        }),
      },
    });
  }

  // 3. Move the carer's other work out of the respite work period (§ 10): let someone else take it.
  const otherWork = timeline.intervals.filter(
    (iv) =>
      iv.workerId === a.workerId &&
      iv.assignmentId !== a.id &&
      !RESPITE_KINDS.has(iv.kind) &&
      own.some(
        (r) =>
          RESPITE_KINDS.has(r.kind) && iv.start < r.end + REST_HOURS * HOUR && r.start < iv.end + REST_HOURS * HOUR,
      ),
  );
  if (otherWork.length > 0) {
    const drop = new Set(otherWork.map((iv) => iv.periodIndex));
    const list = otherWork
      .map((iv) => `${local(iv.start, zone, 'nb')}–${DateTime.fromMillis(iv.end, { zone }).toFormat('HH:mm')}`)
      .join(', ');
    const listEn = otherWork
      .map((iv) => `${local(iv.start, zone, 'en')}–${DateTime.fromMillis(iv.end, { zone }).toFormat('HH:mm')}`)
      .join(', ');
    out.push({
      nb: `La en annen ta ${otherWork.length === 1 ? 'vakten' : 'vaktene'} i den andre stillingen (${list}), så avlastningen har minst 11 timers hvile mot annet arbeid.`,
      en: `Let someone else take the other post’s ${otherWork.length === 1 ? 'shift' : 'shifts'} (${listEn}), so the respite has at least 11 hours of rest from other work.`,
      rota: { ...rota, periods: rota.periods.filter((_, i) => !drop.has(i)) },
    });
  }
  return out;
}
