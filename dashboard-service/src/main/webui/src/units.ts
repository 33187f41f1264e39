/**
 * Values as people read them: scaled to the unit that suits them (4458.84 millisecond → 4.46 s, 3500000 byte →
 * 3.5 MB) and rounded to what a chart can show (1.42149 → 1.42). Raw values stay in data-* attributes and the API.
 */
type Scale = [factor: number, symbol: string][];

const TIME_MS: Scale = [[1e-6, 'ns'], [1e-3, 'µs'], [1, 'ms'], [1e3, 's'], [6e4, 'min'], [3.6e6, 'h'], [8.64e7, 'd']];
const BYTES: Scale = [[1, 'B'], [1e3, 'KB'], [1e6, 'MB'], [1e9, 'GB'], [1e12, 'TB']];
/** Each unit query-service may report: the scale its values are on, and what one of it is worth there. */
const UNITS: Record<string, [Scale, number]> = {
  nanosecond: [TIME_MS, 1e-6], microsecond: [TIME_MS, 1e-3], millisecond: [TIME_MS, 1], second: [TIME_MS, 1e3],
  minute: [TIME_MS, 6e4], hour: [TIME_MS, 3.6e6], day: [TIME_MS, 8.64e7],
  byte: [BYTES, 1], kilobyte: [BYTES, 1e3], megabyte: [BYTES, 1e6], gigabyte: [BYTES, 1e9],
};

/** How values of a unit are shown: divided by `divisor`, followed by `symbol` (empty for plain numbers). */
export interface Display {
  divisor: number;
  symbol: string;
}

/** The largest step of the unit's scale that `magnitude` (in the unit) reaches; the unit itself as written otherwise. */
export function displayFor(unit: string | null | undefined, magnitude: number): Display {
  if (!unit || unit === 'none') return { divisor: 1, symbol: '' };
  if (unit === 'percent') return { divisor: 1, symbol: '%' };
  const known = UNITS[unit];
  if (!known) return { divisor: 1, symbol: unit };
  const [scale, worth] = known;
  const inBase = Math.abs(magnitude) * worth;
  const start = scale.findIndex(([factor]) => factor === worth);
  let pick = scale[start];
  for (const step of scale) if (inBase >= step[0] && (inBase > 0 || step === scale[start])) pick = step;
  return { divisor: pick[0] / worth, symbol: pick[1] };
}

/** A number rounded for reading: two decimals from 1 up, three significant digits below, thousands grouped. */
export function roundForReading(value: number): string {
  const abs = Math.abs(value);
  const options: Intl.NumberFormatOptions = abs >= 1 || abs === 0 ? { maximumFractionDigits: 2 } : { maximumSignificantDigits: 3 };
  return new Intl.NumberFormat('en-US', options).format(value);
}

export function humanize(value: number | null | undefined, unit: string | null | undefined, display?: Display): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  const { divisor, symbol } = display ?? displayFor(unit, value);
  const text = roundForReading(value / divisor);
  return symbol === '' ? text : symbol === '%' ? `${text}%` : `${text} ${symbol}`;
}
