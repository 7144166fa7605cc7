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

export class HeadroomCollector {
  private readonly byWorker = new Map<string, Map<string, Headroom & { margin: number }>>();

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
    const unit = c.file.parameters[c.check.limit]!.unit;
    const entry: Headroom & { margin: number } = {
      margin: m,
      workerId,
      ruleId: c.check.id,
      window: { start: formatInstant(w.start, this.zone), end: formatInstant(w.end, this.zone) },
      measured: round2(w.measured),
      limit: round2(limit),
      left: round2(-m) + 0, // + 0: no -0 in the report
      unit: (unit === 'hour-of-day' ? 'hours' : unit) as Finding['unit'],
    };
    if (hypothetical) entry.hypothetical = true;
    rules.set(c.check.id, entry);
  }

  /** Every worker's headroom, workers in the given order and each worker's rules by id. */
  entries(workerOrder: string[]): Headroom[] {
    const out: Headroom[] = [];
    for (const workerId of workerOrder) {
      const rules = this.byWorker.get(workerId);
      if (!rules) continue;
      for (const id of [...rules.keys()].sort()) {
        const { margin: _m, ...entry } = rules.get(id)!;
        out.push(entry);
      }
    }
    return out;
  }
}
