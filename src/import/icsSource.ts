// Where things are in an iCalendar file: ical.js parses the text but keeps no line numbers, and
// turns a malformed value into something unrecognisable ("2025-03-07 16" becomes
// "2025-03-07 1-6T::"). This reads the content lines once more, as RFC 5545 § 3.1 unfolds them,
// so an error can name the physical line and quote the value as the file writes it.
import ICAL from 'ical.js';

export interface SourceProperty {
  /** 1-based line on which the (folded) content line starts. */
  line: number;
  /** The value as written, after the first unquoted colon, unfolded. */
  raw: string;
}

export interface SourceEvent {
  /** Line of its BEGIN:VEVENT. */
  begin: number;
  /** Properties by upper-case name, in the order written. */
  properties: Map<string, SourceProperty[]>;
}

interface ContentLine {
  line: number;
  text: string;
}

/** RFC 5545 § 3.1: a line starting with a space or tab continues the previous one. */
function contentLines(text: string): ContentLine[] {
  const out: ContentLine[] = [];
  const physical = text.split(/\r?\n|\r/);
  physical.forEach((raw, i) => {
    if ((raw.startsWith(' ') || raw.startsWith('\t')) && out.length > 0) {
      out[out.length - 1]!.text += raw.slice(1);
    } else if (raw.trim() !== '') {
      out.push({ line: i + 1, text: raw });
    }
  });
  return out;
}

/** Name and value of a content line; a colon inside a quoted parameter value does not end the name. */
function split(text: string): { name: string; raw: string } {
  const nameEnd = text.search(/[;:]/);
  const name = (nameEnd === -1 ? text : text.slice(0, nameEnd)).trim().toUpperCase();
  let quoted = false;
  for (let i = Math.max(nameEnd, 0); i < text.length; i++) {
    const c = text[i];
    if (c === '"') quoted = !quoted;
    else if (c === ':' && !quoted) return { name, raw: text.slice(i + 1) };
  }
  return { name, raw: '' };
}

/**
 * The content lines of a calendar file by component: every VEVENT directly in a VCALENDAR, in
 * the order ical.js lists them (`getAllSubcomponents('vevent')` of each calendar in turn).
 */
export class IcsSource {
  readonly events: SourceEvent[] = [];
  private readonly lines: ContentLine[];

  constructor(text: string) {
    this.lines = contentLines(text);
    const stack: string[] = [];
    let current: SourceEvent | undefined;
    for (const l of this.lines) {
      const { name, raw } = split(l.text);
      if (name === 'BEGIN') {
        const component = raw.trim().toUpperCase();
        if (component === 'VEVENT' && stack.at(-1) === 'VCALENDAR') {
          current = { begin: l.line, properties: new Map() };
          this.events.push(current);
        }
        stack.push(component);
      } else if (name === 'END') {
        if (stack.pop() === 'VEVENT' && stack.at(-1) === 'VCALENDAR') current = undefined;
      } else if (current && stack.at(-1) === 'VEVENT') {
        const list = current.properties.get(name);
        if (list) list.push({ line: l.line, raw });
        else current.properties.set(name, [{ line: l.line, raw }]);
      }
    }
  }

  /** The first `name` property of VEVENT[index], if written. */
  property(index: number, name: string): SourceProperty | undefined {
    return this.events[index]?.properties.get(name.toUpperCase())?.[0];
  }

  /** Line of VEVENT[index]'s `name` property, else of the event's BEGIN line. */
  lineOf(index: number, name?: string): number | undefined {
    return (name ? this.property(index, name)?.line : undefined) ?? this.events[index]?.begin;
  }

  /**
   * Where ical.js's parser stops: the first content line it cannot read, with the component it is
   * in (`VEVENT[2]`, `VTIMEZONE`, …), or a component left open. Undefined when no line fails alone.
   */
  parseFailure(): { line: number; where: string; property: string; raw: string; message: string } | undefined {
    const stack: Array<{ name: string; line: number }> = [];
    let vevents = -1;
    for (const l of this.lines) {
      const { name, raw } = split(l.text);
      if (name === 'BEGIN') {
        const component = raw.trim().toUpperCase();
        if (component === 'VEVENT' && stack.at(-1)?.name === 'VCALENDAR') vevents++;
        stack.push({ name: component, line: l.line });
        continue;
      }
      if (name === 'END') {
        stack.pop();
        continue;
      }
      try {
        ICAL.parse.property(l.text);
      } catch (err) {
        const inside = stack.at(-1)?.name ?? '';
        const where = inside === 'VEVENT' && stack.at(-2)?.name === 'VCALENDAR' ? `VEVENT[${vevents}]` : inside;
        // A line with no colon names no property: it is text, not a property that cannot be read.
        const property = l.text.includes(':') ? name : '';
        return { line: l.line, where, property, raw, message: (err as Error).message };
      }
    }
    const open = stack.at(-1);
    if (open) {
      return {
        line: open.line,
        where: open.name,
        property: '',
        raw: '',
        message: `BEGIN:${open.name} has no END:${open.name}`,
      };
    }
    return undefined;
  }
}
