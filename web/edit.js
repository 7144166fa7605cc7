// Editing periods on the timeline, with the mouse and the keyboard. This module only reads gestures
// and says what they mean (move, change an end, add, delete, select); app.js changes the rota,
// keeps the undo history and asks the API to judge the edited rota again.
//
// Mouse: drag a period to move it, drag one of its ends (the outer few pixels; drawn as handles on
// the selected period) to lengthen or shorten it (15-minute
// steps), double-click an empty spot of a worker's row to add an 8-hour period there.
// Keyboard, on a period: ←/→ move it 15 minutes, Shift+←/→ move its end, Alt+←/→ its start,
// ↑/↓ (and Home/End) go to another period, Delete or Backspace deletes it, N or Insert adds a copy
// the day after, Enter or Space selects it.
//
// Times are instants (ms) while editing: 15 minutes are 15 minutes, also across a summer-time
// change; app.js writes them back as the rota's wall times.
import { hideTip, partAt, placePeriod, showTip } from './timeline.js';

export const STEP = 15 * 60_000;
const HOUR = 3_600_000;

/**
 * @typedef {object} EditorContext
 * @property {() => import('./timeline.js').Scale | null} scale
 * @property {() => any[]} periods               the resolved periods (index, workerId, start, end …)
 * @property {(ms: number) => string} describe   an instant as wall time for the live tip
 * @property {(hours: number) => string} hours    a number of hours in words ("8,25 t")
 * @property {(index: number | null) => void} select
 * @property {(index: number, start: number, end: number, how: 'mouse' | 'keyboard') => void} change
 * @property {(workerId: string, start: number) => void} add
 * @property {(index: number, how: 'mouse' | 'keyboard') => void} addAfter
 * @property {(index: number, how: 'mouse' | 'keyboard') => void} remove
 * @property {(dragging: boolean) => void} dragging
 */

const snap = (/** @type {number} */ ms) => Math.round(ms / STEP) * STEP;

/**
 * Listens on the timeline's container (it outlives each drawing).
 * @param {HTMLElement} container
 * @param {EditorContext} ctx
 */
