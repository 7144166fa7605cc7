// The timeline: one block per worker — a row with the periods (coloured by assignment kind, the
// passive share shaded; with handles to drag when the page edits), a lane of incidents (findings
// grouped by cause, one bar per occurrence, coloured by the worst severity), then, on demand, one
// lane per rule with each finding drawn over its window (severity colour; hypothetical hatched). Nights and Sunday/holiday windows are tinted lightly,
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
const INC_H = 18;
const INC_BAR_H = 13;
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
    s(
      'pattern',
      { id: 'passive', patternUnits: 'userSpaceOnUse', width: 5, height: 5, patternTransform: 'rotate(-45)' },
      s('rect', { width: 2, height: 5, class: 'passive-line' }),
    ),
  );
}

/** Stable key of an incident across re-evaluations (its id is stable only within one report). */
export function incidentKey(inc) {
  return `${inc.workerId}|${inc.window.start}|${inc.window.end}|${inc.ruleIds.join(',')}`;
}

/** The windows an incident is drawn over: each occurrence of a repeating pattern, else its window. */
export function incidentSpans(inc) {
  return inc.occurrences?.length ? inc.occurrences : [inc.window];
}

/**
 * A worker's incidents packed into as few rows as they need without overlapping, the worst first
 * (violations take the top row).
 * @returns {Array<Array<{ inc: any, index: number }>>}
 */
function incidentRows(report, workerId) {
  const mine = report.incidents
    .map((inc, index) => ({ inc, index }))
    .filter(({ inc }) => inc.workerId === workerId)
    .sort((a, b) => (SEVERITY_RANK[a.inc.severity] ?? 3) - (SEVERITY_RANK[b.inc.severity] ?? 3) || a.index - b.index);
  /** @type {Array<{ items: Array<{ inc: any, index: number }>, spans: Array<[number, number]> }>} */
  const rows = [];
  for (const item of mine) {
    const spans = incidentSpans(item.inc).map(
      (w) => /** @type {[number, number]} */ ([Date.parse(w.start), Date.parse(w.end)]),
    );
    const free = (row) => spans.every(([a, b]) => row.spans.every(([c, d]) => b <= c || a >= d));
    let row = rows.find(free);
    if (!row) {
      row = { items: [], spans: [] };
      rows.push(row);
    }
    row.items.push(item);
    row.spans.push(...spans);
  }
  return rows.map((r) => r.items);
}

// The container's width, kept by a ResizeObserver: reading clientWidth in the middle of drawing
// the page anew would make the browser lay out the whole page, old timeline and all, at once.
/** @type {WeakMap<Element, number>} */
const widths = new WeakMap();
/** @type {ResizeObserver | null} */
let observer = null;
/** @type {WeakMap<Element, number>} the sideways scroll of each timeline, as its scroll events said */
const scrolled = new WeakMap();

/** @param {HTMLElement} container */
function widthOf(container) {
  let w = widths.get(container);
  if (w === undefined) {
    w = container.clientWidth;
    widths.set(container, w);
    observer ??= new ResizeObserver((entries) => {
      for (const e of entries) widths.set(e.target, /** @type {HTMLElement} */ (e.target).clientWidth);
    });
    observer.observe(container);
  }
  return w;
}

/** The words for a period: "a1: Ansatt arbeid (arbeidsavtale) · tir. 11.03.2025 07:00 – … · 8 t". */
function periodTip(p, a) {
  const d = dict();
  const passive = p.passiveHours > 0 ? t('passiveTip', { n: num(p.passiveHours) }) : '';
  const tip = t('periodTip', {
    kind: d.kind[a?.kind] ?? a?.kind ?? '',
    contract: d.contract[a?.contract] ?? a?.contract ?? '',
    from: wallTime(p.start),
    to: wallTime(p.end),
    hours: num(p.hours),
    passive,
  });
  return `${p.assignmentId}: ${tip}`;
}

/** How far into a bar of width w its ends can be taken to drag them (px). */
export function edgeWidth(w) {
  return Math.min(7, Math.max(3, w / 4));
}

/** Which part of a drawn period an x in the drawing is on: its start, its end, or the middle. */
export function partAt(g, x) {
  const bar = g.querySelector('.bar');
  const x0 = Number(bar?.getAttribute('x'));
  const w = Number(bar?.getAttribute('width'));
  const hw = edgeWidth(w);
  return x <= x0 + hw ? 'start' : x >= x0 + w - hw ? 'end' : 'move';
}

