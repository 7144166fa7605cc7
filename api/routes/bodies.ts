// Request bodies in the formats people already keep their rotas in, for the routes that take a
// rota: CSV (a spreadsheet export, `text/csv`) and iCalendar (`text/calendar`), read with the same
// importers as `turnussjekk convert`. Each importer returns a validated rota or an InputError
// naming the row and column (`row 5.start`) or the event (`VEVENT[2].DTSTART`), which the error
// handler turns into the usual 400 problem document.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { decodeCsvBytes, parseCsvText } from '../../src/import/csv.ts';
import { parseIcsText } from '../../src/import/ics.ts';
import type { ImportOptions } from '../../src/import/index.ts';
import { InputError, type InputIssue } from '../../src/rota/errors.ts';
import { type DocumentFormat, parseDocumentText } from '../../src/rota/load.ts';
import { LOCATE_MAX_CHARS, rememberSource } from '../../src/rota/locate.ts';

export const CSV_MEDIA_TYPES = ['text/csv'];
export const ICS_MEDIA_TYPES = ['text/calendar'];

export type ImportOptionsOf = (request: FastifyRequest) => ImportOptions;

/** Anything an importer throws that is not an InputError is still the client's input. */
function asInputError(err: unknown, what: string): Error {
  if (err instanceof InputError) return err;
  return new InputError([
    { path: '', message: `not valid ${what}: the document cannot be read (${(err as Error).name})` },
  ]);
}

/**
 * Adds the CSV and iCalendar parsers to an encapsulated scope. `optionsOf` gives the import
 * options for a request (default: none, i.e. the importers' defaults); it may throw an InputError.
 */
export function addImportParsers(scope: FastifyInstance, optionsOf: ImportOptionsOf = () => ({})): void {
  // CSV is read as bytes: Norwegian Excel writes Windows-1252 or UTF-16, which decodeCsvBytes detects.
  scope.addContentTypeParser(CSV_MEDIA_TYPES, { parseAs: 'buffer' }, (request, body, done) => {
    try {
      done(null, parseCsvText(decodeCsvBytes(body as Buffer), optionsOf(request)));
    } catch (err) {
      done(asInputError(err, 'CSV'), undefined);
    }
  });
  scope.addContentTypeParser(ICS_MEDIA_TYPES, { parseAs: 'string' }, (request, body, done) => {
    try {
      done(null, parseIcsText(body as string, optionsOf(request)));
    } catch (err) {
      done(asInputError(err, 'iCalendar'), undefined);
    }
  });
}

/** The loader writes where a syntax error is into its message (`not valid YAML at line 3, column 9: …`). */
const SYNTAX_AT = /^not valid (?:JSON|YAML) at line (\d+), column (\d+)/;

function withSyntaxPosition(issue: InputIssue): InputIssue {
  const at = issue.line === undefined ? SYNTAX_AT.exec(issue.message) : null;
  return at ? { ...issue, line: Number(at[1]), column: Number(at[2]) } : issue;
}

/**
 * A JSON or YAML body to plain data with the loader's parser, as the CLI reads a file: the text is
 * remembered with the data, so the schema's and the timeline's errors name their line and column
 * (src/rota/locate.ts), and a syntax error carries its position as fields too. Anything else the
 * parser throws on a hostile document (say, nesting past the stack) is still the client's input.
 */
export function parseDocumentBody(text: string, format: DocumentFormat): unknown {
  let doc: unknown;
  try {
    doc = parseDocumentText(text, format);
  } catch (err) {
    if (err instanceof InputError) throw new InputError(err.issues.map(withSyntaxPosition));
    throw asInputError(err, format.toUpperCase());
  }
  // Read again only when the document has errors; past the limit it is not parsed a second time.
  if (text.length <= LOCATE_MAX_CHARS) rememberSource(doc, { text: () => text });
  return doc;
}
