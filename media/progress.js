// The Progress view's page script. Ships as is (no build step).
//
// The extension posts { type: 'model', model } whenever the plan changes; this script renders it
// with DOM APIs and textContent only. Every string in the model is plan text and is treated as
// data: it never reaches an HTML parser.
// @ts-check
(function () {
  'use strict';

  const vscode = acquireVsCodeApi();
  const root = /** @type {HTMLElement} */ (document.getElementById('root'));
  const announcer = document.getElementById('announce');

  const STATUSES = ['pending', 'in-progress', 'completed', 'failed', 'blocked', 'unknown'];
  const EMPTY_TEXT = 'Open an execution plan to see its progress.';
  const TICK_MS = 30000;

  /**
   * @typedef {{ index: number, label: string, title: string, status: string, statusName: string, glyph: string, done: number,
   *   total: number, line: number, depth: number, current: boolean, inProgressMs?: number,
   *   estimateMs?: number, actualMs?: number, paused?: boolean, overrun?: boolean }} Phase
   * @typedef {{ file: string, title: string, completed: number, total: number, percent: number,
   *   current?: number, phases: Phase[], tracker?: Tracker }} Model
   * @typedef {{ byStatus: Array<{ statusName: string, glyph: string, count: number }>,
   *   byPriority: Array<{ priority: string, done: number, total: number }>, estimateMs?: number, actualMs?: number }} Tracker
   * @typedef {{ model: Model | null, receivedAt: number }} State
   */

  // ---- validation: anything odd becomes a safe default ----

  /** @param {unknown} v */
  function str(v) {
    return typeof v === 'string' ? v : '';
  }
  /** @param {unknown} v */
  function num(v) {
    return typeof v === 'number' && Number.isFinite(v) && v >= 0 ? Math.floor(v) : 0;
  }
  /** @param {unknown} v */
  function status(v) {
    return typeof v === 'string' && STATUSES.indexOf(v) >= 0 ? v : 'unknown';
  }

  /** @param {any} p @returns {Phase | undefined} */
  function cleanPhase(p) {
    if (!p || typeof p !== 'object') return undefined;
    /** @type {Phase} */
    const phase = {
      index: num(p.index),
      label: str(p.label),
      title: str(p.title),
      status: status(p.status),
      // The status's words and glyph come with the model (src/host/icons.ts, the core's labels).
      statusName: str(p.statusName) || str(p.status),
      glyph: str(p.glyph),
      done: num(p.done),
      total: num(p.total),
      line: num(p.line),
      depth: Math.min(num(p.depth), 6),
      current: p.current === true,
    };
    if (typeof p.inProgressMs === 'number' && Number.isFinite(p.inProgressMs) && p.inProgressMs >= 0) {
      phase.inProgressMs = p.inProgressMs;
    }
    if (typeof p.estimateMs === 'number' && Number.isFinite(p.estimateMs) && p.estimateMs >= 0) phase.estimateMs = p.estimateMs;
    if (typeof p.actualMs === 'number' && Number.isFinite(p.actualMs) && p.actualMs >= 0) phase.actualMs = p.actualMs;
    phase.paused = p.paused === true;
    phase.overrun = p.overrun === true;
    return phase;
  }

  /** @param {any} m @returns {Model | null} */
  function cleanModel(m) {
    if (!m || typeof m !== 'object' || !Array.isArray(m.phases)) return null;
    const total = num(m.total);
    /** @type {Model} */
    const model = {
      file: str(m.file),
      title: str(m.title),
      completed: Math.min(num(m.completed), total),
      total,
      percent: Math.min(num(m.percent), 100),
      phases: /** @type {Phase[]} */ (m.phases.map(cleanPhase).filter(Boolean)),
    };
    if (typeof m.current === 'number') model.current = num(m.current);
    const tracker = cleanTracker(m.tracker);
    if (tracker) model.tracker = tracker;
    return model;
  }

  // ---- state ----

  /** @type {State} */
  let state = { model: null, receivedAt: Date.now() };
  const saved = /** @type {{ model?: unknown, receivedAt?: unknown } | undefined} */ (vscode.getState());
  if (saved && typeof saved === 'object') {
    state = { model: cleanModel(saved.model), receivedAt: num(saved.receivedAt) || Date.now() };
  }
  let lastAnnouncement = '';

  // ---- DOM helpers ----

  /**
   * @param {string} tag
   * @param {string} [className]
   * @param {string} [text]
   */
  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  /** @param {number} percent @param {string} className */
  function bar(percent, className) {
    const track = el('div', 'bar ' + className);
    const fill = el('div', 'bar-fill');
    // CSSOM, not a style attribute: allowed by the page's style-src policy.
    fill.style.width = Math.max(0, Math.min(100, percent)) + '%';
    track.appendChild(fill);
    return track;
  }

  /** @param {string} text */
  function glyph(text) {
    const span = el('span', 'glyph');
    span.setAttribute('aria-hidden', 'true');
    span.textContent = text;
    return span;
  }

  /** @param {number} ms */
  function duration(ms) {
    const minutes = Math.floor(ms / 60000);
    if (minutes < 1) return '<1m';
    if (minutes < 60) return minutes + 'm';
    const hours = Math.floor(minutes / 60);
    if (hours < 24) return hours + 'h' + (minutes % 60 ? ' ' + (minutes % 60) + 'm' : '');
    const days = Math.floor(hours / 24);
    return days + 'd' + (hours % 24 ? ' ' + (hours % 24) + 'h' : '');
  }

  /** @param {Phase} phase */
  function elapsed(phase) {
    if (phase.inProgressMs === undefined) return undefined;
    // The host's figure is a snapshot: keep it moving while the phase is in progress (unless paused).
    const extra = phase.status === 'in-progress' && !phase.paused ? Math.max(0, Date.now() - state.receivedAt) : 0;
    return phase.inProgressMs + extra;
  }

  /** @param {Phase} phase */
  function phaseName(phase) {
    if (!phase.title || phase.title === phase.label) return phase.label || phase.title;
    return phase.label ? phase.label + ': ' + phase.title : phase.title;
  }

  // ---- rendering ----

  /** @param {Phase} phase */
  function phaseRow(phase) {
    const item = el('li', 'phase-item');
    const row = /** @type {HTMLButtonElement} */ (el('button', 'phase status-' + phase.status));
    row.type = 'button';
    row.dataset.index = String(phase.index);
    row.dataset.line = String(phase.line);
    if (phase.depth > 0) row.classList.add('depth-' + phase.depth);
    if (phase.current) {
      row.classList.add('current');
      row.setAttribute('aria-current', 'step');
    }
    row.title = 'Go to ' + (phase.label || 'phase') + ' (line ' + (phase.line + 1) + ')';

    const head = el('span', 'phase-head');
    head.appendChild(glyph(phase.glyph));
    if (phase.label && phase.label !== phase.title) head.appendChild(el('span', 'phase-label', phase.label));
    head.appendChild(el('span', 'phase-title', phase.title || phase.label));
    row.appendChild(head);

    const meta = el('span', 'phase-meta');
    meta.appendChild(el('span', 'badge status-badge', phase.statusName));
    if (phase.current) meta.appendChild(el('span', 'badge current-badge', 'current'));
    if (phase.total > 0) {
      const steps = el('span', 'steps');
      steps.appendChild(el('span', 'steps-text', phase.done + '/' + phase.total));
      steps.appendChild(bar(Math.round((phase.done / phase.total) * 100), 'steps-bar'));
      meta.appendChild(steps);
    }
    const ms = elapsed(phase);
    if (ms !== undefined) {
      const time = el('span', 'time', duration(ms));
      time.dataset.index = String(phase.index);
      time.title = phase.paused ? 'Time in progress (timer paused)' : phase.status === 'in-progress' ? 'Time in progress' : 'Time spent in progress';
      if (phase.paused) time.classList.add('paused');
      meta.appendChild(time);
    }
    if (phase.estimateMs !== undefined) {
      const est = el('span', 'badge estimate' + (phase.overrun ? ' overrun' : ''), 'est. ' + duration(phase.estimateMs));
      est.title = phase.overrun ? 'Past 1.5 times its estimate' : 'Estimated time';
      meta.appendChild(est);
    }
    row.appendChild(meta);

    const parts = [phaseName(phase), phase.statusName];
    if (phase.total > 0) parts.push(phase.done + ' of ' + phase.total + ' steps done');
    if (ms !== undefined) parts.push((phase.status === 'in-progress' ? 'in progress for ' : 'took ') + duration(ms) + (phase.paused ? ', timer paused' : ''));
    if (phase.estimateMs !== undefined) parts.push('estimated ' + duration(phase.estimateMs) + (phase.overrun ? ', past 1.5 times its estimate' : ''));
    if (phase.current) parts.push('current phase');
    row.setAttribute('aria-label', parts.join(', '));

    item.appendChild(row);
    return item;
  }

  /** @param {Tracker} t */
  function trackerView(t) {
    const box = el('section', 'tracker');
    box.setAttribute('aria-label', 'Tracker rollups');
    const statuses = el('ul', 'rollup by-status');
    statuses.setAttribute('aria-label', 'Entries by status');
    for (const s of t.byStatus) {
      const li = el('li', 'rollup-item');
      li.appendChild(glyph(s.glyph));
      li.appendChild(el('span', '', s.statusName + ' ' + s.count));
      statuses.appendChild(li);
    }
    box.appendChild(statuses);
    if (t.byPriority.length) {
      const prios = el('ul', 'rollup by-priority');
      prios.setAttribute('aria-label', 'Entries by priority');
      for (const p of t.byPriority) {
        const li = el('li', 'rollup-item');
        li.appendChild(el('span', 'priority', p.priority));
        li.appendChild(el('span', 'steps-text', p.done + '/' + p.total));
        li.appendChild(bar(p.total ? Math.round((p.done / p.total) * 100) : 0, 'steps-bar'));
        prios.appendChild(li);
      }
      box.appendChild(prios);
    }
    if (t.estimateMs !== undefined || t.actualMs !== undefined) {
      const parts = [];
      if (t.actualMs !== undefined) parts.push(duration(t.actualMs) + ' spent');
      if (t.estimateMs !== undefined) parts.push(duration(t.estimateMs) + ' estimated');
      box.appendChild(el('p', 'effort', 'Effort: ' + parts.join(' of ')));
    }
    return box;
  }

  /** @param {any} t @returns {Tracker | undefined} */
  function cleanTracker(t) {
    if (!t || typeof t !== 'object' || !Array.isArray(t.byStatus) || !Array.isArray(t.byPriority)) return undefined;
    /** @type {Tracker} */
    const out = {
      byStatus: t.byStatus.map((s) => ({ statusName: str(s && s.statusName), glyph: str(s && s.glyph), count: num(s && s.count) })),
      byPriority: t.byPriority.map((p) => ({ priority: str(p && p.priority), done: num(p && p.done), total: num(p && p.total) })),
    };
    if (typeof t.estimateMs === 'number' && Number.isFinite(t.estimateMs) && t.estimateMs >= 0) out.estimateMs = t.estimateMs;
    if (typeof t.actualMs === 'number' && Number.isFinite(t.actualMs) && t.actualMs >= 0) out.actualMs = t.actualMs;
    return out;
  }

  /** @param {Model} model */
  function planView(model) {
    const frag = document.createDocumentFragment();

    const header = el('header', 'plan-header');
    const title = el('h2', 'plan-title', model.title || model.file);
    if (model.file) title.title = model.file;
    header.appendChild(title);

    if (!model.phases.length && !model.total) {
      // A log or summary without phases or tasks: nothing to measure.
      frag.appendChild(header);
      frag.appendChild(el('p', 'empty', 'This document has no phases or tasks to track.'));
      return frag;
    }

    const summary = el('div', 'summary');
    const unit = model.phases.length ? 'phases' : 'tasks';
    summary.appendChild(el('span', 'summary-count', model.completed + '/' + model.total + ' ' + unit));
    summary.appendChild(el('span', 'summary-percent', model.percent + '%'));
    header.appendChild(summary);

    const overall = bar(model.percent, 'overall-bar');
    overall.setAttribute('role', 'progressbar');
    overall.setAttribute('aria-valuemin', '0');
    overall.setAttribute('aria-valuemax', '100');
    overall.setAttribute('aria-valuenow', String(model.percent));
    overall.setAttribute('aria-label', 'Overall progress');
    overall.setAttribute('aria-valuetext', model.completed + ' of ' + model.total + ' ' + unit + ' completed, ' + model.percent + '%');
    header.appendChild(overall);
    frag.appendChild(header);
    if (model.tracker) frag.appendChild(trackerView(model.tracker));

    if (model.phases.length) {
      const list = el('ol', 'phases');
      list.setAttribute('aria-label', 'Phases');
      for (const phase of model.phases) list.appendChild(phaseRow(phase));
      frag.appendChild(list);
    } else {
      frag.appendChild(el('p', 'empty', 'This document has no phases; the count is of its tasks.'));
    }
    return frag;
  }

  function render() {
    // Keep keyboard focus on the same phase across re-renders.
    const active = document.activeElement;
    const focused = active instanceof HTMLElement && root.contains(active) ? active.dataset.index : undefined;

    const model = state.model;
    const content = model ? planView(model) : el('p', 'empty', EMPTY_TEXT);
    root.replaceChildren(content);

    if (focused !== undefined) {
      const again = root.querySelector('button.phase[data-index="' + CSS.escape(focused) + '"]');
      if (again instanceof HTMLElement) again.focus();
    }
    announce(model);
  }

  /** @param {Model | null} model */
  function announce(model) {
    if (!announcer) return;
    const text = model ? model.completed + ' of ' + model.total + ' completed, ' + model.percent + '%' : '';
    if (text === lastAnnouncement) return;
    const first = lastAnnouncement === '' && text !== '';
    lastAnnouncement = text;
    // Announce changes, not the first render.
    announcer.textContent = first ? '' : text;
  }

  function tick() {
    const model = state.model;
    if (!model || document.hidden) return;
    for (const node of root.querySelectorAll('.time')) {
      if (!(node instanceof HTMLElement)) continue;
      const phase = model.phases.find((p) => String(p.index) === node.dataset.index);
      const ms = phase && elapsed(phase);
      if (ms !== undefined) node.textContent = duration(ms);
    }
  }

  // ---- events ----

  /** @param {Element | null} row */
  function reveal(row) {
    if (!(row instanceof HTMLElement)) return;
    const index = Number(row.dataset.index);
    const line = Number(row.dataset.line);
    if (!Number.isInteger(index) || !Number.isInteger(line) || index < 0 || line < 0) return;
    vscode.postMessage({ type: 'reveal', index, line });
  }

  // Buttons turn Enter and Space into clicks.
  root.addEventListener('click', (event) => {
    const target = event.target instanceof Element ? event.target.closest('button.phase') : null;
    if (target && root.contains(target)) reveal(target);
  });

  // Arrow keys, Home and End move between phases.
  root.addEventListener('keydown', (event) => {
    const target = event.target instanceof Element ? event.target.closest('button.phase') : null;
    if (!target) return;
    const rows = Array.from(root.querySelectorAll('button.phase'));
    const at = rows.indexOf(target);
    let next = -1;
    if (event.key === 'ArrowDown') next = Math.min(rows.length - 1, at + 1);
    else if (event.key === 'ArrowUp') next = Math.max(0, at - 1);
    else if (event.key === 'Home') next = 0;
    else if (event.key === 'End') next = rows.length - 1;
    if (next < 0) return;
    event.preventDefault();
    const row = rows[next];
    if (row instanceof HTMLElement) row.focus();
  });

  window.addEventListener('message', (event) => {
    const message = event.data;
    if (!message || typeof message !== 'object' || message.type !== 'model') return;
    state = { model: cleanModel(message.model), receivedAt: Date.now() };
    vscode.setState(state);
    render();
  });

  setInterval(tick, TICK_MS);
  render();
  vscode.postMessage({ type: 'ready' });
})();
