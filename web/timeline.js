// The timeline: one block per worker — a row with the periods (coloured by assignment kind, the
// passive share shaded), then one lane per rule with each finding drawn over its window (severity
// colour; hypothetical findings hatched). Nights and Sunday/holiday windows are tinted lightly,
// day and week frames are lines, and each UTC offset change (summer time) is a dashed line.
//
// Every position comes from an ISO 8601 string with offset that the API wrote (periods, finding
// windows, calendar): Date.parse gives the instant, the string itself gives the wall time shown.
// The page does no time-zone arithmetic of its own.
import { s } from './dom.js';
import { dict, loc, num, t, wallTime, windowText, withUnit } from './i18n.js';

const LABEL_W = 200;
const AXIS_H = 40;
const ROW_H = 30;
const BAR_H = 20;
const LANE_H = 17;
const FIND_H = 11;
const GAP = 14;
const PAD_R = 16;
const HOUR = 3_600_000;
const SEVERITY_RANK = { violation: 0, warning: 1, info: 2 };

/** Stable key of a finding across re-evaluations. */
export function findingKey(f) {
  return `${f.ruleId}|${f.workerId}|${f.window.start}|${f.window.end}|${f.assignmentIds.join(',')}`;
}

/** @param {string} text @param {number} max */
function clip(text, max) {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/**
 * @param {object} report
 * @param {string} workerId
 * @returns {Array<{ ruleId: string, title: object, findings: Array<{ f: any, index: number }> }>}
 */
function lanesOf(report, workerId) {
  /** @type {Map<string, { ruleId: string, title: object, rank: number, first: number, findings: Array<{ f: any, index: number }> }>} */
  const lanes = new Map();
  report.findings.forEach((f, index) => {
    if (f.workerId !== workerId) return;
    let lane = lanes.get(f.ruleId);
    if (!lane) {
      lane = { ruleId: f.ruleId, title: f.title, rank: 9, first: index, findings: [] };
      lanes.set(f.ruleId, lane);
    }
    lane.rank = Math.min(lane.rank, SEVERITY_RANK[f.severity] ?? 3);
    lane.findings.push({ f, index });
  });
  return [...lanes.values()].sort((a, b) => a.rank - b.rank || a.first - b.first);
}

function defs() {
  const hatch = (id, cls) =>
    s(
      'pattern',
      { id, patternUnits: 'userSpaceOnUse', width: 6, height: 6, patternTransform: 'rotate(45)' },
      s('rect', { width: 6, height: 6, class: 'hatch-bg' }),
      s('rect', { width: 2.6, height: 6, class: `hatch-line ${cls}` }),
    );
  return s(
    'defs',
    {},
    hatch('hatch-violation', 'sev-violation'),
    hatch('hatch-warning', 'sev-warning'),
    hatch('hatch-info', 'sev-info'),
    s('pattern', { id: 'passive', patternUnits: 'userSpaceOnUse', width: 5, height: 5, patternTransform: 'rotate(-45)' }, s('rect', { width: 2, height: 5, class: 'passive-line' })),
  );
}

/**
 * Draws (or redraws) the timeline into `container`.
 * @param {HTMLElement} container a scrollable element
 * @param {{
 *   report: any, rota: any, periods: any[], calendar: any, zoom: number, selectedKey: string | null,
 *   onSelect: (index: number) => void,
 * }} model
 */
export function renderTimeline(container, model) {
  const { report, rota, periods, calendar, zoom, selectedKey, onSelect } = model;
  const d = dict();
  const t0 = Date.parse(calendar.start);
  const t1 = Date.parse(calendar.end);
  const spanHours = Math.max(1, (t1 - t0) / HOUR);
  const available = Math.max(480, container.clientWidth - LABEL_W - PAD_R - 2);
  const pxPerHour = (available / spanHours) * zoom;
  const width = Math.ceil(LABEL_W + spanHours * pxPerHour + PAD_R);
  /** @param {string | number} at */
  const x = (at) => LABEL_W + ((typeof at === 'number' ? at : Date.parse(at)) - t0) / HOUR * pxPerHour;
  const pxPerDay = pxPerHour * 24;

  const assignments = new Map(rota.assignments.map((a) => [a.id, a]));
  const blocks = rota.workers.map((w) => ({ worker: w, lanes: lanesOf(report, w.id) }));
  let y = AXIS_H + 6;
  const layout = blocks.map((b) => {
    const top = y;
    y += ROW_H + b.lanes.length * LANE_H + GAP;
    return { ...b, top, bottom: y - GAP / 2 };
  });
  // A strip at the bottom holds the labels of the offset changes (summer time).
  const FOOT_H = calendar.offsetChanges.length ? 18 : 0;
  const height = Math.max(y, AXIS_H + 60) + FOOT_H;

  const svg = s('svg', {
    class: 'timeline-svg',
    width,
    height,
    viewBox: `0 0 ${width} ${height}`,
    role: 'group',
    'aria-label': t('timelineLabel'),
  });
  svg.append(defs());

  // --- background: nights and Sunday/holiday windows, day and week frames
  const bg = s('g', { class: 'bg', 'aria-hidden': 'true' });
  for (const n of calendar.nights) {
    bg.append(s('rect', { class: 'night', x: x(n.start), y: AXIS_H, width: Math.max(0, x(n.end) - x(n.start)), height: height - AXIS_H }));
  }
  for (const w of calendar.sundays) {
    bg.append(
      s(
        'rect',
        { class: 'sunday', x: x(w.start), y: AXIS_H, width: Math.max(0, x(w.end) - x(w.start)), height: height - AXIS_H },
        s('title', {}, `${w.names.map(loc).join(', ')}: ${windowText(w.start, w.end)}`),
      ),
    );
  }
  if (pxPerDay >= 6) {
    for (const day of calendar.days) bg.append(s('line', { class: 'day-line', x1: x(day.start), x2: x(day.start), y1: AXIS_H - 14, y2: height }));
  }
  for (const wk of calendar.weeks) {
    if (Date.parse(wk.start) < t0) continue;
    bg.append(s('line', { class: 'week-line', x1: x(wk.start), x2: x(wk.start), y1: 0, y2: height }));
  }
  svg.append(bg);

  // --- the selected finding's window, across its worker's block
  const body = s('g', { class: 'body' });
  const selected = selectedKey ? report.findings.find((f) => findingKey(f) === selectedKey) : undefined;
  if (selected) {
    const block = layout.find((b) => b.worker.id === selected.workerId);
    if (block) {
      const x0 = x(selected.window.start);
      body.append(s('rect', { class: 'selected-band', x: x0, y: block.top - 4, width: Math.max(3, x(selected.window.end) - x0), height: block.bottom - block.top + 4 }));
    }
  }

  // --- workers: periods and finding lanes
  for (const block of layout) {
    const { worker, lanes, top } = block;
    body.append(s('line', { class: 'worker-sep', x1: 0, x2: width, y1: block.bottom, y2: block.bottom }));
    const row = s('g', { class: 'periods', 'data-worker': worker.id });
    for (const p of periods.filter((p) => p.workerId === worker.id)) {
      const a = assignments.get(p.assignmentId);
      const x0 = x(p.start);
      const w = Math.max(2, x(p.end) - x0);
      const by = top + (ROW_H - BAR_H) / 2;
      const passive = p.passiveHours > 0 ? t('passiveTip', { n: num(p.passiveHours) }) : '';
      const tip = t('periodTip', {
        kind: d.kind[a?.kind] ?? a?.kind ?? '',
        contract: d.contract[a?.contract] ?? a?.contract ?? '',
        from: wallTime(p.start),
        to: wallTime(p.end),
        hours: num(p.hours),
        passive,
      });
      const g = s('g', { class: `period kind-${a?.kind ?? 'unknown'} contract-${a?.contract ?? 'unknown'}` }, s('title', {}, `${p.assignmentId}: ${tip}`));
      g.append(s('rect', { class: 'bar', x: x0, y: by, width: w, height: BAR_H, rx: 3 }));
      if (p.passiveHours > 0 && p.hours > 0) {
        // The share of passive hours, as a band along the bottom: the rota says how many, not when.
        const ph = Math.max(2, (BAR_H * p.passiveHours) / p.hours);
        g.append(s('rect', { class: 'passive', x: x0, y: by + BAR_H - ph, width: w, height: ph }));
      }
      if (w > 34) g.append(s('text', { class: 'bar-text', x: x0 + 4, y: by + 14 }, `${num(p.hours)} ${t('hoursShort')}`));
      row.append(g);
    }
    body.append(row);

    lanes.forEach((lane, li) => {
      const ly = top + ROW_H + li * LANE_H + (LANE_H - FIND_H) / 2;
      const g = s('g', { class: 'lane', 'data-rule': lane.ruleId });
      for (const { f, index } of lane.findings) {
        const x0 = x(f.window.start);
        const w = Math.max(4, x(f.window.end) - x0);
        const sev = d.severity[f.severity] ?? f.severity;
        const label =
          `${sev}${f.hypothetical ? ` (${d.hypothetical.toLowerCase()})` : ''}: ${loc(f.title)}, ${windowText(f.window.start, f.window.end)}, ` +
          `${withUnit(f.measured, f.unit)} / ${withUnit(f.limit, f.unit)}`;
        const key = findingKey(f);
        const el = s(
          'g',
          {
            class: `finding sev-${f.severity}${f.hypothetical ? ' hyp' : ''}${key === selectedKey ? ' selected' : ''}`,
            tabindex: -1,
            role: 'button',
            'aria-label': label,
            'aria-pressed': key === selectedKey ? 'true' : 'false',
            'data-index': index,
            'data-rule': f.ruleId,
            'data-severity': f.severity,
          },
          s('title', {}, label),
          s('rect', { x: x0, y: ly, width: w, height: FIND_H, rx: 2 }),
        );
        el.addEventListener('click', () => onSelect(index));
        el.addEventListener('keydown', (ev) => {
          if (ev.key === 'Enter' || ev.key === ' ') {
            ev.preventDefault();
            onSelect(index);
          }
        });
        g.append(el);
      }
      body.append(g);
    });
  }
  svg.append(body);

  // --- summer time: a dashed line at each offset change, labelled in the axis
  const dst = s('g', { class: 'dst' });
  for (const c of calendar.offsetChanges) {
    const at = x(c.at);
    if (at < LABEL_W || at > width) continue;
    const summer = c.after > c.before;
    const text = t(summer ? 'dstSummer' : 'dstWinter', { offset: c.after });
    dst.append(
      s('line', { class: 'dst-line', x1: at, x2: at, y1: 2, y2: height }, s('title', {}, `${text}: ${wallTime(c.at, { offset: true })}`)),
      // Right of the line, or left of it near the right edge.
      at + 8 + text.length * 6 > width
        ? s('text', { class: 'dst-text', x: at - 3, y: height - 5, 'text-anchor': 'end' }, text)
        : s('text', { class: 'dst-text', x: at + 3, y: height - 5 }, text),
    );
  }

  // --- axis: weeks on top, days below (labels only where there is room)
  const axis = s('g', { class: 'axis' });
  axis.append(s('rect', { class: 'axis-bg', x: 0, y: 0, width, height: AXIS_H }));
  const weekStartsMonday = (rota.frames?.weekStart ?? 'monday') === 'monday';
  for (const wk of calendar.weeks) {
    const x0 = Math.max(LABEL_W, x(wk.start));
    const w = x(wk.end) - x0;
    const label = weekStartsMonday ? t('week', { n: wk.isoWeek }) : wallTime(wk.start, { year: false }).split(' ').slice(0, 2).join(' ');
    const text = w >= 120 ? `${label} · ${wallTime(wk.start, { weekday: false, year: false }).split(' ')[0]}` : w >= 44 ? label : w >= 16 ? String(wk.isoWeek) : '';
    if (text) axis.append(s('text', { class: 'week-text', x: x0 + 4, y: 14 }, text));
  }
  const holidayDates = new Set(calendar.sundays.flatMap((w) => w.dates));
  if (pxPerDay >= 16) {
    for (const day of calendar.days) {
      const [yy, mm, dd] = day.date.split('-').map(Number);
      const wd = new Date(Date.UTC(yy, mm - 1, dd)).getUTCDay();
      const text = pxPerDay >= 58 ? `${d.weekdaysShort[wd]} ${dd}.${mm}` : pxPerDay >= 30 ? `${d.weekdaysShort[wd]} ${dd}` : String(dd);
      axis.append(s('text', { class: `day-text${holidayDates.has(day.date) ? ' holiday' : ''}`, x: x(day.start) + 3, y: 32 }, text));
    }
  } else {
    // Too narrow for every day: the first of each month.
    for (const day of calendar.days) {
      if (!day.date.endsWith('-01')) continue;
      const m = Number(day.date.slice(5, 7));
      axis.append(s('text', { class: 'day-text', x: x(day.start) + 3, y: 32 }, d.months[m - 1]));
    }
  }
  axis.append(s('line', { class: 'axis-line', x1: 0, x2: width, y1: AXIS_H, y2: AXIS_H }));
  svg.append(axis, dst);

  // --- the label column, kept in view while the timeline scrolls sideways
  const labels = s('g', { class: 'labels' });
  labels.append(s('rect', { class: 'labels-bg', x: 0, y: 0, width: LABEL_W - 4, height }));
  for (const block of layout) {
    const { worker, lanes, top } = block;
    const name = worker.name ?? worker.id;
    labels.append(s('text', { class: 'worker-text', x: 8, y: top + ROW_H / 2 + 5 }, s('title', {}, `${name} (${worker.id})`), clip(name, 24)));
    lanes.forEach((lane, li) => {
      const ly = top + ROW_H + li * LANE_H + LANE_H / 2 + 4;
      labels.append(s('text', { class: 'lane-text', x: 16, y: ly }, s('title', {}, `${loc(lane.title)} (${lane.ruleId})`), clip(loc(lane.title), 30)));
    });
  }
  svg.append(labels);

  rovingFocus(svg, selected ? report.findings.indexOf(selected) : null);

  const keepLabels = () => labels.setAttribute('transform', `translate(${container.scrollLeft} 0)`);
  container.onscroll = keepLabels;
  container.replaceChildren(svg);
  keepLabels();

  // Bring the selected finding into view when it is off screen.
  if (selected) {
    const x0 = x(selected.window.start);
    if (x0 < container.scrollLeft + LABEL_W || x0 > container.scrollLeft + container.clientWidth - 40) {
      container.scrollLeft = Math.max(0, x0 - LABEL_W - 40);
    }
  }
}

/**
 * The findings are one stop for Tab (the chosen finding, else the first); arrow keys move between
 * them: left and right along the lanes in order, up and down to the nearest finding of the lane
 * above or below, Home and End to the first and last.
 * @param {SVGElement} svg
 * @param {number | null} current report index of the chosen finding
 */
function rovingFocus(svg, current) {
  const items = /** @type {SVGGElement[]} */ ([...svg.querySelectorAll('.finding')]);
  if (items.length === 0) return;
  const start = items.find((el) => Number(el.dataset.index) === current) ?? items[0];
  start.setAttribute('tabindex', '0');
  const centre = (el) => {
    const r = /** @type {SVGRectElement} */ (el.querySelector('rect'));
    return Number(r.getAttribute('x')) + Number(r.getAttribute('width')) / 2;
  };
  const move = (from, to) => {
    if (!to || to === from) return;
    from.setAttribute('tabindex', '-1');
    to.setAttribute('tabindex', '0');
    to.focus();
  };
  svg.addEventListener('keydown', (ev) => {
    const el = /** @type {Element} */ (ev.target);
    if (!(el instanceof SVGGElement) || !el.classList.contains('finding')) return;
    const i = items.indexOf(el);
    const lane = el.parentElement;
    const lanes = [...svg.querySelectorAll('.lane')].filter((l) => l.querySelector('.finding'));
    const nearestIn = (l) => {
      if (!l) return undefined;
      const x = centre(el);
      return [.../** @type {NodeListOf<SVGGElement>} */ (l.querySelectorAll('.finding'))].reduce((best, c) => (Math.abs(centre(c) - x) < Math.abs(centre(best) - x) ? c : best));
    };
    let to;
    if (ev.key === 'ArrowRight') to = items[i + 1];
    else if (ev.key === 'ArrowLeft') to = items[i - 1];
    else if (ev.key === 'ArrowDown') to = nearestIn(lanes[lanes.indexOf(/** @type {Element} */ (lane)) + 1]);
    else if (ev.key === 'ArrowUp') to = nearestIn(lanes[lanes.indexOf(/** @type {Element} */ (lane)) - 1]);
    else if (ev.key === 'Home') to = items[0];
    else if (ev.key === 'End') to = items[items.length - 1];
    else return;
    ev.preventDefault();
    move(el, to);
  });
}

/** Focuses the drawn finding with this report index, if any. */
export function focusFinding(container, index) {
  const el = container.querySelector(`.finding[data-index="${index}"]`);
  if (el instanceof SVGElement) el.focus();
}
