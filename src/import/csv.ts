// CSV import: one work period per row, as a spreadsheet exports it (docs/import-formats.md).
// Norwegian Excel writes ';' as the separator, dates as 07.03.2025 16:00, decimal commas and
// often Windows-1252 instead of UTF-8; all of that is read here. Workers and assignments are
// derived from the rows. Every problem names the row as the spreadsheet shows it (the header is
// row 1) and the column, so a planner can find the cell: path `row 5.start`.
import { readFile } from 'node:fs/promises';
import { parse as parseCsv, CsvError } from 'csv-parse/sync';
import { InputError, fromFile, type InputIssue } from '../rota/errors.ts';
import { validateRotaDocument } from '../rota/load.ts';
import type { Rota } from '../rota/schema.ts';
import { LocalTimeError, parseInstant } from '../time/instant.ts';
import {
  assertOptions,
  DEFAULT_TIMEZONE,
  isContract,
  isKind,
  notAContract,
  notAKind,
  type ImportOptions,
} from './options.ts';

export const CSV_FIELDS = [
  'worker',
  'assignment',
  'kind',
  'contract',
  'start',
  'end',
  'employer',
  'passiveHours',
  'workerName',
] as const;
export type CsvField = (typeof CSV_FIELDS)[number];

/** Header names accepted for each column, compared after `normalizeHeader`. The first is the canonical name. */
export const CSV_HEADER_ALIASES: Record<CsvField, readonly string[]> = {
  worker: ['worker', 'workerid', 'arbeidstaker', 'arbeidstakerid', 'ansatt'],
  assignment: ['assignment', 'assignmentid', 'oppdrag', 'oppdragid', 'arbeidsforhold'],
  kind: ['kind', 'type'],
  contract: ['contract', 'kontrakt', 'kontraktstype'],
  start: ['start', 'fra', 'starttid'],
  end: ['end', 'slutt', 'til', 'sluttid'],
  employer: ['employer', 'arbeidsgiver'],
  passiveHours: ['passivehours', 'passivetimer', 'passiv'],
  workerName: ['workername', 'name', 'navn', 'arbeidstakernavn'],
};

/** Columns a planner may keep in the sheet that the import ignores. */
export const CSV_IGNORED_HEADERS = [
  'comment',
  'comments',
  'note',
  'notes',
  'kommentar',
  'merknad',
  'merknader',
  'notat',
] as const;

const REQUIRED: readonly CsvField[] = ['worker', 'assignment', 'kind', 'contract', 'start', 'end'];
const DEFAULTABLE = ['worker', 'assignment', 'kind', 'contract', 'employer'] as const;
const MAX_ISSUES = 100;
const MAX_ID = 200;

/** `Passive timer` → `passivetimer`, `worker_id` → `workerid`. */
export function normalizeHeader(h: string): string {
  return h
    .normalize('NFC')
    .toLowerCase()
    .replace(/[\s_\-.]+/g, '');
}

const aliasToField = new Map<string, CsvField>(
  CSV_FIELDS.flatMap((f) => CSV_HEADER_ALIASES[f].map((a) => [a, f] as [string, CsvField])),
);

/** Spreadsheet column letter: 0 → A, 26 → AA. */
export function columnLetter(index: number): string {
  let s = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/**
 * Bytes of a CSV file to text: UTF-8 (with or without BOM), UTF-16 with BOM (Excel's "Unicode
 * text"), and otherwise Windows-1252, which Excel uses for "CSV (semikolondelt)" on Norwegian Windows.
 */
export function decodeCsvBytes(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1252').decode(bytes);
  }
}

/** The separator used by the header line: the most frequent of ';', ',' and tab outside quotes (ties: ';'). */
export function detectDelimiter(headerLine: string): ',' | ';' | '\t' {
  const counts = { ';': 0, ',': 0, '\t': 0 };
  let quoted = false;
  for (const ch of headerLine) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === ';' || ch === ',' || ch === '\t')) counts[ch]++;
  }
  const best = (['\t', ';', ','] as const).reduce((a, b) => (counts[b] > counts[a] ? b : a), ';');
  return counts[best] === 0 ? ',' : best;
}

// ---------------------------------------------------------------------------------------------
// Cell readers

type Read<T> = { ok: true; value: T } | { ok: false; message: string };

