import { ApiError, api, post, stream } from '../api';
import { h, ms, statusBadge, time, usd } from '../dom';
import { showError } from '../main';

const STATUSES = ['', 'pending', 'running', 'awaiting_approval', 'succeeded', 'failed', 'cancelled'];

/** The runs list: filters and search, updated live from GET /api/runs/stream. */
export function runsPage(root: HTMLElement): () => void {
  const runs = new Map<string, any>();
  const status = h('select', { 'data-testid': 'filter-status' }, STATUSES.map((s) => h('option', { value: s }, s || 'any status')));
  const graph = h('select', { 'data-testid': 'filter-graph' }, h('option', { value: '' }, 'any graph'));
  const search = h('input', { type: 'search', placeholder: 'run id or graph', 'data-testid': 'filter-search' });
  const live = h('span', { class: 'live', 'data-testid': 'runs-live' }, 'connecting…');
  const body = h('tbody', { 'data-testid': 'runs-body' });
  const message = h('div');
  const startGraph = h('select', { 'data-testid': 'start-graph' });
  const startMessage = h('span', { 'data-testid': 'start-message' });
  // The run's inputs as a JSON object, filled with the chosen graph's declared inputs and their defaults (GET /api/graphs/{name}).
  const startInputs = h('textarea', { rows: 2, cols: 44, 'data-testid': 'start-inputs', placeholder: 'inputs as JSON (optional)', title: 'The run inputs as a JSON object' }) as HTMLTextAreaElement;
  const fillInputs = async () => {
    if (!startGraph.value) return;
    try {
      const g = await api<any>(`graphs/${encodeURIComponent(startGraph.value)}`);
      const defaults: Record<string, unknown> = {};
      for (const i of g.inputs ?? []) defaults[i.name] = i.default ?? (i.required ? '' : undefined);
      startInputs.value = JSON.stringify(defaults, null, 1);
    } catch { startInputs.value = '{}'; }
  };
  startGraph.addEventListener('change', () => { void fillInputs(); });

  let abort: AbortController | undefined;
  let debounce: number | undefined;

  const query = () => {
    const q = new URLSearchParams();
    if (status.value) q.set('status', status.value);
    if (graph.value) q.set('graph', graph.value);
    if (search.value.trim()) q.set('q', search.value.trim());
    q.set('limit', '200');
    return q.toString();
  };

  const render = () => {
    const rows = [...runs.values()].sort((a, b) => String(b.created).localeCompare(String(a.created)));
    body.replaceChildren(...rows.map((r) =>
      h('tr', { 'data-testid': 'run-row', 'data-run-id': r.runId, 'data-status': r.status },
        h('td', null, h('a', { href: `#/runs/${encodeURIComponent(r.runId)}`, 'data-testid': 'run-link' }, r.runId)),
        h('td', null, r.graph),
        h('td', null, statusBadge(r.status)),
        h('td', null, r.nodes ? `${r.nodes.succeeded}/${r.nodes.total} done${r.nodes.running ? `, ${r.nodes.running} running` : ''}${r.nodes.failed ? `, ${r.nodes.failed} failed` : ''}` : '—'),
        h('td', { class: 'num' }, usd(r.costUsd)),
        h('td', { class: 'num' }, ms(r.durationMs ?? (r.started && !r.ended ? Date.now() - Date.parse(r.started) : null))),
        h('td', null, time(r.created)),
        h('td', null, (r.domains ?? []).join(', ')))));
    if (rows.length === 0) body.append(h('tr', null, h('td', { colspan: 8, class: 'muted' }, 'No runs match.')));
  };

  const connect = () => {
    abort?.abort();
    runs.clear();
    render();
    live.textContent = 'connecting…';
    abort = stream(`runs/stream?${query()}`, {
      onMessage(ev) {
        if (ev.event !== 'run') return;
        live.textContent = 'live';
        const item = JSON.parse(ev.data);
        runs.set(item.runId, item);
        render();
      },
      onFailed(err: ApiError) { showError(message, err); },
      onClosed: () => true,
    });
  };

  const refilter = () => { clearTimeout(debounce); debounce = window.setTimeout(connect, 250); };
  status.addEventListener('change', refilter);
  graph.addEventListener('change', refilter);
  search.addEventListener('input', refilter);

  root.append(
    h('section', { class: 'card', 'data-testid': 'runs-page' },
      h('div', { class: 'row spread' },
        h('h1', null, 'Runs ', live),
        h('form', {
          class: 'row',
          async onsubmit(e: Event) {
            e.preventDefault();
            let inputs: any;
            try {
              inputs = startInputs.value.trim() ? JSON.parse(startInputs.value) : {};
              if (inputs === null || typeof inputs !== 'object' || Array.isArray(inputs)) throw new Error('not an object');
            } catch {
              startMessage.textContent = 'The inputs must be a JSON object, e.g. {"issue": "…"}.';
              return;
            }
            startMessage.textContent = 'starting…';
            try {
              const started = await post('runs', { graph: startGraph.value, inputs });
              location.hash = `#/runs/${encodeURIComponent(started.runId)}`;
            } catch (err: any) {
              startMessage.textContent = err instanceof ApiError && err.status === 403 ? 'Your key may not start this graph.' : `Could not start: ${err.message}`;
            }
          },
        }, startGraph, startInputs, h('button', { type: 'submit', 'data-testid': 'start-run' }, 'Start run'), startMessage)),
      h('div', { class: 'row filters' }, status, graph, search),
      message,
      h('table', { class: 'list', 'data-testid': 'runs-table' },
        h('thead', null, h('tr', null, ['run', 'graph', 'status', 'nodes', 'cost', 'duration', 'created', 'domains'].map((c) => h('th', null, c)))),
        body)));

  api<{ graphs: any[] }>('graphs').then((g) => {
    for (const x of g.graphs.filter((x) => x.valid)) {
      graph.append(h('option', { value: x.name }, x.name));
      startGraph.append(h('option', { value: x.name }, x.name));
    }
    void fillInputs();
  }).catch((err) => showError(message, err));
  connect();
  return () => { abort?.abort(); clearTimeout(debounce); };
}
