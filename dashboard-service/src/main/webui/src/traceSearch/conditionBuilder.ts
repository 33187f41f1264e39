import { errorBox, h } from '../dom';
import { conditionRow } from './conditionRow';
import type { TraceSearchStore } from './store';
import { formatSearch, parseSearch } from './syntax';

/**
 * The conditions twice: one row per condition, and the same as search text. Editing a row rewrites the text;
 * applying the text (Enter) rewrites the rows; either way Search runs it. The conditions combine with AND.
 */
export function conditionBuilder(store: TraceSearchStore): HTMLElement {
  const state = store.state;
  const rows = h('div', { class: 'panels' });
  const problem = h('div', {});
  const text = h('input', {
    id: 'search-text', class: 'search-text', autocomplete: 'off', 'aria-label': 'conditions as search text',
    placeholder: 'metric:checkout.failed sum:>0 span.op:db.query span.duration:>500ms error.type:TypeError',
    value: store.unparsed?.text ?? formatSearch(state.conditions),
  });
  if (store.unparsed) problem.replaceChildren(errorBox(store.unparsed.reason));
  const applyText = (): boolean => {
    try {
      state.conditions = parseSearch(text.value, store.allowed);
      problem.replaceChildren();
      store.edited();
      return true;
    } catch (e) {
      problem.replaceChildren(errorBox((e as Error).message));
      return false;
    }
  };
  text.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && applyText()) store.search();
  });
  text.addEventListener('change', () => void applyText());

  const draw = () => {
    text.value = formatSearch(state.conditions);
    rows.replaceChildren(...state.conditions.map((condition, index) => conditionRow({
      condition, index, allowed: store.allowed, project: () => state.project,
      onChange: () => { text.value = formatSearch(state.conditions); },
      onReplace: (next) => {
        if (next) state.conditions.splice(index, 1, next);
        else state.conditions.splice(index, 1);
        draw();
      },
    })));
  };
  store.onEdit(draw);
  if (!store.unparsed) draw();

  return h('section', { class: 'condition-builder' }, rows,
    h('div', { class: 'panel-actions' },
      h('button', {
        id: 'add-condition', onClick: () => {
          state.conditions.push({ kind: state.conditions.length ? 'span' : 'metric' });
          draw();
        },
      }, '+ Condition'),
      text,
      h('button', { id: 'search', class: 'primary', onClick: () => { if (applyText()) store.search(); } }, 'Search')),
    problem);
}