const ISO_DATE_TIME =
  /^(\d{4})-(\d{1,2})-(\d{1,2})(?:T|\s+)(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;
const NORWEGIAN_DATE_TIME =
  /^(\d{1,2})\.(\d{1,2})\.(\d{4})(?:\s+kl\.?\s*|\s*kl\.?\s*|\s+)(\d{1,2})[:.](\d{2})(?:[:.](\d{2}))?$/i;
const DATE_ONLY = /^(\d{4}-\d{1,2}-\d{1,2}|\d{1,2}\.\d{1,2}\.\d{4})$/;
const SERIAL_NUMBER = /^\d{4,6}(?:[.,]\d+)?$/;

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * A date-time cell to rota-file text (`2025-03-07T16:00`, keeping an explicit offset if given)
 * and the instant it names in `zone`. Accepts `2025-03-07T16:00`, `2025-03-07 16:00`,
 * `07.03.2025 16:00`, `7.3.2025 16:00`, `07.03.2025 kl. 16.00`, optional seconds, and `24:00`
 * as the end of the day. Times the clocks skip or repeat at a DST change are refused.
 */
export function readDateTimeCell(raw: string, zone: string): Read<{ text: string; instant: number }> {
  const iso = ISO_DATE_TIME.exec(raw);
  const nor = iso ? null : NORWEGIAN_DATE_TIME.exec(raw);
  if (!iso && !nor) {
    if (DATE_ONLY.test(raw))
      return { ok: false, message: `"${raw}" has no time of day; write it as 07.03.2025 16:00 or 2025-03-07T16:00` };
    if (SERIAL_NUMBER.test(raw)) {
      return {
        ok: false,
        message: `"${raw}" looks like an Excel serial number; format the column as date and time (dd.mm.åååå tt:mm) before saving`,
      };
    }
    return { ok: false, message: `"${raw}" is not a date and time; write it as 07.03.2025 16:00 or 2025-03-07T16:00` };
  }
  let [year, month, day, hour, minute, second] = (
    iso ? [iso[1], iso[2], iso[3], iso[4], iso[5], iso[6]] : [nor![3], nor![2], nor![1], nor![4], nor![5], nor![6]]
  ).map((v) => (v === undefined ? 0 : Number(v))) as [number, number, number, number, number, number];
  const offsetRaw = iso?.[7];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    return { ok: false, message: `"${raw}" is not a valid date: there is no ${day}.${month}.${year}` };
  }
  if (hour === 24 && minute === 0 && second === 0) {
    // 24:00 is the end of the day: the next day's 00:00.
    const next = new Date(Date.UTC(year, month - 1, day + 1));
    [year, month, day, hour] = [next.getUTCFullYear(), next.getUTCMonth() + 1, next.getUTCDate(), 0];
  } else if (hour > 23 || minute > 59 || second > 59) {
    return { ok: false, message: `"${raw}" is not a valid time of day` };
  }
  let offset = '';
  if (offsetRaw !== undefined) {
    if (/^z$/i.test(offsetRaw)) offset = 'Z';
    else {
      const digits = offsetRaw.slice(1).replace(':', '');
      offset = `${offsetRaw[0]}${digits.slice(0, 2)}:${digits.length > 2 ? digits.slice(2) : '00'}`;
    }
  }
  const text = `${pad(year, 4)}-${pad(month)}-${pad(day)}T${pad(hour)}:${pad(minute)}${second ? `:${pad(second)}` : ''}${offset}`;
  try {
    return { ok: true, value: { text, instant: parseInstant(text, zone) } };
  } catch (err) {
    if (err instanceof LocalTimeError) return { ok: false, message: err.message.replace(`"${text}"`, `"${raw}"`) };
    throw err;
  }
}

/** Hours: `8`, `7,5` (decimal comma), `7.5`, or `7:30` (hours and minutes). */
export function readHoursCell(raw: string): Read<number> {
  const decimal = /^\d+(?:[.,]\d+)?$/.exec(raw);
  if (decimal) return { ok: true, value: Number(raw.replace(',', '.')) };
  const hm = /^(\d+):([0-5]\d)$/.exec(raw);
  if (hm) return { ok: true, value: Number(hm[1]) + Number(hm[2]) / 60 };
  if (/^-\s*\d/.test(raw)) return { ok: false, message: `"${raw}" is negative; passive hours must be 0 or more` };
  return { ok: false, message: `"${raw}" is not a number of hours; write e.g. 8, 7,5 or 7:30` };
}

