// The panels around the timeline: summary, finding details, agreement switches, the conversion
// table, the variants side by side and the list of every finding. Each function builds its part
// from the report as the API answered it; the only counting done here is of findings per
// assignment or agreement, to say what the agreements chosen give.
import { fill, h } from './dom.js';
import { dict, loc, money, num, signedMoney, spanText, t, windowText, withUnit } from './i18n.js';

/**
 * @typedef {object} View
 * @property {any} report
 * @property {any} rota
 * @property {Map<string, any>} agreementTypes   GET /v1/agreements by type
 * @property {Map<string, any>} rules            GET /v1/rules by id
 * @property {number | null} selectedIndex
 * @property {number | null} [selectedIncident]  index into report.incidents
 * @property {string | null} [selectedWorker]
 * @property {string} scope                      '' = all workers, else a worker id
 * @property {{ select: (i: number | null, focusTimeline?: boolean) => void, toggle: (type: string, workerId: string, on: boolean) => void,
 *   setScope: (w: string) => void, reset: () => void, selectIncident: (i: number | null) => void, selectWorker: (id: string | null) => void }} actions
 */

const workerName = (rota, id) => rota.workers.find((w) => w.id === id)?.name ?? id;
const agreementTitle = (view, type) => loc(view.agreementTypes.get(type)?.title) || type;
const ruleTitle = (view, id) => loc(view.rules.get(id)?.title) || id;

/** Whether the rota states an agreement of this type for exactly this scope ('' = all workers). */
export function hasAgreement(rota, type, workerId) {
  return rota.agreements.some((a) => a.type === type && (a.workerId ?? '') === workerId);
}

/** Whether an agreement of this type covers the worker (its own or one for all workers). */
function covers(rota, type, workerId) {
  return hasAgreement(rota, type, '') || (workerId !== '' && hasAgreement(rota, type, workerId));
}

function severityBadge(severity) {
  return h('span', { class: `badge sev-${severity}` }, dict().severity[severity] ?? severity);
}

// ---------------------------------------------------------------------------------------------

/** @param {HTMLElement} el @param {View} view */
export function renderSummary(el, view) {
  const { summary, findings } = view.report;
  const allHypothetical = findings.some((f) => f.hypothetical);
  fill(
    el,
    h(
      'ul',
      { class: 'summary-list' },
      h('li', {}, t('summaryWorkers', { n: summary.workers })),
      h('li', {}, t('summaryPeriods', { n: summary.periods })),
      h('li', {}, t('summaryHours', { n: num(summary.hours) })),
      h(
        'li',
        { class: `count sev-violation${summary.violations ? '' : ' zero'}`, 'data-count': 'violations' },
        t('summaryViolations', { n: summary.violations }),
      ),
      h(
        'li',
        { class: `count sev-warning${summary.warnings ? '' : ' zero'}`, 'data-count': 'warnings' },
        t('summaryWarnings', { n: summary.warnings }),
      ),
      h(
        'li',
        { class: `count sev-info${summary.info ? '' : ' zero'}`, 'data-count': 'info' },
        t('summaryInfo', { n: summary.info }),
      ),
    ),
    allHypothetical ? h('p', { class: 'note' }, t('summaryHypothetical')) : null,
  );
}

// ---------------------------------------------------------------------------------------------

