// Rules: what the rules decide for a pasted post, and the routing examples run against the active rules or against
// an edited rule set that is not saved.
import {api} from './api.js';
import {badge, errorBox, facts, h, sentiment, show, table, when} from './dom.js';

let section;
let loaded = false;

export function init(element) {
  section = element;
  section.querySelector('#explain-form').addEventListener('submit', event => {
    event.preventDefault();
    explain(event.target);
  });
  section.querySelector('#tests-current').addEventListener('click', () => runTests(null));
  section.querySelector('#tests-proposed').addEventListener('click', () => {
    const rules = section.querySelector('#rules-text').value;
    if (!rules.trim()) {
      show(section.querySelector('#tests-result'), errorBox('Paste or edit a rule set first.'));
      section.querySelector('#rules-text').focus();
      return;
    }
    runTests(rules);
  });
}

export async function enter() {
  if (loaded) return;
  loaded = true;
  try {
    const status = await api('/routing');
    const textarea = section.querySelector('#rules-text');
    if (typeof status.text === 'string' && !textarea.value) textarea.value = status.text;
    if (!textarea.value) textarea.placeholder = 'rules:\n  - name: ...\n    department: ...\n    when: ...';
    const explanation = section.querySelector('#explain-result');
    if (!explanation.hasChildNodes()) {
      show(explanation, h('p', {class: 'muted'},
        `Active: ${(status.rules ?? []).length} rules from ${status.source ?? 'the packaged routing.yaml'}`,
        status.loadedAt ? [', loaded ', when(status.loadedAt)] : null, '.',
        status.refused ? h('span', {class: 'error'}, ` The last edit was refused: ${status.refused}`) : null));
    }
  } catch (e) {
    loaded = false;
    show(section.querySelector('#explain-result'), errorBox(e.message));
  }
}

async function explain(form) {
  const result = section.querySelector('#explain-result');
  const post = {text: form.text.value, channel: form.channel.value};
  if (form.language.value.trim()) post.language = form.language.value.trim();
  if (form.followers.value !== '') post.author = {followers: Number(form.followers.value)};
  show(result, h('p', {class: 'muted'}, 'Explaining…'));
  try {
    const answer = await api('/routing/explain', {method: 'POST', body: post});
    const classifier = answer.classifier;
    show(result, h('div', {class: 'stack', id: 'explanation'},
      facts([
        ['Department', h('strong', {}, answer.department), 'department'],
        ['Priority', answer.priority, 'priority'],
        ['Intent', answer.intent, 'intent'],
        ['Target', answer.target, 'target'],
        ['Rule', answer.rule ?? 'none', 'rule'],
        ['Conditions that held', answer.conditions?.length
          ? h('ul', {}, answer.conditions.map(c => h('li', {}, typeof c === 'string' ? c : JSON.stringify(c))))
          : null, 'conditions'],
        ['Language', answer.language, 'language'],
        ['Sentiment', sentiment(answer.sentiment), 'sentiment'],
        ['Classifier', classifier?.departments ? Object.entries(classifier.departments)
          .sort((a, b) => b[1] - a[1]).map(([d, p]) => `${d} ${Math.round(p * 100)}%`).join(', ') : null,
        'classifier'],
        ['Nearest examples', classifier?.nearestExamples?.length ? h('ul', {}, classifier.nearestExamples
          .map(e => h('li', {dir: 'auto'}, typeof e === 'string' ? e
            : `${e.department ?? ''}: ${e.text ?? JSON.stringify(e)}`))) : null, 'nearest'],
      ])));
  } catch (e) {
    show(result, errorBox(e.message));
  }
}

async function runTests(rules) {
  const result = section.querySelector('#tests-result');
  show(result, h('p', {class: 'muted'}, 'Running the examples…'));
  try {
    const answer = await api('/routing/tests', {method: 'POST', body: rules === null ? {} : {rules}});
    const results = [...(answer.results ?? [])].sort((a, b) => Number(a.ok) - Number(b.ok));
    const which = answer.rules === 'proposed' ? 'the rule set above (not saved)' : 'the active rules';
    show(result, h('div', {class: 'stack', id: 'tests-summary', dataset: {rules: answer.rules ?? '',
      passed: String(answer.passed ?? 0), failed: String(answer.failed ?? 0)}},
    h('h3', {}, `Examples against ${which}: `,
      badge(`${answer.passed ?? 0} passed`, 'ok'), ' ',
      badge(`${answer.failed ?? 0} failed`, answer.failed ? 'bad' : 'ok')),
    table(null, [{label: 'Result'}, {label: 'Example'}, {label: 'Expected'}, {label: 'Actual'}],
      results.map(r => ({
        rowClass: r.ok ? null : 'failed',
        cells: [r.ok ? badge('ok', 'ok') : badge('FAILED', 'bad'),
          h('div', {}, r.name ? h('strong', {}, r.name) : null, r.name ? h('br') : null,
            h('span', {dir: 'auto'}, r.text ?? '')),
          decision(r.expected), decision(r.actual, r.rule)],
      })))));
  } catch (e) {
    show(result, errorBox(e.status === 400 && rules !== null ? `The rule set does not load: ${e.message}`
      : e.message));
  }
}

function decision(d, rule) {
  if (!d) return '';
  const parts = Object.entries(d).filter(([, v]) => v !== null && v !== undefined).map(([k, v]) => `${k}: ${v}`);
  if (rule && !('rule' in d)) parts.push(`rule: ${rule}`);
  return h('span', {}, parts.join(', '));
}
