// A large rota in parts: the merged report, the JSON written part by part and the CLI's threaded
// path must all be exactly what evaluate() and JSON.stringify give for the whole rota.
import { describe, expect, it } from 'vitest';
import { generateRota } from '../../scripts/generate-rota.ts';
import { main } from '../../src/cli/main.ts';
import { evaluate } from '../../src/engine/evaluate.ts';
import { defaultJobs, type EvaluatedPart, evaluateParallel, evaluateParts } from '../../src/engine/parallel.ts';
import { availableParallelism } from 'node:os';
import { mergeReports, partitionRota, partsOfWorkers, planSpan, ReportAssembler } from '../../src/engine/partition.ts';
import { JsonReportStream, TailLists } from '../../src/format/jsonStream.ts';
import type { Report } from '../../src/report/schema.ts';
import type { Rota } from '../../src/rota/schema.ts';
import { validateRotaDocument } from '../../src/rota/load.ts';
import { buildTimeline } from '../../src/timeline/build.ts';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// 24 workers over 8 weeks with the generator's mix: oppdrag (conversions), day jobs, støttekontakter, turnus.
const doc = generateRota({ workers: 24, weeks: 8, seed: 7 });
const rota = validateRotaDocument(doc);

function streamed(report: Report, cuts: number[]): string {
  let text = '';
  const decoder = new TextDecoder();
  const stream = new JsonReportStream((t) => (text += typeof t === 'string' ? t : decoder.decode(t)));
  let at = 0;
  for (const cut of [...cuts, report.findings.length]) {
    stream.add(report.findings.slice(at, cut));
    at = cut;
  }
  const { version: _v, findings: _f, ...tail } = report;
  stream.end(tail);
  return text;
}

/** main() in-process; `raw` gives it a raw stdout writer too, as bin/turnussjekk.mjs does (bytes from the parts). */
async function run(argv: string[], env: Record<string, string>, raw = false) {
  let out = '';
  let err = '';
  const decoder = new TextDecoder();
  const code = await main(argv, {
    out: (t) => (out += t.endsWith('\n') ? t : `${t}\n`),
    err: (t) => (err += t.endsWith('\n') ? t : `${t}\n`),
    ...(raw
      ? { write: (chunk: string | Uint8Array) => (out += typeof chunk === 'string' ? chunk : decoder.decode(chunk)) }
      : {}),
    env,
    stderrTty: null,
  });
  return { code, out, err };
}

