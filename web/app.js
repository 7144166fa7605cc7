// The page: load a rota (bundled scenario, file, pasted text), let the API read and judge it, and
// draw the answer. State lives here; drawing is in timeline.js and panels.js; words in i18n.js.
//
// Flow: text → POST /v1/rota (any format → validated rota JSON + period instants) → POST
// /v1/evaluate (the rota as JSON) → GET /v1/calendar (frames, nights, Sundays/holidays, DST of the
// range the report covers) → draw. Switching an agreement edits `rota.agreements` and evaluates again.
//
// Editing a period (edit.js reads the gesture) changes `rota.periods` at once, as wall times in the
// rota's zone, and keeps a snapshot for undo; 250 ms after the last change the edited rota goes to
// POST /v1/rota (the server's instants for every period) and POST /v1/evaluate together, and the
// answer replaces what is drawn. The API's per-worker cache makes that a few milliseconds.
import { ApiProblem, getJson, getText, postJson, setToken, typeOfName, typeOfText } from './api.js';
import { fill, h } from './dom.js';
import { attachEditor } from './edit.js';
import { dict, lang, num, setLang, t, wallTime, windowText } from './i18n.js';
import { renderOverview } from './overview.js';
import {
  renderAgreements,
  renderConversions,
  renderDetails,
  renderFindingList,
  renderSummary,
  renderVariants,
} from './panels.js';
import {
  findingKey,
  focusFinding,
  focusIncident,
  focusPeriod,
  hideTip,
  incidentKey,
  renderTimeline,
  updatePeriod,
} from './timeline.js';
import { zoneTable } from './wall.js';
import { toYaml } from './yaml.js';

const LANG_KEY = 'turnussjekk.lang';
const $ = (/** @type {string} */ id) => /** @type {HTMLElement} */ (document.getElementById(id));

const state = {
  /** @type {string} */ label: '',
  /** @type {any} */ rota: null,
  /** @type {any[]} */ originalAgreements: [],
  /** @type {any[]} */ periods: [],
  /** @type {any} */ report: null,
  /** @type {any} */ calendar: null,
  /** @type {string} */ calendarKey: '',
  /** @type {Map<string, any>} */ agreementTypes: new Map(),
  /** @type {Map<string, any>} */ rules: new Map(),
  /** @type {Array<{ name: string, title: string }>} */ scenarios: [],
  /** @type {string | null} */ selectedKey: null,
  /** @type {string | null} */ selectedIncident: null,
  /** @type {string | null} */ selectedWorker: null,
  /** @type {number | null} */ selectedPeriod: null,
  /** @type {boolean | null} null = one lane per rule only when the rota has one worker */ ruleLanes: null,
  scope: '',
  zoom: 1,
  seq: 0,
  /** @type {(() => Promise<void>) | null} */ retry: null,
  // Editing
  /** @type {ReturnType<typeof zoneTable> | null} */ zone: null,
  /** @type {import('./timeline.js').Scale | null} */ scale: null,
  /** @type {Snapshot[]} */ undo: [],
  /** @type {Snapshot[]} */ redo: [],
  dragging: false,
  drawLater: false,
  editTimer: 0,
  /** Counts the edits: an answer about an older version of the periods is dropped. */
  version: 0,
};

/** @typedef {{ rotaPeriods: any[], periods: any[], selectedPeriod: number | null }} Snapshot */
const EDIT_DEBOUNCE_MS = 250;
const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

// ---------------------------------------------------------------------------------------------
// Words

/** Where in the document an error is, as the problem document gives it (line, and column when known). */
const where = (/** @type {{ line?: number, column?: number }} */ e) =>
  e.column ? t('errorLineColumn', { line: e.line, column: e.column }) : t('errorLine', { line: e.line });

function applyStaticText() {
  document.documentElement.lang = lang();
  document.title = `${t('appTitle')} – ${t('tagline')}`;
  for (const el of document.querySelectorAll('[data-i18n]'))
    el.textContent = t(/** @type {any} */ (el.getAttribute('data-i18n')));
  for (const el of document.querySelectorAll('[data-i18n-label]'))
    el.setAttribute('aria-label', t(/** @type {any} */ (el.getAttribute('data-i18n-label'))));
  for (const el of document.querySelectorAll('[data-i18n-placeholder]'))
    el.setAttribute('placeholder', t(/** @type {any} */ (el.getAttribute('data-i18n-placeholder'))));
  for (const el of document.querySelectorAll('[data-i18n-kind]'))
    el.textContent = dict().kind[el.getAttribute('data-i18n-kind') ?? ''] ?? el.textContent;
  $('lang').setAttribute('lang', lang() === 'nb' ? 'en' : 'nb');
  $('load-current').textContent = `– ${state.label ? t('loadCurrent', { name: state.label }) : t('loadNone')}`;
  renderScenarioOptions();
  renderLegend();
}

