// How the conversion assessment (conversion/assess.ts) evaluates a worker's part: with violations
// only, its runs of one part sharing what they measure alike (reuse.ts), and a run asked only
// whether a violation binds the assignment ending at the first such violation (enough.ts).
// The product (finishReport.ts) and the tests that hold the reasoned assessment to the brute-force
// oracle evaluate the parts the same way.
import type { Evaluator } from '../conversion/assess.ts';
import { EnoughFound } from './enough.ts';
import type { EvaluateOptions } from './evaluate.ts';
import type { Evaluate } from './finishReport.ts';

/**
 * The assessment's evaluator over `evaluate`, with the evaluation's own options (its rule book, its
 * date). `shared: false` measures every run anew and runs it whole (the oracle's way).
 */
export function partRuns(evaluate: Evaluate, options: EvaluateOptions, shared = true): Evaluator {
  return async (rota, reuse, enough) => {
    try {
      return await evaluate(rota, {
        ...options,
        span: undefined,
        conversions: false,
        violationsOnly: true,
        ...(shared && reuse ? { reuse } : {}),
        ...(shared && enough ? { enough } : {}),
      });
    } catch (err) {
      // Asked whether the part leaves such a finding, the run ended at the first.
      if (err instanceof EnoughFound) return { findings: err.findings };
      throw err;
    }
  };
}