describe('a rota evaluated in parts', () => {
  it('partitions every worker, assignment and period once, and gives agreements for everyone to every part', () => {
    const parts = partitionRota(rota, 5);
    expect(parts).toHaveLength(5);
    expect(parts.flatMap((p) => p.rota.workers.map((w) => w.id))).toEqual(rota.workers.map((w) => w.id));
    expect(parts.flatMap((p) => p.periodIndex).sort((a, b) => a - b)).toEqual(rota.periods.map((_, i) => i));
    expect(parts.reduce((s, p) => s + p.rota.assignments.length, 0)).toBe(rota.assignments.length);
    const shared = rota.agreements.filter((a) => a.workerId === undefined).length;
    expect(shared).toBeGreaterThan(0);
    for (const p of parts) expect(p.rota.agreements.filter((a) => a.workerId === undefined)).toHaveLength(shared);
  });

  it("gives some workers' parts as partitionRota(rota, 1) gives them, and no one else's", () => {
    const all = partitionRota(rota, 1);
    const ids = rota.workers.map((w) => w.id);
    // Asked out of order and with an id the rota lacks: the parts come in the rota's order.
    for (const picked of [[ids[3]!], [ids[20]!, ids[0]!, ids[7]!, 'nobody'], ids, []]) {
      const set = new Set(picked);
      const expected = all.filter((p) => set.has(p.rota.workers[0]!.id));
      expect(JSON.stringify(partsOfWorkers(rota, set))).toBe(JSON.stringify(expected));
    }
    expect(() => partsOfWorkers({ ...rota, cycle: { weeks: 2 } } as Rota, new Set(ids))).toThrow(/evaluated whole/);
  });

  it("merges to the whole rota's report, conversions included, for any part size", async () => {
    const whole = await evaluate(rota);
    expect(whole.conversions.length).toBeGreaterThan(0);
    const span = planSpan(buildTimeline(rota))!;
    for (const size of [1, 5, 24]) {
      const parts = [];
      for (const part of partitionRota(rota, size)) parts.push({ report: await evaluate(part.rota, { span }), part });
      expect(JSON.stringify(mergeReports(rota, parts))).toBe(JSON.stringify(whole));
    }
  });

  it("without the whole plan's span a part would judge other frames (the span is what ties parts together)", async () => {
    // The last workers' periods start later than the plan: their multi-week blocks would count from their own first week.
    const whole = await evaluate(rota, { conversions: false });
    const parts = [];
    for (const part of partitionRota(rota, 1))
      parts.push({ report: await evaluate(part.rota, { conversions: false }), part });
    expect(JSON.stringify(mergeReports(rota, parts))).not.toBe(JSON.stringify(whole));
  });

  it('on two worker processes gives the same report as evaluate()', async () => {
    const whole = await evaluate(rota);
    const threaded = await evaluateParallel(rota, {}, { jobs: 2, workersPerPart: 4 });
    expect(JSON.stringify(threaded)).toBe(JSON.stringify(whole));
  });

  it.each([1, 2])(
    'handed the rota (release), on %i process(es), lets its periods go and gives the same parts',
    async (jobs) => {
      const kept: EvaluatedPart[] = [];
      for await (const p of evaluateParts(rota, {}, { jobs, workersPerPart: 4 })) kept.push(p);
      const handed: Rota = { ...rota, periods: [...rota.periods] };
      const given: EvaluatedPart[] = [];
      for await (const p of evaluateParts(handed, {}, { jobs, workersPerPart: 4, release: true })) given.push(p);
      expect(handed.periods).toEqual([]);
      expect(given.every((p) => p.part.rota.periods.length === 0)).toBe(true);
      expect(given.map((p) => JSON.stringify(p.report))).toEqual(kept.map((p) => JSON.stringify(p.report)));
      expect(given.map((p) => p.part.periodIndex)).toEqual(kept.map((p) => p.part.periodIndex));
      expect(mergeReports(rota, given)).toEqual(await evaluate(rota));
    },
  );
});