/** @param {HTMLElement} el @param {View} view */
export function renderDetails(el, view) {
  const f = view.selectedIndex === null ? undefined : view.report.findings[view.selectedIndex];
  const heading = h('h2', { id: 'details-h' }, t('detailsTitle'));
  if (!f) {
    const inc =
      view.selectedIncident === null || view.selectedIncident === undefined
        ? undefined
        : view.report.incidents[view.selectedIncident];
    if (inc) return renderIncidentDetails(el, view, inc);
    if (view.selectedWorker && view.rota.workers.some((w) => w.id === view.selectedWorker))
      return renderWorkerDetails(el, view, view.selectedWorker);
    fill(el, heading, h('p', { class: 'muted' }, t('detailsEmpty')));
    return;
  }
  const d = dict();
  const reading = view.report.readings?.find((r) => r.reading === f.reading);
  const row = (label, ...value) => [h('dt', {}, label), h('dd', {}, ...value)];
  const law = f.url
    ? h(
        'a',
        { href: f.url, target: '_blank', rel: 'noopener noreferrer', class: 'law-link', title: t('openLaw') },
        f.citation,
        h('span', { class: 'ext', 'aria-hidden': 'true' }, ' ↗'),
      )
    : f.citation;

  const cures = f.curedBy.map((type) => {
    const on = covers(view.rota, type, f.workerId);
    const entry = view.agreementTypes.get(type);
    return h(
      'li',
      { 'data-agreement': type },
      h('span', { class: 'cure-title' }, agreementTitle(view, type)),
      entry?.citation ? h('span', { class: 'muted small' }, ` (${loc(entry.citation)})`) : null,
      ' ',
      on
        ? h('span', { class: 'badge ok' }, t('detailsIsOn'))
        : h(
            'button',
            { type: 'button', class: 'small-button', onclick: () => view.actions.toggle(type, f.workerId, true) },
            t('detailsTurnOn', { who: workerName(view.rota, f.workerId) }),
          ),
    );
  });

  fill(
    el,
    heading,
    h(
      'article',
      { class: `finding-details sev-${f.severity}`, 'aria-labelledby': 'finding-title' },
      h('h3', { id: 'finding-title' }, loc(f.title)),
      h(
        'p',
        { class: 'badges' },
        severityBadge(f.severity),
        f.hypothetical ? h('span', { class: 'badge hyp' }, d.hypothetical) : null,
      ),
      h('p', { class: 'message' }, loc(f.message)),
      h(
        'dl',
        { class: 'facts' },
        row(t('detailsMeasured'), h('strong', { class: 'measured' }, withUnit(f.measured, f.unit))),
        row(t('detailsLimit'), h('span', { class: 'limit' }, withUnit(f.limit, f.unit))),
        row(t('detailsLaw'), law),
        row(t('detailsRule'), h('code', {}, f.ruleId)),
        row(
          t('detailsWorker'),
          h(
            'button',
            { type: 'button', class: 'link-like', onclick: () => view.actions.selectWorker(f.workerId) },
            workerName(view.rota, f.workerId),
          ),
        ),
        row(t('detailsAssignments'), f.assignmentIds.join(', ')),
        row(t('detailsWindow'), windowText(f.window.start, f.window.end)),
        f.limitBasis ? row(t('detailsBasis'), loc(f.limitBasis)) : [],
        reading ? row(t('detailsReading'), loc(reading.description)) : [],
        row(t('detailsConfidence'), d.confidence[f.confidence] ?? f.confidence),
        f.appliedAgreements?.length
          ? row(t('detailsApplied'), f.appliedAgreements.map((a) => agreementTitle(view, a)).join('; '))
          : [],
      ),
      f.hypothetical ? h('p', { class: 'note' }, t('detailsHypothetical')) : null,
      h('h4', {}, t('detailsCuredBy')),
      cures.length ? h('ul', { class: 'cures' }, cures) : h('p', { class: 'muted' }, t('detailsNoCure')),
      h(
        'button',
        { type: 'button', class: 'link-button', onclick: () => view.actions.select(null) },
        t('detailsClose'),
      ),
    ),
  );
}

/** A value with a short unit: "3,5 t", "25 %", "2". */
function amount(value, unit) {
  if (unit === 'hours') return `${num(Math.round(value * 100) / 100)} ${t('hoursShort')}`;
  if (unit === 'ratio') return `${num(Math.round(value * 1000) / 10)} %`;
  return withUnit(Math.round(value * 100) / 100, unit);
}

/** Whether a headroom entry is for a ceiling (measured + left = limit) or a floor (rest: measured − left = limit). */
function isCeiling(hr) {
  return Math.abs(hr.limit - hr.measured - hr.left) <= Math.abs(hr.measured - hr.limit - hr.left);
}

/** How tight a limit is: what is left as a share of the limit (negative when broken). */
function tightness(hr) {
  return hr.limit ? hr.left / Math.abs(hr.limit) : hr.left;
}

/** One line of headroom: "3,5 t igjen — Overtid per 4 uker: 21,5 t av 25 t · uke 10–13". */
export function headroomText(view, hr) {
  const ceiling = isCeiling(hr);
  const left =
    hr.left >= 0
      ? t('headroomLeft', { n: amount(hr.left, hr.unit) })
      : t(ceiling ? 'headroomOver' : 'headroomUnder', { n: amount(-hr.left, hr.unit) });
  const of = t(ceiling ? 'headroomOf' : 'headroomMin', {
    m: amount(hr.measured, hr.unit),
    l: amount(hr.limit, hr.unit),
  });
  return { left, rule: ruleTitle(view, hr.ruleId), of, window: spanText(hr.window.start, hr.window.end) };
}