/**
 * Puts a drawn period's bar, passive band, hours and end handles at x0 with width w (x is the
 * drawing's). With `p`, its hours and passive share are drawn anew too.
 * @param {Element} g the period's group
 * @param {number} x0
 * @param {number} w
 * @param {any} [p] the resolved period
 */
export function placePeriod(g, x0, w, p) {
  const bar = /** @type {SVGRectElement} */ (g.querySelector('.bar'));
  const by = Number(bar.getAttribute('y'));
  bar.setAttribute('x', String(x0));
  bar.setAttribute('width', String(w));
  const passive = g.querySelector('.passive');
  if (passive) {
    passive.setAttribute('x', String(x0));
    passive.setAttribute('width', String(w));
    if (p && p.hours > 0) {
      const ph = Math.max(2, (BAR_H * Math.min(p.passiveHours, p.hours)) / p.hours);
      passive.setAttribute('y', String(by + BAR_H - ph));
      passive.setAttribute('height', String(ph));
    }
  }
  let text = g.querySelector('.bar-text');
  if (w > 34 && !text && p) {
    text = s('text', { class: 'bar-text', y: by + 14 });
    bar.after(text);
  } else if (w <= 34 && text) {
    text.remove();
    text = null;
  }
  if (text) {
    text.setAttribute('x', String(x0 + 4));
    if (p) text.textContent = `${num(p.hours)} ${t('hoursShort')}`;
  }
  const hw = edgeWidth(w);
  const hs = g.querySelector('.handle-start');
  const he = g.querySelector('.handle-end');
  hs?.setAttribute('x', String(x0 - 2));
  hs?.setAttribute('width', String(hw + 2));
  he?.setAttribute('x', String(x0 + w - hw));
  he?.setAttribute('width', String(hw + 2));
}

/**
 * After an edit of its times: moves the drawn period in place, with its words, and makes it the
 * selected one, without drawing the timeline anew (the API's answer does that). False when the
 * period is not drawn or its new times leave the drawing.
 * @param {HTMLElement} container
 * @param {Scale} scale
 * @param {any} rota
 * @param {any} p the resolved period
 */
export function updatePeriod(container, scale, rota, p) {
  const g = container.querySelector(`.period[data-index="${p.index}"]`);
  const start = Date.parse(p.start);
  const end = Date.parse(p.end);
  if (!g || start < scale.t0 || end > scale.t1) return false;
  const x0 = scale.x(start);
  placePeriod(g, x0, Math.max(2, scale.x(end) - x0), p);
  const tip = periodTip(
    p,
    rota.assignments.find((a) => a.id === p.assignmentId),
  );
  const title = g.querySelector('title');
  if (title) title.textContent = tip;
  g.setAttribute('aria-label', tip);
  for (const other of container.querySelectorAll('.period.selected')) {
    if (other === g) continue;
    other.classList.remove('selected');
    other.setAttribute('aria-pressed', 'false');
    for (const handle of other.querySelectorAll('.handle')) handle.remove();
  }
  g.classList.add('selected');
  g.setAttribute('aria-pressed', 'true');
  if (!g.querySelector('.handle')) {
    const y = Number(g.querySelector('.bar')?.getAttribute('y')) - 2;
    g.append(
      s('rect', { class: 'handle handle-start', y, height: BAR_H + 4 }),
      s('rect', { class: 'handle handle-end', y, height: BAR_H + 4 }),
    );
    placePeriod(g, x0, Math.max(2, scale.x(end) - x0));
  }
  return true;
}

// A tooltip that shows on hover and on keyboard focus alike (an SVG <title> shows on hover only).
/** @type {HTMLElement | null} */
let tipEl = null;

/** Shows `text` next to `target` (an element of the page), or hides the tip when text is ''. */
export function showTip(target, text) {
  if (!tipEl) {
    tipEl = document.createElement('div');
    tipEl.className = 'tip';
    tipEl.setAttribute('aria-hidden', 'true');
    document.body.append(tipEl);
  }
  if (!text || !target) {
    tipEl.hidden = true;
    return;
  }
  tipEl.textContent = text;
  tipEl.hidden = false;
  const r = target.getBoundingClientRect();
  const w = tipEl.offsetWidth;
  const left = Math.max(4, Math.min(window.innerWidth - w - 4, r.left + Math.min(r.width, 200) / 2 - w / 2));
  const below = r.bottom + 6 + tipEl.offsetHeight < window.innerHeight;
  tipEl.style.left = `${left + window.scrollX}px`;
  tipEl.style.top = `${(below ? r.bottom + 6 : r.top - tipEl.offsetHeight - 6) + window.scrollY}px`;
}

