import { h } from './dom';

interface Field {
  name: string;
  label: string;
  value?: string;
  options?: { value: string; text: string }[];
  /** The dialog will not save without it (the browser says so at the field). */
  required?: boolean;
}

/** Dialogs built on the native <dialog>, resolving to the entered values or null when cancelled. */
function form(title: string, fields: Field[]): Promise<Record<string, string> | null> {
  return new Promise((resolve) => {
    const inputs = fields.map((f) => f.options
      ? h('select', { name: f.name }, f.options.map((o) => h('option', { value: o.value, selected: o.value === f.value }, o.text)))
      : h('input', { name: f.name, value: f.value ?? '', required: f.required }));
    const dialog = h('dialog', { class: 'modal' },
      h('form', { method: 'dialog' },
        h('h3', {}, title),
        fields.map((f, i) => h('label', {}, h('span', {}, f.label), inputs[i])),
        h('div', { class: 'buttons' },
          h('button', { value: 'cancel', type: 'submit', formnovalidate: true }, 'Cancel'),
          h('button', { value: 'ok', type: 'submit', class: 'primary' }, 'Save'))));
    dialog.addEventListener('close', () => {
      const values = Object.fromEntries(fields.map((f, i) => [f.name, (inputs[i] as HTMLInputElement).value.trim()]));
      dialog.remove();
      resolve(dialog.returnValue === 'ok' ? values : null);
    });
    document.body.append(dialog);
    dialog.showModal();
  });
}

export const modal = {
  form,
  prompt: async (title: string, label: string, value: string): Promise<string | null> =>
    (await form(title, [{ name: 'value', label, value, required: true }]))?.value || null,
  choose: async (title: string, options: { value: string; text: string }[], value?: string): Promise<string | null> =>
    options.length === 0 ? null : (await form(title, [{ name: 'value', label: 'Query', options, value }]))?.value || null,
};
