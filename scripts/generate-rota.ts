// A seeded, deterministic generator of realistic rota files (rota file v1) for scale tests:
//
//   npx tsx scripts/generate-rota.ts --workers 1000 --weeks 52 --seed 1 > /tmp/x.json
//     [--start 2025-01-06] [--format json|yaml] [--no-oppdrag]
//   npx tsx scenarios/generate.ts …   (the same command line, under the name the benchmark uses)
//
// The mix follows the KS/Proba survey of respite and support work in Norwegian municipalities and
// the bundled scenarios (wall times Europe/Oslo, one municipality as employer):
//   24 %  respite carers with weekend stays in their own home, one or two weekends a month,
//         Friday 16:00 → Sunday 16:00 (48 h, two passive nights), oppdrag; a third of them with a
//         written § 4 agreement (avl-4-60h);
//    8 %  48-hour stays in the user's home (respite-user-home), midweek or weekend, twice a month;
//    8 %  Friday-to-Monday stays, Friday 16:00 → Monday 08:00 (64 h, three passive nights), once
//         or twice a month;
//   15 %  carers with a day job in the same municipality (employment, arbeidsavtale, Monday–Friday
//         08:00–15:30) who also take a respite weekend once a month (oppdrag);
//   20 %  støttekontakter (support contacts): about 12 h a month in 3–4 hour visits, afternoons,
//         evenings and Saturdays, oppdrag;
//   25 %  nurses and care workers on a turnus with long shifts (employment, arbeidsavtale): 12.5-hour
//         day shifts 07:30–20:00 and 10-hour nights 21:30–07:30, every third weekend, about 35 h a
//         week, under the municipality's tariff averaging agreement (aml-10-5-2-tariff-averaging).
// `--no-oppdrag` writes every assignment as an arbeidsavtale, so the CLI skips the conversion
// assessment (the slow part) and only the rule evaluation is measured.
//
// Deterministic: each worker has its own PRNG seeded from (seed, index), so the first N workers of
// a larger file are the same as a file of N workers with the same seed and dates.
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { stringify as toYaml } from 'yaml';
import { wholeOption } from './options.ts';

export interface GenerateOptions {
  workers: number;
  weeks: number;
  seed: number;
  /** Monday the plan starts on (local date). */
  start?: string;
  /** Write every assignment as an arbeidsavtale (no conversion assessment). */
  noOppdrag?: boolean;
}

type Row = Record<string, unknown>;

/** mulberry32: a small deterministic PRNG, so a seed always gives the same rota. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const mix = (seed: number, index: number) =>
  Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(index + 1, 0xc2b2ae35);

function addDays(isoDate: string, days: number): string {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
const at = (date: string, time: string) => `${date}T${time}`;

const EMPLOYER = 'fjordvik-kommune';
const KINDS = [
  { name: 'weekend-respite', share: 0.24 },
  { name: 'user-home-48h', share: 0.08 },
  { name: 'friday-to-monday', share: 0.08 },
  { name: 'day-job-and-respite', share: 0.15 },
  { name: 'support-contact', share: 0.2 },
  { name: 'nurse-long-shifts', share: 0.25 },
] as const;
type Kind = (typeof KINDS)[number]['name'];

/** Which kind worker i is: a fixed, interleaved sequence, so every prefix of the file has the mix. */
function kindOf(i: number): Kind {
  // Low-discrepancy position in [0, 1) (golden ratio), mapped onto the cumulative shares.
  const u = (i * 0.6180339887498949) % 1;
  let acc = 0;
  for (const k of KINDS) {
    acc += k.share;
    if (u < acc) return k.name;
  }
  return KINDS[KINDS.length - 1]!.name;
}

