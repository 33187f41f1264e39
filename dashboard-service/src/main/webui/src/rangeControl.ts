import { h } from './dom';

const PERIODS = ['15m', '1h', '6h', '24h', '7d', '14d', '30d'];

/** A page's time range: the last period, or absolute instants (start and end together). */
export interface TimeRange {
  period?: string;
  start?: string;
  end?: string;
}

/**
 * The controls, and `show()` to redraw them from the range after it was changed elsewhere (a drag-zoom). While the
 * viewer has the Absolute… panel open, `show()` leaves it alone: a run that ends meanwhile must not close it under
 * their typing.
 */
export type RangeControls = HTMLElement[] & { show: () => void };

/**
 * The period picker and its "Absolute…" choice, which opens a small panel below it with the start and end: each an
 * instant field (ISO 8601, what links and pastes carry) beside the browser's own calendar (datetime-local, in the
 * viewer's time zone), kept in step. An absolute range then reads in the picker itself, so the toolbar keeps one
 * line. {@code onChange} runs after the range was changed in place.
 */
export function rangeControls(range: TimeRange, onChange: () => void): RangeControls {
  const [startInput, startCalendar] = instantField('range-start', 'start', '2026-11-25T10:00:00Z');
  const [endInput, endCalendar] = instantField('range-end', 'end', '2026-11-25T12:00:00Z');
  const custom = h('span', { class: 'custom-range', role: 'group', 'aria-label': 'absolute range' },
    h('span', {}, 'From'), startInput, startCalendar, h('span', {}, 'to'), endInput, endCalendar,
    h('span', { class: 'buttons' }, h('button', {
      id: 'apply-range', class: 'primary', onClick: () => {
        range.start = startInput.value.trim() || undefined;
        range.end = endInput.value.trim() || undefined;
        range.period = undefined;
        redraw();
        onChange();
      },
    }, 'Apply'),
    h('button', { id: 'cancel-range', onClick: () => redraw() }, 'Cancel')));
  const current = h('option', { value: 'current' });
  const period = h('select', {
    id: 'period', 'aria-label': 'time range', onChange: () => {
      custom.hidden = period.value !== 'custom';
      if (period.value !== 'custom') {
        range.period = period.value;
        range.start = range.end = undefined;
        redraw();
        onChange();
      }
    },
  }, current, PERIODS.map((p) => h('option', { value: p }, `Last ${p}`)), h('option', { value: 'custom' }, 'Absolute…'));
  const redraw = () => {
    current.hidden = !range.start;
    current.textContent = range.start ? readableRange(range.start, range.end ?? '') : '';
    period.title = current.textContent ?? '';
    period.value = range.start ? 'current' : range.period ?? '24h';
    custom.hidden = true;
    setInstant(startInput, startCalendar, range.start ?? '');
    setInstant(endInput, endCalendar, range.end ?? '');
  };
  redraw();
  const show = () => {
    if (custom.hidden) redraw();
  };
  return Object.assign([h('span', { class: 'range-control' }, period, custom)], { show });
}

function instantField(id: string, name: string, placeholder: string): [HTMLInputElement, HTMLInputElement] {
  const text = h('input', { id, class: 'instant', placeholder, 'aria-label': `${name} instant` });
  const calendar = h('input', { type: 'datetime-local', step: '1', class: 'calendar', 'aria-label': `${name} calendar` });
  text.addEventListener('input', () => {
    calendar.value = localValue(text.value);
  });
  calendar.addEventListener('change', () => {
    const instant = new Date(calendar.value);
    if (!Number.isNaN(instant.getTime())) text.value = instant.toISOString().replace('.000Z', 'Z');
  });
  return [text, calendar];
}

function setInstant(text: HTMLInputElement, calendar: HTMLInputElement, value: string): void {
  text.value = value;
  calendar.value = localValue(value);
}

/** An instant as datetime-local wants it: the viewer's wall-clock time, to the second. */
function localValue(instant: string): string {
  const date = new Date(instant.trim());
  if (!instant.trim() || Number.isNaN(date.getTime())) return '';
  return new Date(date.getTime() - date.getTimezoneOffset() * 60_000).toISOString().slice(0, 19);
}

/**
 * An absolute range as the picker shows it, short enough for one toolbar line: the viewer's wall-clock times, to
 * the minute (or second when they have them), the end's date only when it is another day.
 */
function readableRange(start: string, end: string): string {
  const [from, to] = [start, end].map((instant) => {
    const local = localValue(instant).replace('T', ' ');
    return local.endsWith(':00') ? local.slice(0, 16) : local;
  });
  // The end without what it shares with the start: its time on the same day, its month and day in the same year.
  const sameYear = to.slice(0, 4) === from.slice(0, 4);
  return `${from} → ${to.slice(0, 10) === from.slice(0, 10) ? to.slice(11) : sameYear ? to.slice(5) : to}`;
}
