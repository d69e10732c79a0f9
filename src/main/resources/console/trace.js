// Trace: where an interaction went and why, step by step; or the interactions of an author or a conversation.
import {api, encode} from './api.js';
import {badge, errorBox, facts, h, sentiment, show, table, when} from './dom.js';

let result;
let form;

export function init(section) {
  result = section.querySelector('#trace-result');
  form = section.querySelector('#trace-form');
  form.addEventListener('submit', event => {
    event.preventDefault();
    const by = form.by.value;
    const value = form.query.value.trim();
    if (!value) return;
    if (by === 'id') {
      // the URL names the interaction, so it can be shared and the back button works
      location.hash = `trace/${encode(value)}`;
    } else {
      // a handle as people write it, @ana or ana
      search(by, by === 'author' ? value.replace(/^@/, '') : value);
    }
  });
}

export function enter(argument) {
  if (argument) {
    form.by.value = 'id';
    form.query.value = argument;
    open(argument);
  }
}

async function search(by, value) {
  show(result, h('p', {class: 'muted'}, 'Searching…'));
  try {
    const found = await api(`/trace?${by}=${encode(value)}`);
    const rows = (found.interactions ?? []).map(i => ({
      cells: [
        h('a', {href: `#trace/${encode(i.interactionId)}`}, i.interactionId),
        i.channel,
        typeof i.author === 'object' && i.author ? (i.author.handle ?? i.author.id) : i.author,
        i.conversationId,
        when(i.receivedAt),
        i.department,
        i.rule,
      ],
    }));
    show(result, rows.length === 0
      ? h('p', {}, `No interaction of this ${by === 'author' ? 'author' : 'conversation'} is known.`)
      : table(`${rows.length} interaction${rows.length === 1 ? '' : 's'}, newest first`,
        [{label: 'Interaction'}, {label: 'Channel'}, {label: 'Author'}, {label: 'Conversation'},
          {label: 'Received'}, {label: 'Department'}, {label: 'Rule'}], rows));
  } catch (e) {
    show(result, errorBox(e.message));
  }
}

async function open(id) {
  show(result, h('p', {class: 'muted'}, 'Loading…'));
  try {
    const trace = await api(`/trace?interaction=${encode(id)}`);
    show(result, render(trace));
  } catch (e) {
    show(result, errorBox(e.message));
  }
}

function render(trace) {
  const author = trace.author ?? {};
  const head = h('div', {class: 'card stack'},
    h('h3', {}, `Interaction ${trace.interactionId}`),
    facts([
      ['Conversation', trace.conversationId
        ? h('button', {type: 'button', class: 'link', onclick: () => {
          form.by.value = 'conversation';
          form.query.value = trace.conversationId;
          search('conversation', trace.conversationId);
        }}, trace.conversationId) : null, 'conversation'],
      ['Channel', trace.channel, 'channel'],
      ['Author', [author.handle ? `@${author.handle}` : null, author.id ? ` (id ${author.id})` : null], 'author'],
    ]));
  const steps = h('ol', {class: 'timeline', 'aria-label': 'Timeline'},
    (trace.steps ?? []).map(step => h('li', {dataset: {step: step.step}},
      h('h3', {}, title(step), when(step.at)), details(step))));
  return [head, h('h3', {}, 'Timeline'), steps];
}

const TITLES = {
  received: 'Received', kafka: 'Written to Kafka', dispatched: 'Dispatch decision', record: 'Record',
  followUp: 'Follow-up', reply: 'Reply sent back', erased: 'Erased',
};

function title(step) {
  return h('span', {}, TITLES[step.step] ?? step.step);
}

function details(step) {
  switch (step.step) {
    case 'received':
      return facts([['Channel', step.channel, 'channel'], ['Kind', step.kind, 'kind'],
        ['Signature', step.signatureScheme, 'signatureScheme']]);
    case 'kafka':
      return facts([['Topic', step.topic, 'topic'], ['Partition', step.partition, 'partition'],
        ['Offset', step.offset, 'offset']]);
    case 'dispatched':
      return facts([
        ['Department', step.department, 'department'],
        ['Priority', step.priority, 'priority'],
        ['Intent', step.intent, 'intent'],
        ['Rule', step.rule ?? (step.classifier ? 'none held: the classifier chose' : 'none'), 'rule'],
        ['Conditions that held', conditions(step.conditions), 'conditions'],
        ['Classifier', step.classifier
          ? `${step.classifier.department} (${percent(step.classifier.probability)})` : null, 'classifier'],
        ['Confidence', step.lowConfidence ? badge('low: a person triages it', 'warn') : null, 'lowConfidence'],
        ['Language', step.language, 'language'],
        ['Sentiment', sentiment(step.sentiment), 'sentiment'],
        ['Lane', step.lane, 'lane'],
      ]);
    case 'record':
      return facts([
        ['System', step.system, 'system'],
        ['Number', step.url ? h('a', {href: safeUrl(step.url), rel: 'noreferrer noopener', target: '_blank'},
          step.number ?? step.recordId) : (step.number ?? step.recordId), 'number'],
        ['Record id', step.recordId, 'recordId'],
        ['Action', step.action, 'action'],
      ]);
    case 'followUp':
      return facts([['Interaction', h('a', {href: `#trace/${encode(step.interactionId)}`}, step.interactionId),
        'interactionId']]);
    case 'reply':
      return facts([['Channel', step.channel, 'channel'],
        ['Post', step.url ? h('a', {href: safeUrl(step.url), rel: 'noreferrer noopener', target: '_blank'},
          step.url) : null, 'url'],
        ['Reply id', step.replyId, 'replyId'], ['Outcome', step.outcome, 'outcome']]);
    default:
      return facts(Object.entries(step).filter(([k]) => k !== 'step' && k !== 'at')
        .map(([k, v]) => [k, typeof v === 'object' ? JSON.stringify(v) : v, k]));
  }
}

function conditions(list) {
  if (!list || list.length === 0) return null;
  return h('ul', {}, list.map(c => h('li', {}, typeof c === 'string' ? c : JSON.stringify(c))));
}

function percent(p) {
  return typeof p === 'number' ? `${Math.round(p * 100)}%` : p;
}

/** Links into systems of record: http(s) only, never javascript: or data:. */
export function safeUrl(url) {
  try {
    const parsed = new URL(url, location.href);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : '#';
  } catch (e) {
    return '#';
  }
}
