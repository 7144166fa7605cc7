// Instants and the rota's wall times, for editing on the page. The server is the authority on time
// zones: its calendar (GET /v1/calendar) gives the UTC offset at the start of the range and every
// offset change in it, and after each edit `POST /v1/rota` answers the instants of every period.
// Between the two, the page needs only this table: an instant's offset is the one of the last
// change before it. No time-zone database of the browser is used.
//
// An edited period is written back as wall time (YYYY-MM-DDTHH:MM) in the rota's zone, as people
// write rota files; only a wall time that the autumn change makes happen twice carries its offset
// (…+02:00), because the API refuses an ambiguous wall time without one. A wall time in the spring
// gap never arises from an instant.

const MINUTE = 60_000;

/** "+02:00" / "-03:30" / "Z" → minutes east of UTC. */
export function offsetMinutesOf(text) {
  if (!text || text === 'Z') return 0;
  const m = /^([+-])(\d{2}):(\d{2})$/.exec(text);
  if (!m) return 0;
  return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3]));
}

/** The offset at the end of an ISO string, in minutes. */
function trailingOffset(iso) {
  const m = /(Z|[+-]\d{2}:\d{2})$/.exec(iso);
  return offsetMinutesOf(m ? m[1] : 'Z');
}

const two = (/** @type {number} */ n) => String(n).padStart(2, '0');

/** Minutes east of UTC → "+01:00". */
export function offsetText(minutes) {
  const abs = Math.abs(minutes);
  return `${minutes < 0 ? '-' : '+'}${two(Math.floor(abs / 60))}:${two(abs % 60)}`;
}

/**
 * The offsets of a calendar: what the page needs to turn an instant into wall time.
 * @param {{ start: string, offsetChanges: Array<{ at: string, before: string, after: string }> }} calendar
 */
export function zoneTable(calendar) {
  const changes = calendar.offsetChanges
    .map((c) => ({ at: Date.parse(c.at), before: offsetMinutesOf(c.before), after: offsetMinutesOf(c.after) }))
    .sort((a, b) => a.at - b.at);
  const initial = changes.length ? changes[0].before : trailingOffset(calendar.start);

  /** Minutes east of UTC at an instant. */
  const offsetAt = (/** @type {number} */ ms) => {
    let off = initial;
    for (const c of changes) {
      if (c.at <= ms) off = c.after;
      else break;
    }
    return off;
  };

  /** Wall time as milliseconds of a UTC clock that shows it (for formatting and date arithmetic). */
  const wallMs = (/** @type {number} */ ms) => ms + offsetAt(ms) * MINUTE;

  /** Whether the wall time of this instant happens twice (the autumn change). */
  const ambiguous = (/** @type {number} */ ms) => {
    const w = wallMs(ms);
    return changes.some((c) => c.after < c.before && w >= c.at + c.after * MINUTE && w < c.at + c.before * MINUTE);
  };

  return {
    offsetAt,
    /** ISO 8601 with the offset in force, as the API writes it: 2025-03-30T03:00:00+02:00. */
    iso(ms) {
      return `${new Date(wallMs(ms)).toISOString().slice(0, 19)}${offsetText(offsetAt(ms))}`;
    },
    /** The rota's way to write the instant: wall time, with the offset only when it is ambiguous. */
    rotaTime(ms) {
      const wall = new Date(wallMs(ms)).toISOString().slice(0, 16);
      return ambiguous(ms) ? `${wall}${offsetText(offsetAt(ms))}` : wall;
    },
    /**
     * The instant of a wall time given as UTC-clock milliseconds: the earlier one when it happens
     * twice, and for a wall time in the spring gap the instant as far after the gap as it was into it.
     * @param {number} wall
     */
    instantOfWall(wall) {
      const candidates = [initial, ...changes.map((c) => c.after)];
      const valid = candidates.map((off) => wall - off * MINUTE).filter((ms) => wallMs(ms) === wall);
      if (valid.length) return Math.min(...valid);
      const gap = changes.find(
        (c) => c.after > c.before && wall >= c.at + c.before * MINUTE && wall < c.at + c.after * MINUTE,
      );
      return gap ? wall - gap.before * MINUTE : wall - initial * MINUTE;
    },
    wallMs,
  };
}
