// What a save does to a held rota's lists (src/rota/patch.ts), item by item: the places a worker's
// items take, where more of them go, which places go, and what the save may not touch.
import { describe, expect, it } from 'vitest';
import type { InputError } from '../../src/rota/errors.ts';
import { validateRotaDocument } from '../../src/rota/load.ts';
import { applyPatch, validatePatch } from '../../src/rota/patch.ts';
import type { Rota } from '../../src/rota/schema.ts';

const job = (id: string, workerId: string) => ({
  id,
  workerId,
  kind: 'employment',
  contract: 'arbeidsavtale',
  employer: 'k',
});
const day = (assignmentId: string, d: number) => ({
  assignmentId,
  start: `2025-03-${String(d).padStart(2, '0')}T08:00`,
  end: `2025-03-${String(d).padStart(2, '0')}T16:00`,
});

/** w1 and w2 with their days interleaved: w1 on the 3rd, 5th and 7th, w2 on the 4th and 6th. */
function held(): Rota {
  return validateRotaDocument({
    version: 1,
    workers: [{ id: 'w1' }, { id: 'w2' }],
    assignments: [job('a', 'w1'), job('b', 'w2')],
    periods: [day('a', 3), day('b', 4), day('a', 5), day('b', 6), day('a', 7)],
    agreements: [
      { type: 'aml-10-5-1-averaging', workerId: 'w1' },
      { type: 'aml-10-5-1-averaging' },
      { type: 'aml-10-12-4-union-agreement', workerId: 'w1' },
    ],
  });
}
const days = (rota: Rota) => rota.periods.map((p) => `${p.assignmentId}${Number(p.start.slice(8, 10))}`);
const save = (doc: Record<string, unknown>) => applyPatch(held(), validatePatch(doc, held()).patch);

describe('applyPatch', () => {
  it('puts the saved items in the worker’s places, in order: every other item keeps its index', () => {
    const rota = save({
      workers: [{ id: 'w1' }],
      assignments: [job('a', 'w1')],
      periods: [day('a', 10), day('a', 11), day('a', 12)],
    });
    expect(days(rota)).toEqual(['a10', 'b4', 'a11', 'b6', 'a12']);
    expect(rota.agreements).toEqual([{ type: 'aml-10-5-1-averaging' }]);
  });

  it('puts more items after the last of the worker’s, and lets fewer leave places', () => {
    const more = save({
      workers: [{ id: 'w2' }],
      assignments: [job('b', 'w2')],
      periods: [day('b', 10), day('b', 11), day('b', 12), day('b', 13)],
    });
    expect(days(more)).toEqual(['a3', 'b10', 'a5', 'b11', 'b12', 'b13', 'a7']);
    const fewer = save({ workers: [{ id: 'w1' }], assignments: [job('a', 'w1')], periods: [day('a', 9)] });
    expect(days(fewer)).toEqual(['a9', 'b4', 'b6']);
  });

  it('replaces a worker where it stands and adds a new one after the others; the saved workers’ items together take the places of theirs', () => {
    const rota = save({
      workers: [{ id: 'w3' }, { id: 'w1', name: 'Kari' }],
      assignments: [job('c', 'w3')],
      periods: [day('c', 20)],
      agreements: [{ type: 'aml-10-5-1-averaging', workerId: 'w3' }],
    });
    expect(rota.workers).toEqual([{ id: 'w1', name: 'Kari' }, { id: 'w2' }, { id: 'w3' }]);
    expect(rota.assignments.map((a) => a.id)).toEqual(['c', 'b']);
    expect(days(rota)).toEqual(['c20', 'b4', 'b6']);
    expect(rota.agreements.map((a) => a.workerId)).toEqual(['w3', undefined]);
    // Without places of their own (no saved worker had any), they end the list.
    const alone = save({ workers: [{ id: 'w3' }], assignments: [job('c', 'w3')], periods: [day('c', 20)] });
    expect(days(alone)).toEqual(['a3', 'b4', 'a5', 'b6', 'a7', 'c20']);
  });

  it('keeps the held rota’s fields and the rota it was given', () => {
    const base = held();
    const before = JSON.stringify(base);
    const rota = applyPatch(base, validatePatch({ workers: [{ id: 'w2' }] }, base).patch);
    expect(JSON.stringify(base)).toBe(before);
    expect(rota.timezone).toBe('Europe/Oslo');
    expect(days(rota)).toEqual(['a3', 'a5', 'a7']);
  });
});

describe('validatePatch', () => {
  const issues = (doc: unknown) => {
    try {
      validatePatch(doc, held());
    } catch (err) {
      return (err as InputError).issues.map((i) => `${i.path}: ${i.message}`);
    }
    return [];
  };

  it('refuses what is not a save, naming each field', () => {
    expect(issues([])).toEqual([': must be an object with workers, assignments, periods and agreements']);
    expect(issues({ workers: [{ id: 'w1' }], plan: {}, version: 1 }).map((i) => i.split(':')[0])).toEqual([
      'plan',
      'version',
    ]);
    expect(issues({ workers: [] })[0]).toMatch(/^workers: must list at least one worker/);
  });

  it('checks the save in the held rota’s time zone and plan, with its own paths', () => {
    // 2025-03-30 02:30 does not exist in Europe/Oslo (summer time begins).
    const gap = issues({
      workers: [{ id: 'w1' }],
      assignments: [job('a', 'w1')],
      periods: [{ assignmentId: 'a', start: '2025-03-30T02:30', end: '2025-03-30T08:00' }],
    });
    expect(gap).toHaveLength(1);
    expect(gap[0]).toMatch(/^periods\[0\]\.start: /);
    expect(issues({ workers: [{ id: 'w1' }], periods: [day('b', 4)] })).toEqual([
      'periods[0].assignmentId: unknown assignment "b" (not in assignments)',
    ]);
  });

  it('refuses another worker’s assignment id and an agreement for everyone', () => {
    expect(issues({ workers: [{ id: 'w1' }], assignments: [job('b', 'w1')] })).toEqual([
      'assignments[0].id: assignment id "b" is worker "w2"\'s in the held rota (ids are unique across the rota)',
    ]);
    expect(issues({ workers: [{ id: 'w1' }], agreements: [{ type: 'aml-10-5-1-averaging' }] })).toEqual([
      'agreements[0].workerId: required in a save: an agreement for every worker is changed by posting the whole rota',
    ]);
    // A worker's own assignment id, saved again, is theirs to keep.
    expect(issues({ workers: [{ id: 'w1' }], assignments: [job('a', 'w1')] })).toEqual([]);
  });
});
