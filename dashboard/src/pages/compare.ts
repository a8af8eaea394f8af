import { api } from '../api';
import { append, h, json, statusBadge, usd } from '../dom';
import { showError } from '../main';

/** Two runs side by side (GET /api/runs/{a}/compare/{b}): per node status, path, cost, model and where the outputs differ. */
export function comparePage(root: HTMLElement, a: string, b: string): void {
  const holder = h('section', { class: 'card', 'data-testid': 'compare-page' }, 'Loading…');
  root.append(holder);
  api(`runs/${encodeURIComponent(a)}/compare/${encodeURIComponent(b)}`).then((c) => {
    const link = (id: string) => h('a', { href: `#/runs/${encodeURIComponent(id)}` }, id);
    holder.replaceChildren();
    append(holder, [
      h('h1', null, 'Compare runs'),
      h('table', { class: 'list' },
        h('thead', null, h('tr', null, h('th', null, ''), h('th', null, 'A'), h('th', null, 'B'))),
        h('tbody', null,
          h('tr', null, h('th', null, 'run'), h('td', { 'data-testid': 'compare-a' }, link(c.a.runId)), h('td', { 'data-testid': 'compare-b' }, link(c.b.runId))),
          h('tr', null, h('th', null, 'graph'), h('td', null, c.a.graph), h('td', null, c.b.graph)),
          h('tr', null, h('th', null, 'status'), h('td', null, statusBadge(c.a.status)), h('td', null, statusBadge(c.b.status))),
          h('tr', null, h('th', null, 'cost'), h('td', null, usd(c.a.costUsd)), h('td', null, usd(c.b.costUsd))),
          h('tr', null, h('th', null, 'path'), h('td', null, c.a.path.join(' → ')), h('td', null, c.b.path.join(' → '))))),
      h('p', { 'data-testid': 'compare-summary' },
        `${c.summary.nodesChanged} node(s) changed: ${c.summary.statusChanged} in status, ${c.summary.outputChanged} in output, ${c.summary.pathChanged} in path; cost delta ${usd(c.summary.costDeltaUsd)}.`,
        c.sameGraph ? '' : ' The runs executed different graphs.'),
      c.inputDifferences.length ? h('div', null, h('h3', null, 'Input differences'), json(c.inputDifferences)) : null,
      h('table', { class: 'list', 'data-testid': 'compare-nodes' },
        h('thead', null, h('tr', null, ['node', 'status A', 'status B', 'ran A', 'ran B', 'cost A', 'cost B', 'model A', 'model B', 'output differences'].map((x) => h('th', null, x)))),
        h('tbody', null, c.nodes.map((n: any) => h('tr', { 'data-testid': 'compare-node', 'data-node': n.id, 'data-changed': String(n.changed), class: n.changed ? 'changed' : '' },
          h('td', null, n.id, n.copiedInB ? h('small', { class: 'muted' }, ' (copied in B)') : null),
          h('td', null, statusBadge(n.statusA)), h('td', null, statusBadge(n.statusB)),
          h('td', null, n.onPathA ? 'yes' : 'no'), h('td', null, n.onPathB ? 'yes' : 'no'),
          h('td', { class: 'num' }, usd(n.costUsdA)), h('td', { class: 'num' }, usd(n.costUsdB)),
          h('td', null, n.modelA ?? '—'), h('td', null, n.modelB ?? '—'),
          h('td', null, n.outputDifferences.length ? h('ul', null, n.outputDifferences.map((d: any) =>
            h('li', null, h('code', null, d.path || '/'), ': ', h('code', null, JSON.stringify(d.a)?.slice(0, 60) ?? '—'), ' → ', h('code', null, JSON.stringify(d.b)?.slice(0, 60) ?? '—'))),
            n.moreOutputDifferences ? h('li', null, `… ${n.moreOutputDifferences} more`) : null) : '—')))))]);
  }).catch((err) => showError(holder, err));
}
