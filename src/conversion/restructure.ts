// Changes to a schedule that could make an oppdrag lawful as an arbeidsavtale. Each is only a
// candidate: assess.ts keeps it only if the engine, run on the changed rota, agrees.
import { DateTime } from 'luxon';
import type { Assignment, Rota } from '../rota/schema.ts';
import { formatInstant, hoursText } from '../time/instant.ts';
import type { Timeline, WorkInterval } from '../timeline/build.ts';
import { RESPITE_KINDS } from '../facts/mainWorkPeriods.ts';
import { compileSeries, valueAt } from '../rules/limits.ts';
import { compiled } from '../engine/engines.ts';
import { memo } from '../memo.ts';
import { parameterOf, type RuleBook } from '../rules/load.ts';

export interface Restructuring {
  nb: string;
  en: string;
  rota: Rota;
  /** New assignments the change creates (a second carer), which must be lawful too. */
  alsoCheck?: Array<{ workerId: string; assignmentId: string }>;
}

const HOUR = 3_600_000;

// The same handovers recur across workers (a weekend stay's 48th hour): each instant is written
// once per zone and language, as luxon's formatting is most of what a suggestion costs to word.
const written = memo<string, string>(10_000);
function local(ms: number, zone: string, lang: 'nb' | 'en'): string {
  return written(`${zone}|${lang}|${ms}`, () =>
    DateTime.fromMillis(ms, { zone })
      .setLocale(lang === 'nb' ? 'nb' : 'en-GB')
      .toFormat('ccc dd.MM.yyyy HH:mm'),
  );
}

/** The wall-clock time alone (the end of a shift named beside its start), written once per zone and instant. */
function clock(ms: number, zone: string): string {
  return written(`${zone}|clock|${ms}`, () => DateTime.fromMillis(ms, { zone }).toFormat('HH:mm'));
}

/**
 * `timeline` is the timeline of `rota` (its periodIndex counts in rota.periods); the rota may be
 * just the worker's own part, which is all a change touches.
 */
/** The share of a long stay's time that falls in its first `hours`. */
const stayShare = (iv: WorkInterval, hours: number): number => (hours * HOUR) / (iv.end - iv.start);

/** A long stay's first `hours`; passive hours are spread evenly over a period, so it keeps its share. */
function firstHours(
  p: Rota['periods'][number],
  iv: WorkInterval,
  zone: string,
  hours: number,
): Rota['periods'][number] {
  return {
    ...p,
    end: formatInstant(iv.start + hours * HOUR, zone),
    ...(p.passiveHours ? { passiveHours: p.passiveHours * stayShare(iv, hours) } : {}),
  };
}