/** The tightest limits first (broken ones before them). */
export function headroomOf(report, workerId) {
  return (report.headroom ?? [])
    .filter((hr) => hr.workerId === workerId)
    .sort((a, b) => tightness(a) - tightness(b) || a.left - b.left);
}

function headroomItem(view, hr) {
  const text = headroomText(view, hr);
  const state = hr.left < 0 ? 'broken' : tightness(hr) < 0.1 ? 'tight' : 'room';
  return h(
    'li',
    { class: `headroom-item headroom-${state}`, 'data-rule': hr.ruleId },
    h('strong', { class: 'headroom-left' }, text.left),
    ' ',
    h('span', { class: 'headroom-rule' }, text.rule),
    h(
      'span',
      { class: 'muted small block' },
      `${text.of} · ${text.window}`,
      hr.hypothetical ? ` · ${dict().hypothetical.toLowerCase()}` : '',
    ),
  );
}

const SHOWN_HEADROOM = 5;

/** @param {HTMLElement} el @param {View} view @param {string} workerId */
function renderWorkerDetails(el, view, workerId) {
  const { report, rota } = view;
  const worker = rota.workers.find((w) => w.id === workerId);
  const name = worker?.name ?? workerId;
  const per = report.summary.perWorker?.find((p) => p.workerId === workerId);
  const headroom = headroomOf(report, workerId);
  // What is left where there is room, the tightest first; the limits already broken apart (each is an incident too).
  const room = headroom.filter((hr) => hr.left >= 0);
  const broken = headroom.filter((hr) => hr.left < 0);
  const incidents = report.incidents
    .map((inc, index) => ({ inc, index }))
    .filter(({ inc }) => inc.workerId === workerId);
  const mine = new Set(rota.assignments.filter((a) => a.workerId === workerId).map((a) => a.id));
  const conversions = report.conversions.filter((c) => mine.has(c.assignmentId));
  fill(
    el,
    h('h2', { id: 'details-h' }, t('workerTitle')),
    h(
      'article',
      { class: 'worker-details', 'data-worker': workerId, 'aria-labelledby': 'worker-title' },
      h(
        'h3',
        { id: 'worker-title' },
        name,
        worker?.name ? h('span', { class: 'muted small' }, ` (${workerId})`) : null,
      ),
      per
        ? h(
            'ul',
            { class: 'summary-list small' },
            h(
              'li',
              { class: `count sev-violation${per.violations ? '' : ' zero'}` },
              t('summaryViolations', { n: per.violations }),
            ),
            h(
              'li',
              { class: `count sev-warning${per.warnings ? '' : ' zero'}` },
              t('summaryWarnings', { n: per.warnings }),
            ),
            h('li', {}, t('workerIncidentCount', { n: per.incidents })),
            h('li', {}, t('summaryHours', { n: num(per.hours) })),
          )
        : null,
      h('h4', {}, t('headroomTitle')),
      h('p', { class: 'muted small' }, t('headroomHelp')),
      room.length
        ? h(
            'ol',
            { class: 'headroom tightest', 'aria-label': t('headroomTitle') },
            room.slice(0, SHOWN_HEADROOM).map((hr) => headroomItem(view, hr)),
          )
        : null,
      broken.length
        ? [
            h('p', { class: 'small headroom-broken-title' }, t('headroomBroken', { n: broken.length })),
            h(
              'ol',
              { class: 'headroom broken' },
              broken.map((hr) => headroomItem(view, hr)),
            ),
          ]
        : null,
      headroom.length === 0 ? h('p', { class: 'muted' }, t('headroomNone')) : null,
      room.length > SHOWN_HEADROOM
        ? h(
            'details',
            { class: 'headroom-more' },
            h('summary', {}, t('headroomAll', { n: room.length - SHOWN_HEADROOM })),
            h(
              'ol',
              { class: 'headroom', start: SHOWN_HEADROOM + 1 },
              room.slice(SHOWN_HEADROOM).map((hr) => headroomItem(view, hr)),
            ),
          )
        : null,
      h('h4', {}, t('workerIncidents')),
      incidents.length
        ? h(
            'ul',
            { class: 'plain incident-list' },
            incidents.map(({ inc, index }) =>
              h(
                'li',
                {},
                severityBadge(inc.severity),
                ' ',
                h(
                  'button',
                  { type: 'button', class: 'link-like', onclick: () => view.actions.selectIncident(index) },
                  loc(inc.title),
                ),
              ),
            ),
          )
        : h('p', { class: 'muted' }, t('workerNoIncidents')),
      conversions.length
        ? [
            h('h4', {}, t('workerOppdrag')),
            h(
              'ul',
              { class: 'plain small' },
              conversions.map((c) =>
                h('li', {}, h('span', { class: 'assignment-id' }, c.assignmentId), ' ', verdictBadge(c.verdict)),
              ),
            ),
          ]
        : null,
      h(
        'button',
        { type: 'button', class: 'link-button', onclick: () => view.actions.selectWorker(null) },
        t('detailsClose'),
      ),
    ),
  );
}

