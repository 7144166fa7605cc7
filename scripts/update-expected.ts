// Rewrites the committed expected report beside every scenario, so a deliberate change in the
// engine is one command:
//
//   npx tsx scripts/update-expected.ts                      # every scenarios/*.yaml
//   npx tsx scripts/update-expected.ts friday-to-monday-respite   # only the named scenario(s)
//
// Each `scenarios/<name>.expected.json` is byte for byte what
// `node bin/turnussjekk.mjs check scenarios/<name>.yaml --format json` prints: the report is
// produced by the CLI's own `main()`, with the same trailing newline as bin/turnussjekk.mjs.
// Read the diff before committing it: every changed finding is a changed legal verdict.
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { basename, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { main } from '../src/cli/main.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const dir = join(root, 'scenarios');

async function reportOf(file: string): Promise<{ code: number; text: string; err: string }> {
  let text = '';
  let err = '';
  const code = await main(['check', file, '--format', 'json'], {
    out: (t) => (text += t.endsWith('\n') ? t : `${t}\n`),
    err: (t) => (err += t.endsWith('\n') ? t : `${t}\n`),
  });
  return { code, text, err };
}

const wanted = new Set(process.argv.slice(2).map((a) => basename(a).replace(/\.ya?ml$/, '')));
const names = (await readdir(dir))
  .filter((n) => n.endsWith('.yaml'))
  .map((n) => n.slice(0, -'.yaml'.length))
  .filter((n) => wanted.size === 0 || wanted.has(n))
  .sort();
if (names.length === 0) {
  console.error(
    `no scenarios${wanted.size ? ` named ${[...wanted].join(', ')}` : ''} in ${relative(process.cwd(), dir) || dir}`,
  );
  process.exit(2);
}

let failed = false;
for (const name of names) {
  const file = relative(root, join(dir, `${name}.yaml`));
  const target = join(dir, `${name}.expected.json`);
  // Relative path and repository cwd, exactly as a user runs the CLI from a checkout.
  process.chdir(root);
  const { code, text, err } = await reportOf(file);
  if (code !== 0 && code !== 1) {
    console.error(`${file}: exit ${code}, expected report not written\n${err}`);
    failed = true;
    continue;
  }
  const before = await readFile(target, 'utf8').catch(() => undefined);
  if (before === text) {
    console.log(`unchanged  ${relative(root, target)}`);
    continue;
  }
  await writeFile(target, text);
  const r = JSON.parse(text) as { summary: { violations: number; warnings: number; info: number } };
  console.log(
    `${before === undefined ? 'created  ' : 'updated  '} ${relative(root, target)} (exit ${code}: ` +
      `${r.summary.violations} violations, ${r.summary.warnings} warnings, ${r.summary.info} info)`,
  );
}
process.exit(failed ? 1 : 0);
