// Erasure: the form behind POST /api/erasure, and what it changed.
import {api} from './api.js';
import {errorBox, facts, h, show} from './dom.js';

export function init(section) {
  const form = section.querySelector('#erasure-form');
  const result = section.querySelector('#erasure-result');
  form.addEventListener('submit', async event => {
    event.preventDefault();
    const request = {channel: form.channel.value, authorId: form.authorId.value.trim()};
    show(result, h('p', {class: 'muted'}, 'Erasing…'));
    try {
      const report = await api('/erasure', {method: 'POST', body: request});
      show(result, h('div', {class: 'card stack', id: 'erasure-report'},
        h('h3', {}, `Erased ${request.channel} author ${request.authorId}`),
        facts([
          ['Interactions', String(report.interactions ?? 0), 'interactions'],
          ['Records changed', report.records?.length
            ? h('ul', {}, report.records.map(r => h('li', {}, r))) : 'none', 'records'],
          ['Receipts forgotten', String(report.receiptsForgotten ?? 0), 'receiptsForgotten'],
          ['Kept', report.retained, 'retained'],
        ])));
      form.querySelector('#erasure-confirm').checked = false;
    } catch (e) {
      show(result, errorBox(e.message));
    }
  });
}
