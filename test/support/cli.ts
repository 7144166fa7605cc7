// Runs the CLI in-process as a developer's terminal would (no GitHub annotations, no progress bar).
import { main } from '../../src/cli/main.ts';

export interface CliRun {
  code: number;
  out: string;
  err: string;
  ms: number;
}

export async function cli(...argv: string[]): Promise<CliRun> {
  let out = '';
  let err = '';
  const started = performance.now();
  const code = await main(argv, {
    out: (t) => (out += t.endsWith('\n') ? t : `${t}\n`),
    err: (t) => (err += t.endsWith('\n') ? t : `${t}\n`),
    env: {}, // as on a developer's machine, even when the suite itself runs in GitHub Actions
    stderrTty: null,
  });
  return { code, out, err, ms: performance.now() - started };
}