function renderScenarioOptions() {
  const select = /** @type {HTMLSelectElement} */ ($('scenario'));
  const current = select.value;
  fill(
    select,
    h('option', { value: '' }, t('scenarioChoose')),
    state.scenarios.map((sc) =>
      h('option', { value: sc.name, title: sc.title, selected: sc.name === current }, `${sc.name} – ${sc.title}`),
    ),
  );
}

function renderLegend() {
  const d = dict();
  const nightHours = state.calendar?.nightHours ?? { start: 21, end: 6 };
  const pad = (n) => String(n).padStart(2, '0');
  const item = (cls, text) => h('li', {}, h('span', { class: `swatch ${cls}`, 'aria-hidden': 'true' }), text);
  fill(
    $('legend'),
    Object.keys(d.kind).map((k) => item(`kind-${k}`, d.kind[k])),
    item('passive', t('legendPassive')),
    item('night', t('legendNight', { start: pad(nightHours.start), end: pad(nightHours.end) })),
    item('sunday', t('legendSunday')),
    item('sev-violation', d.severity.violation),
    item('sev-warning', d.severity.warning),
    item('sev-info', d.severity.info),
    item('hyp', t('legendHypothetical')),
    item('week', t('legendWeek')),
    item('dst', t('legendDst')),
  );
}

// ---------------------------------------------------------------------------------------------
// Status and errors

/** @type {[string, Record<string, string | number>] | null} */
let lastStatus = null;

/** Shows a status line (kept as key and params, so a language switch can say it again). */
function status(key, params = {}) {
  lastStatus = key ? [key, params] : null;
  const el = $('status');
  el.textContent = key ? t(/** @type {any} */ (key), params) : '';
  // "Done" is for screen readers; the load bar already shows what is loaded.
  el.classList.toggle('visually-hidden', key === 'loaded' || !key);
}

function busy(on) {
  document.body.classList.toggle('busy', on);
  $('result').setAttribute('aria-busy', on ? 'true' : 'false');
}

function clearErrors() {
  const el = $('errors');
  el.hidden = true;
  el.replaceChildren();
}

/** @param {unknown} err @param {() => Promise<void>} retry */
function showError(err, retry) {
  status('');
  if (err instanceof ApiProblem && err.status === 401) {
    state.retry = retry;
    $('token-form').hidden = false;
    /** @type {HTMLInputElement} */ ($('token')).focus();
    return;
  }
  const el = $('errors');
  el.hidden = false;
  if (!(err instanceof ApiProblem)) {
    fill(el, h('h2', {}, t('errorsTitle')), h('p', {}, String(/** @type {Error} */ (err)?.message ?? err)));
    console.error(err);
    return;
  }
  const p = err.problem;
  const errors = p.errors ?? [];
  fill(
    el,
    h('h2', {}, t('errorsTitle')),
    h('p', {}, p.status === 0 ? t('errorNetwork', { detail: p.detail }) : p.detail || p.title),
    errors.length
      ? h(
          'table',
          { class: 'error-table' },
          h(
            'thead',
            {},
            h('tr', {}, h('th', { scope: 'col' }, t('errorWhere')), h('th', { scope: 'col' }, t('errorWhat'))),
          ),
          h(
            'tbody',
            {},
            errors.map((e) =>
              h(
                'tr',
                {},
                h('td', {}, h('code', {}, e.path || t('document')), e.line ? ` (${where(e)})` : ''),
                h('td', {}, e.message),
              ),
            ),
          ),
        )
      : null,
  );
  el.focus?.();
}

// ---------------------------------------------------------------------------------------------
// Loading

async function loadCatalogues() {
  const [agreements, rules, scenarios] = await Promise.all([
    getJson('/v1/agreements'),
    getJson('/v1/rules'),
    getJson('/v1/scenarios'),
  ]);
  state.agreementTypes = new Map(agreements.map((a) => [a.type, a]));
  state.rules = new Map(rules.map((r) => [r.id, r]));
  state.scenarios = scenarios;
  renderScenarioOptions();
}

/**
 * Reads any supported body through the API and judges it.
 * @param {BodyInit} body
 * @param {string} type content type
 * @param {string} label shown as the loaded rota's name
 * @param {Record<string, string>} [query] import options for CSV and iCalendar
 */
