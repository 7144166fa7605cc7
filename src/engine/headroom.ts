// Headroom: per worker and limit, how much is left in the tightest window of the plan, so HR sees
// "3.5 h left before the 25-hour ceiling" before anything is broken and before offering an extra
// shift. Every check already finds its worst window to judge it; the collector keeps, per worker
// and rule, the tightest of those across the worker's passes (real and hypothetical, each
// undertaking), in the rule's own direction: hours over a maximum, hours short of a minimum rest.
import type { FactWindow } from '../facts/types.ts';
import type { Finding, Headroom } from '../report/schema.ts';
import { margin, type CompiledCheck } from '../rules/limits.ts';
import { formatInstant } from '../time/instant.ts';

const round2 = (x: number) => Math.round(x * 100) / 100;

/** A worker's tightest window for one rule so far, written out only when the report is made. */
interface Kept {
  margin: number;
  check: CompiledCheck;
  start: number;
  end: number;
  measured: number;
  limit: number;
  hypothetical: boolean;
}

export class HeadroomCollector {
  // Most offers are overtaken by a tighter window of a later pass: the instants are written and
  // the figures rounded for the one kept, not for every window offered.
  private readonly byWorker = new Map<string, Map<string, Kept>>();

  constructor(private readonly zone: string) {}

  /** A check's worst window for one worker's pass: kept when it is the tightest so far for the rule. */
  offer(workerId: string, c: CompiledCheck, w: FactWindow, limit: number, hypothetical: boolean): void {
    // Rules that only inform or restate another reading (rolling windows, supplementary checks) leave no headroom.
    // A rest that runs to the plan's edge is unbounded: it says nothing about room left.
    if (c.check.severity === 'info' || c.check.supplementary || !Number.isFinite(w.measured)) return;
    const m = margin(c.check.operator, w.measured, limit);
    let rules = this.byWorker.get(workerId);
    if (!rules) this.byWorker.set(workerId, (rules = new Map()));
    const kept = rules.get(c.check.id);
    if (kept && kept.margin >= m) return;
    rules.set(c.check.id, {
      margin: m,
      check: c,
      start: w.start,
      end: w.end,
      measured: w.measured,
      limit,
      hypothetical,
    });
  }

  /** Every worker's headroom, workers in the given order and each worker's rules by id. */
  entries(workerOrder: string[]): Headroom[] {
    const out: Headroom[] = [];
    for (const workerId of workerOrder) {
      const rules = this.byWorker.get(workerId);
      if (!rules) continue;
      for (const id of [...rules.keys()].sort()) out.push(this.entry(workerId, rules.get(id)!));
    }
    return out;
  }

  private entry(workerId: string, k: Kept): Headroom {
    const unit = k.check.file.parameters[k.check.check.limit]!.unit;
    const entry: Headroom = {
      workerId,
      ruleId: k.check.check.id,
      window: { start: formatInstant(k.start, this.zone), end: formatInstant(k.end, this.zone) },
      measured: round2(k.measured),
      limit: round2(k.limit),
      left: round2(-k.margin) + 0, // + 0: no -0 in the report
      unit: (unit === 'hour-of-day' ? 'hours' : unit) as Finding['unit'],
    };
    if (k.hypothetical) entry.hypothetical = true;
    return entry;
  }
}