/** @param {HTMLElement} el @param {View} view @param {any} inc */
function renderIncidentDetails(el, view, inc) {
  const { report, rota } = view;
  const d = dict();
  const findings = inc.findingIndexes.map((i) => ({ f: report.findings[i], index: i })).filter(({ f }) => f);
  const byRule = new Map();
  for (const item of findings) {
    const list = byRule.get(item.f.ruleId) ?? [];
    list.push(item);
    byRule.set(item.f.ruleId, list);
  }
  const counted = findings.filter(({ f }) => f.severity !== 'info');
  const cures = new Map();
  for (const { f } of counted) for (const type of f.curedBy) cures.set(type, (cures.get(type) ?? 0) + 1);
  const hyp = findings.length > 0 && findings.every(({ f }) => f.hypothetical);
  fill(
    el,
    h('h2', { id: 'details-h' }, t('incidentTitle')),
    h(
      'article',
      {
        class: `finding-details incident-details sev-${inc.severity}`,
        'data-incident': inc.id,
        'aria-labelledby': 'incident-title',
      },
      h('h3', { id: 'incident-title' }, loc(inc.title)),
      h(
        'p',
        { class: 'badges' },
        severityBadge(inc.severity),
        hyp ? h('span', { class: 'badge hyp' }, d.hypothetical) : null,
      ),
      h(
        'dl',
        { class: 'facts' },
        h('dt', {}, t('detailsWorker')),
        h(
          'dd',
          {},
          h(
            'button',
            { type: 'button', class: 'link-like', onclick: () => view.actions.selectWorker(inc.workerId) },
            workerName(rota, inc.workerId),
          ),
        ),
        h('dt', {}, t('detailsAssignments')),
        h('dd', {}, inc.assignmentIds.join(', ')),
        h('dt', {}, t('detailsWindow')),
        h('dd', {}, windowText(inc.window.start, inc.window.end)),
      ),
      inc.occurrences?.length > 1
        ? h(
            'details',
            { class: 'occurrences' },
            h('summary', {}, t('incidentOccurrences', { n: inc.occurrences.length })),
            h(
              'ul',
              { class: 'small' },
              inc.occurrences.map((w) => h('li', {}, windowText(w.start, w.end))),
            ),
          )
        : null,
      hyp ? h('p', { class: 'note' }, t('detailsHypothetical')) : null,
      h('h4', {}, t('incidentRules')),
      h(
        'ul',
        { class: 'plain incident-rules' },
        [...byRule.entries()].map(([ruleId, items]) => {
          const worst = items.reduce((a, b) =>
            (SEVERITY_ORDER[b.f.severity] ?? 3) < (SEVERITY_ORDER[a.f.severity] ?? 3) ? b : a,
          );
          return h(
            'li',
            { 'data-rule': ruleId },
            severityBadge(worst.f.severity),
            ' ',
            h('span', {}, loc(worst.f.title)),
            h(
              'span',
              { class: 'muted small' },
              ` · ${t('incidentFindings', { n: items.length })} · ${withUnit(worst.f.measured, worst.f.unit)} / ${withUnit(worst.f.limit, worst.f.unit)}`,
            ),
            ' ',
            h(
              'button',
              {
                type: 'button',
                class: 'small-button',
                onclick: () => view.actions.select(worst.index),
                'aria-label': `${t('incidentShowFinding')}: ${loc(worst.f.title)}`,
              },
              t('incidentShowFinding'),
            ),
          );
        }),
      ),
      cures.size
        ? [
            h('h4', {}, t('incidentCures')),
            h(
              'ul',
              { class: 'cures' },
              [...cures.entries()]
                // Those that lift the most first; of those, the individual written agreements before collective ones.
                .sort(
                  (a, b) =>
                    b[1] - a[1] ||
                    Number(view.agreementTypes.get(a[0])?.tier !== 'individual') -
                      Number(view.agreementTypes.get(b[0])?.tier !== 'individual'),
                )
                .map(([type, n]) =>
                  h(
                    'li',
                    { 'data-agreement': type },
                    h('span', { class: 'cure-title' }, agreementTitle(view, type)),
                    h('span', { class: 'muted small' }, ` · ${t('curesCount', { n, m: counted.length })}`),
                    ' ',
                    covers(rota, type, inc.workerId)
                      ? h('span', { class: 'badge ok' }, t('detailsIsOn'))
                      : h(
                          'button',
                          {
                            type: 'button',
                            class: 'small-button',
                            onclick: () => view.actions.toggle(type, inc.workerId, true),
                          },
                          t('detailsTurnOn', { who: workerName(rota, inc.workerId) }),
                        ),
                  ),
                ),
            ),
          ]
        : null,
      h(
        'button',
        { type: 'button', class: 'link-button', onclick: () => view.actions.selectIncident(null) },
        t('detailsClose'),
      ),
    ),
  );
}