async function loadRota(body, type, label, query = {}) {
  clearErrors();
  busy(true);
  status('loading');
  try {
    const qs = new URLSearchParams(Object.entries(query).filter(([, v]) => v)).toString();
    const read = await postJson(`/v1/rota${qs ? `?${qs}` : ''}`, body, type);
    state.rota = read.rota;
    state.periods = read.periods;
    state.originalAgreements = structuredClone(read.rota.agreements ?? []);
    state.label = label;
    state.selectedKey = null;
    state.selectedIncident = null;
    state.selectedWorker = null;
    state.selectedPeriod = null;
    state.ruleLanes = null;
    state.undo = [];
    state.redo = [];
    clearTimeout(state.editTimer);
    state.scope = '';
    state.zoom = 1;
    state.calendar = null;
    state.calendarKey = '';
    await evaluate();
    /** @type {HTMLDetailsElement} */ ($('load')).open = false;
    $('load-current').textContent = `– ${t('loadCurrent', { name: label })}`;
    status('loaded', { name: label });
  } catch (err) {
    // What is drawn belongs to the rota before; do not let it pass for this one.
    state.report = null;
    state.label = '';
    $('load-current').textContent = `– ${t('loadNone')}`;
    render();
    showError(err, () => loadRota(body, type, label, query));
  } finally {
    busy(false);
  }
}

async function openScenario(name) {
  clearErrors();
  try {
    const text = await getText(`/v1/scenarios/${encodeURIComponent(name)}`, 'application/yaml');
    const url = new URL(location.href);
    url.searchParams.set('scenario', name);
    history.replaceState(null, '', url);
    /** @type {HTMLSelectElement} */ ($('scenario')).value = name;
    await loadRota(text, 'application/yaml', `${name}.yaml`);
  } catch (err) {
    showError(err, () => openScenario(name));
  }
}

function importQuery() {
  return {
    kind: /** @type {HTMLSelectElement} */ ($('import-kind')).value,
    contract: /** @type {HTMLSelectElement} */ ($('import-contract')).value,
    worker: /** @type {HTMLInputElement} */ ($('import-worker')).value.trim(),
  };
}

/** @param {File} file */
async function openFile(file) {
  const type = typeOfName(file.name) || typeOfText(await file.text());
  const imported = type === 'text/csv' || type === 'text/calendar';
  const url = new URL(location.href);
  url.searchParams.delete('scenario');
  history.replaceState(null, '', url);
  await loadRota(file, type, file.name, imported ? importQuery() : {});
}

// ---------------------------------------------------------------------------------------------
// Evaluating and the calendar

const DAY = 86_400_000;
const dateOf = (/** @type {string} */ iso) => iso.slice(0, 10);
const addDays = (/** @type {string} */ date, /** @type {number} */ n) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);
const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];

/** The local dates the drawing must cover: every period and finding window, widened to whole weeks. */
function rangeOf(report) {
  const starts = [...state.periods.map((p) => p.start), ...report.findings.map((f) => f.window.start)];
  const ends = [...state.periods.map((p) => p.end), ...report.findings.map((f) => f.window.end)];
  if (starts.length === 0) return null;
  let from = starts.map(dateOf).reduce((a, b) => (b < a ? b : a));
  // An end at local midnight belongs to the day before.
  let to = ends
    .map((e) => (/T00:00(:00)?/.test(e) ? addDays(dateOf(e), -1) : dateOf(e)))
    .reduce((a, b) => (b > a ? b : a));
  if (to < from) to = from;
  const weekStart = WEEKDAYS.indexOf(state.rota.frames?.weekStart ?? 'monday');
  const wd = (date) => new Date(`${date}T00:00:00Z`).getUTCDay();
  from = addDays(from, -((wd(from) - weekStart + 7) % 7));
  to = addDays(to, (weekStart + 6 - wd(to)) % 7);
  return { from, to };
}

async function ensureCalendar(report) {
  const range = rangeOf(report);
  if (!range) {
    state.calendar = null;
    return;
  }
  const params = new URLSearchParams({
    from: range.from,
    to: range.to,
    timezone: state.rota.timezone ?? 'Europe/Oslo',
    dayStart: state.rota.frames?.dayStart ?? '00:00',
    weekStart: state.rota.frames?.weekStart ?? 'monday',
  });
  const key = params.toString();
  if (key === state.calendarKey && state.calendar) return;
  state.calendar = await getJson(`/v1/calendar?${key}`);
  state.calendarKey = key;
  state.zone = zoneTable(state.calendar);
}

/** Takes a new report, and lets go of what it no longer has. */
function setReport(report) {
  state.report = report;
  if (state.selectedKey && !report.findings.some((f) => findingKey(f) === state.selectedKey)) state.selectedKey = null;
  if (state.selectedIncident && !report.incidents.some((inc) => incidentKey(inc) === state.selectedIncident))
    state.selectedIncident = null;
  if (state.selectedWorker && !state.rota.workers.some((w) => w.id === state.selectedWorker))
    state.selectedWorker = null;
  if (state.selectedPeriod !== null && state.selectedPeriod >= state.rota.periods.length) state.selectedPeriod = null;
}

async function evaluate() {
  const seq = ++state.seq;
  const version = state.version;
  const report = await postJson('/v1/evaluate', JSON.stringify(state.rota));
  // A newer request is on its way, or the periods were edited meanwhile (their check is scheduled).
  if (seq !== state.seq || version !== state.version) return;
  await ensureCalendar(report);
  if (seq !== state.seq || version !== state.version) return;
  setReport(report);
  render();
}

