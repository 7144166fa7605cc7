// One entry point for every input format: rota files (JSON, YAML) and the formats people already
// have their rotas in (CSV from a spreadsheet, iCalendar from a calendar). Chosen by file extension;
// the CSV and iCalendar readers (and their parsers) are loaded only for such a file.
import { extname } from 'node:path';
import { InputError } from '../rota/errors.ts';
import { loadRotaFile } from '../rota/load.ts';
import type { Rota } from '../rota/schema.ts';
import type { NoteSink } from './notes.ts';
import type { ImportOptions } from './options.ts';

export type { ImportNote, NoteSink } from './notes.ts';
export type { ImportOptions } from './options.ts';

export type InputFormat = 'rota' | 'csv' | 'ics';

export const INPUT_EXTENSIONS: Record<string, InputFormat> = {
  '.json': 'rota',
  '.yaml': 'rota',
  '.yml': 'rota',
  '.csv': 'csv',
  '.tsv': 'csv',
  '.ics': 'ics',
  '.ical': 'ics',
};

export function inputFormatOf(file: string): InputFormat | undefined {
  return INPUT_EXTENSIONS[extname(file).toLowerCase()];
}

/**
 * Reads any supported input file into a validated Rota. Options apply to CSV and iCalendar only
 * (a rota file states everything itself). Errors are InputErrors carrying the file name; `onNote`
 * hears the conversion notes (src/import/notes.ts), which only iCalendar has so far.
 */
export async function loadInputFile(file: string, options: ImportOptions = {}, onNote?: NoteSink): Promise<Rota> {
  switch (inputFormatOf(file)) {
    case 'rota':
      return loadRotaFile(file);
    case 'csv':
      return (await import('./csv.ts')).loadCsvFile(
        file,
        extname(file).toLowerCase() === '.tsv' && !options.delimiter ? { ...options, delimiter: '\t' } : options,
      );
    case 'ics':
      return (await import('./ics.ts')).loadIcsFile(file, options, onNote);
    default:
      throw new InputError(
        [{ path: '', message: `unknown file type: use ${Object.keys(INPUT_EXTENSIONS).join(', ')}` }],
        file,
      );
  }
}
