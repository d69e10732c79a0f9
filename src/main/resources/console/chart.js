// Small inline SVG charts, drawn as SVG elements (no inline style, nothing fetched).
const SVG = 'http://www.w3.org/2000/svg';

function svg(tag, attributes = {}) {
  const element = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, String(value));
  return element;
}

/** A line of the last values, scaled to the largest; labelled for screen readers. */
export function sparkline(values, label) {
  const width = 240;
  const height = 48;
  const chart = svg('svg', {viewBox: `0 0 ${width} ${height}`, preserveAspectRatio: 'none', role: 'img',
    'aria-label': label});
  const max = Math.max(1, ...values);
  const step = values.length > 1 ? width / (values.length - 1) : width;
  const points = values.map((v, i) => `${(i * step).toFixed(1)},${(height - 2 - (v / max) * (height - 4)).toFixed(1)}`);
  if (points.length > 0) {
    chart.append(svg('polygon', {class: 'spark-area', points: `0,${height} ${points.join(' ')} ${width},${height}`}));
    chart.append(svg('polyline', {class: 'spark-line', points: points.join(' ')}));
  }
  return chart;
}

/** A horizontal bar of value against max. */
export function bar(value, max, label) {
  const width = 160;
  const chart = svg('svg', {viewBox: `0 0 ${width} 12`, width, height: 12, role: 'img', 'aria-label': label});
  chart.append(svg('rect', {class: 'bar-track', x: 0, y: 0, width, height: 12, rx: 2}));
  const filled = max > 0 ? Math.max(value > 0 ? 2 : 0, (value / max) * width) : 0;
  chart.append(svg('rect', {class: 'bar', x: 0, y: 0, width: filled.toFixed(1), height: 12, rx: 2}));
  return chart;
}
