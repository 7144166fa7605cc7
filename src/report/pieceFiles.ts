// Bytes through a file: a part's rendered findings (parts/worker.ts), the JSON report's tail
// lists (format/jsonStream.ts) and JUnit's test cases (cli/check.ts) wait in files rather than in
// memory, and are read back a mebibyte at a time.
import { closeSync, openSync, readSync, writeSync } from 'node:fs';

/** Bytes read back from a file this many at a time. */
const READ_BYTES = 1 << 20;

/** The pieces one after the other at the file's current end (a short write continued). */
export function appendPieces(fd: number, pieces: Iterable<Uint8Array>): void {
  for (const piece of pieces) {
    let written = 0;
    while (written < piece.byteLength) written += writeSync(fd, piece, written);
  }
}

/** The pieces as the file's whole content, the file created or emptied first. */
export function writePieces(file: string, pieces: Iterable<Uint8Array>): void {
  const fd = openSync(file, 'w');
  try {
    appendPieces(fd, pieces);
  } finally {
    closeSync(fd);
  }
}

/**
 * A file's bytes, a mebibyte at a time. A new buffer for each piece: the one given before may still
 * be on its way out. A piece may end inside a character.
 */
export function* readPieces(file: string): Generator<Uint8Array> {
  const fd = openSync(file, 'r');
  try {
    for (;;) {
      const piece = Buffer.allocUnsafe(READ_BYTES);
      const n = readSync(fd, piece);
      if (n === 0) return;
      yield piece.subarray(0, n);
    }
  } finally {
    closeSync(fd);
  }
}
