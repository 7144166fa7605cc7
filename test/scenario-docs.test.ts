// The counts the docs quote are the engine's: the generated table in scenarios/README.md matches
// the expected reports (scripts/scenario-docs.ts), and the exit code and the numbers of
// violations, warnings and info that each scenario's header and README row quote after
// "exit N" are those of its expected report.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Report } from '../src/report/schema.ts';
import { withTable } from '../scripts/scenario-docs.ts';

const names = readdirSync('scenarios').filter(
  (n) => n.endsWith('.yaml') && readdirSync('scenarios').includes(n.replace('.yaml', '.expected.json')),
);
const reportOf = (name: string) =>
  JSON.parse(readFileSync(`scenarios/${name.replace('.yaml', '.expected.json')}`, 'utf8')) as Report;

/** The exit code and counts a sentence quotes after "exit N" (an absent count reads as not quoted). */
function quoted(text: string): { exit: number; violations?: number; warnings?: number; info?: number } | undefined {
  const m = /exit (\d)/.exec(text);
  if (!m) return undefined;
  const rest = text.slice(m.index, m.index + 400);
  const count = (re: RegExp) => {
    const c = re.exec(rest);
    return c ? (c[1] === 'no' ? 0 : Number(c[1])) : undefined;
  };
  return {
    exit: Number(m[1]),
    violations: count(/\b(\d+|no) (?:hypothetical )?violations?\b/),
    warnings: /no violations or warnings/.test(rest) ? 0 : count(/\b(\d+|no) warnings?\b/),
    info: count(/\b(\d+) info\b/),
  };
}

function expectQuotes(where: string, text: string, r: Report) {
  const q = quoted(text);
  expect(q, `${where} quotes no "exit N"`).toBeDefined();
  expect(q!.exit, `${where}: exit`).toBe(r.summary.violations > 0 ? 1 : 0);
  for (const k of ['violations', 'warnings', 'info'] as const)
    if (q![k] !== undefined) expect(q![k], `${where}: ${k}`).toBe(r.summary[k]);
}

describe('scenario docs', () => {
  it("the generated table in scenarios/README.md is the expected reports' (npx tsx scripts/scenario-docs.ts)", () => {
    const readme = readFileSync('scenarios/README.md', 'utf8');
    expect(withTable(readme)).toBe(readme);
  });

  it.each(names)('%s: its header quotes the exit code and counts of its expected report', (name) => {
    const header = readFileSync(`scenarios/${name}`, 'utf8')
      .split(/^version: 1$/m)[0]!
      .replace(/^# ?/gm, '')
      .replace(/\s+/g, ' ');
    expectQuotes(`${name} header`, header, reportOf(name));
  });

  it.each(names)('%s: its README row quotes the exit code and counts of its expected report', (name) => {
    const row = readFileSync('scenarios/README.md', 'utf8')
      .split('\n')
      .find((l) => l.startsWith(`| \`${name}\` |`) && /exit \d/.test(l));
    expect(row, `no README row for ${name}`).toBeDefined();
    expectQuotes(`${name} README row`, row!, reportOf(name));
  });
});
