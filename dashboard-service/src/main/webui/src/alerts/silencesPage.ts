import { api } from '../api';
import { clear, errorBox, h, spinner } from '../dom';
import { monitorApi } from '../monitorApi';
import { type HeldNotification, type Silence, silenceApi, silenceSpecOf } from '../silenceApi';
import { alertsNav, badge, when } from './format';
import { recurrenceText, scopeText, silenceState } from './silenceText';

/** Names of the organization's monitors and projects, for scopes; a failure leaves ids. */
async function names(): Promise<{ monitors: Map<number, string>; projects: Map<number, string> }> {
  const [monitors, projects] = await Promise.all([monitorApi.monitors().then((p) => p.items).catch(() => []),
    api.projects().catch(() => [])]);
  return { monitors: new Map(monitors.map((m) => [m.id, m.name])), projects: new Map(projects.map((p) => [p.id, p.name])) };
}

function schedule(silence: Silence): string {
  if (silence.recurrence) {
    const next = silence.nextOccurrences[0] ? `; next ${when(silence.nextOccurrences[0])}` : '';
    return `${recurrenceText(silence.recurrence, silence.startsAt)}${silence.endsAt ? `, ends ${when(silence.endsAt)}` : ''}${next}`;
  }
  return `${when(silence.startsAt)} → ${when(silence.endsAt)}`;
}

/**
 * Silences and maintenance windows, active first, then scheduled, then expired: what each covers, which groups, when,
 * how many notifications it held; end one (kept with what it held) or delete it.
 */
export function silencesPage(root: HTMLElement): void {
  const list = h('div', { class: 'list' }, spinner());
  const notice = h('div', { class: 'notice' });

  async function load(): Promise<void> {
    try {
      const [silences, known] = await Promise.all([silenceApi.silences(), names()]);
      const sections = (['active', 'scheduled', 'expired'] as const).map((state) => {
        const rows = silences.items.filter((s) => silenceState(s) === state);
        return rows.length ? [h('h3', {}, `${state[0].toUpperCase()}${state.slice(1)}`), table(rows, known)] : [];
      });
      clear(list, ...(silences.items.length ? sections.flat() : [h('div', { class: 'hint' }, 'No silences.')]));
    } catch (e) {
      clear(list, errorBox((e as Error).message));
    }
  }

  function table(silences: Silence[], known: Awaited<ReturnType<typeof names>>): HTMLElement {
    return h('table', { class: 'grid silences' },
      h('thead', {}, h('tr', {}, ['silence', 'state', 'scope', 'match', 'when', 'held', ''].map((c) => h('th', {}, c)))),
      h('tbody', {}, silences.map((s) => h('tr', { class: 'silence-row', 'data-id': s.id, 'data-state': silenceState(s) },
        h('td', {}, h('a', { href: `/monitors/silences/${s.id}`, 'data-link': '' }, s.comment || `#${s.id}`)),
        h('td', { class: 'state' }, badge(silenceState(s))),
        h('td', { class: 'scope' }, scopeText(s, known.monitors, known.projects)),
        h('td', { class: 'mono match' }, s.match || 'every group'),
        h('td', { class: 'when' }, schedule(s)),
        h('td', { class: 'num held-count' }, String(s.held)),
        h('td', {}, actions(s))))));
  }

  function actions(silence: Silence): HTMLElement[] {
    const started = Date.parse(silence.startsAt) < Date.now();
    const act = (cls: string, text: string, run: () => Promise<unknown>) => h('button', {
      class: cls, onClick: async () => {
        try {
          await run();
        } catch (e) {
          notice.replaceChildren(errorBox((e as Error).message));
        }
        void load();
      },
    }, text);
    const all: (HTMLElement | null)[] = [
      h('a', { href: `/monitors/silences/${silence.id}/edit`, 'data-link': '', class: 'button' }, 'Edit'),
      // Ending keeps the silence and what it held; one that has not started yet can only be deleted.
      silenceState(silence) !== 'expired' && started
        ? act('end-silence', 'End now', () => silenceApi.update(silence.id, { ...silenceSpecOf(silence), endsAt: new Date().toISOString() }))
        : null,
      act('danger delete-silence', 'Delete', async () => {
        if (confirm('Delete this silence and forget what it held?')) await silenceApi.remove(silence.id);
      }),
    ];
    return all.filter((e): e is HTMLElement => e !== null);
  }

  root.replaceChildren(h('div', { class: 'page' }, alertsNav('silences'),
    h('div', { class: 'toolbar' }, h('h2', {}, 'Silences'),
      h('a', { href: '/monitors/silences/new', 'data-link': '', id: 'new-silence', class: 'button' }, '+ New silence')),
    h('p', { class: 'muted' }, 'A silence holds notifications; issues still open and resolve, and what it held is listed.'),
    notice, list));
  void load();
}

/** One silence: what it covers and when, and every notification it held, each linking its issue. */
export function silencePage(root: HTMLElement, params: Record<string, string>): void {
  const id = Number(params.id);
  const page = h('div', { class: 'page silence-page' }, alertsNav('silences'), spinner());
  root.replaceChildren(page);
  Promise.all([silenceApi.silence(id), silenceApi.held(id), names()]).then(([silence, held, known]) => clear(page,
    alertsNav('silences'),
    h('div', { class: 'toolbar' }, h('h2', {}, silence.comment || `Silence #${id}`), badge(silenceState(silence)),
      h('a', { href: `/monitors/silences/${id}/edit`, 'data-link': '', class: 'button' }, 'Edit')),
    h('dl', { class: 'facts' },
      h('dt', {}, 'scope'), h('dd', {}, scopeText(silence, known.monitors, known.projects)),
      h('dt', {}, 'match'), h('dd', { class: 'mono' }, silence.match || 'every group'),
      h('dt', {}, 'when'), h('dd', {}, schedule(silence)),
      h('dt', {}, 'made by'), h('dd', {}, `${silence.createdBy}, ${when(silence.createdAt)}`)),
    h('h3', {}, `Held notifications (${held.length})`), heldTable(held, known.monitors)))
    .catch((e) => clear(page, alertsNav('silences'), errorBox((e as Error).message)));
}

function heldTable(held: HeldNotification[], monitors: Map<number, string>): HTMLElement {
  if (!held.length) return h('div', { class: 'hint' }, 'Nothing held so far.');
  return h('table', { class: 'grid held' },
    h('thead', {}, h('tr', {}, ['held at', 'issue', 'monitor', 'group', 'event', 'severity', 'message'].map((c) => h('th', {}, c)))),
    h('tbody', {}, held.map((n) => h('tr', { class: 'held-row', 'data-issue': n.issueId, 'data-group': n.group },
      h('td', { class: 'muted' }, when(n.heldAt)),
      h('td', {}, h('a', { href: `/monitors/issues/${n.issueId}`, 'data-link': '' }, `#${n.issueId}`)),
      h('td', {}, monitors.get(n.monitorId) ?? `monitor ${n.monitorId}`),
      h('td', { class: 'mono' }, n.group), h('td', {}, n.event), h('td', {}, n.severity), h('td', {}, n.message)))));
}
