// Live: what flows now, polled every 2 seconds while the view is shown and the tab visible.
import {api} from './api.js';
import {errorBox, h, show, table, when} from './dom.js';
import {bar, sparkline} from './chart.js';

const INTERVAL_MS = 2000;
const KEPT = 60;

let result;
let at;
let pauseButton;
let timer = null;
let paused = false;
let active = false;
const history = {in: [], out: [], dlq: [], replies: []};

export function init(section) {
  result = section.querySelector('#live-result');
  at = section.querySelector('#live-at');
  pauseButton = section.querySelector('#live-pause');
  pauseButton.addEventListener('click', () => {
    paused = !paused;
    pauseButton.textContent = paused ? 'Resume' : 'Pause';
    pauseButton.setAttribute('aria-pressed', String(paused));
    schedule(0);
  });
  document.addEventListener('visibilitychange', () => schedule(0));
}

export function enter(argument, entering) {
  active = true;
  if (entering) schedule(0);
}

export function leave() {
  active = false;
  clearTimeout(timer);
  timer = null;
}

function schedule(delay) {
  clearTimeout(timer);
  timer = null;
  if (active && !paused && document.visibilityState !== 'hidden') timer = setTimeout(poll, delay);
}

async function poll() {
  try {
    const live = await api('/live');
    if (!active) return;
    remember(history.in, live.interactionsIn?.perSecond ?? 0);
    remember(history.out, live.recordsOut?.perSecond ?? 0);
    remember(history.dlq, live.dlq?.size ?? 0);
    remember(history.replies, live.repliesPending ?? 0);
    render(live);
    at.replaceChildren('updated ', when(live.at ?? new Date().toISOString()));
  } catch (e) {
    if (!active) return;
    at.textContent = 'not updated';
    show(result, errorBox(e.message));
    if (e.status === 401) return;
  }
  schedule(INTERVAL_MS);
}

function remember(series, value) {
  series.push(Number(value) || 0);
  if (series.length > KEPT) series.shift();
}

function rate(value) {
  const n = Number(value) || 0;
  return n >= 10 ? n.toFixed(0) : n.toFixed(1);
}

function tile(id, title, value, unit, series, extra) {
  return h('div', {class: 'tile', id},
    h('h3', {}, title),
    h('div', {class: 'value', dataset: {value: String(value)}}, String(value), unit ? h('span', {class: 'unit'},
      ` ${unit}`) : null),
    series ? sparkline(series, `${title}, last ${series.length} samples, 2 s apart`) : null,
    extra);
}

function render(live) {
  const lag = Object.entries(live.consumerLag ?? {});
  const maxLag = Math.max(0, ...lag.map(([, n]) => Number(n) || 0));
  const circuits = Object.entries(live.circuits ?? {});
  const byTarget = Object.entries(live.dlq?.byTarget ?? {});
  show(result,
    h('div', {class: 'tiles'},
      tile('live-in', 'Interactions in', rate(live.interactionsIn?.perSecond), '/s', history.in,
        h('p', {class: 'muted'}, `${live.interactionsIn?.total ?? 0} in all`)),
      tile('live-out', 'Records out', rate(live.recordsOut?.perSecond), '/s', history.out,
        h('p', {class: 'muted'}, `${live.recordsOut?.total ?? 0} in all`)),
      tile('live-dlq', 'Dead letters', live.dlq?.size ?? 0, null, history.dlq,
        byTarget.length ? h('p', {class: 'muted'}, byTarget.map(([t, n]) => `${t}: ${n}`).join(', '))
          : h('p', {class: 'muted'}, h('a', {href: '#dlq'}, 'Open the dead letters'))),
      tile('live-replies', 'Replies pending', live.repliesPending ?? 0, null, history.replies, null)),
    h('div', {class: 'columns'},
      table('Consumer lag per group', [{label: 'Group'}, {label: 'Lag', num: true}, {label: ''}],
        lag.map(([group, n]) => ({cells: [group, String(n), bar(Number(n) || 0, maxLag, `lag ${n}`)]}))),
      table('Circuits per target', [{label: 'Target'}, {label: 'State'}],
        circuits.map(([target, state]) => ({cells: [target, h('span', {class: `badge state-${state}`}, state)]})))),
  );
}
