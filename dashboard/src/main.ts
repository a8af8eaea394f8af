import './style.css';
import { ApiError, getKey } from './api';
import { h } from './dom';
import { keyPage } from './pages/key';
import { runsPage } from './pages/runs';
import { runPage } from './pages/run';
import { comparePage } from './pages/compare';
import { knowledgePage } from './pages/knowledge';
import { domainsPage } from './pages/domains';

/** A page renders into its root and returns a function that stops what it started (streams, timers). */
export type Page = (root: HTMLElement, ...params: string[]) => (() => void) | void;

const routes: [RegExp, Page][] = [
  [/^#\/key$/, keyPage],
  [/^#\/runs\/([^/]+)$/, runPage],
  [/^#\/compare\/([^/]+)\/([^/]+)$/, comparePage],
  [/^#\/knowledge(?:\/([^/]+\/[^/]+))?$/, knowledgePage],
  [/^#\/domains$/, domainsPage],
  [/^#\/runs$/, runsPage],
];

let stop: (() => void) | void;

function route(): void {
  stop?.();
  stop = undefined;
  const root = document.getElementById('app')!;
  root.replaceChildren();
  const hash = location.hash || '#/runs';
  if (!getKey() && hash !== '#/key') {
    location.hash = '#/key';
    return;
  }
  for (const [re, page] of routes) {
    const m = re.exec(hash);
    if (m) {
      document.querySelectorAll('nav a').forEach((a) => a.classList.toggle('active', hash.startsWith(a.getAttribute('href')!)));
      stop = page(root, ...m.slice(1).map((p) => (p === undefined ? '' : decodeURIComponent(p))));
      return;
    }
  }
  root.append(h('p', { class: 'error', 'data-testid': 'not-found' }, `No page ${hash}.`));
}

/** Shows an API error where the data would be: a 403 says the key may not see it, a 401 asks for a key. */
export function showError(el: HTMLElement, err: unknown): void {
  if (err instanceof ApiError && err.status === 403) {
    el.replaceChildren(h('p', { class: 'forbidden', 'data-testid': 'forbidden' }, 'Your key may not see this. ', h('small', null, err.message)));
  } else if (err instanceof ApiError && err.status === 401) {
    el.replaceChildren(h('p', { class: 'error', 'data-testid': 'unauthorized' }, 'The API did not accept your key. ', h('a', { href: '#/key' }, 'Enter another key'), '.'));
  } else {
    el.replaceChildren(h('p', { class: 'error', 'data-testid': 'error' }, err instanceof Error ? err.message : String(err)));
  }
}

window.addEventListener('hashchange', route);
route();