export function generateRota(options: GenerateOptions): Row {
  const start = options.start ?? '2025-01-06';
  if (new Date(`${start}T00:00:00Z`).getUTCDay() !== 1) throw new Error(`--start must be a Monday, got ${start}`);
  const contract = (c: 'oppdrag' | 'arbeidsavtale') => (options.noOppdrag ? 'arbeidsavtale' : c);
  const days = options.weeks * 7;
  const workers: Row[] = [];
  const assignments: Row[] = [];
  const periods: Row[] = [];
  const agreements: Row[] = [{ type: 'aml-10-5-2-tariff-averaging', employer: EMPLOYER }];
  const respitePay = { hoursPerDay: 12, hourlyWage: 310 };

  for (let i = 0; i < options.workers; i++) {
    const rnd = random(mix(options.seed, i));
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
    const workerId = `w${String(i + 1).padStart(5, '0')}`;
    const kind = kindOf(i);
    workers.push({ id: workerId });
    const weekend = (week: number) => addDays(start, week * 7 + 4); // Friday of a week
    const stay = (assignmentId: string, from: string, to: string, passiveHours: number) =>
      periods.push({ assignmentId, start: from, end: to, passiveHours });

    switch (kind) {
      case 'weekend-respite':
      case 'day-job-and-respite':
      case 'friday-to-monday': {
        const id = `${workerId}-avlastning`;
        assignments.push({
          id,
          workerId,
          kind: 'respite-carer-home',
          contract: contract('oppdrag'),
          employer: EMPLOYER,
          indicators: {
            decidesTimes: pick(['municipality', 'family'] as const),
            personalPerformance: true,
            payForm: 'dognsats',
          },
          pay: { ...respitePay },
        });
        if (kind === 'weekend-respite' && rnd() < 1 / 3)
          agreements.push({ type: 'avl-4-60h', workerId, employer: EMPLOYER });
        // One or two weekends a month: every second or fourth week, from a random first week.
        const every = kind === 'day-job-and-respite' ? 4 : pick([2, 4]);
        for (let week = Math.floor(rnd() * every); week < options.weeks; week += every) {
          const friday = weekend(week);
          if (kind === 'friday-to-monday') stay(id, at(friday, '16:00'), at(addDays(friday, 3), '08:00'), 24);
          else stay(id, at(friday, '16:00'), at(addDays(friday, 2), '16:00'), 16);
        }
        if (kind === 'day-job-and-respite') {
          const job = `${workerId}-jobb`;
          assignments.push({ id: job, workerId, kind: 'employment', contract: 'arbeidsavtale', employer: EMPLOYER });
          for (let d = 0; d < days; d++)
            if (d % 7 < 5)
              periods.push({
                assignmentId: job,
                start: at(addDays(start, d), '08:00'),
                end: at(addDays(start, d), '15:30'),
              });
        }
        break;
      }
      case 'user-home-48h': {
        const id = `${workerId}-avlastning`;
        assignments.push({
          id,
          workerId,
          kind: 'respite-user-home',
          contract: contract('oppdrag'),
          employer: EMPLOYER,
          pay: { ...respitePay },
        });
        // Two 48-hour stays a month, starting Wednesday or Friday at 16:00.
        for (let week = Math.floor(rnd() * 2); week < options.weeks; week += 2) {
          const first = addDays(start, week * 7 + pick([2, 4]));
          stay(id, at(first, '16:00'), at(addDays(first, 2), '16:00'), 16);
        }
        break;
      }
      case 'support-contact': {
        const id = `${workerId}-stk`;
        assignments.push({
          id,
          workerId,
          kind: 'support-contact',
          contract: contract('oppdrag'),
          employer: EMPLOYER,
          indicators: {
            decidesTimes: 'family',
            personalPerformance: true,
            payForm: 'hourly',
            reportsToMunicipality: true,
          },
          pay: { hourlyWage: 215, todayRatePerHour: 185 },
        });
        // About 12 h a month: three or four visits of 3–4 hours in each four weeks.
        for (let block = 0; block * 28 < days; block++) {
          const visits = rnd() < 0.5 ? 3 : 4;
          const used = new Set<number>();
          for (let v = 0; v < visits; v++) {
            let day = Math.floor(rnd() * 28);
            while (used.has(day)) day = (day + 1) % 28;
            used.add(day);
            const d = block * 28 + day;
            if (d >= days) continue;
            const date = addDays(start, d);
            const saturday = d % 7 === 5;
            const from = saturday ? pick(['10:00', '11:00', '12:00']) : pick(['15:30', '16:00', '17:00']);
            const [h, m] = from.split(':').map(Number) as [number, number];
            const minutes = visits === 4 ? 180 : 240;
            const end = h * 60 + m + minutes;
            periods.push({
              assignmentId: id,
              start: at(date, from),
              end: at(date, `${String(Math.floor(end / 60)).padStart(2, '0')}:${String(end % 60).padStart(2, '0')}`),
            });
          }
        }
        break;
      }
      case 'nurse-long-shifts': {
        const id = `${workerId}-turnus`;
        assignments.push({ id, workerId, kind: 'employment', contract: 'arbeidsavtale', employer: EMPLOYER });
        // A three-week rotation: weekend on every third week (Saturday and Sunday day shifts), two
        // or three other shifts each week, nights now and then; at least 11 h between shifts.
        const phase = Math.floor(rnd() * 3);
        let lastEnd = -Infinity; // minutes from the start of the plan (wall clock)
        for (let week = 0; week < options.weeks; week++) {
          const weekendOn = (week + phase) % 3 === 0;
          const weekdays = [0, 1, 2, 3, 4].filter(() => rnd() < 0.55).slice(0, weekendOn ? 2 : 3);
          const shifts: Array<[number, 'day' | 'night']> = weekdays.map((d) => [d, rnd() < 0.25 ? 'night' : 'day']);
          if (weekendOn) shifts.push([5, 'day'], [6, 'day']);
          for (const [d, type] of shifts.sort((a, b) => a[0] - b[0])) {
            const day = week * 7 + d;
            const from = type === 'day' ? day * 1440 + 450 : day * 1440 + 1290;
            const to = type === 'day' ? day * 1440 + 1200 : (day + 1) * 1440 + 450;
            if (from - lastEnd < 11 * 60) continue;
            lastEnd = to;
            const date = addDays(start, day);
            if (type === 'day')
              periods.push({ assignmentId: id, start: at(date, '07:30'), end: at(date, '20:00'), breakMinutes: 30 });
            else
              periods.push({
                assignmentId: id,
                start: at(date, '21:30'),
                end: at(addDays(date, 1), '07:30'),
                breakMinutes: 30,
              });
          }
        }
        break;
      }
    }
  }
  return { version: 1, timezone: 'Europe/Oslo', workers, assignments, periods, agreements };
}

