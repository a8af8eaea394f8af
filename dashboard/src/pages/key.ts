import { api, clearKey, getKey, setKey } from '../api';
import { h } from '../dom';

/** Key entry: the key is kept in sessionStorage (this tab only) and sent as x-api-key on every API call. */
export function keyPage(root: HTMLElement): void {
  const input = h('input', { type: 'password', 'data-testid': 'key-input', placeholder: 'API key', autocomplete: 'off', size: 60 });
  const message = h('p', { 'data-testid': 'key-message' });
  const form = h('form', {
    'data-testid': 'key-form',
    async onsubmit(e: Event) {
      e.preventDefault();
      setKey(input.value);
      try {
        await api('graphs');
        location.hash = '#/runs';
      } catch (err: any) {
        message.textContent = err?.status === 401 ? 'The API did not accept this key.' : `Could not check the key: ${err?.message ?? err}`;
        if (err?.status === 401) clearKey();
      }
    },
  }, h('label', null, 'API key ', input), ' ', h('button', { type: 'submit', 'data-testid': 'key-save' }, 'Use this key'));
  root.append(
    h('section', { class: 'card', 'data-testid': 'key-page' },
      h('h1', null, 'API key'),
      h('p', null, 'The dashboard calls the API with your key (x-api-key). It stays in this browser tab (sessionStorage) and shows only what the key may see.'),
      form,
      getKey() ? h('p', null, 'A key is set. ', h('button', { type: 'button', 'data-testid': 'key-forget', onclick: () => { clearKey(); location.reload(); } }, 'Forget it')) : null,
      message));
}