export function attachEditor(container, ctx) {
  /** @type {null | { index: number, mode: 'move' | 'start' | 'end', x0: number, s0: number, e0: number, s: number, e: number, moved: boolean, g: SVGGElement, pointerId: number }} */
  let drag = null;

  const periodOf = (/** @type {number} */ index) => ctx.periods().find((p) => p.index === index);

  /** Moves the drawn bar (not the rota) while the pointer is down. */
  function drawDrag() {
    const scale = ctx.scale();
    if (!drag || !scale) return;
    const x0 = scale.x(drag.s);
    placePeriod(drag.g, x0, Math.max(2, scale.x(drag.e) - x0));
    const hours = Math.round(((drag.e - drag.s) / HOUR) * 100) / 100;
    showTip(
      drag.g.querySelector('.bar') ?? drag.g,
      `${ctx.describe(drag.s)} – ${ctx.describe(drag.e)} (${ctx.hours(hours)})`,
    );
  }

  container.addEventListener('pointerdown', (ev) => {
    if (ev.button !== 0) return;
    const target = /** @type {Element} */ (ev.target);
    const g = /** @type {SVGGElement | null} */ (target.closest?.('.editable .period'));
    if (!g) return;
    const index = Number(g.dataset.index);
    const p = periodOf(index);
    if (!p) return;
    const svg = /** @type {SVGSVGElement} */ (g.ownerSVGElement);
    const mode = target.classList.contains('handle-start')
      ? 'start'
      : target.classList.contains('handle-end')
        ? 'end'
        : partAt(g, ev.clientX - svg.getBoundingClientRect().left);
    const s0 = Date.parse(p.start);
    const e0 = Date.parse(p.end);
    drag = { index, mode, x0: ev.clientX, s0, e0, s: s0, e: e0, moved: false, g, pointerId: ev.pointerId };
    container.setPointerCapture(ev.pointerId);
    g.classList.add('dragging');
    ctx.dragging(true);
    ev.preventDefault();
  });

  /** @type {Element | null} */
  let hovered = null;
  container.addEventListener('pointermove', (ev) => {
    const scale = ctx.scale();
    if (!drag) {
      // Over a period's end, the pointer says it can be dragged sideways.
      const g = /** @type {Element} */ (ev.target).closest?.('.editable .period');
      if (hovered && hovered !== g) hovered.classList.remove('edge');
      hovered = g ?? null;
      if (g) {
        const svg = /** @type {SVGSVGElement} */ (/** @type {SVGGElement} */ (g).ownerSVGElement);
        g.classList.toggle('edge', partAt(g, ev.clientX - svg.getBoundingClientRect().left) !== 'move');
      }
      return;
    }
    if (ev.pointerId !== drag.pointerId || !scale) return;
    const dx = ev.clientX - drag.x0;
    if (!drag.moved && Math.abs(dx) < 3) return;
    drag.moved = true;
    const delta = snap((dx / scale.pxPerHour) * HOUR);
    if (drag.mode === 'move') {
      drag.s = drag.s0 + delta;
      drag.e = drag.e0 + delta;
    } else if (drag.mode === 'start') {
      drag.s = Math.min(drag.s0 + delta, drag.e0 - STEP);
      drag.e = drag.e0;
    } else {
      drag.s = drag.s0;
      drag.e = Math.max(drag.e0 + delta, drag.s0 + STEP);
    }
    drawDrag();
  });

  const finish = (/** @type {PointerEvent} */ ev, cancelled) => {
    if (!drag || ev.pointerId !== drag.pointerId) return;
    const d = drag;
    drag = null;
    if (container.hasPointerCapture(ev.pointerId)) container.releasePointerCapture(ev.pointerId);
    d.g.classList.remove('dragging');
    hideTip();
    ctx.dragging(false);
    if (cancelled) {
      ctx.select(d.index);
      return;
    }
    if (d.moved && (d.s !== d.s0 || d.e !== d.e0)) ctx.change(d.index, d.s, d.e, 'mouse');
    else ctx.select(d.index);
  };
  container.addEventListener('pointerup', (ev) => finish(ev, false));
  container.addEventListener('pointercancel', (ev) => finish(ev, true));

  container.addEventListener('dblclick', (ev) => {
    const target = /** @type {Element} */ (ev.target);
    const row = target.closest?.('.editable .row-hit');
    const scale = ctx.scale();
    if (!row || !scale) return;
    const svg = /** @type {SVGSVGElement} */ (row.ownerSVGElement);
    const x = ev.clientX - svg.getBoundingClientRect().left;
    // On the whole hour under the pointer.
    const at = Math.round(scale.msAt(x) / HOUR) * HOUR;
    ctx.add(/** @type {string} */ (row.getAttribute('data-worker')), at);
  });

  container.addEventListener('keydown', (ev) => {
    const g = /** @type {Element} */ (ev.target).closest?.('.editable .period');
    if (!(g instanceof SVGGElement)) return;
    const index = Number(g.dataset.index);
    const p = periodOf(index);
    if (!p) return;
    const s = Date.parse(p.start);
    const e = Date.parse(p.end);
    const key = ev.key;
    const sign = key === 'ArrowRight' ? 1 : key === 'ArrowLeft' ? -1 : 0;
    if (sign && !ev.ctrlKey && !ev.metaKey) {
      ev.preventDefault();
      if (ev.shiftKey) ctx.change(index, s, Math.max(s + STEP, e + sign * STEP), 'keyboard');
      else if (ev.altKey) ctx.change(index, Math.min(e - STEP, s + sign * STEP), e, 'keyboard');
      else ctx.change(index, s + sign * STEP, e + sign * STEP, 'keyboard');
      return;
    }
    const all = /** @type {SVGGElement[]} */ ([...container.querySelectorAll('.period')]);
    const i = all.indexOf(g);
    const to =
      key === 'ArrowDown'
        ? all[i + 1]
        : key === 'ArrowUp'
          ? all[i - 1]
          : key === 'Home'
            ? all[0]
            : key === 'End'
              ? all[all.length - 1]
              : undefined;
    if (to) {
      ev.preventDefault();
      g.setAttribute('tabindex', '-1');
      to.setAttribute('tabindex', '0');
      to.focus();
      return;
    }
    if (key === 'Delete' || key === 'Backspace') {
      ev.preventDefault();
      ctx.remove(index, 'keyboard');
    } else if ((key === 'n' || key === 'N' || key === 'Insert') && !ev.ctrlKey && !ev.metaKey && !ev.altKey) {
      ev.preventDefault();
      ctx.addAfter(index, 'keyboard');
    } else if (key === 'Enter' || key === ' ') {
      ev.preventDefault();
      ctx.select(index);
    }
  });
}