/** The edited rota, judged again: the server's instants for every period and a new report. */
async function evaluateEdited() {
  clearTimeout(state.editTimer);
  clearErrors();
  busy(true);
  status('reevaluatingEdit');
  const seq = ++state.seq;
  const version = state.version;
  const body = JSON.stringify(state.rota);
  // Edited again while this was on its way: the answer is about periods the page no longer has,
  // and the newer edit has its own evaluation scheduled.
  const stale = () => seq !== state.seq || version !== state.version;
  try {
    const [read, report] = await Promise.all([postJson('/v1/rota', body), postJson('/v1/evaluate', body)]);
    if (stale()) return;
    state.periods = read.periods;
    await ensureCalendar(report);
    if (stale()) return;
    setReport(report);
    render();
    status('editChecked', {
      v: t('summaryViolations', { n: report.summary.violations }),
      w: t('summaryWarnings', { n: report.summary.warnings }),
    });
  } catch (err) {
    if (stale()) return;
    showError(err, evaluateEdited);
    if (state.undo.length && !(err instanceof ApiProblem && err.status === 401)) {
      $('errors').append(
        h(
          'p',
          {},
          t('editUndoHint'),
          ' ',
          h('button', { type: 'button', class: 'small-button', onclick: () => actions.undo() }, t('undo')),
        ),
      );
    }
  } finally {
    if (seq === state.seq) busy(false);
  }
}

function scheduleEvaluate() {
  clearTimeout(state.editTimer);
  state.editTimer = window.setTimeout(() => void evaluateEdited(), EDIT_DEBOUNCE_MS);
}

async function reevaluate() {
  clearErrors();
  busy(true);
  status('reevaluating');
  try {
    await evaluate();
    status('loaded', { name: state.label });
  } catch (err) {
    showError(err, reevaluate);
  } finally {
    busy(false);
  }
}

// ---------------------------------------------------------------------------------------------
// Drawing

function selectedIndex() {
  if (!state.report || !state.selectedKey) return null;
  const i = state.report.findings.findIndex((f) => findingKey(f) === state.selectedKey);
  return i < 0 ? null : i;
}

function selectedIncidentIndex() {
  if (!state.report || !state.selectedIncident) return null;
  const i = state.report.incidents.findIndex((inc) => incidentKey(inc) === state.selectedIncident);
  return i < 0 ? null : i;
}

/** @returns {import('./panels.js').View} */
function view() {
  return {
    report: state.report,
    rota: state.rota,
    agreementTypes: state.agreementTypes,
    rules: state.rules,
    selectedIndex: selectedIndex(),
    selectedIncident: selectedIncidentIndex(),
    selectedWorker: state.selectedWorker,
    scope: state.scope,
    actions,
  };
}

const ruleLanesOn = () => state.ruleLanes ?? (state.rota?.workers.length ?? 0) <= 1;

function drawTimeline() {
  const container = $('timeline');
  if (!state.calendar) {
    container.replaceChildren();
    state.scale = null;
    return;
  }
  if (state.dragging) {
    // Never pull the bar from under the pointer: draw when it is let go.
    state.drawLater = true;
    return;
  }
  // What had the keyboard focus in the drawing gets it back in the new one.
  const active = document.activeElement;
  const had = active && container.contains(active) ? active : null;
  const focusPeriodIndex = had?.classList.contains('period') ? Number(/** @type {any} */ (had).dataset.index) : null;
  const focusIncidentKey = had?.classList.contains('incident') ? /** @type {any} */ (had).dataset.key : null;
  const focusWorker = had?.classList.contains('worker-label') ? /** @type {any} */ (had).dataset.worker : null;
  hideTip();
  state.scale = renderTimeline(container, {
    report: state.report,
    rota: state.rota,
    periods: state.periods,
    calendar: state.calendar,
    zoom: state.zoom,
    selectedKey: state.selectedKey,
    selectedIncident: state.selectedIncident,
    selectedWorker: state.selectedWorker,
    selectedPeriod: state.selectedPeriod,
    ruleLanes: ruleLanesOn(),
    editable: true,
    onSelect: (i) => actions.select(i),
    onSelectIncident: (i) => actions.selectIncident(i),
    onSelectWorker: (id) => actions.selectWorker(id),
  });
  if (focusPeriodIndex !== null) focusPeriod(container, focusPeriodIndex);
  else if (focusIncidentKey)
    /** @type {SVGElement | null} */ (
      container.querySelector(`.incident[data-key="${CSS.escape(focusIncidentKey)}"]`)
    )?.focus();
  else if (focusWorker)
    /** @type {SVGElement | null} */ (
      container.querySelector(`.worker-label[data-worker="${CSS.escape(focusWorker)}"]`)
    )?.focus();
  else if (had?.classList.contains('finding')) focusFinding(container, Number(/** @type {any} */ (had).dataset.index));
}