// ---------------------------------------------------------------------------------------------

interface Column {
  index: number;
  header: string;
}

interface AssignmentSeen {
  row: number;
  workerId: string;
  kind: string;
  contract: string;
  employer: string | undefined;
  employerRow: number;
}

class Issues {
  readonly list: InputIssue[] = [];
  private dropped = 0;
  add(path: string, message: string): void {
    if (this.list.length < MAX_ISSUES) this.list.push({ path, message });
    else this.dropped++;
  }
  throwIfAny(): void {
    if (this.list.length === 0) return;
    const all = [...this.list];
    if (this.dropped > 0)
      all.push({ path: '', message: `… and ${this.dropped} more problems not shown; fix the ones above first` });
    throw new InputError(all);
  }
}

function stripPreamble(text: string): { body: string; delimiter?: ',' | ';' | '\t' } {
  let body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  // Excel's separator hint: a first line `sep=;` that the spreadsheet does not show as a row.
  const sep = /^sep=(.)\r?\n/i.exec(body);
  if (sep && [',', ';', '\t'].includes(sep[1]!)) {
    body = body.slice(sep[0].length);
    return { body, delimiter: sep[1] as ',' | ';' | '\t' };
  }
  return { body };
}

function readRecords(body: string, delimiter: string): string[][] {
  try {
    return parseCsv(body, {
      delimiter,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
      bom: true,
    }) as string[][];
  } catch (err) {
    if (err instanceof CsvError) {
      const e = err as CsvError & { lines?: number; records?: number };
      const row = e.records !== undefined ? `row ${e.records + 1}` : '';
      throw new InputError([
        { path: row, message: `not valid CSV${e.lines ? ` (near line ${e.lines} of the file)` : ''}: ${err.message}` },
      ]);
    }
    throw err;
  }
}

