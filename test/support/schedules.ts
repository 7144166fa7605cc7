// Random schedules for the conversion assessment's property test: a respite carer or support contact
// on oppdrag, sometimes with a day job or a second oppdrag, weekend stays every second or fourth
// week, and stays and visits of random length at random times over four to eight weeks.
import fc from 'fast-check';
import { DateTime } from 'luxon';
import { validateRotaDocument } from '../../src/rota/load.ts';
import type { Rota } from '../../src/rota/schema.ts';

const MONDAYS = ['2025-01-06', '2025-03-17', '2025-10-13', '2026-03-23', '2026-06-29'];
const at = (monday: string, day: number, minute: number) => {
  const d = new Date(`${monday}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + day);
  return { date: d.toISOString().slice(0, 10), minute };
};
/**
 * A period from a wall time, lasting some elapsed minutes, written with its offsets: a start in the
 * spring gap moves on to the first instant after it (luxon), so every schedule is valid input.
 */
const period = ({ date, minute }: { date: string; minute: number }, minutes: number) => {
  const start = DateTime.fromISO(date, { zone: 'Europe/Oslo' }).set({
    hour: Math.floor(minute / 60),
    minute: minute % 60,
  });
  const write = (t: DateTime) => t.toISO({ suppressMilliseconds: true, suppressSeconds: true })!;
  return { start: write(start), end: write(start.plus({ minutes })) };
};

const visitArb = fc.record({
  day: fc.integer({ min: 0, max: 55 }),
  // Round times mostly (shifts and stays start on the hour), any minute sometimes.
  minute: fc.oneof(fc.constantFrom(0, 8 * 60, 15 * 60, 16 * 60, 18 * 60), fc.integer({ min: 0, max: 1439 })),
  minutes: fc.oneof(
    fc.integer({ min: 3, max: 5 }).map((h) => h * 60),
    fc.constantFrom(24, 40, 48, 56, 64, 72, 96, 168).map((h) => h * 60),
    fc.integer({ min: 60, max: 100 * 60 }),
  ),
  passive: fc.constantFrom(0, 0, 0.3, 0.6),
  second: fc.boolean(),
});

export const scheduleArb = fc.record({
  monday: fc.constantFrom(...MONDAYS),
  weeks: fc.integer({ min: 4, max: 8 }),
  kind: fc.constantFrom('respite-carer-home' as const, 'respite-user-home' as const, 'support-contact' as const),
  secondKind: fc.option(fc.constantFrom('respite-carer-home' as const, 'support-contact' as const), {
    nil: undefined,
  }),
  dayJob: fc.boolean(),
  weekendEvery: fc.constantFrom(0, 2, 4),
  weekendHours: fc.constantFrom(48, 64),
  visits: fc.array(visitArb, { maxLength: 6 }),
});

export function scheduleRota(s: typeof scheduleArb extends fc.Arbitrary<infer T> ? T : never): Rota {
  const assignments: Record<string, unknown>[] = [
    { id: 'a1', workerId: 'w1', kind: s.kind, contract: 'oppdrag', employer: 'k' },
  ];
  if (s.secondKind)
    assignments.push({ id: 'a2', workerId: 'w1', kind: s.secondKind, contract: 'oppdrag', employer: 'k' });
  if (s.dayJob)
    assignments.push({ id: 'job', workerId: 'w1', kind: 'employment', contract: 'arbeidsavtale', employer: 'k' });
  const periods: Record<string, unknown>[] = [];
  const add = (assignmentId: string, from: { date: string; minute: number }, minutes: number, passive = 0) =>
    periods.push({
      assignmentId,
      ...period(from, minutes),
      ...(passive > 0 ? { passiveHours: Math.floor((minutes / 60) * passive) } : {}),
    });
  if (s.weekendEvery > 0)
    for (let w = 0; w < s.weeks; w += s.weekendEvery)
      add('a1', at(s.monday, w * 7 + 4, 16 * 60), s.weekendHours * 60, 0.3);
  if (s.dayJob) for (let d = 0; d < s.weeks * 7; d++) if (d % 7 < 5) add('job', at(s.monday, d, 8 * 60), 7.5 * 60);
  for (const v of s.visits) {
    if (v.day >= s.weeks * 7) continue;
    add(v.second && s.secondKind ? 'a2' : 'a1', at(s.monday, v.day, v.minute), v.minutes, v.passive);
  }
  return validateRotaDocument({
    version: 1,
    timezone: 'Europe/Oslo',
    workers: [{ id: 'w1' }],
    assignments,
    periods,
  });
}