const SEVERITY_ORDER = { violation: 0, warning: 1, info: 2 };

// ---------------------------------------------------------------------------------------------

/** @param {HTMLElement} el @param {View} view */
export function renderAgreements(el, view) {
  const { rota, report, scope } = view;
  const focused = document.activeElement?.id;
  const inScope = (workerId) => scope === '' || workerId === scope;
  const lifts = (type) =>
    report.findings.filter((f) => f.severity !== 'info' && inScope(f.workerId) && f.curedBy.includes(type)).length;
  const workerOf = new Map(rota.assignments.map((a) => [a.id, a.workerId]));
  const required = (type) =>
    report.conversions.some((c) => inScope(workerOf.get(c.assignmentId)) && c.requiredAgreements.includes(type));

  const item = (entry) => {
    const type = entry.type;
    const own = hasAgreement(rota, type, scope);
    const forAll = scope !== '' && hasAgreement(rota, type, '');
    const dated = rota.agreements.some(
      (a) => a.type === type && (a.workerId ?? '') === scope && (a.validFrom || a.validTo || a.params || a.employer),
    );
    const n = lifts(type);
    const id = `ag-${type}`;
    return h(
      'div',
      { class: `agreement${own || forAll ? ' on' : ''}` },
      h('input', {
        type: 'checkbox',
        id,
        checked: own || forAll,
        disabled: forAll,
        'data-type': type,
        'aria-describedby': `${id}-note`,
        onchange: (ev) => view.actions.toggle(type, scope, /** @type {HTMLInputElement} */ (ev.target).checked),
      }),
      h(
        'label',
        { for: id },
        h('span', { class: 'agreement-title' }, loc(entry.title)),
        h(
          'span',
          { class: 'agreement-note', id: `${id}-note` },
          loc(entry.citation),
          n ? h('span', { class: 'badge lifts' }, t('agreementsLifts', { n })) : null,
          required(type) ? h('span', { class: 'badge required' }, t('agreementsRequired')) : null,
          forAll ? h('span', { class: 'badge ok' }, t('agreementsForAll')) : null,
          dated ? h('span', { class: 'muted small' }, ` · ${t('agreementsDated')}`) : null,
        ),
      ),
    );
  };

  const all = [...view.agreementTypes.values()];
  // Those the report names first: needed for a conversion, then individual before collective, then by reach.
  const tierRank = (e) => (e.tier === 'individual' ? 0 : 1);
  const relevant = all
    .filter((e) => lifts(e.type) > 0 || required(e.type) || covers(rota, e.type, scope))
    .sort(
      (a, b) =>
        Number(required(b.type)) - Number(required(a.type)) ||
        tierRank(a) - tierRank(b) ||
        lifts(b.type) - lifts(a.type),
    );
  const others = all.filter((e) => !relevant.includes(e));
  const group = (legend, entries) =>
    entries.length ? h('fieldset', {}, h('legend', {}, legend), entries.map(item)) : null;
  const wasOpen = el.querySelector('details.other-agreements')?.hasAttribute('open') ?? false;

  fill(
    el,
    h('h2', { id: 'agreements-h' }, t('agreementsTitle')),
    h('p', { class: 'muted small' }, t('agreementsHelp')),
    h(
      'label',
      { class: 'scope' },
      `${t('agreementsScope')} `,
      h(
        'select',
        {
          id: 'agreement-scope',
          onchange: (ev) => view.actions.setScope(/** @type {HTMLSelectElement} */ (ev.target).value),
        },
        h('option', { value: '', selected: scope === '' }, t('agreementsAll')),
        rota.workers.map((w) => h('option', { value: w.id, selected: scope === w.id }, w.name ?? w.id)),
      ),
    ),
    group(t('agreementsRelevant'), relevant),
    others.length
      ? h(
          'details',
          { class: 'other-agreements', open: wasOpen },
          h('summary', {}, t('agreementsOthers', { n: others.length })),
          group(
            t('agreementsIndividual'),
            others.filter((e) => e.tier === 'individual'),
          ),
          group(
            t('agreementsCollective'),
            others.filter((e) => e.tier !== 'individual'),
          ),
        )
      : null,
    h(
      'button',
      { type: 'button', class: 'small-button', id: 'reset-agreements', onclick: () => view.actions.reset() },
      t('agreementsReset'),
    ),
    // On paper: the agreements the report was made with, in words.
    h(
      'div',
      { class: 'print-only' },
      rota.agreements.length
        ? h(
            'ul',
            {},
            rota.agreements.map((a) =>
              h(
                'li',
                {},
                agreementTitle(view, a.type),
                ` – ${a.workerId ? workerName(rota, a.workerId) : t('agreementsAll').toLowerCase()}`,
                a.validFrom || a.validTo ? ` (${a.validFrom ?? '…'} – ${a.validTo ?? '…'})` : '',
              ),
            ),
          )
        : h('p', {}, t('agreementsNone')),
    ),
  );
  if (focused) document.getElementById(focused)?.focus();
}

