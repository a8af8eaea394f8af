type Child = Node | string | number | null | undefined | false | Child[];

/** Makes an element: h('div', {class: 'x', 'data-testid': 'y', onclick: fn}, children…). */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs?: Record<string, any> | null, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs ?? {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
    else if (k === 'value') (el as any).value = v;
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  append(el, children);
  return el;
}

export function append(el: Node, children: Child[]): void {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    if (Array.isArray(c)) append(el, c);
    else el.appendChild(typeof c === 'object' ? c : document.createTextNode(String(c)));
  }
}

export const svg = (tag: string, attrs: Record<string, any> = {}): SVGElement => {
  const el = document.createElementNS('http://www.w3.org/2000/svg', tag);
  for (const [k, v] of Object.entries(attrs)) if (v !== undefined && v !== null) el.setAttribute(k, String(v));
  return el;
};

export const usd = (v: number | null | undefined): string => (v === null || v === undefined ? '—' : `$${Number(v).toFixed(6)}`);
export const ms = (v: number | null | undefined): string => {
  if (v === null || v === undefined) return '—';
  return v < 1000 ? `${v} ms` : v < 120_000 ? `${(v / 1000).toFixed(1)} s` : `${Math.round(v / 60_000)} min`;
};
export const time = (v: string | null | undefined): string => (v ? new Date(v).toLocaleString() : '—');
export const json = (v: unknown): HTMLElement => h('pre', { class: 'json' }, v === undefined ? '—' : JSON.stringify(v, null, 2));
export const statusBadge = (status: string, testid?: string) => h('span', { class: `badge status-${status}`, 'data-status': status, 'data-testid': testid }, status);
