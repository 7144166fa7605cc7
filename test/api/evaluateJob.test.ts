// What a job answers is handed to the event loop's thread without a copy (its buffer is transferred):
// the bytes must be memory of their own, never a slice of Buffer's shared pool, which a small
// answer would be with Buffer.from.
import { describe, expect, it } from 'vitest';
import { type EvaluateJob, runJob } from '../../api/evaluateJob.ts';
import { defaultRuleBook } from '../../src/rules/load.ts';
import { smallRota } from './helpers.ts';

describe('a job’s answer', () => {
  it.each(['evaluate', 'headroom'] as const)(
    'from %s is the UTF-8 of its JSON, in a buffer of its own',
    async (route) => {
      const job: EvaluateJob = { route, body: { format: 'json', text: JSON.stringify(smallRota()) }, maxSpanDays: 731 };
      const json = (await runJob(job, { ruleBook: defaultRuleBook() })).json!;
      expect(json.byteOffset).toBe(0);
      expect(json.buffer.byteLength).toBe(json.byteLength);
      const text = new TextDecoder('utf-8', { fatal: true }).decode(json);
      expect(JSON.parse(text)).toBeTypeOf('object');
      expect(Buffer.from(new TextEncoder().encode(text)).equals(Buffer.from(json))).toBe(true);
      if (route === 'headroom') expect(json.byteLength).toBeLessThan(4096);
    },
  );

  it('writes text beyond ASCII as UTF-8', async () => {
    const job: EvaluateJob = {
      route: 'evaluate',
      body: { format: 'json', text: JSON.stringify(smallRota()) },
      maxSpanDays: 731,
    };
    const json = (await runJob(job, { ruleBook: defaultRuleBook() })).json!;
    const text = new TextDecoder().decode(json);
    expect(json.byteLength).toBeGreaterThan(text.length);
  });
});