// ---------------------------------------------------------------------------------------------

function verdictBadge(verdict) {
  return h('span', { class: `verdict verdict-${verdict}` }, dict().verdict[verdict] ?? verdict);
}

/** What the agreements chosen now give for one oppdrag, counted from the findings on it. */
export function statusOf(report, assignmentId) {
  const on = report.findings.filter((f) => f.assignmentIds.includes(assignmentId));
  const violations = on.filter((f) => f.severity === 'violation').length;
  const warnings = on.filter((f) => f.severity === 'warning').length;
  return {
    violations,
    warnings,
    status: violations > 0 ? 'violations' : warnings > 0 ? 'lawful-with-warnings' : 'lawful',
  };
}

/** @param {HTMLElement} el @param {View} view */
export function renderConversions(el, view) {
  const { report, rota } = view;
  const d = dict();
  const assignments = new Map(rota.assignments.map((a) => [a.id, a]));
  const heading = h('h2', { id: 'conversions-h' }, t('conversionsTitle'));
  if (report.conversions.length === 0) {
    fill(el, heading, h('p', { class: 'muted' }, t('conversionsNone')));
    return;
  }
  const rows = report.conversions.map((c) => {
    const a = assignments.get(c.assignmentId);
    const workerId = a?.workerId ?? '';
    const now = statusOf(report, c.assignmentId);
    const missing = c.requiredAgreements.filter((type) => !covers(rota, type, workerId));
    const nowText =
      now.status === 'lawful'
        ? t('nowLawful')
        : now.status === 'lawful-with-warnings'
          ? t('nowLawfulWarnings', { n: now.warnings })
          : t('nowViolations', { n: now.violations });
    const suggestions = c.suggestionDetails?.length
      ? c.suggestionDetails.map((sd) =>
          h(
            'li',
            {},
            loc(sd),
            ' ',
            h(
              'span',
              { class: 'muted small' },
              t('verdictAfter', { verdict: d.verdict[sd.verdictAfter] ?? sd.verdictAfter }),
            ),
          ),
        )
      : c.suggestions.map((text) => h('li', {}, text));
    const e = c.employment;
    return h(
      'tr',
      { 'data-assignment': c.assignmentId, 'data-verdict': c.verdict },
      h(
        'th',
        { scope: 'row' },
        h('span', { class: 'assignment-id' }, c.assignmentId),
        h(
          'span',
          { class: 'muted small block' },
          `${workerName(rota, workerId)} · ${d.kind[a?.kind] ?? a?.kind ?? ''}`,
        ),
      ),
      h(
        'td',
        { class: 'verdict-cell' },
        verdictBadge(c.verdict),
        h(
          'div',
          { class: `now now-${now.status}`, 'data-status': now.status },
          h('span', { class: 'now-label' }, `${t('colNow')}:`),
          h('span', { class: 'now-text' }, nowText),
          now.status === 'violations' && missing.length
            ? h(
                'span',
                { class: 'muted small block' },
                t('nowMissing', { list: missing.map((m) => agreementTitle(view, m)).join('; ') }),
              )
            : null,
        ),
      ),
      h(
        'td',
        {},
        c.requiredAgreements.length
          ? h(
              'ul',
              { class: 'plain' },
              c.requiredAgreements.map((type) =>
                h(
                  'li',
                  {},
                  agreementTitle(view, type),
                  covers(rota, type, workerId) ? h('span', { class: 'badge ok' }, ` ✓ ${t('selectedMark')}`) : null,
                ),
              ),
            )
          : h('span', { class: 'muted' }, t('noneRequired')),
        c.blockingRuleIds.length
          ? h(
              'p',
              { class: 'small' },
              `${t('blocking')}: `,
              c.blockingRuleIds.map((id) => ruleTitle(view, id)).join('; '),
            )
          : null,
      ),
      h(
        'td',
        {},
        suggestions.length
          ? h('ul', { class: 'plain suggestions' }, suggestions)
          : h('span', { class: 'muted' }, t('noSuggestions')),
      ),
      h(
        'td',
        {},
        e
          ? [
              h(
                'span',
                {
                  class: `likelihood likelihood-${e.likelihood}`,
                  title: t('likelihoodLabel', { l: d.likelihood[e.likelihood] }),
                },
                d.likelihood[e.likelihood] ?? e.likelihood,
              ),
              e.reasons.length
                ? h(
                    'details',
                    { class: 'reasons' },
                    h('summary', {}, t('reasons')),
                    h(
                      'ul',
                      {},
                      e.reasons.map((r) =>
                        h(
                          'li',
                          { class: `points-${r.points}` },
                          loc(r),
                          ' ',
                          h('span', { class: 'muted small' }, `(${d.points[r.points] ?? r.points})`),
                        ),
                      ),
                    ),
                  )
                : null,
            ]
          : h('span', { class: 'muted' }, '—'),
      ),
      h(
        'td',
        { class: 'numbers' },
        c.hours ? h('span', { class: 'block' }, t('hoursAsEmployment', { n: num(c.hours.asEmployment) })) : null,
        c.hours?.paidToday !== undefined
          ? h('span', { class: 'block muted' }, t('hoursPaidToday', { n: num(c.hours.paidToday) }))
          : null,
        c.cost ? h('span', { class: 'block' }, t('costAsEmployment', { n: money(c.cost.asEmployment) })) : null,
        c.cost?.today !== undefined
          ? h('span', { class: 'block muted' }, t('costToday', { n: money(c.cost.today) }))
          : null,
        c.cost?.difference !== undefined
          ? h('span', { class: 'block' }, t('costDifference', { n: signedMoney(c.cost.difference) }))
          : null,
      ),
    );
  });
  fill(
    el,
    heading,
    h('p', { class: 'muted small' }, t('conversionsHelp')),
    h(
      'div',
      { class: 'table-wrap' },
      h(
        'table',
        { class: 'conversions', 'aria-labelledby': 'conversions-h' },
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            ['colAssignment', 'colVerdict', 'colRequired', 'colSuggestions', 'colEmployment', 'colHoursCost'].map((k) =>
              h('th', { scope: 'col' }, t(/** @type {any} */ (k))),
            ),
          ),
        ),
        h('tbody', {}, rows),
      ),
    ),
  );
}

