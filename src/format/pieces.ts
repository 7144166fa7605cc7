// Output of a national year handed to a writer in pieces. JUnit XML and the text with --details
// run to tens of megabytes per thousand workers: as one string they pass V8's longest string at a
// few thousand workers. A piece per line would cost a write call per line instead.

/** Text given to `write` in pieces of about this many characters. */
export const PIECE_CHARS = 1 << 16;

export interface LineWriter {
  /** The next lines: the text given to `write` is the lines joined by '\n', as one string would be. */
  push(...lines: string[]): void;
  /** Hands on what is left. */
  end(): void;
}

export function linesInPieces(write: (text: string) => void): LineWriter {
  let piece = '';
  let first = true;
  return {
    push(...lines) {
      for (const text of lines) {
        piece += first ? text : `\n${text}`;
        first = false;
      }
      if (piece.length >= PIECE_CHARS) {
        write(piece);
        piece = '';
      }
    },
    end() {
      if (piece) write(piece);
      piece = '';
    },
  };
}
