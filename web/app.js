// The page: load a rota (bundled scenario, file, pasted text), let the API read and judge it, and
// draw the answer. State lives here; drawing is in timeline.js and panels.js; words in i18n.js.
//
// Flow: text → POST /v1/rota (any format → validated rota JSON + period instants) → POST
// /v1/evaluate (the rota as JSON) → GET /v1/calendar (frames, nights, Sundays/holidays, DST of the
// range the report covers) → draw. Switching an agreement edits `rota.agreements` and evaluates again.
import { ApiProblem, getJson, getText, postJson, setToken, typeOfName, typeOfText } from './api.js';
import { fill, h } from './dom.js';
import { dict, lang, setLang, t } from './i18n.js';
import { renderAgreements, renderConversions, renderDetails, renderFindingList, renderSummary, renderVariants } from './panels.js';
import { findingKey, focusFinding, renderTimeline } from './timeline.js';

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
  scope: '',
  zoom: 1,
  seq: 0,
  /** @type {(() => Promise<void>) | null} */ retry: null,
};

// ---------------------------------------------------------------------------------------------
// Words

function applyStaticText() {
  document.documentElement.lang = lang();
  document.title = `${t('appTitle')} – ${t('tagline')}`;
  for (const el of document.querySelectorAll('[data-i18n]')) el.textContent = t(/** @type {any} */ (el.getAttribute('data-i18n')));
  for (const el of document.querySelectorAll('[data-i18n-label]')) el.setAttribute('aria-label', t(/** @type {any} */ (el.getAttribute('data-i18n-label'))));
  for (const el of document.querySelectorAll('[data-i18n-placeholder]')) el.setAttribute('placeholder', t(/** @type {any} */ (el.getAttribute('data-i18n-placeholder'))));
  for (const el of document.querySelectorAll('[data-i18n-kind]')) el.textContent = dict().kind[el.getAttribute('data-i18n-kind') ?? ''] ?? el.textContent;
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
    state.scenarios.map((sc) => h('option', { value: sc.name, title: sc.title, selected: sc.name === current }, `${sc.name} – ${sc.title}`)),
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
          h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('errorWhere')), h('th', { scope: 'col' }, t('errorWhat')))),
          h('tbody', {}, errors.map((e) => h('tr', {}, h('td', {}, h('code', {}, e.path || t('document'))), h('td', {}, e.message)))),
        )
      : null,
  );
  el.focus?.();
}

// ---------------------------------------------------------------------------------------------
// Loading

async function loadCatalogues() {
  const [agreements, rules, scenarios] = await Promise.all([getJson('/v1/agreements'), getJson('/v1/rules'), getJson('/v1/scenarios')]);
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
const addDays = (/** @type {string} */ date, /** @type {number} */ n) => new Date(Date.parse(`${date}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);
const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];

/** The local dates the drawing must cover: every period and finding window, widened to whole weeks. */
function rangeOf(report) {
  const starts = [...state.periods.map((p) => p.start), ...report.findings.map((f) => f.window.start)];
  const ends = [...state.periods.map((p) => p.end), ...report.findings.map((f) => f.window.end)];
  if (starts.length === 0) return null;
  let from = starts.map(dateOf).reduce((a, b) => (b < a ? b : a));
  // An end at local midnight belongs to the day before.
  let to = ends.map((e) => (/T00:00(:00)?/.test(e) ? addDays(dateOf(e), -1) : dateOf(e))).reduce((a, b) => (b > a ? b : a));
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
}

async function evaluate() {
  const seq = ++state.seq;
  const report = await postJson('/v1/evaluate', JSON.stringify(state.rota));
  if (seq !== state.seq) return; // a newer request is on its way
  await ensureCalendar(report);
  if (seq !== state.seq) return;
  state.report = report;
  if (state.selectedKey && !report.findings.some((f) => findingKey(f) === state.selectedKey)) state.selectedKey = null;
  render();
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

/** @returns {import('./panels.js').View} */
function view() {
  return {
    report: state.report,
    rota: state.rota,
    agreementTypes: state.agreementTypes,
    rules: state.rules,
    selectedIndex: selectedIndex(),
    scope: state.scope,
    actions,
  };
}

function drawTimeline() {
  const container = $('timeline');
  if (!state.calendar) {
    container.replaceChildren();
    return;
  }
  renderTimeline(container, {
    report: state.report,
    rota: state.rota,
    periods: state.periods,
    calendar: state.calendar,
    zoom: state.zoom,
    selectedKey: state.selectedKey,
    onSelect: (i) => actions.select(i),
  });
}

function render() {
  const ready = Boolean(state.report);
  $('result').hidden = !ready;
  for (const id of ['export-json', 'export-rota', 'print']) /** @type {HTMLButtonElement} */ ($(id)).disabled = !ready;
  if (!ready) return;
  const v = view();
  renderSummary($('summary'), v);
  renderLegend();
  drawTimeline();
  renderDetails($('details'), v);
  renderAgreements($('agreements'), v);
  renderConversions($('conversions'), v);
  renderVariants($('variants'), v);
  renderFindingList($('finding-list'), v);
  $('print-note').textContent = `${state.label} · ${t('printedFrom', { date: new Date().toLocaleString(lang() === 'nb' ? 'nb-NO' : 'en-GB') })}`;
}

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
};

// ---------------------------------------------------------------------------------------------
// Export and print

function download(name, text) {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
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
  openedForPrint = [...document.querySelectorAll('#result details:not([open])')];
  for (const d of openedForPrint) d.setAttribute('open', '');
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
  $('export-json').addEventListener('click', () => state.report && download(`${baseName()}-rapport.json`, `${JSON.stringify(state.report, null, 2)}\n`));
  $('export-rota').addEventListener('click', () => state.rota && download(`${baseName()}-turnus.json`, `${JSON.stringify(state.rota, null, 2)}\n`));
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
  setLang(params.get('lang') === 'en' || params.get('lang') === 'nb' ? /** @type {any} */ (params.get('lang')) : saved === 'en' ? 'en' : 'nb');
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