// ---------------------------------------------------------------------------------------------

/** @param {HTMLElement} el @param {View} view */
export function renderVariants(el, view) {
  const variants = view.report.variants;
  if (!variants?.length) {
    el.hidden = true;
    el.replaceChildren();
    return;
  }
  el.hidden = false;
  const name = (v) => (v.name === 'rota' ? t('variantRota') : v.name);
  const row = (label, cell) =>
    h(
      'tr',
      {},
      h('th', { scope: 'row' }, label),
      variants.map((v) => h('td', {}, cell(v))),
    );
  fill(
    el,
    h('h2', { id: 'variants-h' }, t('variantsTitle')),
    h('p', { class: 'muted small' }, t('variantsHelp')),
    h(
      'div',
      { class: 'table-wrap' },
      h(
        'table',
        { class: 'variants', 'aria-labelledby': 'variants-h' },
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            h('td', {}),
            variants.map((v) => h('th', { scope: 'col', 'data-variant': v.name }, name(v))),
          ),
        ),
        h(
          'tbody',
          {},
          row(t('rowDescription'), (v) => h('span', { class: 'small' }, v.description ?? '')),
          row(t('rowViolations'), (v) =>
            h('span', { class: `count sev-violation${v.violations ? '' : ' zero'}` }, num(v.violations)),
          ),
          row(t('rowWarnings'), (v) =>
            h('span', { class: `count sev-warning${v.warnings ? '' : ' zero'}` }, num(v.warnings)),
          ),
          row(t('rowHours'), (v) => num(v.hours)),
          variants.some((v) => v.cost !== undefined)
            ? row(t('rowCost'), (v) => (v.cost !== undefined ? money(v.cost) : '—'))
            : null,
          row(t('rowVerdicts'), (v) =>
            v.verdicts.length
              ? h(
                  'ul',
                  { class: 'plain' },
                  v.verdicts.map((x) =>
                    h(
                      'li',
                      {},
                      h('span', { class: 'small block' }, x.assignmentId),
                      verdictBadge(x.verdict),
                      x.requiredAgreements.length
                        ? h(
                            'span',
                            { class: 'small block muted' },
                            x.requiredAgreements.map((a) => agreementTitle(view, a)).join('; '),
                          )
                        : null,
                    ),
                  ),
                )
              : h('span', { class: 'muted small' }, t('noOppdrag')),
          ),
          row(t('rowRules'), (v) => {
            const entries = Object.entries(v.findingsByRule);
            return entries.length
              ? h(
                  'ul',
                  { class: 'plain small' },
                  entries.map(([id, n]) => h('li', { title: id }, `${ruleTitle(view, id)}: ${num(n)}`)),
                )
              : h('span', { class: 'muted small' }, '—');
          }),
        ),
      ),
    ),
  );
}

