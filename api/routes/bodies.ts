// Request bodies in the formats people already keep their rotas in, for the routes that take a
// rota: CSV (a spreadsheet export, `text/csv`) and iCalendar (`text/calendar`), read with the same
// importers as `turnussjekk convert`. Each importer returns a validated rota or an InputError
// naming the row and column (`row 5.start`) or the event (`VEVENT[2].DTSTART`), which the error
// handler turns into the usual 400 problem document.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { decodeCsvBytes, parseCsvText } from '../../src/import/csv.ts';
import { parseIcsText } from '../../src/import/ics.ts';
import type { ImportOptions } from '../../src/import/index.ts';
import { InputError } from '../../src/rota/errors.ts';

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