export function hideTip() {
  showTip(null, '');
}

/** Hover and focus show the element's tip (its data-tip). */
function withTip(el) {
  const on = () => showTip(el, el.dataset.tip ?? '');
  el.addEventListener('mouseenter', on);
  el.addEventListener('focus', on);
  el.addEventListener('mouseleave', hideTip);
  el.addEventListener('blur', hideTip);
  return el;
}

/**
 * @typedef {object} Scale
 * @property {(at: string | number) => number} x   instant (ISO string or ms) → x in the drawing
 * @property {number} pxPerHour
 * @property {number} t0 first instant drawn (ms)
 * @property {number} t1 last instant drawn (ms)
 * @property {(px: number) => number} msAt     x in the drawing → instant (ms)
 */

/**
 * Draws (or redraws) the timeline into `container`.
 * @param {HTMLElement} container a scrollable element
 * @param {{
 *   report: any, rota: any, periods: any[], calendar: any, zoom: number, selectedKey: string | null,
 *   selectedIncident?: string | null, selectedWorker?: string | null, selectedPeriod?: number | null,
 *   ruleLanes: boolean, editable?: boolean,
 *   onSelect: (index: number) => void, onSelectIncident?: (index: number) => void, onSelectWorker?: (id: string) => void,
 * }} model
 * @returns {Scale}
 */
