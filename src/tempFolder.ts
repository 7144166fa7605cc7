// The temporary folders a run makes (a large rota's parts and their findings, the JSON report's
// tail, a spilled format). Each is removed where it was made, in a `finally`; a process that ends
// early (process.exit: the CLI's output closed by its reader, bin/turnussjekk.mjs) runs no
// `finally`, so what is still here then is removed on the way out rather than left in TMPDIR.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const live = new Set<string>();

function removeAll(): void {
  for (const folder of live) {
    try {
      // A worker process may still be writing a part's file into it (it ends once this process has).
      rmSync(folder, { recursive: true, force: true, maxRetries: 2 });
    } catch {
      // On the way out, nothing is left to tell: the folder is only left behind.
    }
  }
  live.clear();
}

/** A new folder in the system's temporary folder (TMPDIR), its name starting with `prefix`. */
export function makeTempFolder(prefix: string): string {
  const folder = mkdtempSync(join(tmpdir(), prefix));
  if (live.size === 0) process.once('exit', removeAll);
  live.add(folder);
  return folder;
}

/** The folder and everything in it removed. */
export function removeTempFolder(folder: string): void {
  live.delete(folder);
  if (live.size === 0) process.off('exit', removeAll);
  rmSync(folder, { recursive: true, force: true });
}
