// A worker's own part of the rota: the conversion question is asked of one worker at a time, with
// that worker's assignments, periods and timeline and no one else's.
import type { Rota } from '../rota/schema.ts';
import type { Timeline, WorkInterval } from '../timeline/build.ts';

/** The worker's own part of the rota, with one assignment turned into employment. */
export function workerRota(rota: Rota, workerId: string, convert: string, agreements: Rota['agreements']): Rota {
  const assignments = rota.assignments
    .filter((a) => a.workerId === workerId)
    .map((a) => (a.id === convert ? { ...a, contract: 'arbeidsavtale' as const } : a));
  const own = new Set(assignments.map((a) => a.id));
  const { variants: _variants, ...rest } = rota as Rota & { variants?: unknown };
  return {
    ...rest,
    workers: rota.workers.filter((w) => w.id === workerId),
    assignments,
    periods: rota.periods.filter((p) => own.has(p.assignmentId)),
    agreements,
  };
}

export interface WorkerIndex {
  workers: Map<string, Rota['workers']>;
  assignments: Map<string, Rota['assignments']>;
  /** The worker's periods in file order, with their index in the whole rota. */
  periods: Map<string, Array<{ period: Rota['periods'][number]; at: number }>>;
  intervals: Map<string, WorkInterval[]>;
  intervalsByAssignment: Map<string, WorkInterval[]>;
}

/** One pass over the rota and its timeline: each worker's assignments, periods and intervals, in file order. */
export function indexByWorker(rota: Rota, timeline: Timeline): WorkerIndex {
  const push = <K, V>(map: Map<K, V[]>, key: K, value: V) => {
    const list = map.get(key);
    if (list) list.push(value);
    else map.set(key, [value]);
  };
  const index: WorkerIndex = {
    workers: new Map(),
    assignments: new Map(),
    periods: new Map(),
    intervals: new Map(),
    intervalsByAssignment: new Map(),
  };
  for (const w of rota.workers) push(index.workers, w.id, w);
  const workerOf = new Map<string, string>();
  for (const a of rota.assignments) {
    push(index.assignments, a.workerId, a);
    workerOf.set(a.id, a.workerId);
  }
  rota.periods.forEach((period, at) => {
    const workerId = workerOf.get(period.assignmentId);
    if (workerId !== undefined) push(index.periods, workerId, { period, at });
  });
  for (const iv of timeline.intervals) {
    push(index.intervals, iv.workerId, iv);
    push(index.intervalsByAssignment, iv.assignmentId, iv);
  }
  return index;
}

/**
 * The worker's own part of the rota (that worker, its assignments and periods, no variants, no
 * agreements: each evaluation brings its own), with its timeline: the same intervals, their
 * periodIndex counted in the slice's periods.
 */
export function workerSlice(
  rota: Rota,
  timeline: Timeline,
  index: WorkerIndex,
  workerId: string,
): { rota: Rota; timeline: Timeline } {
  const own = index.periods.get(workerId) ?? [];
  const { variants: _variants, ...rest } = rota as Rota & { variants?: unknown };
  const slice: Rota = {
    ...rest,
    workers: index.workers.get(workerId) ?? [],
    assignments: index.assignments.get(workerId) ?? [],
    periods: own.map((p) => p.period),
    agreements: [],
  };
  const inSlice = new Map(own.map((p, i) => [p.at, i]));
  const intervals = (index.intervals.get(workerId) ?? []).map((iv) => ({
    ...iv,
    periodIndex: inSlice.get(iv.periodIndex)!,
  }));
  return { rota: slice, timeline: { ...timeline, rota: slice, intervals, agreements: [] } };
}
