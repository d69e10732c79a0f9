// Dead letters: what the targets refused, why; one opened with its payload (personal data masked unless asked);
// replayed one, a selection or all of a target, and followed until the record lands.
import {api, encode} from './api.js';
import {badge, errorBox, facts, h, json, show, table, when} from './dom.js';
import {safeUrl} from './trace.js';

const LANDING_POLL_MS = 2000;
const LANDING_GIVE_UP_MS = 90000;

let section;
let list;
let detail;
let replayResult;
let form;
let entries = [];
const selected = new Set();

export function init(element) {
  section = element;
  list = section.querySelector('#dlq-list');
  detail = section.querySelector('#dlq-detail');
  replayResult = section.querySelector('#dlq-replay-result');
  form = section.querySelector('#dlq-form');
  form.addEventListener('submit', event => {
    event.preventDefault();
    load();
  });
  form.target.addEventListener('input', updateButtons);
  section.querySelector('#dlq-replay-selected').addEventListener('click', () => replay({ids: [...selected]}));
  section.querySelector('#dlq-replay-target').addEventListener('click', () => {
    const target = form.target.value.trim();
    if (target && confirm(`Replay every dead letter of ${target}?`)) replay({target});
  });
}

export function enter(argument, entering) {
  if (argument) open(argument, false);
  if (entering) load();
}

async function load() {
  const target = form.target.value.trim();
  const reason = form.reason.value.trim();
  const query = new URLSearchParams();
  if (target) query.set('target', target);
  if (reason) query.set('reason', reason);
  if (form.pending.checked) query.set('pending', 'true');
  show(list, h('p', {class: 'muted'}, 'Loading…'));
  try {
    const answer = await api(`/dlq?${query}`);
    const needle = reason.toLowerCase();
    // the reason filter again here, so an older hub that ignores it filters the same
    entries = (answer.entries ?? []).filter(e => !needle || (e.reason ?? '').toLowerCase().includes(needle));
    for (const id of [...selected]) if (!entries.some(e => e.interactionId === id)) selected.delete(id);
    targets(answer.entries ?? []);
    render();
  } catch (e) {
    show(list, errorBox(e.message));
  }
  updateButtons();
}

function targets(all) {
  const names = [...new Set(all.map(e => e.target).filter(Boolean))].sort();
  const datalist = section.querySelector('#dlq-targets');
  if (names.length) show(datalist, names.map(n => h('option', {value: n})));
}

function render() {
  if (entries.length === 0) {
    show(list, h('p', {}, 'No dead letter matches.'));
    return;
  }
  show(list, table(`${entries.length} dead letter${entries.length === 1 ? '' : 's'}`,
    [{label: 'Select'}, {label: 'Interaction'}, {label: 'Target'}, {label: 'Reason'}, {label: 'Attempts', num: true},
      {label: 'Failed'}, {label: 'Replayed'}],
    entries.map(e => ({
      rowClass: selected.has(e.interactionId) ? 'selected' : null,
      cells: [
        h('input', {type: 'checkbox', 'aria-label': `Select ${e.interactionId}`, checked: selected.has(e.interactionId),
          dataset: {id: e.interactionId}, onchange: event => {
            if (event.target.checked) selected.add(e.interactionId);
            else selected.delete(e.interactionId);
            event.target.closest('tr').classList.toggle('selected', event.target.checked);
            updateButtons();
          }}),
        h('button', {type: 'button', class: 'link', dataset: {open: e.interactionId},
          onclick: () => open(e.interactionId, false)}, e.interactionId),
        e.target,
        h('span', {dir: 'auto'}, e.reason ?? ''),
        String(e.attempts ?? ''),
        when(e.failedAt),
        e.replayedAt ? when(e.replayedAt) : badge('pending', 'warn'),
      ],
    }))));
}

function updateButtons() {
  section.querySelector('#dlq-replay-selected').disabled = selected.size === 0;
  section.querySelector('#dlq-replay-selected').textContent =
    selected.size ? `Replay selected (${selected.size})` : 'Replay selected';
  const target = form.target.value.trim();
  const button = section.querySelector('#dlq-replay-target');
  button.disabled = !target;
  button.textContent = target ? `Replay all of ${target}` : 'Replay all of this target';
}

