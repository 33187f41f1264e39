/** Silences in words: their state, scope, recurrence, and the match that picks one issue's group. */
import type { Recurrence, Silence } from '../silenceApi';

export type SilenceState = 'active' | 'scheduled' | 'expired';

/** Active while it holds notifications; expired once its endsAt passed; scheduled otherwise (later, or between occurrences). */
export function silenceState(silence: Silence, now = Date.now()): SilenceState {
  if (silence.activeNow) return 'active';
  return silence.endsAt && Date.parse(silence.endsAt) <= now ? 'expired' : 'scheduled';
}

/** What it covers: the monitors named (by name where known), a project's monitors, or every monitor. */
export function scopeText(silence: Silence, monitorNames: Map<number, string>, projectNames: Map<number, string>): string {
  if (silence.monitors.length) {
    const named = silence.monitors.map((id) => monitorNames.get(id) ?? `#${id}`).join(', ');
    return `${silence.monitors.length === 1 ? 'monitor' : 'monitors'} ${named}`;
  }
  if (silence.project != null) return `all monitors of project ${projectNames.get(silence.project) ?? silence.project}`;
  return 'all monitors';
}

const DAYS: Record<string, string> = {
  MO: 'Monday', TU: 'Tuesday', WE: 'Wednesday', TH: 'Thursday', FR: 'Friday', SA: 'Saturday', SU: 'Sunday',
};

/** Minutes of a duration in monitor-service's text ("2h", "90m", "1d", "1h30m"); null when unreadable. */
export function durationMinutes(text: string): number | null {
  const parts = [...text.matchAll(/(\d+)(ms|s|m|h|d)/g)];
  if (!parts.length || parts.map((p) => p[0]).join('') !== text.trim()) return null;
  const per: Record<string, number> = { ms: 1 / 60000, s: 1 / 60, m: 1, h: 60, d: 1440 };
  return parts.reduce((sum, p) => sum + Number(p[1]) * per[p[2]], 0);
}

const clock = (minutes: number) =>
  `${String(Math.floor(minutes / 60) % 24).padStart(2, '0')}:${String(Math.round(minutes % 60)).padStart(2, '0')}`;

/**
 * "weekly on Sunday, 02:00–04:00 Europe/Berlin", "every 2 days, 22:00 for 2d UTC", from the RRULE subset monitor-service
 * takes; a rule it cannot read is shown as it is.
 */
export function recurrenceText(recurrence: Recurrence, startsAt?: string): string {
  const parts = new Map(recurrence.rrule.split(';').map((p) => p.split('=') as [string, string]));
  const freq = parts.get('FREQ');
  if (freq !== 'WEEKLY' && freq !== 'DAILY') return `${recurrence.rrule} (${recurrence.timeZone}, ${recurrence.duration})`;
  const interval = Number(parts.get('INTERVAL') ?? '1');
  const unit = freq === 'WEEKLY' ? 'week' : 'day';
  const every = interval > 1 ? `every ${interval} ${unit}s` : freq === 'WEEKLY' ? 'weekly' : 'daily';
  const days = parts.get('BYDAY')?.split(',').map((d) => DAYS[d] ?? d);
  const onDays = days?.length ? ` on ${days.join(', ')}` : '';
  const start = startsAt ? new Date(startsAt) : null;
  // Hour and minute default to DTSTART's, in the window's zone.
  const fallback = start ? zonedMinutes(start, recurrence.timeZone) : 0;
  const hour = parts.has('BYHOUR') ? Number(parts.get('BYHOUR')) : Math.floor(fallback / 60);
  const minute = parts.has('BYMINUTE') ? Number(parts.get('BYMINUTE')) : fallback % 60;
  const from = hour * 60 + minute;
  const length = durationMinutes(recurrence.duration);
  const time = length !== null && length < 1440 ? `${clock(from)}–${clock(from + length)}` : `${clock(from)} for ${recurrence.duration}`;
  const until = parts.get('UNTIL') ? `, until ${parts.get('UNTIL')}` : parts.get('COUNT') ? `, ${parts.get('COUNT')} times` : '';
  return `${every}${onDays}, ${time} ${recurrence.timeZone}${until}`;
}

function zonedMinutes(at: Date, timeZone: string): number {
  try {
    const [h, m] = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .format(at).split(':').map(Number);
    return h * 60 + m;
  } catch {
    return 0;
  }
}

/** An issue's group as a silence's match: route:/checkout region:eu, values with spaces or quotes quoted. */
export function groupMatch(group: Record<string, unknown>): string {
  return Object.entries(group).map(([key, v]) => {
    const text = String(v);
    return `${key}:${/^[^\s"]+$/.test(text) ? text : `"${text.replace(/["\\]/g, '\\$&')}"`}`;
  }).join(' ');
}

/** Maintenance windows people set up most, ready to adjust. */
export const PRESETS: { name: string; recurrence: Recurrence }[] = [
  { name: 'weekly, Sunday 02:00–04:00 Europe/Berlin', recurrence: { rrule: 'FREQ=WEEKLY;BYDAY=SU;BYHOUR=2;BYMINUTE=0', timeZone: 'Europe/Berlin', duration: '2h' } },
  { name: 'weekdays, 22:00–23:00 UTC', recurrence: { rrule: 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;BYHOUR=22;BYMINUTE=0', timeZone: 'UTC', duration: '1h' } },
  { name: 'daily, 03:00–03:30 America/New_York', recurrence: { rrule: 'FREQ=DAILY;BYHOUR=3;BYMINUTE=0', timeZone: 'America/New_York', duration: '30m' } },
  { name: 'every 2 weeks, Saturday 22:00 for 6h UTC', recurrence: { rrule: 'FREQ=WEEKLY;INTERVAL=2;BYDAY=SA;BYHOUR=22;BYMINUTE=0', timeZone: 'UTC', duration: '6h' } },
];
