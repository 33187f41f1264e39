import type uPlot from 'uplot';
import { h } from './dom';

/**
 * A tooltip that follows the cursor over a chart: the bucket's start and every shown series' value there, as the
 * series formats it (humanized, in its unit). data-timestamp, and each row's data-value, carry them unformatted.
 */
export function tooltipPlugin(hint?: string): uPlot.Plugin {
  const tip = h('div', { class: 'chart-readout chart-tooltip', hidden: true });
  return {
    hooks: {
      init: [(u) => u.over.append(tip)],
      setCursor: [(u) => {
        const { idx, left, top } = u.cursor;
        if (idx === null || idx === undefined || left === undefined || left < 0) {
          tip.hidden = true;
          return;
        }
        const start = new Date(u.data[0][idx] * 1000).toISOString();
        tip.dataset.timestamp = start;
        tip.dataset.value = String(u.data[1]?.[idx] ?? null);
        tip.replaceChildren(h('div', { class: 'muted' }, new Date(start).toLocaleString()),
          ...u.series.slice(1).flatMap((s, n) => (s.show === false ? [] : [row(u, s, n + 1, idx)])),
          ...(hint ? [h('div', { class: 'muted' }, hint)] : []));
        tip.hidden = false;
        // Beside the cursor, on the side with more room, so it never covers the point it describes.
        const width = u.over.clientWidth;
        tip.style.left = left > width / 2 ? '' : `${left + 14}px`;
        tip.style.right = left > width / 2 ? `${width - left + 14}px` : '';
        tip.style.top = `${Math.max(0, (top ?? 0) - 10)}px`;
      }],
    },
  };
}

function row(u: uPlot, s: uPlot.Series, index: number, idx: number): HTMLElement {
  const raw = u.data[index][idx] ?? null;
  const stroke = typeof s.stroke === 'function' ? s.stroke(u, index) : s.stroke;
  const text = typeof s.value === 'function' ? s.value(u, raw as number, index, idx) : String(raw ?? '—');
  return h('div', { class: 'tip-row', 'data-series': String(s.label ?? ''), 'data-value': raw },
    h('span', { class: 'swatch', style: `background:${String(stroke)}` }), `${String(s.label ?? '')}: `, h('b', {}, text));
}