describe('parts rendered as they are evaluated', () => {
  // Each worker's findings are written as soon as they are found and only their incidents and counts
  // kept: the report put together from the parts must be the whole rota's, incidents indexing the
  // findings of every worker before them, in a part and across parts.
  async function rendered(style: 'json' | 'ndjson', jobs: number, workersPerPart: number) {
    let text = '';
    const decoder = new TextDecoder();
    const write = (t: string | Uint8Array) => (text += typeof t === 'string' ? t : decoder.decode(t));
    const stream = new JsonReportStream(write);
    const assembler = new ReportAssembler(rota);
    let counted = 0;
    for await (const p of evaluateParts(rota, {}, { jobs, workersPerPart, render: style })) {
      expect(p.report.findings).toEqual([]);
      assembler.addCounted(p.report, p.rendered!.counts);
      counted += p.rendered!.counts.violations + p.rendered!.counts.warnings + p.rendered!.counts.info;
      if (style === 'json') stream.addRendered(p.rendered!.pieces);
      else for (const piece of p.rendered!.pieces) write(piece);
    }
    const tail = assembler.finish();
    if (style === 'json') stream.end(tail);
    return { text, tail, counted };
  }

  it.each([
    [1, 5],
    [1, 24],
    [2, 7],
  ])("on %i process(es), %i workers a part: the JSON report is the whole rota's", async (jobs, size) => {
    const whole = await evaluate(rota);
    expect(whole.incidents.length).toBeGreaterThan(10);
    const { text, counted } = await rendered('json', jobs, size);
    expect(text).toBe(`${JSON.stringify(whole, null, 2)}\n`);
    expect(counted).toBe(whole.findings.length);
  });

  it('on two processes, a part without findings adds nothing, and the folder the findings came through is gone after', async () => {
    // Seven workers with no work: the last part (7 a part) has no finding, and its file is empty.
    const idle = Array.from({ length: 7 }, (_, i) => ({ id: `idle-${i}` }));
    const withIdle = validateRotaDocument({ ...doc, workers: [...(doc.workers as object[]), ...idle] });
    const whole = await evaluate(withIdle);
    const folder = mkdtempSync(join(tmpdir(), 'parts-test-'));
    const before = process.env.TMPDIR;
    process.env.TMPDIR = folder;
    try {
      let text = '';
      const decoder = new TextDecoder();
      const stream = new JsonReportStream((t) => (text += typeof t === 'string' ? t : decoder.decode(t)));
      const assembler = new ReportAssembler(withIdle);
      const parts: EvaluatedPart[] = [];
      for await (const p of evaluateParts(withIdle, {}, { jobs: 2, workersPerPart: 7, render: 'json' })) {
        parts.push(p);
        assembler.addCounted(p.report, p.rendered!.counts);
        stream.addRendered(p.rendered!.pieces);
      }
      stream.end(assembler.finish());
      expect(parts.at(-1)!.rendered!.pieces).toEqual([]);
      expect(text).toBe(`${JSON.stringify(whole, null, 2)}\n`);
      expect(readdirSync(folder)).toEqual([]);
    } finally {
      if (before === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = before;
    }
  });

  it('says where it could not make the folder for the findings, before any part is evaluated', async () => {
    const before = process.env.TMPDIR;
    process.env.TMPDIR = join(tmpdir(), 'no-such-folder', 'deeper');
    try {
      const parts = evaluateParts(rota, {}, { jobs: 2, workersPerPart: 7, render: 'json' });
      await expect(parts.next()).rejects.toThrow(/cannot make a folder for the parts' findings in .*no-such-folder/);
    } finally {
      if (before === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = before;
    }
  });

  it("one line per finding, in the whole rota's order, with its tail", async () => {
    const whole = await evaluate(rota);
    const { text, tail } = await rendered('ndjson', 1, 5);
    expect(text).toBe(whole.findings.map((f) => `${JSON.stringify(f)}\n`).join(''));
    const { version: _v, findings: _f, ...wholeTail } = whole;
    expect(JSON.stringify(tail)).toBe(JSON.stringify({ version: 1, ...wholeTail }));
  });
});

describe('worker processes by default', () => {
  it('one per 350 oppdrag to assess, one per core for the rules alone from 400 000 periods, at most one per core, at least one', () => {
    const noOppdrag: Rota['assignments'] = rota.assignments.map((a) => ({ ...a, contract: 'arbeidsavtale' as const }));
    const withPeriods = (n: number, assignments = noOppdrag) => ({
      ...rota,
      assignments,
      periods: { length: n } as Rota['periods'],
    });
    expect(defaultJobs(withPeriods(94_224))).toBe(1);
    expect(defaultJobs(withPeriods(399_999))).toBe(1);
    expect(defaultJobs(withPeriods(400_000))).toBe(availableParallelism());
    const oppdrag = (n: number) =>
      Array.from({ length: n }, (_, i) => ({
        id: `o${i}`,
        workerId: 'w',
        kind: 'respite-carer-home' as const,
        contract: 'oppdrag' as const,
      }));
    expect(defaultJobs(withPeriods(94_224, oppdrag(349)))).toBe(1);
    expect(defaultJobs(withPeriods(94_224, oppdrag(700)))).toBe(Math.min(2, availableParallelism()));
    expect(defaultJobs(withPeriods(94_224, oppdrag(100_000)))).toBe(availableParallelism());
    const many = oppdrag(750);
    expect(defaultJobs(withPeriods(94_224, many))).toBe(Math.min(2, availableParallelism()));
    expect(defaultJobs(withPeriods(94_224, many), false)).toBe(1);
  });
});

describe('the JSON report written part by part', () => {
  it('is byte for byte JSON.stringify(report, null, 2), however the findings are cut', async () => {
    const report = await evaluate(rota, { conversions: false });
    const expected = `${JSON.stringify(report, null, 2)}\n`;
    const n = report.findings.length;
    expect(n).toBeGreaterThan(3);
    for (const cuts of [[], [0], [1], [0, 0, 1, n], [1, 2, 3], [Math.floor(n / 2)], [n]])
      expect(streamed(report, cuts)).toBe(expected);
  });

  it("writes the incidents, headroom and profiles encoded as the parts came (TailLists) as the whole report's", async () => {
    const span = planSpan(buildTimeline(rota));
    // Parts of one and of five workers, and an empty part after each (a part with no incidents,
    // headroom or profiles adds nothing, not even a comma).
    for (const size of [1, 5]) {
      const parts = partitionRota(rota, size);
      const reports = await Promise.all(parts.map((p) => evaluate(p.rota, { span })));
      const whole = mergeReports(
        rota,
        reports.map((report, i) => ({ report, part: parts[i]! })),
      );
      expect(whole.incidents.length).toBeGreaterThan(0);
      expect(whole.headroom.length).toBeGreaterThan(0);
      const folder = mkdtempSync(join(tmpdir(), 'turnussjekk-tail-test-'));
      const lists = new TailLists(folder);
      const assembler = new ReportAssembler(rota, false, (part) => {
        lists.add(part);
        lists.add({ incidents: [], headroom: [], profiles: [] });
      });
      let text = '';
      const decoder = new TextDecoder();
      const stream = new JsonReportStream(
        (t) => (text += typeof t === 'string' ? t : decoder.decode(t, { stream: true })),
      );
      reports.forEach((report, i) => {
        stream.add(assembler.add(report, parts[i]!));
      });
      const tail = assembler.finish();
      expect(tail.incidents).toEqual([]);
      const { version: _v, ...rest } = tail;
      stream.end(rest, lists);
      lists.close();
      expect(text).toBe(`${JSON.stringify(whole, null, 2)}\n`);
      expect(readdirSync(folder).sort()).toEqual(['headroom.json', 'incidents.json', 'profiles.json']);
      rmSync(folder, { recursive: true });
    }
  });

  it('reads lists longer than a read back from their files whole, characters cut between reads included', () => {
    const folder = mkdtempSync(join(tmpdir(), 'turnussjekk-tail-test-'));
    const lists = new TailLists(folder);
    // About 3 MB of profiles whose text holds two- and three-byte characters at every offset.
    const profiles = Array.from({ length: 20_000 }, (_, i) => ({
      workerId: `w-${i}`,
      note: `${'ø'.repeat(i % 7)}§–${'å'.repeat(i % 5)} ${'x'.repeat(100)}`,
    })) as unknown as Report['profiles'];
    for (let i = 0; i < profiles.length; i += 1000)
      lists.add({ incidents: [], headroom: [], profiles: profiles.slice(i, i + 1000) });
    const chunks: Uint8Array[] = [...lists.written('profiles')!];
    lists.close();
    rmSync(folder, { recursive: true });
    expect(chunks.length).toBeGreaterThan(3);
    const text = Buffer.concat(chunks).toString('utf8');
    // The list as the report writes it one level in: JSON.stringify's lines, two spaces further in.
    expect(text).toBe(JSON.stringify(profiles, null, 2).replaceAll('\n', '\n  '));
  });

  it('writes empty tail lists encoded as the parts came as JSON.stringify does', () => {
    const folder = mkdtempSync(join(tmpdir(), 'turnussjekk-tail-test-'));
    const lists = new TailLists(folder);
    lists.add({ incidents: [], headroom: [], profiles: [] });
    let text = '';
    const stream = new JsonReportStream((t) => (text += typeof t === 'string' ? t : new TextDecoder().decode(t)));
    const tail = { ...new ReportAssembler(rota).finish(), incidents: [], headroom: [], profiles: [] };
    const { version: _v, ...rest } = tail;
    stream.end(rest, lists);
    lists.close();
    rmSync(folder, { recursive: true });
    expect(text).toBe(`${JSON.stringify({ version: 1, findings: [], ...rest }, null, 2)}\n`);
  });

  it('writes an empty findings list as JSON.stringify does', async () => {
    const report = await evaluate(
      validateRotaDocument({
        version: 1,
        workers: [{ id: 'w' }],
        assignments: [{ id: 'a', workerId: 'w', kind: 'employment', contract: 'arbeidsavtale' }],
        periods: [],
      }),
    );
    expect(streamed(report, [])).toBe(`${JSON.stringify(report, null, 2)}\n`);
  });
});

describe('turnussjekk check on a large rota', () => {
  // Forced into parts (TURNUSSJEKK_PARALLEL_MIN_PERIODS=1), eight workers of the same mix are as
  // many parts as the cores take and cost a third of the evaluations the 24 above would.
  const cliDoc = generateRota({ workers: 8, weeks: 8, seed: 7 });
  const dir = mkdtempSync(join(tmpdir(), 'turnussjekk-parallel-'));
  const file = join(dir, 'rota.json');
  writeFileSync(file, JSON.stringify(cliDoc));

  it("streams the JSON report from worker processes, and in this process, identical to evaluate()'s report, with the same exit code", async () => {
    // Under the threshold: the whole rota in one evaluate(). Over it (threshold 1): in parts.
    const whole = await run(['check', file, '--format', 'json'], {});
    const twoJobs = await run(['check', file, '--format', 'json', '--jobs', '2'], {
      TURNUSSJEKK_PARALLEL_MIN_PERIODS: '1',
    });
    const oneJob = await run(['check', file, '--format', 'json', '--jobs', '1'], {
      TURNUSSJEKK_PARALLEL_MIN_PERIODS: '1',
    });
    expect(whole.code).toBe(1);
    expect(twoJobs.code).toBe(whole.code);
    expect(oneJob.code).toBe(whole.code);
    expect(twoJobs.out).toBe(whole.out);
    expect(oneJob.out).toBe(whole.out);
    // Written as raw bytes, as the command line writes them.
    const twoJobsRaw = await run(
      ['check', file, '--format', 'json', '--jobs', '2'],
      { TURNUSSJEKK_PARALLEL_MIN_PERIODS: '1' },
      true,
    );
    expect(twoJobsRaw.out).toBe(whole.out);
    expect(twoJobsRaw.code).toBe(whole.code);
    // The law of another date reaches every part.
    const asOfWhole = await run(['check', file, '--format', 'json', '--as-of', '2016-06-01'], {});
    const asOfParts = await run(['check', file, '--format', 'json', '--as-of', '2016-06-01', '--jobs', '2'], {
      TURNUSSJEKK_PARALLEL_MIN_PERIODS: '1',
    });
    expect(asOfWhole.out).not.toBe(whole.out);
    expect(asOfParts.out).toBe(asOfWhole.out);
    // The rest run their parts in this process: a worker process starting from the sources costs
    // seconds (it compiles them), and the processes' own path is the one proven above.
    // --fail-on warning counts warnings from rendered parts too.
    const strict = await run(['check', file, '--format', 'json', '--fail-on', 'warning', '--jobs', '1'], {
      TURNUSSJEKK_PARALLEL_MIN_PERIODS: '1',
    });
    expect(strict.code).toBe(1);
    // And the text report from the merged parts.
    const text1 = await run(['check', file], {});
    const text2 = await run(['check', file, '--jobs', '1'], { TURNUSSJEKK_PARALLEL_MIN_PERIODS: '1' });
    expect(text2.out).toBe(text1.out);
  });

  it("refuses invalid input before writing anything, naming the whole file's row", async () => {
    const bad = structuredClone(cliDoc) as { periods: Array<Record<string, unknown>> };
    bad.periods[bad.periods.length - 1]!.assignmentId = 'nobody';
    const badFile = join(dir, 'bad.json');
    writeFileSync(badFile, JSON.stringify(bad));
    const r = await run(['check', badFile, '--format', 'json'], { TURNUSSJEKK_PARALLEL_MIN_PERIODS: '1' });
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toContain(`periods[${bad.periods.length - 1}].assignmentId`);
  });

  it('draws a bar over the parts of one large file on a terminal, and clears it; none in a pipe', async () => {
    for (const format of ['json', 'text']) {
      const writes: string[] = [];
      let out = '';
      const code = await main(['check', file, '--format', format, '--jobs', '1'], {
        out: (t) => (out += t),
        err: () => undefined,
        env: { TURNUSSJEKK_PARALLEL_MIN_PERIODS: '1' },
        stderrTty: { write: (t: string) => writes.push(t), columns: 100 },
      });
      expect(code).toBe(1);
      const bars = writes.filter((w) => w.includes('%'));
      // Four parts a core, at most 100 workers a part: the last draw shows every part done.
      expect(bars.length).toBeGreaterThan(0);
      expect(bars.at(-1)).toMatch(/100% (\d+)\/\1/);
      expect(writes.at(-1)).toBe('\r\x1b[2K');
      expect(out).not.toContain('%]');
    }
    const piped = await run(['check', file, '--format', 'json'], { TURNUSSJEKK_PARALLEL_MIN_PERIODS: '1' });
    expect(piped.err).not.toContain('%');
  });

  it('rejects a bad --jobs', async () => {
    const r = await run(['check', file, '--jobs', '0'], {});
    expect(r.code).toBe(2);
    expect(r.err).toContain('--jobs');
  });
});
