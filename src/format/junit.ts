// JUnit XML, what CI test reporters read: one <testsuite> per rota file, one <testcase> per
// worker × rule id (classname = worker, name = rule id). Each finding at or above the fail-on
// severity (default: violations) is a <failure> whose message is the Norwegian message; the other
// findings are written to the test case's <system-out>, so they are visible but do not fail.
import { writeNumber } from '../engine/messages.ts';
import { DateTime } from 'luxon';
import { fails, type FailOn } from '../report/baseline.ts';
import type { Finding } from '../report/schema.ts';
import type { CheckedFile } from './locations.ts';

export interface JunitOptions {
  /** Every rule id checked (e.g. from listRules), so passing rules appear as passed test cases. */
  ruleIds: string[];
  failOn?: FailOn;
}

// XML 1.0 allows tab, LF, CR and the ranges below; anything else (control characters, lone
// surrogates) cannot be written even as a character reference, so it becomes U+FFFD.
const INVALID_XML = /[^\t\n\r\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

export function escapeXmlText(s: string): string {
  return s.replace(INVALID_XML, '\uFFFD').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function escapeXmlAttr(s: string): string {
  return escapeXmlText(s)
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    .replace(/\t/g, '&#9;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;');
}

function attrs(a: Record<string, string | number>): string {
  return Object.entries(a)
    .map(([k, v]) => ` ${k}="${escapeXmlAttr(String(v))}"`)
    .join('');
}

const local = (iso: string) => DateTime.fromISO(iso, { setZone: true }).toFormat('dd.MM.yyyy HH:mm');
// Made one Intl.NumberFormat per number before: a third of a national year's JUnit.
const num = (n: number) => writeNumber(n, 'nb');

/** The lines a person needs beside the message: the paragraph, the window, the numbers. */
function details(f: Finding): string {
  return [
    `${f.severity === 'violation' ? 'BRUDD' : f.severity === 'warning' ? 'ADVARSEL' : 'INFO'} ${f.ruleId} — ${f.title.nb} (${f.citation})`,
    `Tidsrom: ${local(f.window.start)} – ${local(f.window.end)} (${f.window.start} – ${f.window.end})`,
    `Oppdrag/arbeidsforhold: ${f.assignmentIds.join(', ') || '–'}${f.hypothetical ? ' (gjelder bare hvis oppdraget blir arbeidsavtale)' : ''}`,
    `Målt ${num(f.measured)} t, grense ${num(f.limit)} t.`,
    f.message.nb,
    ...(f.curedBy.length > 0 ? [`Kan bli lovlig med: ${f.curedBy.join(', ')}`] : []),
    ...(f.url ? [f.url] : []),
  ].join('\n');
}

interface Case {
  worker: string;
  ruleId: string;
  failures: Finding[];
  others: Finding[];
}

function suite(file: CheckedFile, opts: JunitOptions): { xml: string; tests: number; failures: number } {
  const failOn = opts.failOn ?? 'violation';
  const ruleIds = [...opts.ruleIds];
  for (const f of file.report.findings) if (!ruleIds.includes(f.ruleId)) ruleIds.push(f.ruleId);
  const workers = file.rota.workers.map((w) => w.id);
  for (const f of file.report.findings) if (!workers.includes(f.workerId)) workers.push(f.workerId);

  const cases = new Map<string, Case>();
  for (const worker of workers) {
    for (const ruleId of ruleIds) cases.set(`${worker}\u0000${ruleId}`, { worker, ruleId, failures: [], others: [] });
  }
  for (const f of file.report.findings) {
    const c = cases.get(`${f.workerId}\u0000${f.ruleId}`)!;
    (fails(f, failOn) ? c.failures : c.others).push(f);
  }
  const failed = [...cases.values()].filter((c) => c.failures.length > 0).length;
  const body = [...cases.values()].map((c) => {
    const open = `    <testcase${attrs({ classname: c.worker, name: c.ruleId, time: 0 })}`;
    if (c.failures.length === 0 && c.others.length === 0) return `${open}/>`;
    const lines = [`${open}>`];
    for (const f of c.failures) {
      lines.push(
        `      <failure${attrs({ message: f.message.nb, type: f.severity })}>${escapeXmlText(details(f))}</failure>`,
      );
    }
    if (c.others.length > 0)
      lines.push(`      <system-out>${escapeXmlText(c.others.map(details).join('\n\n'))}</system-out>`);
    lines.push('    </testcase>');
    return lines.join('\n');
  });
  const xml = [
    `  <testsuite${attrs({ name: file.file, tests: cases.size, failures: failed, errors: 0, skipped: 0, time: 0 })}>`,
    ...body,
    '  </testsuite>',
  ].join('\n');
  return { xml, tests: cases.size, failures: failed };
}

/**
 * The report as JUnit XML. `failures` on <testsuite> and <testsuites> counts failed test cases
 * (worker × rule); a test case has one <failure> element per failing finding.
 */
export function formatJunit(files: CheckedFile[], opts: JunitOptions): string {
  const suites = files.map((f) => suite(f, opts));
  const tests = suites.reduce((s, x) => s + x.tests, 0);
  const failures = suites.reduce((s, x) => s + x.failures, 0);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites${attrs({ name: 'turnussjekk', tests, failures, errors: 0, time: 0 })}>`,
    ...suites.map((s) => s.xml),
    '</testsuites>',
  ].join('\n');
}
