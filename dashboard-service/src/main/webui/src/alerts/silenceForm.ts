import { api, ApiError } from '../api';
import { clear, errorBox, h, spinner } from '../dom';
import { type Monitor, monitorApi } from '../monitorApi';
import { navigate } from '../router';
import { type Silence, silenceApi, type SilenceSpec } from '../silenceApi';
import { alertsNav } from './format';
import { PRESETS } from './silenceText';

/** A local "YYYY-MM-DDTHH:MM" for a datetime-local input, from an ISO instant. */
function localInput(iso: string | null | undefined): string {
  if (!iso) return '';
  const at = new Date(iso);
  return new Date(at.getTime() - at.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
}

const FIELDS = ['comment', 'monitors', 'project', 'match', 'startsAt', 'endsAt', 'recurrence', 'recurrence.rrule',
  'recurrence.timeZone', 'recurrence.duration'];

/** New silence (from an issue: ?monitor=ID&match=region:eu fills its scope and group) or edit one (params.id). */
export function silenceFormPage(root: HTMLElement, params: Record<string, string>): void {
  root.replaceChildren(spinner());
  const id = params.id ? Number(params.id) : null;
  Promise.all([id ? silenceApi.silence(id) : Promise.resolve(null), monitorApi.monitors(), api.projects()])
    .then(([existing, monitors, projects]) => silenceForm(root, existing, monitors.items, projects))
    .catch((e) => root.replaceChildren(h('div', { class: 'page' }, alertsNav('silences'), errorBox((e as Error).message))));
}

function silenceForm(root: HTMLElement, existing: Silence | null, monitors: Monitor[], projects: { id: number; name: string }[]): void {
  const query = new URLSearchParams(location.search);
  const chosen = new Set(existing?.monitors ?? (query.get('monitor') ? [Number(query.get('monitor'))] : []));
  const errors = new Map(FIELDS.map((f) => [f, h('small', { class: 'field-error', 'data-field': f })]));
  const field = (name: string, label: string, control: HTMLElement, error = name) =>
    h('label', { class: `field-${error.replace('.', '-')}` }, h('span', {}, label), control, errors.get(error)!);
  const input = (name: string, value: string, props: Record<string, unknown> = {}) => h('input', { name, value, ...props });
  const radio = (name: string, value: string, label: string, checked: boolean) =>
    h('label', { class: 'check' }, h('input', { type: 'radio', name, value, checked }), label);

  const byProject = existing?.project != null && !existing.monitors.length;
  const everyMonitor = existing !== null && existing.project == null && !existing.monitors.length;
  const monitorPicker = h('fieldset', { class: 'monitor-picker' }, h('legend', {}, 'Monitors'),
    monitors.map((m) => h('label', { class: 'check' },
      h('input', { type: 'checkbox', name: 'monitor', value: m.id, checked: chosen.has(m.id) }), m.name)),
    errors.get('monitors')!);
  const projectPicker = field('project', 'Project', h('select', { name: 'project' },
    projects.map((p) => h('option', { value: p.id, selected: p.id === existing?.project }, `${p.name} (${p.id})`))));
  const recurring = Boolean(existing?.recurrence);
  const recurrence = existing?.recurrence ?? PRESETS[0].recurrence;
  const preset = h('select', { id: 'silence-preset' }, h('option', { value: '' }, 'Presets…'),
    PRESETS.map((p, i) => h('option', { value: i }, p.name)));
  const windowFields = h('div', { class: 'window-fields' },
    field('preset', 'Preset', preset, 'recurrence'),
    field('rrule', 'Recurrence rule (RFC 5545 RRULE)', input('rrule', recurrence.rrule), 'recurrence.rrule'),
    field('timeZone', 'Time zone (IANA)', input('timeZone', existing?.recurrence?.timeZone
      ?? Intl.DateTimeFormat().resolvedOptions().timeZone), 'recurrence.timeZone'),
    field('duration', 'Each occurrence lasts', input('duration', recurrence.duration), 'recurrence.duration'));
  const notice = h('div', { class: 'notice' });
  const form = h('form', { class: 'monitor-form silence-form' },
    field('comment', 'Comment', input('comment', existing?.comment ?? '', { placeholder: 'eu checkout deploy' })),
    h('fieldset', {}, h('legend', {}, 'Covers'), radio('scope', 'monitors', 'Chosen monitors', !byProject && !everyMonitor),
      radio('scope', 'project', 'All monitors of a project', byProject),
      radio('scope', 'all', 'Every monitor of the organization', everyMonitor)),
    monitorPicker, projectPicker,
    field('match', 'Only groups matching', input('match', existing?.match ?? query.get('match') ?? '',
      { placeholder: 'route:/checkout region:eu (empty: every group)' })),
    h('fieldset', {}, h('legend', {}, 'When'), radio('kind', 'expiry', 'From now (or a start) until an expiry', !recurring),
      radio('kind', 'window', 'A recurring maintenance window', recurring)),
    field('startsAt', 'Starts (empty: now)', input('startsAt', localInput(existing?.startsAt), { type: 'datetime-local' })),
    field('endsAt', 'Ends (the expiry; optional for a maintenance window)', input('endsAt', localInput(existing?.endsAt),
      { type: 'datetime-local' })),
    windowFields,
    h('button', { type: 'submit', class: 'primary' }, existing ? 'Save silence' : 'Create silence'));

  // A recurring window needs no expiry: the default one follows the kind until someone types their own.
  const ends = form.elements.namedItem('endsAt') as HTMLInputElement;
  const defaultEnd = localInput(new Date(Date.now() + 2 * 3_600_000).toISOString());
  let endTyped = Boolean(existing);
  ends.addEventListener('input', () => { endTyped = true; });
  const value = (name: string) => ((form.elements.namedItem(name) as HTMLInputElement | null)?.value ?? '').trim();
  const checked = (name: string) => (form.querySelector(`input[name=${name}]:checked`) as HTMLInputElement).value;
  const show = () => {
    monitorPicker.hidden = checked('scope') !== 'monitors';
    projectPicker.hidden = checked('scope') !== 'project';
    windowFields.hidden = checked('kind') !== 'window';
    if (!endTyped) ends.value = checked('kind') === 'window' ? '' : defaultEnd;
  };
  form.addEventListener('change', show);
  preset.addEventListener('change', () => {
    const picked = PRESETS[Number(preset.value)]?.recurrence;
    if (!picked) return;
    (form.elements.namedItem('rrule') as HTMLInputElement).value = picked.rrule;
    (form.elements.namedItem('timeZone') as HTMLInputElement).value = picked.timeZone;
    (form.elements.namedItem('duration') as HTMLInputElement).value = picked.duration;
  });
  show();

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    errors.forEach((el) => clear(el));
    const instant = (name: string) => (value(name) ? new Date(value(name)).toISOString() : null);
    const recurs = checked('kind') === 'window';
    const spec: SilenceSpec = {
      comment: value('comment') || undefined,
      monitors: checked('scope') === 'monitors'
        ? [...form.querySelectorAll<HTMLInputElement>('input[name=monitor]:checked')].map((c) => Number(c.value)) : [],
      project: checked('scope') === 'project' ? Number(value('project')) : null,
      match: value('match') || null,
      startsAt: instant('startsAt') ?? (existing && recurs ? existing.startsAt : null),
      endsAt: instant('endsAt'),
      recurrence: recurs ? { rrule: value('rrule'), timeZone: value('timeZone'), duration: value('duration') } : null,
    };
    if (checked('scope') === 'monitors' && !spec.monitors?.length) {
      // No monitor named would silence the whole organization: that is not what "chosen monitors" means.
      errors.get('monitors')!.textContent = 'Choose at least one monitor';
      return;
    }
    try {
      const saved = existing ? await silenceApi.update(existing.id, spec) : await silenceApi.create(spec);
      navigate(`/monitors/silences/${saved.id}`);
    } catch (err) {
      // Each refused field is shown at the field; what names no field of the form goes above it.
      const details = err instanceof ApiError ? err.details : [];
      const unplaced = details.filter((d) => {
        const at = errors.get(d.field);
        if (at) at.textContent = d.reason;
        return !at;
      });
      notice.replaceChildren(errorBox(`Silence not saved${unplaced.length || !details.length ? `: ${(err as Error).message}` : ': see the fields below.'}`));
    }
  });
  root.replaceChildren(h('div', { class: 'page' }, alertsNav('silences'),
    h('h2', {}, existing ? `Edit silence #${existing.id}` : 'New silence'), notice, form));
}
