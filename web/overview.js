// The municipality overview, above the timeline when a rota has several workers: what a head of
// unit takes to a meeting. The conversion verdicts by tier as a chart (oppdrag, hours and cost as
// employment per tier, and what the agreements chosen on the page give now), and the workers
// ordered by their worst incident with their counts. Everything is read from the report
// (`conversions`, `incidents`, `summary.perWorker`); the only counting here is adding up.
import { fill, h, s } from './dom.js';
import { dict, loc, money, num, t } from './i18n.js';
import { statusOf } from './panels.js';

export const TIERS = ['convertible', 'convertible-with-agreement', 'needs-collective-agreement', 'not-convertible'];
const RANK = { violation: 0, warning: 1, info: 2 };

/**
 * The workers, worst first: by the worst severity of their incidents, then violations, warnings,
 * incidents and hours; the rota's order breaks ties.
 * @returns {Array<{ worker: any, worst: string | null, violations: number, warnings: number, incidents: number, hours: number }>}
 */
export function workersByWorst(report, rota) {
  const per = new Map((report.summary.perWorker ?? []).map((p) => [p.workerId, p]));
  const worstOf = new Map();
  for (const inc of report.incidents ?? []) {
    const now = worstOf.get(inc.workerId);
    if (now === undefined || (RANK[inc.severity] ?? 3) < (RANK[now] ?? 3)) worstOf.set(inc.workerId, inc.severity);
  }
  return rota.workers
    .map((worker, order) => {
      const p = per.get(worker.id);
      return {
        worker,
        order,
        worst: worstOf.get(worker.id) ?? null,
        violations: p?.violations ?? 0,
        warnings: p?.warnings ?? 0,
        incidents: p?.incidents ?? 0,
        hours: p?.hours ?? 0,
      };
    })
    .sort(
      (a, b) =>
        (RANK[a.worst] ?? 3) - (RANK[b.worst] ?? 3) ||
        b.violations - a.violations ||
        b.warnings - a.warnings ||
        b.incidents - a.incidents ||
        b.hours - a.hours ||
        a.order - b.order,
    );
}

/**
 * Per verdict tier: the oppdrag, their hours and cost as employment, and how many have no
 * violation (or only warnings) with the agreements chosen now.
 */
export function tiersOf(report) {
  const rows = TIERS.map((verdict) => ({
    verdict,
    count: 0,
    hours: 0,
    cost: 0,
    difference: 0,
    withoutCost: 0,
    lawful: 0,
    warnings: 0,
    violations: 0,
  }));
  for (const c of report.conversions) {
    const row = rows.find((r) => r.verdict === c.verdict);
    if (!row) continue;
    row.count += 1;
    row.hours += c.hours?.asEmployment ?? 0;
    if (c.cost) {
      row.cost += c.cost.asEmployment;
      row.difference += c.cost.difference ?? 0;
    } else row.withoutCost += 1;
    const now = statusOf(report, c.assignmentId).status;
    if (now === 'lawful') row.lawful += 1;
    else if (now === 'lawful-with-warnings') row.warnings += 1;
    else row.violations += 1;
  }
  return rows;
}

const BAR_W = 120;
const BAR_H = 12;

/** A horizontal bar of `value` out of `max`, in segments (class, value), drawn as SVG. */
function bar(max, segments, label) {
  const svg = s('svg', {
    class: 'tier-bar',
    width: BAR_W,
    height: BAR_H,
    viewBox: `0 0 ${BAR_W} ${BAR_H}`,
    'aria-hidden': 'true',
    focusable: 'false',
  });
  svg.append(s('rect', { class: 'tier-bar-bg', x: 0, y: 0, width: BAR_W, height: BAR_H, rx: 2 }));
  let x = 0;
  for (const [cls, value] of segments) {
    if (!value || !max) continue;
    const w = (BAR_W * value) / max;
    svg.append(s('rect', { class: cls, x, y: 0, width: Math.max(1, w), height: BAR_H }));
    x += w;
  }
  if (label) svg.append(s('title', {}, label));
  return svg;
}

/**
 * @param {HTMLElement} el
 * @param {{ report: any, rota: any, selectedWorker: string | null, actions: { selectWorker: (id: string) => void } }} view
 */
