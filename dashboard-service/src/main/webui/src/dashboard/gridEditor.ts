import type { Layout } from '../api';
import { h } from '../dom';

const COLUMNS = 12;
const MAX_HEIGHT = 24;

/**
 * Moving and resizing the widgets of a dashboard's 12-column grid with the pointer (mouse, pen or touch), while the
 * grid has the class "editing": a widget's header drags it, its corner handle resizes it, both snapping to whole
 * cells as the pointer moves. `layoutOf` says where a widget is now; the new layout is handed to `onLayout` when the
 * pointer is released; nothing is saved here. Cards that were given their handle before are left as they are.
 */
export function editGrid(grid: HTMLElement, layoutOf: (id: string) => Layout | undefined, onLayout: (id: string, layout: Layout) => void): void {
  for (const card of grid.querySelectorAll<HTMLElement>('.widget[data-widget]')) {
    const header = card.querySelector<HTMLElement>('header');
    const id = card.dataset.widget as string;
    if (!header || card.querySelector('.resize-handle')) continue;
    const handle = h('div', { class: 'resize-handle', title: 'Drag to resize', 'aria-label': `resize ${id}` });
    card.append(handle);
    const start = (e: PointerEvent, mode: 'move' | 'resize') => {
      const layout = layoutOf(id);
      if (layout && grid.classList.contains('editing')) drag(e, grid, card, layout, mode, (l) => onLayout(id, l));
    };
    header.addEventListener('pointerdown', (e) => {
      if (!(e.target as Element).closest('a, button')) start(e, 'move');
    });
    handle.addEventListener('pointerdown', (e) => start(e, 'resize'));
  }
}

function drag(start: PointerEvent, grid: HTMLElement, card: HTMLElement, from: Layout, mode: 'move' | 'resize',
  done: (layout: Layout) => void): void {
  start.preventDefault();
  const target = start.currentTarget as HTMLElement;
  target.setPointerCapture(start.pointerId);
  const { column, row } = cellSize(grid);
  let layout = from;
  card.classList.add('moving');
  const move = (e: PointerEvent) => {
    const dx = Math.round((e.clientX - start.clientX) / column);
    const dy = Math.round((e.clientY - start.clientY) / row);
    layout = mode === 'move'
      ? { ...from, x: clamp(from.x + dx, 0, COLUMNS - from.w), y: Math.max(0, from.y + dy) }
      : { ...from, w: clamp(from.w + dx, 1, COLUMNS - from.x), h: clamp(from.h + dy, 1, MAX_HEIGHT) };
    place(card, layout);
  };
  const up = () => {
    target.removeEventListener('pointermove', move);
    target.removeEventListener('pointerup', up);
    target.removeEventListener('pointercancel', up);
    card.classList.remove('moving');
    if (JSON.stringify(layout) !== JSON.stringify(from)) done(layout);
  };
  target.addEventListener('pointermove', move);
  target.addEventListener('pointerup', up);
  target.addEventListener('pointercancel', up);
}

/** Where a layout puts a widget on the CSS grid. */
export function place(card: HTMLElement, layout: Layout): void {
  card.style.gridColumn = `${layout.x + 1} / span ${layout.w}`;
  card.style.gridRow = `${layout.y + 1} / span ${layout.h}`;
}

/** One column's and one row's step in pixels, gap included, as the grid is drawn now. */
function cellSize(grid: HTMLElement): { column: number; row: number } {
  const style = getComputedStyle(grid);
  const gap = parseFloat(style.columnGap) || 0;
  return {
    column: (grid.clientWidth + gap) / COLUMNS,
    row: (parseFloat(style.gridAutoRows) || 60) + (parseFloat(style.rowGap) || 0),
  };
}

const clamp = (value: number, low: number, high: number) => Math.min(high, Math.max(low, value));
