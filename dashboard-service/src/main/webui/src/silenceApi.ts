/** monitor-service's silences and maintenance windows as dashboard-service forwards them, and what each held. */
import { call } from './http';
import type { PageOf } from './monitorApi';

/** A maintenance window's recurrence: an RRULE (monitor-service's subset) in an IANA zone, each occurrence this long. */
export interface Recurrence {
  rrule: string;
  timeZone: string;
  duration: string;
}

/** Scope: the monitors named, or every monitor of project, or (neither) the organization's; match narrows to groups. */
export interface SilenceSpec {
  comment?: string;
  monitors?: number[];
  project?: number | null;
  match?: string | null;
  startsAt?: string | null;
  endsAt?: string | null;
  recurrence?: Recurrence | null;
}

export interface Silence extends SilenceSpec {
  id: number;
  monitors: number[];
  startsAt: string;
  activeNow: boolean;
  nextOccurrences: string[];
  /** How many notifications it held so far. */
  held: number;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}

export interface HeldNotification {
  issueId: number;
  monitorId: number;
  /** The issue's group as canonical JSON, e.g. {"region":"eu"}. */
  group: string;
  event: string;
  severity: string;
  message: string;
  heldAt: string;
}

/** What a PUT takes: the silence's spec without its id, state and timestamps. */
export function silenceSpecOf(silence: Silence): SilenceSpec {
  const { comment, monitors, project, match, startsAt, endsAt, recurrence } = silence;
  return { comment, monitors, project, match, startsAt, endsAt, recurrence };
}

export const silenceApi = {
  silences: () => call<PageOf<Silence>>('GET', '/api/v1/silences?size=200'),
  silence: (id: number) => call<Silence>('GET', `/api/v1/silences/${id}`),
  create: (spec: SilenceSpec) => call<Silence>('POST', '/api/v1/silences', spec),
  update: (id: number, spec: SilenceSpec) => call<Silence>('PUT', `/api/v1/silences/${id}`, spec),
  remove: (id: number) => call<void>('DELETE', `/api/v1/silences/${id}`),
  held: (id: number) => call<HeldNotification[]>('GET', `/api/v1/silences/${id}/held`),
};