export function renderTimeline(container, model) {
  const { report, rota, periods, calendar, zoom, selectedKey, onSelect } = model;
  const selectedIncident = model.selectedIncident ?? null;
  const selectedPeriod = model.selectedPeriod ?? null;
  const d = dict();
  const t0 = Date.parse(calendar.start);
  const t1 = Date.parse(calendar.end);
  const spanHours = Math.max(1, (t1 - t0) / HOUR);
  const available = Math.max(480, widthOf(container) - LABEL_W - PAD_R - 2);
  const pxPerHour = (available / spanHours) * zoom;
  const width = Math.ceil(LABEL_W + spanHours * pxPerHour + PAD_R);
  /** @param {string | number} at */
  const x = (at) => LABEL_W + (((typeof at === 'number' ? at : Date.parse(at)) - t0) / HOUR) * pxPerHour;
  const pxPerDay = pxPerHour * 24;

  const assignments = new Map(rota.assignments.map((a) => [a.id, a]));
  const blocks = rota.workers.map((w) => ({
    worker: w,
    incidentRows: incidentRows(report, w.id),
    lanes: model.ruleLanes ? lanesOf(report, w.id) : [],
  }));
  let y = AXIS_H + 6;
  const layout = blocks.map((b) => {
    const top = y;
    y +=
      ROW_H +
      b.incidentRows.length * INC_H +
      (b.incidentRows.length && b.lanes.length ? 4 : 0) +
      b.lanes.length * LANE_H +
      GAP;
    return {
      ...b,
      top,
      lanesTop: top + ROW_H + b.incidentRows.length * INC_H + (b.incidentRows.length && b.lanes.length ? 4 : 0),
      bottom: y - GAP / 2,
    };
  });
  // A strip at the bottom holds the labels of the offset changes (summer time).
  const FOOT_H = calendar.offsetChanges.length ? 18 : 0;
  const height = Math.max(y, AXIS_H + 60) + FOOT_H;

  const svg = s('svg', {
    class: `timeline-svg${model.editable ? ' editable' : ''}`,
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
    bg.append(
      s('rect', {
        class: 'night',
        x: x(n.start),
        y: AXIS_H,
        width: Math.max(0, x(n.end) - x(n.start)),
        height: height - AXIS_H,
      }),
    );
  }
  for (const w of calendar.sundays) {
    bg.append(
      s(
        'rect',
        {
          class: 'sunday',
          x: x(w.start),
          y: AXIS_H,
          width: Math.max(0, x(w.end) - x(w.start)),
          height: height - AXIS_H,
        },
        s('title', {}, `${w.names.map(loc).join(', ')}: ${windowText(w.start, w.end)}`),
      ),
    );
  }
  if (pxPerDay >= 6) {
    for (const day of calendar.days)
      bg.append(s('line', { class: 'day-line', x1: x(day.start), x2: x(day.start), y1: AXIS_H - 14, y2: height }));
  }
  for (const wk of calendar.weeks) {
    if (Date.parse(wk.start) < t0) continue;
    bg.append(s('line', { class: 'week-line', x1: x(wk.start), x2: x(wk.start), y1: 0, y2: height }));
  }
  svg.append(bg);

  // --- the selected finding's or incident's window, across its worker's block
  const body = s('g', { class: 'body' });
  const selected = selectedKey ? report.findings.find((f) => findingKey(f) === selectedKey) : undefined;
  const selectedInc =
    !selected && selectedIncident ? report.incidents.find((inc) => incidentKey(inc) === selectedIncident) : undefined;
  const bands = selected
    ? [{ workerId: selected.workerId, w: selected.window }]
    : selectedInc
      ? incidentSpans(selectedInc).map((w) => ({ workerId: selectedInc.workerId, w }))
      : [];
  for (const band of bands) {
    const block = layout.find((b) => b.worker.id === band.workerId);
    if (!block) continue;
    const x0 = x(band.w.start);
    body.append(
      s('rect', {
        class: 'selected-band',
        x: x0,
        y: block.top - 4,
        width: Math.max(3, x(band.w.end) - x0),
        height: block.bottom - block.top + 4,
      }),
    );
  }

  // --- workers: periods, incident lane, finding lanes
  for (const block of layout) {
    const { worker, lanes, top } = block;
    if (model.selectedWorker === worker.id) {
      body.append(
        s('rect', { class: 'worker-band', x: 0, y: block.top - 5, width, height: block.bottom - block.top + 5 }),
      );
    }
    body.append(s('line', { class: 'worker-sep', x1: 0, x2: width, y1: block.bottom, y2: block.bottom }));
    const by = top + (ROW_H - BAR_H) / 2;
    const row = s('g', { class: 'periods', 'data-worker': worker.id });
    // The row itself: where a double click adds a period.
    row.append(
      s('rect', {
        class: 'row-hit',
        x: LABEL_W,
        y: top,
        width: width - LABEL_W,
        height: ROW_H,
        'data-worker': worker.id,
      }),
    );
    for (const p of periods.filter((p) => p.workerId === worker.id)) {
      const a = assignments.get(p.assignmentId);
      const x0 = x(p.start);
      const w = Math.max(2, x(p.end) - x0);
      const tip = periodTip(p, a);
      const isSelected = p.index === selectedPeriod;
      const g = s(
        'g',
        {
          class: `period kind-${a?.kind ?? 'unknown'} contract-${a?.contract ?? 'unknown'}${isSelected ? ' selected' : ''}`,
          'data-index': p.index,
          'data-worker': worker.id,
          ...(model.editable
            ? {
                tabindex: -1,
                role: 'button',
                'aria-label': tip,
                'aria-pressed': isSelected ? 'true' : 'false',
                'aria-describedby': 'edit-keys',
              }
            : {}),
        },
        s('title', {}, tip),
        s('rect', { class: 'bar', y: by, height: BAR_H, rx: 3 }),
      );
      // The share of passive hours, as a band along the bottom: the rota says how many, not when.
      if (p.passiveHours > 0 && p.hours > 0) g.append(s('rect', { class: 'passive' }));
      // The ends of the selected period, drawn to show they can be dragged (any period's ends can).
      if (model.editable && isSelected)
        g.append(
          s('rect', { class: 'handle handle-start', y: by - 2, height: BAR_H + 4 }),
          s('rect', { class: 'handle handle-end', y: by - 2, height: BAR_H + 4 }),
        );
      placePeriod(g, x0, w, p);
      row.append(g);
    }
    body.append(row);

    // One lane of incidents (as many rows as overlapping incidents need).
    block.incidentRows.forEach((items, ri) => {
      const ly = top + ROW_H + ri * INC_H + (INC_H - INC_BAR_H) / 2;
      const g = s('g', { class: 'lane incident-lane', 'data-worker': worker.id });
      for (const { inc, index } of items) {
        const key = incidentKey(inc);
        const findings = inc.findingIndexes.map((i) => report.findings[i]).filter(Boolean);
        const hyp = findings.length > 0 && findings.every((f) => f.hypothetical);
        const sev = d.severity[inc.severity] ?? inc.severity;
        const label = `${sev}${hyp ? ` (${d.hypothetical.toLowerCase()})` : ''}: ${loc(inc.title)}`;
        const el = s('g', {
          class: `incident sev-${inc.severity}${hyp ? ' hyp' : ''}${key === selectedIncident ? ' selected' : ''}`,
          tabindex: -1,
          role: 'button',
          'aria-label': label,
          'aria-pressed': key === selectedIncident ? 'true' : 'false',
          'data-incident': inc.id,
          'data-key': key,
          'data-incident-index': index,
          'data-rules': inc.ruleIds.join(' '),
          'data-severity': inc.severity,
          'data-worker': inc.workerId,
          'data-tip': label,
        });
        for (const w of incidentSpans(inc)) {
          const x0 = x(w.start);
          el.append(s('rect', { x: x0, y: ly, width: Math.max(4, x(w.end) - x0), height: INC_BAR_H, rx: 3 }));
        }
        el.addEventListener('click', () => model.onSelectIncident?.(index));
        el.addEventListener('keydown', (ev) => {
          if (ev.key === 'Enter' || ev.key === ' ') {
            ev.preventDefault();
            model.onSelectIncident?.(index);
          }
        });
        g.append(withTip(el));
      }
      body.append(g);
    });

    lanes.forEach((lane, li) => {
      const ly = block.lanesTop + li * LANE_H + (LANE_H - FIND_H) / 2;
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
      s(
        'line',
        { class: 'dst-line', x1: at, x2: at, y1: 2, y2: height },
        s('title', {}, `${text}: ${wallTime(c.at, { offset: true })}`),
      ),
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
    const label = weekStartsMonday
      ? t('week', { n: wk.isoWeek })
      : wallTime(wk.start, { year: false }).split(' ').slice(0, 2).join(' ');
    const text =
      w >= 120
        ? `${label} · ${wallTime(wk.start, { weekday: false, year: false }).split(' ')[0]}`
        : w >= 44
          ? label
          : w >= 16
            ? String(wk.isoWeek)
            : '';
    if (text) axis.append(s('text', { class: 'week-text', x: x0 + 4, y: 14 }, text));
  }
  const holidayDates = new Set(calendar.sundays.flatMap((w) => w.dates));
  if (pxPerDay >= 16) {
    for (const day of calendar.days) {
      const [yy, mm, dd] = day.date.split('-').map(Number);
      const wd = new Date(Date.UTC(yy, mm - 1, dd)).getUTCDay();
      const text =
        pxPerDay >= 58
          ? `${d.weekdaysShort[wd]} ${dd}.${mm}`
          : pxPerDay >= 30
            ? `${d.weekdaysShort[wd]} ${dd}`
            : String(dd);
      axis.append(
        s(
          'text',
          { class: `day-text${holidayDates.has(day.date) ? ' holiday' : ''}`, x: x(day.start) + 3, y: 32 },
          text,
        ),
      );
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
    const perWorker = report.summary.perWorker?.find((p) => p.workerId === worker.id);
    const counts = perWorker ? t('workerCounts', { v: perWorker.violations, w: perWorker.warnings }) : '';
    const label = s(
      'g',
      {
        class: `worker-label${model.selectedWorker === worker.id ? ' selected' : ''}`,
        role: 'button',
        tabindex: -1,
        'data-worker': worker.id,
        'aria-label': t('workerOpen', { name, counts }),
        'aria-pressed': model.selectedWorker === worker.id ? 'true' : 'false',
      },
      s('rect', { class: 'worker-hit', x: 2, y: top, width: LABEL_W - 8, height: ROW_H }),
      s(
        'text',
        { class: 'worker-text', x: 8, y: top + ROW_H / 2 + 5 },
        s('title', {}, `${name} (${worker.id})`),
        clip(name, 24),
      ),
    );
    label.addEventListener('click', () => model.onSelectWorker?.(worker.id));
    label.addEventListener('keydown', (ev) => {
      if (ev.key === 'Enter' || ev.key === ' ') {
        ev.preventDefault();
        model.onSelectWorker?.(worker.id);
      }
    });
    labels.append(label);
    if (block.incidentRows.length) {
      labels.append(
        s('text', { class: 'lane-text incident-lane-text', x: 16, y: top + ROW_H + INC_H / 2 + 4 }, t('incidentLane')),
      );
    }
    lanes.forEach((lane, li) => {
      const ly = block.lanesTop + li * LANE_H + LANE_H / 2 + 4;
      labels.append(
        s(
          'text',
          { class: 'lane-text', x: 16, y: ly },
          s('title', {}, `${loc(lane.title)} (${lane.ruleId})`),
          clip(loc(lane.title), 30),
        ),
      );
    });
  }
  svg.append(labels);

  const selectedIndex = selected ? report.findings.indexOf(selected) : null;
  rovingFocus(svg, '.finding, .incident', (el) =>
    selected
      ? Number(el.dataset.index) === selectedIndex && el.classList.contains('finding')
      : el.classList.contains('selected'),
  );
  rovingLabels(svg, model.selectedWorker ?? null);
  if (model.editable) {
    const items = /** @type {SVGGElement[]} */ ([...svg.querySelectorAll('.period')]);
    const start = items.find((el) => Number(el.dataset.index) === selectedPeriod) ?? items[0];
    start?.setAttribute('tabindex', '0');
  }

  // The label column follows the sideways scroll. The scroll position is the one the last scroll
  // event gave: reading it here would make the browser lay out the whole page at once.
  const keepLabels = (/** @type {number} */ left) => labels.setAttribute('transform', `translate(${left} 0)`);
  container.onscroll = () => {
    scrolled.set(container, container.scrollLeft);
    keepLabels(container.scrollLeft);
    hideTip();
  };
  keepLabels(scrolled.get(container) ?? 0);
  container.replaceChildren(svg);

  // Bring the selected finding or incident into view when it is off screen.
  const shown = selected?.window ?? (selectedInc ? incidentSpans(selectedInc)[0] : undefined);
  if (shown) {
    const x0 = x(shown.start);
    const left = scrolled.get(container) ?? 0;
    if (x0 < left + LABEL_W || x0 > left + widthOf(container) - 40) {
      container.scrollLeft = Math.max(0, x0 - LABEL_W - 40);
    }
  }
  return { x, msAt: (px) => t0 + ((px - LABEL_W) / pxPerHour) * HOUR, pxPerHour, t0, t1 };
}

/** Worker names: one stop for Tab, arrow keys up and down between them. */
function rovingLabels(svg, current) {
  const items = /** @type {SVGGElement[]} */ ([...svg.querySelectorAll('.worker-label')]);
  if (items.length === 0) return;
  (items.find((el) => el.dataset.worker === current) ?? items[0]).setAttribute('tabindex', '0');
  svg.addEventListener('keydown', (ev) => {
    const el = /** @type {Element} */ (ev.target);
    if (!(el instanceof SVGGElement) || !el.classList.contains('worker-label')) return;
    const i = items.indexOf(el);
    const to =
      ev.key === 'ArrowDown'
        ? items[i + 1]
        : ev.key === 'ArrowUp'
          ? items[i - 1]
          : ev.key === 'Home'
            ? items[0]
            : ev.key === 'End'
              ? items[items.length - 1]
              : undefined;
    if (!to) return;
    ev.preventDefault();
    el.setAttribute('tabindex', '-1');
    to.setAttribute('tabindex', '0');
    to.focus();
  });
}

/**
 * The findings and incidents are one stop for Tab (the chosen one, else the first); arrow keys move
 * between them: left and right along the lanes in order, up and down to the nearest item of the
 * lane above or below, Home and End to the first and last.
 * @param {SVGElement} svg
 * @param {string} selector the items
 * @param {(el: SVGGElement) => boolean} isCurrent the one that takes Tab
 */
function rovingFocus(svg, selector, isCurrent) {
  const items = /** @type {SVGGElement[]} */ ([...svg.querySelectorAll(selector)]);
  if (items.length === 0) return;
  const start = items.find(isCurrent) ?? items[0];
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
    if (!(el instanceof SVGGElement) || !el.matches(selector)) return;
    const i = items.indexOf(el);
    const lane = el.parentElement;
    const lanes = [...svg.querySelectorAll('.lane')].filter((l) => l.querySelector(selector));
    const nearestIn = (l) => {
      if (!l) return undefined;
      const x = centre(el);
      return [.../** @type {NodeListOf<SVGGElement>} */ (l.querySelectorAll(selector))].reduce((best, c) =>
        Math.abs(centre(c) - x) < Math.abs(centre(best) - x) ? c : best,
      );
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

/** Focuses the drawn incident with this report index, if any. */
export function focusIncident(container, index) {
  const el = container.querySelector(`.incident[data-incident-index="${index}"]`);
  if (el instanceof SVGElement) el.focus();
}

/** Focuses the drawn period with this rota index, if any (and makes it the period row's Tab stop). */
export function focusPeriod(container, index) {
  const el = container.querySelector(`.period[data-index="${index}"]`);
  if (!(el instanceof SVGElement)) return false;
  for (const other of container.querySelectorAll('.period[tabindex="0"]')) other.setAttribute('tabindex', '-1');
  el.setAttribute('tabindex', '0');
  el.focus();
  return true;
}
