// Where a JSON string ends, found with indexOf rather than a character at a time: the scans of a
// document's text that skip strings (the nesting check before parsing, the entries' lines) pass
// over hundreds of megabytes in a national rota file.

/** The index of the quote that closes the string whose opening quote is at `open` (one not escaped by an odd run of backslashes), or -1 when none does. */
export function closingQuote(text: string, open: number): number {
  let close = open;
  for (;;) {
    close = text.indexOf('"', close + 1);
    if (close < 0) return -1;
    let backslashes = 0;
    while (text.charCodeAt(close - 1 - backslashes) === 0x5c /* \ */) backslashes++;
    if (backslashes % 2 === 0) return close;
  }
}