// ---------------------------------------------------------------------------------------------

/**
 * The list of every finding, in a closed part of the page; its rows are built when it is opened
 * (a municipality has hundreds, and the page is drawn anew at every edit).
 * @param {HTMLElement} el @param {View} view
 */
export function renderFindingList(el, view) {
  const { findings } = view.report;
  const wasOpen = el.querySelector('details')?.hasAttribute('open') ?? false;
  if (findings.length === 0) {
    fill(el, h('p', { class: 'ok-text' }, t('noFindings')));
    return;
  }
  const table = () =>
    h(
      'div',
      { class: 'table-wrap' },
      h(
        'table',
        { class: 'findings' },
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            ['colSeverity', 'colRule', 'colWorker', 'colWindow', 'colMeasured'].map((k) =>
              h('th', { scope: 'col' }, t(/** @type {any} */ (k))),
            ),
            h('td', {}),
          ),
        ),
        h(
          'tbody',
          {},
          findings.map((f, i) =>
            h(
              'tr',
              { class: i === view.selectedIndex ? 'selected' : '' },
              h(
                'td',
                {},
                severityBadge(f.severity),
                f.hypothetical ? h('span', { class: 'badge hyp' }, dict().hypothetical) : null,
              ),
              h('td', {}, loc(f.title), h('span', { class: 'muted small block' }, f.citation)),
              h('td', {}, workerName(view.rota, f.workerId)),
              h('td', { class: 'small' }, windowText(f.window.start, f.window.end)),
              h('td', {}, `${withUnit(f.measured, f.unit)} / ${withUnit(f.limit, f.unit)}`),
              h(
                'td',
                {},
                h(
                  'button',
                  {
                    type: 'button',
                    class: 'small-button',
                    onclick: () => view.actions.select(i, true),
                    'aria-label': `${t('show')}: ${loc(f.title)}, ${windowText(f.window.start, f.window.end)}`,
                  },
                  t('show'),
                ),
              ),
            ),
          ),
        ),
      ),
    );
  const details = h(
    'details',
    { class: 'finding-list', open: wasOpen },
    h('summary', {}, h('h2', { class: 'inline' }, t('findingsTitle', { n: findings.length }))),
    wasOpen ? table() : null,
  );
  details.addEventListener('toggle', () => {
    if (/** @type {HTMLDetailsElement} */ (details).open && !details.querySelector('table')) details.append(table());
  });
  fill(el, details);
}