/** CSV text to a validated Rota; throws InputError naming every bad row and column. */
export function parseCsvText(text: string, options: ImportOptions = {}): Rota {
  assertOptions(options);
  const zone = options.timezone ?? DEFAULT_TIMEZONE;
  const { body, delimiter: hinted } = stripPreamble(text);
  const firstLine = body.split(/\r?\n/, 1)[0] ?? '';
  const delimiter = options.delimiter ?? hinted ?? detectDelimiter(firstLine);
  const records = readRecords(body, delimiter);
  const issues = new Issues();

  const header = records[0];
  if (!header || header.every((h) => h.trim() === '')) {
    throw new InputError([
      { path: 'row 1', message: `the first row must be a header naming the columns (${REQUIRED.join(', ')}, …)` },
    ]);
  }

  // --- header: which column holds which field
  const columns = new Map<CsvField, Column>();
  const blankHeaderColumns: number[] = [];
  header.forEach((rawHeader, index) => {
    const h = rawHeader.trim();
    const where = `column ${columnLetter(index)}`;
    if (h === '') {
      blankHeaderColumns.push(index);
      return;
    }
    const norm = normalizeHeader(h);
    if (h.startsWith('#') || (CSV_IGNORED_HEADERS as readonly string[]).includes(norm)) return;
    const field = aliasToField.get(norm);
    if (!field) {
      issues.add(
        `row 1.${h}`,
        `unknown column "${h}" (${where}); known columns: ${CSV_FIELDS.join(', ')} (see docs/import-formats.md for the Norwegian names); name a column "kommentar" or start it with # to keep it out of the import`,
      );
      return;
    }
    const before = columns.get(field);
    if (before) {
      issues.add(
        `row 1.${field}`,
        `column "${h}" (${where}) and column "${before.header}" (column ${columnLetter(before.index)}) both give ${field}; keep one`,
      );
      return;
    }
    columns.set(field, { index, header: h });
  });
  for (const field of REQUIRED) {
    const defaulted =
      (DEFAULTABLE as readonly string[]).includes(field) &&
      options[field as (typeof DEFAULTABLE)[number]] !== undefined;
    if (!columns.has(field) && !defaulted) {
      const aliases = CSV_HEADER_ALIASES[field].filter((a) => a !== field.toLowerCase());
      issues.add(
        `row 1.${field}`,
        `missing column "${field}"${aliases.length ? ` (or ${aliases.map((a) => `"${a}"`).join(', ')})` : ''}`,
      );
    }
  }
  issues.throwIfAny();

  const describeColumn = (field: CsvField): string => {
    const c = columns.get(field);
    if (!c) return `option --${field}`;
    return `column ${columnLetter(c.index)}${normalizeHeader(c.header) === normalizeHeader(field) ? '' : `, "${c.header}"`}`;
  };

  // --- rows
  const workers = new Map<string, { row: number; name: string | undefined; nameRow: number }>();
  const assignments = new Map<string, AssignmentSeen>();
  const periods: Array<{ assignmentId: string; start: string; end: string; passiveHours?: number }> = [];
  const periodRows: number[] = [];

  for (let r = 1; r < records.length; r++) {
    const cells = records[r]!;
    const row = r + 1;
    if (cells.every((c) => c.trim() === '')) continue;
    const at = (field: CsvField) => `row ${row}.${field}`;
    const bad = (field: CsvField, message: string) => issues.add(at(field), `${message} (${describeColumn(field)})`);

    const extra = cells.findIndex((c, i) => i >= header.length && c.trim() !== '');
    if (extra >= 0) {
      issues.add(
        `row ${row}`,
        `has a value in column ${columnLetter(extra)} but the header has only ${header.length} columns; ` +
          `a value containing the separator "${delimiter === '\t' ? 'tab' : delimiter}" must be in quotes (e.g. "7,5")`,
      );
      continue;
    }
    for (const i of blankHeaderColumns) {
      if ((cells[i] ?? '').trim() !== '')
        issues.add(
          `row ${row}`,
          `has a value in column ${columnLetter(i)}, which has no header; name the column or empty it`,
        );
    }

    const cell = (field: CsvField): string => {
      const c = columns.get(field);
      const value = c ? (cells[c.index] ?? '').trim() : '';
      if (value !== '') return value;
      return (DEFAULTABLE as readonly string[]).includes(field)
        ? (options[field as (typeof DEFAULTABLE)[number]] ?? '')
        : '';
    };
    const required = (field: CsvField): string | undefined => {
      const v = cell(field);
      if (v === '') {
        bad(field, 'is empty');
        return undefined;
      }
      return v;
    };
    const id = (field: CsvField): string | undefined => {
      const v = required(field);
      if (v !== undefined && v.length > MAX_ID) {
        bad(field, `is longer than ${MAX_ID} characters`);
        return undefined;
      }
      return v;
    };

    const workerId = id('worker');
    const assignmentId = id('assignment');
    const kindRaw = required('kind');
    const contractRaw = required('contract');
    const employer = cell('employer') || undefined;
    const workerName = cell('workerName') || undefined;
    if (employer !== undefined && employer.length > MAX_ID) bad('employer', `is longer than ${MAX_ID} characters`);
    if (workerName !== undefined && workerName.length > 200) bad('workerName', 'is longer than 200 characters');

    const kind = kindRaw?.toLowerCase();
    if (kind !== undefined && !isKind(kind)) bad('kind', notAKind(kindRaw!));
    const contract = contractRaw?.toLowerCase();
    if (contract !== undefined && !isContract(contract)) bad('contract', notAContract(contractRaw!));

    const time = (field: 'start' | 'end') => {
      const v = required(field);
      if (v === undefined) return undefined;
      const read = readDateTimeCell(v, zone);
      if (!read.ok) {
        bad(field, read.message);
        return undefined;
      }
      return read.value;
    };
    const start = time('start');
    const end = time('end');
    if (start && end && end.instant <= start.instant) {
      bad('end', `"${cell('end')}" is not after the start "${cell('start')}"; a shift must end after it begins`);
    }

    let passiveHours: number | undefined;
    const passiveRaw = cell('passiveHours');
    if (passiveRaw !== '') {
      const read = readHoursCell(passiveRaw);
      if (!read.ok) bad('passiveHours', read.message);
      else if (read.value > 10_000) bad('passiveHours', `"${passiveRaw}" is more than 10 000 hours`);
      else if (
        start &&
        end &&
        end.instant > start.instant &&
        read.value * 3_600_000 > end.instant - start.instant + 0.5
      ) {
        bad(
          'passiveHours',
          `${passiveRaw} passive hours is more than the shift lasts (${+((end.instant - start.instant) / 3_600_000).toFixed(2)} h)`,
        );
      } else passiveHours = read.value;
    }

    // --- one worker, one assignment: the rows must agree
    if (workerId !== undefined) {
      const w = workers.get(workerId);
      if (!w) workers.set(workerId, { row, name: workerName, nameRow: row });
      else if (workerName !== undefined) {
        if (w.name === undefined) Object.assign(w, { name: workerName, nameRow: row });
        else if (w.name !== workerName) {
          bad(
            'workerName',
            `worker "${workerId}" is named "${w.name}" on row ${w.nameRow} but "${workerName}" here; one worker has one name`,
          );
        }
      }
    }
    if (assignmentId !== undefined && workerId !== undefined && kind !== undefined && contract !== undefined) {
      const a = assignments.get(assignmentId);
      if (!a) {
        assignments.set(assignmentId, { row, workerId, kind, contract, employer, employerRow: row });
      } else {
        const conflict = (field: CsvField, was: string, now: string, what: string) =>
          bad(
            field,
            `assignment "${assignmentId}" has ${what} "${was}" on row ${a.row} but "${now}" here; every row of one assignment must agree`,
          );
        if (a.workerId !== workerId) conflict('worker', a.workerId, workerId, 'worker');
        if (a.kind !== kind) conflict('kind', a.kind, kind, 'kind');
        if (a.contract !== contract) conflict('contract', a.contract, contract, 'contract');
        if (employer !== undefined) {
          if (a.employer === undefined) Object.assign(a, { employer, employerRow: row });
          else if (a.employer !== employer) {
            bad(
              'employer',
              `assignment "${assignmentId}" has employer "${a.employer}" on row ${a.employerRow} but "${employer}" here; every row of one assignment must agree`,
            );
          }
        }
      }
    }

    if (assignmentId !== undefined && start && end) {
      periods.push({
        assignmentId,
        start: start.text,
        end: end.text,
        ...(passiveHours !== undefined ? { passiveHours } : {}),
      });
      periodRows.push(row);
    }
  }
  issues.throwIfAny();
  if (periods.length === 0)
    throw new InputError([{ path: 'row 2', message: 'no shifts: the file has a header row but no rows below it' }]);

  const workerList = [...workers];
  const assignmentList = [...assignments];
  const doc = {
    version: 1,
    timezone: zone,
    workers: workerList.map(([id, w]) => ({ id, ...(w.name !== undefined ? { name: w.name } : {}) })),
    assignments: assignmentList.map(([id, a]) => ({
      id,
      workerId: a.workerId,
      kind: a.kind,
      contract: a.contract,
      ...(a.employer !== undefined ? { employer: a.employer } : {}),
    })),
    periods,
    agreements: [],
  };

  try {
    return validateRotaDocument(doc);
  } catch (err) {
    if (!(err instanceof InputError)) throw err;
    // Should not happen after the row checks above; if it does, still point at a row.
    throw new InputError(
      err.issues.map((i) => ({
        path: rowPathOf(i.path, {
          periodRows,
          workerRows: workerList.map(([, w]) => w.row),
          assignmentRows: assignmentList.map(([, a]) => a.row),
        }),
        message: i.message,
      })),
    );
  }
}

