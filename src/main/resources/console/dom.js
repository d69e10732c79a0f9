// Building the page from data: every text goes in as text (textContent), never as HTML.

/** An element: h('td', {class: 'num', dataset: {label: 'Lag'}}, '42', other). */
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (name === 'dataset') Object.assign(element.dataset, value);
    else if (name.startsWith('on')) element.addEventListener(name.slice(2), value);
    else if (name === 'text') element.textContent = value;
    else element.setAttribute(name, value === true ? '' : String(value));
  }
  append(element, children);
  return element;
}

function append(element, children) {
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    element.append(child instanceof Node ? child : String(child));
  }
}

/** Empties a container and puts the children in. */
export function show(container, ...children) {
  container.replaceChildren();
  append(container, children);
}

/** A definition list of the entries [term, value, field name] whose value is not empty. */
export function facts(entries) {
  const list = h('dl', {class: 'facts'});
  for (const [term, value, field] of entries) {
    if (value === undefined || value === null || value === '') continue;
    const shown = value instanceof Node || Array.isArray(value) || typeof value !== 'object'
      ? value : JSON.stringify(value);
    list.append(h('dt', {}, term), h('dd', {dataset: field ? {field} : undefined}, shown));
  }
  return list;
}

/** A time as the browser's locale shows it, with the exact instant in datetime and title. */
export function when(instant) {
  if (!instant) return '';
  const date = new Date(instant);
  if (Number.isNaN(date.getTime())) return String(instant);
  return h('time', {datetime: date.toISOString(), title: date.toISOString()},
    date.toLocaleString(undefined, {dateStyle: 'medium', timeStyle: 'medium'}));
}

export function errorBox(message) {
  return h('p', {class: 'error', role: 'alert'}, message);
}

export function badge(text, kind) {
  return h('span', {class: `badge ${kind}`}, text);
}

/** A table whose cells carry their column's name (on a phone each row becomes a card). */
export function table(caption, columns, rows) {
  const head = h('thead', {}, h('tr', {}, columns.map(c => h('th', {scope: 'col', class: c.num ? 'num' : null},
    c.label))));
  const body = h('tbody', {}, rows.map(row => {
    const tr = h('tr', {class: row.rowClass});
    columns.forEach((c, i) => tr.append(h('td', {class: c.num ? 'num' : null, dataset: {label: c.label}},
      row.cells[i])));
    return tr;
  }));
  return h('div', {class: 'table-wrap'}, h('table', {class: 'cards'},
    caption ? h('caption', {}, caption) : null, head, body));
}

/** A JSON value as an indented text block. */
export function json(value) {
  return h('pre', {}, JSON.stringify(value, null, 2));
}

/** A sentiment as the hub reports it ({score, label}, or a bare score): "negative (-0.76)". */
export function sentiment(value) {
  if (value === null || value === undefined) return null;
  if (typeof value !== 'object') return String(value);
  const score = typeof value.score === 'number' ? ` (${value.score.toFixed(2)})` : '';
  return `${value.label ?? ''}${score}`.trim();
}