/** The edit bar: undo and redo, add and delete, what is selected and how many changes there are. */
function renderEditBar() {
  const period =
    state.selectedPeriod === null ? undefined : state.periods.find((p) => p.index === state.selectedPeriod);
  /** @type {HTMLButtonElement} */ ($('undo')).disabled = state.undo.length === 0;
  /** @type {HTMLButtonElement} */ ($('redo')).disabled = state.redo.length === 0;
  /** @type {HTMLButtonElement} */ ($('add-period')).disabled = !period;
  /** @type {HTMLButtonElement} */ ($('delete-period')).disabled = !period;
  /** @type {HTMLInputElement} */ ($('rule-lanes')).checked = ruleLanesOn();
  const changes = state.undo.length ? t('editCount', { n: state.undo.length }) : t('editNone');
  // The end as a time of day when the period ends on the day it starts, else with its date.
  const sameDay = period && period.start.slice(0, 10) === period.end.slice(0, 10);
  $('edit-state').textContent = period
    ? `${t('editSelected', {
        assignment: period.assignmentId,
        span: sameDay
          ? `${wallTime(period.start)}–${wallTime(period.end).split(' ').pop()}`
          : windowText(period.start, period.end),
        hours: num(period.hours),
      })} · ${changes}`
    : `${t('editHint')} · ${changes}`;
}

function render() {
  const ready = Boolean(state.report);
  $('result').hidden = !ready;
  /** @type {HTMLButtonElement} */ for (const id of ['export-json', 'export-rota', 'export-yaml', 'print'])
    $(id).disabled = !ready;
  if (!ready) return;
  const v = view();
  renderSummary($('summary'), v);
  renderOverview($('overview'), v);
  renderLegend();
  drawTimeline();
  renderEditBar();
  renderDetails($('details'), v);
  renderAgreements($('agreements'), v);
  renderConversions($('conversions'), v);
  renderVariants($('variants'), v);
  renderFindingList($('finding-list'), v);
  $('print-note').textContent =
    `${state.label} · ${t('printedFrom', { date: new Date().toLocaleString(lang() === 'nb' ? 'nb-NO' : 'en-GB') })}`;
}

/** Draws what a change of selection touches. */
function redrawSelection() {
  const v = view();
  drawTimeline();
  renderDetails($('details'), v);
  renderOverview($('overview'), v);
  renderEditBar();
  return v;
}

/** Copies of the periods, for undo. */
function snapshot() {
  return {
    rotaPeriods: structuredClone(state.rota.periods),
    periods: structuredClone(state.periods),
    selectedPeriod: state.selectedPeriod,
  };
}

/** Before each change: what undo brings back. */
function remember() {
  state.version += 1;
  state.undo.push(snapshot());
  if (state.undo.length > 200) state.undo.shift();
  state.redo = [];
}

/** The resolved period (instants) that the page draws until the server answers. */
function resolved(index, rp, startMs, endMs) {
  const zone = /** @type {NonNullable<typeof state.zone>} */ (state.zone);
  const workerId = state.rota.assignments.find((a) => a.id === rp.assignmentId)?.workerId ?? '';
  const hours = Math.round(((endMs - startMs) / HOUR_MS) * 100) / 100;
  return {
    index,
    assignmentId: rp.assignmentId,
    workerId,
    start: zone.iso(startMs),
    end: zone.iso(endMs),
    hours,
    passiveHours: Math.min(rp.passiveHours ?? 0, hours),
  };
}

/** After a change: draw it, say it, and judge the rota again soon. */
function edited(_how, messageKey, params) {
  redrawSelection();
  if (state.selectedPeriod !== null) focusPeriod($('timeline'), state.selectedPeriod);
  status(messageKey, params);
  scheduleEvaluate();
}

const describePeriod = (p) => ({ assignment: p.assignmentId, from: wallTime(p.start), to: wallTime(p.end) });