export function restructurings(rota: Rota, a: Assignment, timeline: Timeline, book: RuleBook): Restructuring[] {
  const zone = timeline.zone;
  // The longest pure stay (avlaster § 6) and the rest that separates work (AML § 10-8 (1)), each as
  // in force on the day of the work it is measured from.
  const stayParameter = parameterOf(book, 'maxContinuousRespiteHours');
  const staySeries = stayParameter ? compileSeries(stayParameter, zone) : undefined;
  const stayCap = (at: number) => (staySeries ? valueAt(staySeries, at) : undefined);
  // Compiled once per rule book and zone with the engine's checks (engine/engines.ts).
  const restSeries = compiled(book, zone).restMinimum?.base;
  const own = timeline.intervals.filter((iv) => iv.assignmentId === a.id);
  const capOf = new Map<WorkInterval, number>();
  for (const iv of own) {
    const cap = RESPITE_KINDS.has(iv.kind) ? stayCap(iv.start) : undefined;
    if (cap !== undefined && iv.end - iv.start > cap * HOUR) capOf.set(iv, cap);
  }
  const long = [...capOf.keys()];
  const longAt = new Map(long.map((iv) => [iv.periodIndex, iv]));
  const out: Restructuring[] = [];

  if (long.length > 0) {
    const stayHours = capOf.get(long[0]!)!;
    // 1. Split each long stay between two carers, handing over when the longest pure stay is reached.
    const second = `${a.id}-andre-avlaster`;
    const secondWorker = `${a.workerId}-andre-avlaster`;
    const periods = rota.periods.flatMap((p, i) => {
      const iv = longAt.get(i);
      if (!iv) return [p];
      const head = firstHours(p, iv, zone, capOf.get(iv)!);
      const passive = p.passiveHours;
      return [
        head,
        {
          assignmentId: second,
          start: head.end,
          end: p.end,
          ...(passive ? { passiveHours: passive * (1 - stayShare(iv, capOf.get(iv)!)) } : {}),
        },
      ];
    });
    const handovers = long.map((iv) => local(iv.start + capOf.get(iv)! * HOUR, zone, 'nb')).join(', ');
    const handoversEn = long.map((iv) => local(iv.start + capOf.get(iv)! * HOUR, zone, 'en')).join(', ');
    out.push({
      nb: `Del ${long.length === 1 ? 'oppholdet' : `de ${long.length} lange oppholdene`} mellom to avlastere, med overlevering etter ${hoursText(stayHours, 'nb')} timer (${handovers}).`,
      en: `Split ${long.length === 1 ? 'the stay' : `the ${long.length} long stays`} between two carers, handing over after ${hoursText(stayHours, 'en')} hours (${handoversEn}).`,
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
    // 2. End each long stay when the longest pure stay is reached.
    out.push({
      nb: `Avslutt ${long.length === 1 ? 'oppholdet' : 'hvert lange opphold'} etter ${hoursText(stayHours, 'nb')} timer (${handovers}); timene etter må dekkes på annen måte.`,
      en: `End ${long.length === 1 ? 'the stay' : 'each long stay'} after ${hoursText(stayHours, 'en')} hours (${handoversEn}); the hours after it must be covered another way.`,
      rota: {
        ...rota,
        periods: rota.periods.map((p, i) => {
          const iv = longAt.get(i);
          return iv ? firstHours(p, iv, zone, capOf.get(iv)!) : p;
        }),
      },
    });
  }

  // 3. Move the carer's other work out of the respite work period (§ 10): let someone else take it.
  const restOf = (r: WorkInterval) => (restSeries ? valueAt(restSeries, r.start) : undefined);
  const otherWork = timeline.intervals.filter(
    (iv) =>
      iv.workerId === a.workerId &&
      iv.assignmentId !== a.id &&
      !RESPITE_KINDS.has(iv.kind) &&
      own.some((r) => {
        const rest = RESPITE_KINDS.has(r.kind) ? restOf(r) : undefined;
        return rest !== undefined && iv.start < r.end + rest * HOUR && r.start < iv.end + rest * HOUR;
      }),
  );
  if (otherWork.length > 0) {
    const restHours = restOf(own.find((r) => RESPITE_KINDS.has(r.kind) && restOf(r) !== undefined)!)!;
    const drop = new Set(otherWork.map((iv) => iv.periodIndex));
    const list = otherWork.map((iv) => `${local(iv.start, zone, 'nb')}–${clock(iv.end, zone)}`).join(', ');
    const listEn = otherWork.map((iv) => `${local(iv.start, zone, 'en')}–${clock(iv.end, zone)}`).join(', ');
    out.push({
      nb: `La en annen ta ${otherWork.length === 1 ? 'vakten' : 'vaktene'} i den andre stillingen (${list}), så avlastningen har minst ${hoursText(restHours, 'nb')} timers hvile mot annet arbeid.`,
      en: `Let someone else take the other post’s ${otherWork.length === 1 ? 'shift' : 'shifts'} (${listEn}), so the respite has at least ${hoursText(restHours, 'en')} hours of rest from other work.`,
      rota: { ...rota, periods: rota.periods.filter((_, i) => !drop.has(i)) },
    });
  }
  return out;
}