const DOC_FIELD_TO_COLUMN: Record<string, Record<string, CsvField>> = {
  periods: { assignmentId: 'assignment', start: 'start', end: 'end', passiveHours: 'passiveHours' },
  workers: { id: 'worker', name: 'workerName' },
  assignments: { id: 'assignment', workerId: 'worker', kind: 'kind', contract: 'contract', employer: 'employer' },
};

function rowPathOf(
  path: string,
  rows: { periodRows: number[]; workerRows: number[]; assignmentRows: number[] },
): string {
  const m = /^(periods|workers|assignments)\[(\d+)\](?:\.(\w+))?/.exec(path);
  if (!m) return path;
  const list = m[1] === 'periods' ? rows.periodRows : m[1] === 'workers' ? rows.workerRows : rows.assignmentRows;
  const row = list[Number(m[2])];
  if (row === undefined) return path;
  const column = m[3] ? DOC_FIELD_TO_COLUMN[m[1]!]?.[m[3]] : undefined;
  return column ? `row ${row}.${column}` : `row ${row}`;
}

/** Reads a CSV file (any of the encodings `decodeCsvBytes` knows) into a Rota; errors carry the file name. */
export async function loadCsvFile(file: string, options: ImportOptions = {}): Promise<Rota> {
  return fromFile(file, readFile, (bytes) => parseCsvText(decodeCsvBytes(bytes), options));
}