const actions = {
  /** @param {number | null} index @param {boolean} [focusTimeline] */
  select(index, focusTimeline = false) {
    const f = index === null ? undefined : state.report.findings[index];
    state.selectedKey = f ? findingKey(f) : null;
    const v = view();
    drawTimeline();
    renderDetails($('details'), v);
    renderFindingList($('finding-list'), v);
    if (f && focusTimeline) {
      focusFinding($('timeline'), index);
      $('timeline-section').scrollIntoView({ block: 'nearest' });
    } else if (f) {
      // Keep keyboard focus on the finding that was chosen (the drawing was replaced).
      focusFinding($('timeline'), index);
    }
  },
  /** @param {string} type @param {string} workerId '' = all workers @param {boolean} on */
  toggle(type, workerId, on) {
    const same = (a) => a.type === type && (a.workerId ?? '') === workerId;
    if (on) {
      if (!state.rota.agreements.some(same)) state.rota.agreements.push({ type, ...(workerId ? { workerId } : {}) });
    } else {
      state.rota.agreements = state.rota.agreements.filter((a) => !same(a));
    }
    void reevaluate();
  },
  /** @param {string} workerId */
  setScope(workerId) {
    state.scope = workerId;
    renderAgreements($('agreements'), view());
  },
  reset() {
    state.rota.agreements = structuredClone(state.originalAgreements);
    void reevaluate();
  },
  /** @param {number | null} index into report.incidents */
  selectIncident(index) {
    const inc = index === null ? undefined : state.report.incidents[index];
    state.selectedIncident = inc ? incidentKey(inc) : null;
    state.selectedKey = null;
    redrawSelection();
    renderFindingList($('finding-list'), view());
    if (inc) focusIncident($('timeline'), index);
  },
  /** @param {string | null} workerId */
  selectWorker(workerId) {
    state.selectedWorker = workerId;
    state.selectedKey = null;
    state.selectedIncident = null;
    redrawSelection();
    renderFindingList($('finding-list'), view());
    if (workerId) $('details').focus({ preventScroll: true });
  },
  /** @param {number | null} index into rota.periods */
  selectPeriod(index) {
    state.selectedPeriod = index;
    drawTimeline();
    renderEditBar();
    if (index !== null) focusPeriod($('timeline'), index);
  },
  /** Moves or resizes a period to these instants. */
  changePeriod(index, startMs, endMs, how = 'mouse') {
    const rp = state.rota.periods[index];
    if (!rp || !state.zone || endMs <= startMs) return;
    remember();
    rp.start = state.zone.rotaTime(startMs);
    rp.end = state.zone.rotaTime(endMs);
    const p = resolved(index, rp, startMs, endMs);
    // A period cannot hold more passive hours or break than it lasts (the API refuses it): what
    // is left of them is kept, and undo brings back the rest.
    if (rp.passiveHours !== undefined && rp.passiveHours > p.hours) rp.passiveHours = p.hours;
    if (rp.breakMinutes !== undefined && rp.breakMinutes > p.hours * 60) rp.breakMinutes = Math.round(p.hours * 60);
    state.periods = state.periods.map((q) => (q.index === index ? p : q));
    state.selectedPeriod = index;
    // Step by step (a key held down) only the bar moves; the API's answer draws everything anew.
    if (!state.dragging && state.scale && updatePeriod($('timeline'), state.scale, state.rota, p)) {
      renderEditBar();
      status('editMoved', describePeriod(p));
      scheduleEvaluate();
      return;
    }
    edited(how, 'editMoved', describePeriod(p));
  },
  /** Adds a period for a worker: 8 hours from `startMs`, on the assignment of the worker's nearest period. */
  addPeriod(workerId, startMs) {
    if (!state.zone) return;
    const mine = state.periods.filter((p) => p.workerId === workerId);
    const nearest = mine.reduce(
      (best, p) =>
        !best || Math.abs(Date.parse(p.start) - startMs) < Math.abs(Date.parse(best.start) - startMs) ? p : best,
      null,
    );
    const assignmentId = nearest?.assignmentId ?? state.rota.assignments.find((a) => a.workerId === workerId)?.id;
    if (!assignmentId) {
      status('editNoAssignment');
      return;
    }
    const endMs = startMs + 8 * HOUR_MS;
    remember();
    const rp = { assignmentId, start: state.zone.rotaTime(startMs), end: state.zone.rotaTime(endMs) };
    state.rota.periods.push(rp);
    const p = resolved(state.rota.periods.length - 1, rp, startMs, endMs);
    state.periods = [...state.periods, p];
    state.selectedPeriod = p.index;
    edited('mouse', 'editAdded', describePeriod(p));
  },
  /** Adds a copy of a period on the next day, at the same wall times. */
  addAfter(index, how = 'mouse') {
    const rp = state.rota.periods[index];
    const p = state.periods.find((q) => q.index === index);
    const zone = state.zone;
    if (!rp || !p || !zone) return;
    const startMs = zone.instantOfWall(zone.wallMs(Date.parse(p.start)) + DAY_MS);
    const endMs = zone.instantOfWall(zone.wallMs(Date.parse(p.end)) + DAY_MS);
    remember();
    const copy = { ...structuredClone(rp), start: zone.rotaTime(startMs), end: zone.rotaTime(endMs) };
    state.rota.periods.push(copy);
    const added = resolved(state.rota.periods.length - 1, copy, startMs, endMs);
    state.periods = [...state.periods, added];
    state.selectedPeriod = added.index;
    edited(how, 'editAdded', describePeriod(added));
  },
  /** Deletes a period; the selection moves to the worker's next period. */
  removePeriod(index, how = 'mouse') {
    const p = state.periods.find((q) => q.index === index);
    if (!p) return;
    remember();
    state.rota.periods.splice(index, 1);
    state.periods = state.periods
      .filter((q) => q.index !== index)
      .map((q) => (q.index > index ? { ...q, index: q.index - 1 } : q));
    const same = state.periods
      .filter((q) => q.workerId === p.workerId)
      .sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
    const next = same.find((q) => Date.parse(q.start) >= Date.parse(p.start)) ?? same[same.length - 1];
    state.selectedPeriod = next ? next.index : null;
    edited(how, 'editDeleted', describePeriod(p));
    // The last period gone: the keyboard goes to Undo, which brings it back.
    if (state.selectedPeriod === null) $('undo').focus();
  },
  undo() {
    const back = state.undo.pop();
    if (!back) return;
    state.redo.push(snapshot());
    restore(back);
    status('editUndone');
  },
  redoEdit() {
    const again = state.redo.pop();
    if (!again) return;
    state.undo.push(snapshot());
    restore(again);
    status('editRedone');
  },
};

