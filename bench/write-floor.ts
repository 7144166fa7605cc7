// The output floor of `npm run bench`, beside its parse floor: what writing a report's findings
// costs, whatever finds them. A national year's JSON report is about fifteen times its input
// (1.36 GB of findings for the 91 MB year), and the parse floor, which reads only the input, has no
// part of that. Run in its own process: node --import tsx bench/write-floor.ts REPORT.ndjson
//
// Reads an NDJSON report (`check --format ndjson`: a finding per line, then the report's tail) and
// times only writing each finding as the JSON report has it: native JSON.stringify of sixteen at a
// time inside `{ "findings": [...] }` at indent 2 (the report's exact text for them), encoded as
// UTF-8 into a buffer that is written to /dev/null. Reading and parsing the lines is not timed.
// Prints one line of JSON: { ms, findings, bytes } (bytes: the findings' text in the JSON report).
import { closeSync, createReadStream, openSync, writeSync } from 'node:fs';
import { createInterface } from 'node:readline';

const file = process.argv[2];
if (!file) {
  console.error('usage: node --import tsx bench/write-floor.ts REPORT.ndjson');
  process.exit(2);
}

/** Findings parsed before each timed stretch (a few megabytes of objects). */
const PARSED = 4_096;
/** Findings per JSON.stringify, as the report's encoder writes them. */
const BATCH = 16;
const OPEN = '{\n  "findings": [\n';
const CLOSE = '\n  ]\n}';

const out = openSync('/dev/null', 'w');
let buffer = Buffer.allocUnsafe(1 << 22);
let ms = 0;
let findings = 0;
let bytes = 0;

function write(parsed: unknown[]): void {
  const t0 = performance.now();
  for (let i = 0; i < parsed.length; i += BATCH) {
    const text = JSON.stringify({ findings: parsed.slice(i, i + BATCH) }, null, 2);
    if (text.length * 3 > buffer.length) buffer = Buffer.allocUnsafe(text.length * 3);
    // The findings without the wrapper's ends, and a comma and newline between batches, as the report has them.
    const n = buffer.write(text.slice(OPEN.length, text.length - CLOSE.length), 0);
    writeSync(out, buffer, 0, n);
    bytes += n + 2;
  }
  ms += performance.now() - t0;
  findings += parsed.length;
}

let parsed: unknown[] = [];
for await (const line of createInterface({ input: createReadStream(file), crlfDelay: Infinity })) {
  // A finding's line starts with its rule id; the tail's lines (summary, incidents, …) do not.
  if (!line.startsWith('{"ruleId":')) continue;
  parsed.push(JSON.parse(line));
  if (parsed.length === PARSED) {
    write(parsed);
    parsed = [];
  }
}
if (parsed.length > 0) write(parsed);
closeSync(out);
process.stdout.write(`${JSON.stringify({ ms, findings, bytes: Math.max(0, bytes - 2) })}\n`);