async function open(id, unmask) {
  show(detail, h('p', {class: 'muted'}, 'Loading…'));
  try {
    const answer = await api(`/dlq/entry?interaction=${encode(id)}${unmask ? '&unmask=true' : ''}`);
    const {entry, payload, masked} = answer;
    show(detail, h('div', {class: 'card stack', id: 'dlq-entry', tabindex: '-1'},
      h('h3', {}, `Dead letter ${entry.interactionId ?? id}`),
      facts([
        ['Target', entry.target, 'target'],
        ['Reason', h('span', {dir: 'auto'}, entry.reason ?? ''), 'reason'],
        ['Attempts', entry.attempts, 'attempts'],
        ['Failed', when(entry.failedAt), 'failedAt'],
        ['From', entry.source, 'source'],
        ['Replayed', entry.replayedAt ? when(entry.replayedAt) : 'not yet', 'replayedAt'],
      ]),
      h('h4', {}, masked ? 'Payload (personal data masked)' : 'Payload (unmasked)'),
      typeof payload === 'string' ? h('pre', {dir: 'auto'}, payload) : json(payload ?? null),
      h('div', {class: 'row'},
        masked ? h('button', {type: 'button', class: 'quiet', onclick: () => open(id, true)},
          'Unmask personal data') : null,
        h('button', {type: 'button', onclick: () => replay({ids: [id]}, !!entry.replayedAt)}, 'Replay this one'),
        h('a', {href: `#trace/${encode(id)}`}, 'Trace it'))));
    detail.querySelector('#dlq-entry').focus();
  } catch (e) {
    show(detail, errorBox(e.message));
  }
}

async function replay(which, again = section.querySelector('#dlq-again').checked) {
  const body = {...which};
  if (again) body.again = true;
  show(replayResult, h('p', {class: 'muted'}, 'Replaying…'));
  try {
    const answer = await api('/dlq/replay', {method: 'POST', body});
    const replayed = answer.entries ?? [];
    const items = replayed.map(e => h('li', {dataset: {id: e.interactionId, landed: 'waiting'}},
      h('a', {href: `#trace/${encode(e.interactionId)}`}, e.interactionId), ` (${e.target}): `,
      h('span', {class: 'landing'}, 'replayed, waiting for its record…')));
    show(replayResult, h('div', {class: 'card', role: 'status'},
      h('p', {}, answer.replayed === 0
        ? 'Nothing replayed: each was replayed before (tick "Also those replayed before" to replay again).'
        : `Replayed ${answer.replayed} dead letter${answer.replayed === 1 ? '' : 's'}.`),
      items.length ? h('ul', {}, items) : null));
    selected.clear();
    load();
    items.forEach(item => follow(item, Date.now()));
  } catch (e) {
    show(replayResult, errorBox(e.message));
  }
}

/** Looks at the interaction's trace until a record is there: the replay landed. */
async function follow(item, since) {
  const status = item.querySelector('.landing');
  try {
    const trace = await api(`/trace?interaction=${encode(item.dataset.id)}`);
    const records = (trace.steps ?? []).filter(s => s.step === 'record');
    const record = records[records.length - 1];
    if (record) {
      item.dataset.landed = 'yes';
      status.replaceChildren('landed: ', record.system ?? '', ' ',
        record.url ? h('a', {href: safeUrl(record.url), rel: 'noreferrer noopener', target: '_blank',
          dataset: {number: record.number ?? record.recordId}}, record.number ?? record.recordId)
          : h('span', {dataset: {number: record.number ?? record.recordId}}, record.number ?? record.recordId),
        record.action ? ` (${record.action})` : '');
      return;
    }
  } catch (e) {
    if (e.status !== 404) {
      item.dataset.landed = 'unknown';
      status.textContent = `replayed; its trace could not be read: ${e.message}`;
      return;
    }
  }
  if (Date.now() - since > LANDING_GIVE_UP_MS) {
    item.dataset.landed = 'no';
    status.textContent = 'replayed, but no record yet after 90 s: look at Live and the dead letters again.';
    return;
  }
  setTimeout(() => follow(item, since), LANDING_POLL_MS);
}