/** @param {Snapshot} snap */
function restore(snap) {
  const focused = document.activeElement?.classList.contains('period');
  state.version += 1;
  state.rota.periods = snap.rotaPeriods;
  state.periods = snap.periods;
  state.selectedPeriod = snap.selectedPeriod;
  redrawSelection();
  if (focused && state.selectedPeriod !== null) focusPeriod($('timeline'), state.selectedPeriod);
  scheduleEvaluate();
}

// ---------------------------------------------------------------------------------------------
// Export and print

function download(name, text, type = 'application/json') {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = h('a', { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

const baseName = () => state.label.replace(/\.[^.]+$/, '').replace(/[^\w.-]+/g, '-') || 'turnus';

/** Open every collapsed part for printing, and close them again after. */
let openedForPrint = [];
window.addEventListener('beforeprint', () => {
  // With several workers the paper is a summary: every finding and every reason stay in their
  // closed lists (open one before printing to have it on paper); the incidents are listed instead.
  const several = (state.rota?.workers.length ?? 0) > 1;
  openedForPrint = [...document.querySelectorAll('#result details:not([open])')].filter(
    (d) => !several || !d.matches('.finding-list, .reasons, .headroom-more, .occurrences'),
  );
  for (const d of openedForPrint) d.setAttribute('open', '');
  // The list of every finding builds its rows when opened (its toggle event would come too late).
  if (state.report && openedForPrint.some((d) => d.matches('.finding-list')))
    renderFindingList($('finding-list'), view());
  if (state.zoom !== 1) {
    state.zoom = 1;
    drawTimeline();
  }
});
window.addEventListener('afterprint', () => {
  for (const d of openedForPrint) d.removeAttribute('open');
  openedForPrint = [];
});

// ---------------------------------------------------------------------------------------------
// Wiring

function wire() {
  $('lang').addEventListener('click', () => {
    setLang(lang() === 'nb' ? 'en' : 'nb');
    try {
      localStorage.setItem(LANG_KEY, lang());
    } catch {
      /* storage disabled */
    }
    applyStaticText();
    render();
    if (lastStatus) status(...lastStatus);
  });
  $('export-json').addEventListener(
    'click',
    () => state.report && download(`${baseName()}-rapport.json`, `${JSON.stringify(state.report, null, 2)}\n`),
  );
  $('export-rota').addEventListener(
    'click',
    () => state.rota && download(`${baseName()}-turnus.json`, `${JSON.stringify(state.rota, null, 2)}\n`),
  );
  $('export-yaml').addEventListener('click', () => {
    if (!state.rota) return;
    const comment = t('yamlComment', {
      name: state.label,
      date: new Date().toISOString().slice(0, 10),
      n: state.undo.length,
    });
    download(`${baseName()}-turnus.yaml`, toYaml(state.rota, comment), 'application/yaml');
  });
  $('print').addEventListener('click', () => window.print());

  $('scenario-form').addEventListener('submit', (ev) => {
    ev.preventDefault();
    const name = /** @type {HTMLSelectElement} */ ($('scenario')).value;
    if (name) void openScenario(name);
  });

  const fileInput = /** @type {HTMLInputElement} */ ($('file'));
  fileInput.addEventListener('change', () => {
    const file = fileInput.files?.[0];
    if (file) void openFile(file);
    fileInput.value = '';
  });
  const drop = $('drop');
  drop.addEventListener('dragover', (ev) => {
    ev.preventDefault();
    drop.classList.add('over');
  });
  drop.addEventListener('dragleave', () => drop.classList.remove('over'));
  drop.addEventListener('drop', (ev) => {
    ev.preventDefault();
    drop.classList.remove('over');
    const file = ev.dataTransfer?.files?.[0];
    if (file) void openFile(file);
  });
  // A file dropped anywhere else must not make the browser leave the page.
  window.addEventListener('dragover', (ev) => ev.preventDefault());
  window.addEventListener('drop', (ev) => ev.preventDefault());

  $('paste-form').addEventListener('submit', (ev) => {
    ev.preventDefault();
    const text = /** @type {HTMLTextAreaElement} */ ($('paste')).value;
    if (!text.trim()) return;
    const type = /** @type {HTMLSelectElement} */ ($('paste-format')).value || typeOfText(text);
    const imported = type === 'text/csv' || type === 'text/calendar';
    void loadRota(text, type, t('pasteHeading').toLowerCase(), imported ? importQuery() : {});
  });

  $('token-form').addEventListener('submit', (ev) => {
    ev.preventDefault();
    setToken(/** @type {HTMLInputElement} */ ($('token')).value.trim());
    $('token-form').hidden = true;
    const retry = state.retry;
    state.retry = null;
    if (retry) void retry();
  });

  $('zoom-in').addEventListener('click', () => {
    state.zoom = Math.min(64, state.zoom * 2);
    drawTimeline();
  });
  $('zoom-out').addEventListener('click', () => {
    state.zoom = Math.max(1, state.zoom / 2);
    drawTimeline();
  });
  $('zoom-fit').addEventListener('click', () => {
    state.zoom = 1;
    drawTimeline();
  });
  let resizeTimer = 0;
  window.addEventListener('resize', () => {
    clearTimeout(resizeTimer);
    resizeTimer = window.setTimeout(() => state.report && drawTimeline(), 150);
  });
  document.addEventListener('keydown', (ev) => {
    if (ev.key === 'Escape' && state.selectedKey) actions.select(null);
    else if (ev.key === 'Escape' && state.selectedIncident) actions.selectIncident(null);
    else if (
      ev.key === 'Escape' &&
      state.selectedPeriod !== null &&
      document.activeElement?.classList.contains('period')
    )
      actions.selectPeriod(null);
    // Ctrl+Z (⌘Z) undoes an edit of the turnus, Ctrl+Y or Ctrl+Shift+Z redoes it; not while typing in a field.
    const target = /** @type {HTMLElement} */ (ev.target);
    const typing = target.closest?.('input, textarea, select, [contenteditable]');
    if (!state.report || typing || !(ev.ctrlKey || ev.metaKey) || ev.altKey) return;
    const key = ev.key.toLowerCase();
    if (key === 'z' && !ev.shiftKey) {
      ev.preventDefault();
      actions.undo();
    } else if (key === 'y' || (key === 'z' && ev.shiftKey)) {
      ev.preventDefault();
      actions.redoEdit();
    }
  });

  // Editing on the timeline.
  attachEditor($('timeline'), {
    scale: () => state.scale,
    periods: () => state.periods,
    describe: (ms) => (state.zone ? wallTime(state.zone.iso(ms)) : new Date(ms).toISOString()),
    hours: (n) => `${num(n)} ${t('hoursShort')}`,
    select: (index) => actions.selectPeriod(index),
    change: (index, start, end, how) => actions.changePeriod(index, start, end, how),
    add: (workerId, start) => actions.addPeriod(workerId, start),
    addAfter: (index, how) => actions.addAfter(index, how),
    remove: (index, how) => actions.removePeriod(index, how),
    dragging: (on) => {
      state.dragging = on;
      if (!on && state.drawLater) {
        state.drawLater = false;
        drawTimeline();
      }
    },
  });
  $('undo').addEventListener('click', () => actions.undo());
  $('redo').addEventListener('click', () => actions.redoEdit());
  $('add-period').addEventListener(
    'click',
    () => state.selectedPeriod !== null && actions.addAfter(state.selectedPeriod),
  );
  $('delete-period').addEventListener(
    'click',
    () => state.selectedPeriod !== null && actions.removePeriod(state.selectedPeriod),
  );
  $('rule-lanes').addEventListener('change', (ev) => {
    state.ruleLanes = /** @type {HTMLInputElement} */ (ev.target).checked;
    drawTimeline();
  });
}

async function start() {
  const params = new URLSearchParams(location.search);
  let saved = null;
  try {
    saved = localStorage.getItem(LANG_KEY);
  } catch {
    /* storage disabled */
  }
  setLang(
    params.get('lang') === 'en' || params.get('lang') === 'nb'
      ? /** @type {any} */ (params.get('lang'))
      : saved === 'en'
        ? 'en'
        : 'nb',
  );
  applyStaticText();
  wire();
  const init = async () => {
    await loadCatalogues();
    const scenario = params.get('scenario');
    if (scenario) await openScenario(scenario);
  };
  try {
    await init();
  } catch (err) {
    showError(err, init);
  }
}

void start();
