// The JSON report written part by part (engine/parallel.ts), byte for byte what
// JSON.stringify(report, null, 2) gives, so a rota of a million periods never needs its whole report
// as one string (V8 caps strings near 512 MB) nor all its findings in memory at once.
// A part's findings travel as UTF-8 bytes: a worker process encodes its own part, and the parent
// only writes the bytes it is given (no string concatenated, copied or encoded there).
import { closeSync, openSync } from 'node:fs';
import { join } from 'node:path';
import { encodeFindings, Pieces, reusePieces } from '../report/encode.ts';
import { appendPieces, readPieces } from '../report/pieceFiles.ts';
import { writeJson } from './chunkedJson.ts';
import type { Finding, Report } from '../report/schema.ts';

export type ReportTail = Omit<Report, 'version' | 'findings' | 'variants'>;

const HEADER = '{\n  "version": 1,\n  "findings": [\n';

/** How deep the report's tail is split (writeJson): its members, then their elements. */
export const TAIL_DEPTH = 2;

/** The report's members after its findings, in the order the report has them. */
export function orderedTail(tail: ReportTail): ReportTail {
  const { incidents, headroom, conversions, ledger, summary, profiles, readings } = tail;
  return { incidents, headroom, conversions, ledger, summary, profiles, readings };
}

/** The tail's lists that TailLists writes as the parts come. */
type ListKey = 'incidents' | 'headroom' | 'profiles';
const LIST_KEYS: readonly ListKey[] = ['incidents', 'headroom', 'profiles'];

interface List {
  out: Pieces;
  any: boolean;
  /** The file the list waits in (-1 once closed). */
  path: string;
  fd: number;
}

/**
 * The report's longest lists after the findings (incidents, headroom, profiles), encoded part by
 * part as the parts come (ReportAssembler's `listsTo`), into the bytes the tail writes for them.
 * Why: at national scale the tail is tens of megabytes, and written at the end it kept the worker
 * processes waiting, their parts done, while this process wrote it (10 000-worker year: 1.3 s of a
 * 24 s run); between parts this process is mostly idle.
 *
 * Each list waits in a file of its own in `folder` until the tail is written, rather than in
 * memory: the lists grow with the rota (a 10 000-worker year with oppdrag: 86 MB of incidents,
 * headroom and profiles), and held to the end they were this process's memory when the worker
 * processes are at their largest. The caller removes the folder; `close` closes the files.
 */
export class TailLists {
  private readonly lists = new Map<ListKey, List>();

  constructor(folder: string) {
    for (const key of LIST_KEYS) {
      const path = join(folder, `${key}.json`);
      this.lists.set(key, { out: new Pieces(), any: false, path, fd: openSync(path, 'w') });
    }
  }

  add(part: Pick<Report, ListKey>): void {
    for (const [key, list] of this.lists) {
      const items = part[key];
      if (items.length === 0) continue;
      // As writeJson writes a list one level in: JSON.stringify's elements, every line two spaces
      // further in, without "[" and "\n  ]" (cut from the bytes), parts joined by a comma.
      const text = JSON.stringify(items, null, 2).replaceAll('\n', '\n  ');
      if (list.any) list.out.ascii(',');
      list.out.text(text, 1, 4);
      list.any = true;
      spill(list, list.out.take());
    }
  }

  /** The list's JSON as the report has it (at the tail's first level), or undefined for another member. */
  written(key: string): Iterable<Uint8Array> | undefined {
    const list = this.lists.get(key as ListKey);
    if (!list) return undefined;
    if (!list.any) return [Buffer.from('[]')];
    spill(list, list.out.done());
    return bracketed(list.path);
  }

  /** Closes the lists' files (whether or not the tail was written). */
  close(): void {
    for (const list of this.lists.values())
      if (list.fd >= 0) {
        closeSync(list.fd);
        list.fd = -1;
      }
  }
}

/** Pieces written to the end of a list's file, then handed back to be written into again. */
function spill(list: List, pieces: Uint8Array[]): void {
  appendPieces(list.fd, pieces);
  reusePieces(pieces);
}

/** A list's file between its brackets. */
function* bracketed(path: string): Generator<Uint8Array> {
  yield Buffer.from('[');
  yield* readPieces(path);
  yield Buffer.from('\n  ]');
}

export class JsonReportStream {
  private started = false;

  /** `write` writes exactly what it is given (no newline added). */
  constructor(private readonly write: (chunk: string | Uint8Array) => void) {}

  add(findings: Finding[]): void {
    this.addRendered(encodeFindings(findings));
  }

  /** Findings already rendered by encodeFindings, in its pieces (a worker process renders its own part's). */
  addRendered(pieces: Uint8Array[]): void {
    if (pieces.length === 0) return;
    this.write(this.started ? ',\n' : HEADER);
    this.started = true;
    for (const piece of pieces) this.write(piece);
  }

  /**
   * Closes the findings and writes the rest of the report (key order as in the report schema);
   * `lists`: the tail's lists already encoded (their members in `tail` are left unread).
   */
  end(tail: ReportTail, lists?: TailLists): void {
    this.write(this.started ? '\n  ],\n' : `${HEADER.slice(0, -1)}],\n`);
    // The rest as JSON.stringify writes it, member by member and in pieces: at national scale it is
    // larger than a string can be. Two levels deep (TAIL_DEPTH): each list's elements (incidents,
    // headroom, conversions, ledger rows, profiles) are written whole, a slice of them at a time;
    // the lists TailLists encoded as the parts came are written as they are.
    let first = true;
    for (const [key, value] of Object.entries(orderedTail(tail))) {
      if (value === undefined) continue;
      this.write(`${first ? '' : ',\n'}  ${JSON.stringify(key)}: `);
      first = false;
      const written = lists?.written(key);
      if (written) for (const piece of written) this.write(piece);
      // A member one level in: as writeJson writes it at the top, every line two spaces further in
      // (JSON text holds no newline but those between its lines).
      else writeJson(value, (chunk) => this.write(chunk.replaceAll('\n', '\n  ')), 2, TAIL_DEPTH - 1);
    }
    this.write('\n}\n');
  }
}
