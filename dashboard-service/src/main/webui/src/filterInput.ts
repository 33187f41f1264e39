import { api } from './api';
import { debounce, h } from './dom';

interface Options {
  value: string;
  label: string;
  context: () => { project: number | undefined; metric: string };
  onChange: (value: string) => void;
}

const attributeCache = new Map<string, Promise<{ key: string; type: string }[]>>();

/**
 * The filter box in search syntax ("route:/checkout !region:eu value:<100"): while typing a term it suggests
 * attribute keys of the metric, and after "key:" the most frequent values of that key.
 */
export function filterInput(options: Options): HTMLElement {
  const input = h('input', {
    class: 'filter', placeholder: 'filter, e.g. region:eu value:<100', value: options.value, autocomplete: 'off',
    'aria-label': `filter of ${options.label}`,
  });
  const list = h('ul', { class: 'suggestions', hidden: true, role: 'listbox' });

  const currentTerm = () => {
    const text = input.value.slice(0, input.selectionStart ?? input.value.length);
    const start = text.lastIndexOf(' ') + 1;
    return { start, term: text.slice(start) };
  };

  const replaceTerm = (replacement: string) => {
    const { start } = currentTerm();
    const end = input.selectionStart ?? input.value.length;
    input.value = input.value.slice(0, start) + replacement + input.value.slice(end);
    const caret = start + replacement.length;
    input.setSelectionRange(caret, caret);
    input.focus();
    if (replacement.endsWith(':')) {
      void suggest();
    } else {
      list.hidden = true;
      options.onChange(input.value.trim());
    }
  };

  const suggest = async () => {
    const { project, metric } = options.context();
    if (!project || !metric) return;
    const { term } = currentTerm();
    const negated = term.startsWith('!');
    const body = negated ? term.slice(1) : term;
    const colon = body.indexOf(':');
    let items: string[];
    try {
      if (colon < 0) {
        const cacheKey = `${project}/${metric}`;
        if (!attributeCache.has(cacheKey)) attributeCache.set(cacheKey, api.attributes(project, metric));
        const keys = (await (attributeCache.get(cacheKey) as Promise<{ key: string }[]>)).map((a) => a.key);
        items = ['value', ...keys].filter((k) => k.startsWith(body)).map((k) => `${negated ? '!' : ''}${k}:`);
      } else {
        const key = body.slice(0, colon);
        const prefix = body.slice(colon + 1);
        if (key === 'value' || /^[<>=]/.test(prefix)) return;
        const values = await api.attributeValues(project, metric, key, prefix);
        items = values.map((v) => `${negated ? '!' : ''}${key}:${String(v.value)}`);
      }
    } catch {
      items = [];
    }
    list.replaceChildren(...items.slice(0, 20).map((item) => h('li', {
      role: 'option', onMousedown: (e: Event) => {
        e.preventDefault();
        replaceTerm(item);
      },
    }, item)));
    list.hidden = items.length === 0;
  };

  const suggestSoon = debounce(() => void suggest(), 150);
  input.addEventListener('input', suggestSoon);
  input.addEventListener('focus', suggestSoon);
  input.addEventListener('blur', () => {
    list.hidden = true;
  });
  input.addEventListener('change', () => options.onChange(input.value.trim()));
  input.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') list.hidden = true;
    if (e.key === 'Tab' && !list.hidden && list.firstElementChild) {
      e.preventDefault();
      replaceTerm(list.firstElementChild.textContent ?? '');
    }
  });
  return h('span', { class: 'filter-box' }, input, list);
}
