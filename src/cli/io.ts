// What every command shares: the exit codes, the streams it writes to, and the usage error that
// main.ts answers with the usage text.
import type { TtyStream } from './progress.ts';

export const EXIT = { ok: 0, violations: 1, invalid: 2, internal: 3 } as const;

export interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
  /** Raw stdout: writes exactly the text or bytes given (a large JSON report is written through it in parts; without it, it is collected and given to `out`). */
  write?: (chunk: string | Uint8Array) => void;
  /** Environment (default: process.env); GITHUB_ACTIONS=true adds annotations on stderr. */
  env?: Record<string, string | undefined>;
  /** Directory paths in SARIF and annotations are relative to (default: process.cwd()). */
  cwd?: string;
  /** Raw stderr when it is a terminal, for the progress bar; null = not a terminal (default: process.stderr if isTTY). */
  stderrTty?: TtyStream | null;
}

/** Bad options or arguments: main.ts prints the message and the usage text, and exits 2. */
export class UsageError extends Error {}
