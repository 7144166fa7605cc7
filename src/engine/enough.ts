// A conversion run that is asked only whether the changed schedule still leaves a violation binding
// the oppdrag (EvaluateOptions.enough): the answer is yes at the first check that makes one, and the
// checks after it, their measures and findings, would not change it. Of the restructurings tried,
// most leave a violation (220 of 360 in 600 workers of the national year), and their runs were a
// quarter of the assessment's time.
//
// A primary check's breaches are findings as they stand (rawFindings.ts keeps every one, or the
// worst of a worst-only check): one of the kind asked for is in the whole run's findings too. A
// supplementary check's are not (a finding of its rule may take them over), so the run goes on
// past those.
import type { Finding } from '../report/schema.ts';
import { toFinding } from './findings.ts';
import type { Judged } from './judgement.ts';
import type { Pass } from './pass.ts';
import { breachFindings } from './rawFindings.ts';

/** Thrown to end a run at the first finding of the kind asked for, with that finding; caught by whoever asked (partRuns.ts). */
export class EnoughFound extends Error {
  constructor(readonly findings: Finding[]) {
    super('a finding of the kind asked for was found');
    this.name = 'EnoughFound';
  }
}

/** For judgeAll: ends the run (EnoughFound) at the first finding of the kind asked for that a primary check's breaches make. */
export function stopAtEnough(pass: Pass, enough: (f: Finding) => boolean): (one: Judged) => void {
  return (one) => {
    if (one.c.check.supplementary || one.hits.length === 0) return;
    for (const raw of breachFindings(pass, one, [])) {
      const f = toFinding(raw, pass);
      if (enough(f)) throw new EnoughFound([f]);
    }
  };
}
