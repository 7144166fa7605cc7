// Bad input is data, not a crash: every problem names where it is (file, path like
// `periods[12].end`) and what is wrong, so the CLI can exit 2 and the API answer 400.

export interface InputIssue {
  /** Path inside the document, e.g. `periods[12].end`; empty for the document itself. */
  path: string;
  message: string;
  /** 1-based line of the offending node in the rota file (or of the nearest node that is there), when the text is known. */
  line?: number;
  /** 1-based column on that line. */
  column?: number;
}

export class InputError extends Error {
  constructor(
    readonly issues: InputIssue[],
    readonly file?: string,
  ) {
    super(InputError.describe(issues, file));
    this.name = 'InputError';
  }

  static describe(issues: InputIssue[], file?: string): string {
    const where = (i: InputIssue) => [file, i.path].filter(Boolean).join(': ');
    const at = (i: InputIssue) =>
      i.line === undefined ? '' : ` (line ${i.line}${i.column === undefined ? '' : `, column ${i.column}`})`;
    return issues.map((i) => `${where(i) || '(document)'}: ${i.message}${at(i)}`).join('\n');
  }

  withFile(file: string): InputError {
    return new InputError(this.issues, file);
  }
}

/**
 * Reads a file and parses it, naming the file in every InputError: an unreadable file is bad input
 * too, never a crash.
 */
export async function fromFile<T>(
  file: string,
  read: (file: string) => Promise<Buffer>,
  parse: (bytes: Buffer) => T,
): Promise<T> {
  let bytes: Buffer;
  try {
    bytes = await read(file);
  } catch (err) {
    throw new InputError(
      [{ path: '', message: `cannot read file (${(err as NodeJS.ErrnoException).code ?? 'error'})` }],
      file,
    );
  }
  try {
    return parse(bytes);
  } catch (err) {
    if (err instanceof InputError) throw err.file ? err : err.withFile(file);
    throw err;
  }
}

/** `['periods', 12, 'end']` → `periods[12].end` */
export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out;
}