export function renderOverview(el, view) {
  const { report, rota } = view;
  if (rota.workers.length < 2) {
    el.hidden = true;
    el.replaceChildren();
    return;
  }
  el.hidden = false;
  const d = dict();
  const tiers = tiersOf(report);
  const total = tiers.reduce(
    (sum, r) => ({
      count: sum.count + r.count,
      hours: sum.hours + r.hours,
      cost: sum.cost + r.cost,
      difference: sum.difference + r.difference,
      lawful: sum.lawful + r.lawful,
      warnings: sum.warnings + r.warnings,
      violations: sum.violations + r.violations,
      withoutCost: sum.withoutCost + r.withoutCost,
    }),
    { count: 0, hours: 0, cost: 0, difference: 0, lawful: 0, warnings: 0, violations: 0, withoutCost: 0 },
  );
  const maxCount = Math.max(1, ...tiers.map((r) => r.count));
  const maxHours = Math.max(1, ...tiers.map((r) => r.hours));
  const maxCost = Math.max(1, ...tiers.map((r) => r.cost));
  const workers = workersByWorst(report, rota);
  const withViolations = workers.filter((w) => w.violations > 0).length;

  const nowText = (r) => (r.count ? t('tierNow', { ok: r.lawful + r.warnings, bad: r.violations }) : '—');
  const tierRow = (r) =>
    h(
      'tr',
      { 'data-verdict': r.verdict, class: r.count ? '' : 'empty' },
      h(
        'th',
        { scope: 'row' },
        h('span', { class: `verdict verdict-${r.verdict}` }, d.verdict[r.verdict] ?? r.verdict),
      ),
      h(
        'td',
        { class: 'num' },
        h('span', { class: 'tier-num tier-count', 'data-count': r.count }, num(r.count)),
        bar(
          maxCount,
          [
            ['seg-ok', r.lawful],
            ['seg-warn', r.warnings],
            ['seg-bad', r.violations],
          ],
          t('tierNow', { ok: r.lawful + r.warnings, bad: r.violations }),
        ),
      ),
      h(
        'td',
        { class: 'num' },
        h('span', { class: 'tier-num' }, r.count ? `${num(Math.round(r.hours))} ${t('hoursShort')}` : '—'),
        bar(maxHours, [['seg-hours', r.hours]]),
      ),
      h(
        'td',
        { class: 'num' },
        h('span', { class: 'tier-num' }, r.cost ? money(r.cost) : '—'),
        bar(maxCost, [['seg-cost', r.cost]]),
        r.difference
          ? h('span', { class: 'muted small block' }, t('tierDifference', { n: money(r.difference) }))
          : null,
        r.withoutCost ? h('span', { class: 'muted small block' }, t('tierCostMissing', { n: r.withoutCost })) : null,
      ),
      h('td', { class: 'tier-now' }, nowText(r)),
    );

  const severity = (sev) =>
    sev
      ? h('span', { class: `badge sev-${sev}` }, d.severity[sev] ?? sev)
      : h('span', { class: 'muted small' }, t('worstNone'));
  const workerRow = (w) => {
    const name = w.worker.name ?? w.worker.id;
    return h(
      'tr',
      {
        'data-worker': w.worker.id,
        'data-worst': w.worst ?? 'none',
        class: view.selectedWorker === w.worker.id ? 'selected' : '',
      },
      h(
        'th',
        { scope: 'row' },
        h(
          'button',
          {
            type: 'button',
            class: 'link-like',
            'aria-label': t('workerShowLabel', { name }),
            onclick: () => view.actions.selectWorker(w.worker.id),
          },
          name,
        ),
      ),
      h('td', {}, severity(w.worst)),
      h(
        'td',
        { class: 'num' },
        h('span', { class: `count-text${w.violations ? ' sev-violation' : ' zero'}` }, num(w.violations)),
      ),
      h(
        'td',
        { class: 'num' },
        h('span', { class: `count-text${w.warnings ? ' sev-warning' : ' zero'}` }, num(w.warnings)),
      ),
      h('td', { class: 'num' }, num(w.incidents)),
      h('td', { class: 'num' }, num(w.hours)),
    );
  };

  // On paper: each worker's incidents, worst first (the screen has them on the timeline).
  const incidentsOf = (id) =>
    (report.incidents ?? [])
      .filter((inc) => inc.workerId === id)
      .sort((a, b) => (RANK[a.severity] ?? 3) - (RANK[b.severity] ?? 3));
  const printed = workers.filter((w) => incidentsOf(w.worker.id).some((inc) => inc.severity !== 'info'));
  const incidentList = printed.length
    ? h(
        'section',
        { class: 'print-only overview-incidents' },
        h('h3', {}, t('printIncidentsTitle')),
        printed.map((w) =>
          h(
            'div',
            {},
            h(
              'h4',
              {},
              w.worker.name ?? w.worker.id,
              ' ',
              h('span', { class: 'muted small' }, t('workerCounts', { v: w.violations, w: w.warnings })),
            ),
            h(
              'ul',
              {},
              incidentsOf(w.worker.id)
                .filter((inc) => inc.severity !== 'info')
                .map((inc) => h('li', {}, severity(inc.severity), ' ', loc(inc.title))),
            ),
          ),
        ),
      )
    : null;

  fill(
    el,
    h('h2', { id: 'overview-h' }, t('overviewTitle')),
    h(
      'p',
      { class: 'overview-lead' },
      t('overviewLead', { oppdrag: total.count, workers: rota.workers.length, bad: withViolations }),
      ' ',
      total.count ? t('tiersChosen', { ok: total.lawful + total.warnings, n: total.count }) : '',
    ),
    h(
      'div',
      { class: 'overview-grid' },
      h(
        'section',
        { class: 'overview-tiers', 'aria-labelledby': 'tiers-h' },
        h('h3', { id: 'tiers-h' }, t('tiersTitle')),
        h('p', { class: 'muted small' }, t('tiersHelp')),
        h(
          'div',
          { class: 'table-wrap' },
          h(
            'table',
            { class: 'tier-chart', 'aria-labelledby': 'tiers-h' },
            h(
              'thead',
              {},
              h(
                'tr',
                {},
                ['colTier', 'colOppdrag', 'colTierHours', 'colTierCost', 'colTierNow'].map((k) =>
                  h('th', { scope: 'col' }, t(/** @type {any} */ (k))),
                ),
              ),
            ),
            h('tbody', {}, tiers.map(tierRow)),
            h(
              'tfoot',
              {},
              h(
                'tr',
                {},
                h('th', { scope: 'row' }, t('tierTotal')),
                h('td', { class: 'num', 'data-total': total.count }, num(total.count)),
                h('td', { class: 'num' }, `${num(Math.round(total.hours))} ${t('hoursShort')}`),
                h(
                  'td',
                  { class: 'num' },
                  total.cost ? money(total.cost) : '—',
                  total.difference
                    ? h('span', { class: 'muted small block' }, t('tierDifference', { n: money(total.difference) }))
                    : null,
                ),
                h('td', { class: 'tier-now' }, nowText(total)),
              ),
            ),
          ),
        ),
        h(
          'ul',
          { class: 'legend tier-legend' },
          h('li', {}, h('span', { class: 'swatch seg-ok', 'aria-hidden': 'true' }), t('tierLegendOk')),
          h('li', {}, h('span', { class: 'swatch seg-warn', 'aria-hidden': 'true' }), t('tierLegendWarn')),
          h('li', {}, h('span', { class: 'swatch seg-bad', 'aria-hidden': 'true' }), t('tierLegendBad')),
        ),
      ),
      h(
        'section',
        { class: 'overview-workers', 'aria-labelledby': 'workers-h' },
        h('h3', { id: 'workers-h' }, t('workersTitle')),
        h('p', { class: 'muted small' }, t('workersHelp')),
        h(
          'div',
          { class: 'table-wrap workers-wrap' },
          h(
            'table',
            { class: 'worker-table', 'aria-labelledby': 'workers-h' },
            h(
              'thead',
              {},
              h(
                'tr',
                {},
                ['colWorker', 'colWorst', 'rowViolations', 'rowWarnings', 'colIncidents', 'colHours'].map((k) =>
                  h('th', { scope: 'col' }, t(/** @type {any} */ (k))),
                ),
              ),
            ),
            h('tbody', {}, workers.map(workerRow)),
          ),
        ),
      ),
    ),
    incidentList,
  );
}