function readArgs(argv: string[]): GenerateOptions & { format: 'json' | 'yaml' } {
  const { values } = parseArgs({
    args: argv,
    options: {
      workers: { type: 'string', default: '100' },
      weeks: { type: 'string', default: '52' },
      seed: { type: 'string', default: '1' },
      start: { type: 'string', default: '2025-01-06' },
      format: { type: 'string', default: 'json' },
      'no-oppdrag': { type: 'boolean', default: false },
    },
  });
  if (values.format !== 'json' && values.format !== 'yaml')
    throw new Error(`--format must be json or yaml, got "${values.format}"`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(values.start!))
    throw new Error(`--start must be a date YYYY-MM-DD, got "${values.start}"`);
  return {
    workers: wholeOption('workers', values.workers, 1, 1_000_000),
    weeks: wholeOption('weeks', values.weeks, 1, 104),
    seed: wholeOption('seed', values.seed, 0, 2 ** 31 - 1),
    start: values.start!,
    noOppdrag: values['no-oppdrag'] ?? false,
    format: values.format,
  };
}

/** Writes a rota as JSON in pieces: a 10 000-worker year is over 100 MB, past what one string write should carry. */
export function writeRotaJson(rota: Row, write: (text: string) => void): void {
  const { periods, ...head } = rota as { periods: Row[] } & Row;
  const headText = JSON.stringify(head);
  write(`${headText.slice(0, -1)},"periods":[`);
  const CHUNK = 10_000;
  for (let i = 0; i < periods.length; i += CHUNK) {
    const part = periods
      .slice(i, i + CHUNK)
      .map((p) => JSON.stringify(p))
      .join(',\n');
    write(`${i === 0 ? '\n' : ',\n'}${part}`);
  }
  write('\n]}\n');
}

/** The command line (also behind `scenarios/generate.ts`): writes the rota to stdout; returns the exit code. */
export function main(argv: string[]): number {
  try {
    const args = readArgs(argv);
    const rota = generateRota(args);
    // No anchors and aliases: the loader allows only 100 aliases per document.
    if (args.format === 'yaml') process.stdout.write(toYaml(rota, { aliasDuplicateObjects: false }));
    else writeRotaJson(rota, (text) => process.stdout.write(text));
    return 0;
  } catch (err) {
    console.error(`generate-rota: ${err instanceof Error ? err.message : String(err)}`);
    return 2;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href)
  process.exitCode = main(process.argv.slice(2));
