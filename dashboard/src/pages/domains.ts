import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { api } from '../api';
import { h, usd } from '../dom';
import { showError } from '../main';

/** A budget gauge: the bar is spent + reserved of the limit, marked at 75 % (warning) and 90 % (critical). */
function gauge(label: string, p: any, domain: string): HTMLElement {
  const used = Number(p.spentUsd) + Number(p.reservedUsd);
  const pct = p.limitUsd ? Math.min(100, (used / Number(p.limitUsd)) * 100) : 0;
  const level = p.status ?? (pct >= 90 ? 'critical' : pct >= 75 ? 'warning' : 'healthy');
  return h('div', { class: 'gauge-row', 'data-testid': 'budget-gauge', 'data-domain': domain, 'data-period': label, 'data-level': level },
    h('span', { class: 'gauge-label' }, `${label} ${p.period ?? ''}`),
    h('div', { class: `gauge level-${level}`, role: 'meter', 'aria-valuemin': 0, 'aria-valuemax': 100, 'aria-valuenow': Math.round(pct) },
      h('div', { class: 'fill', style: `width:${pct.toFixed(1)}%` }),
      h('div', { class: 'mark', style: 'left:75%', title: '75 %' }),
      h('div', { class: 'mark', style: 'left:90%', title: '90 %' })),
    h('span', { class: 'gauge-text' }, p.limitUsd ? `${usd(p.spentUsd)} spent + ${usd(p.reservedUsd)} reserved of ${usd(p.limitUsd)} (${pct.toFixed(0)} %, ${level})` : `${usd(p.spentUsd)} spent, no limit`));
}

/**
 * Spend over time per domain: the cumulative cost (USD) of the runs the key may see, in the order they were created, from the
 * run list (the API keeps no spend history of its own). One point per run, so a single busy day still draws a line.
 */
function spendChart(holder: HTMLElement, runs: any[], domains: string[]): void {
  const ordered = [...runs].sort((a, b) => Date.parse(a.created) - Date.parse(b.created));
  if (ordered.length < 2) {
    holder.replaceChildren(h('p', { class: 'muted' }, ordered.length === 0 ? 'No runs yet.' : `One run so far: ${usd(ordered[0].costUsd)}.`));
    return;
  }
  const xs = ordered.map((r) => Date.parse(r.created) / 1000);
  const series = domains.map((d) => {
    let total = 0;
    return ordered.map((r) => (total += (r.domains ?? []).includes(d) ? Number(r.costUsd ?? 0) : 0));
  });
  holder.replaceChildren();
  holder.setAttribute('data-points', String(xs.length));
  new uPlot({
    width: 640, height: 220, title: 'Cumulative spend (USD, from the runs)',
    series: [{}, ...domains.map((d, i) => ({ label: d, stroke: ['#2563eb', '#16a34a', '#d97706', '#dc2626', '#7c3aed'][i % 5], points: { show: true } }))],
    axes: [{}, { size: 80, values: (_u: any, v: number[]) => v.map((x) => `$${x.toFixed(4)}`) }],
  }, [xs, ...series] as any, holder);
}

export function domainsPage(root: HTMLElement): void {
  const holder = h('section', { class: 'card', 'data-testid': 'domains-page' }, h('h1', null, 'Domains'), 'Loading…');
  const chart = h('div', { 'data-testid': 'spend-chart' });
  root.append(holder, h('section', { class: 'card' }, h('h2', null, 'Spend over time'),
    h('p', { class: 'muted' }, 'What the runs cost, added up per domain as they were created. Runs that replay recorded responses are priced but not charged, so they do not move the gauges above.'), chart));
  api('domains').then(async (res) => {
    holder.replaceChildren(h('h1', null, 'Domains'), ...res.domains.map((d: any) =>
      h('div', { class: 'domain', 'data-testid': 'domain', 'data-domain': d.name, 'data-status': d.status },
        h('h2', null, d.name, ' ', h('span', { class: `badge level-${d.status}` }, d.status)),
        d.description ? h('p', null, d.description) : null,
        h('p', { class: 'muted' }, `owner ${d.owner ?? '—'} · ${d.skills.length} skill(s): ${d.skills.join(', ')} · ${d.reservations} reservation(s) in flight`),
        gauge('day', d.budget.day, d.name), gauge('month', d.budget.month, d.name))));
    if (res.domains.length === 0) holder.append(h('p', { class: 'muted' }, 'Your key covers no domain.'));
    try {
      const runs = await api('runs?limit=500');
      spendChart(chart, runs.runs, res.domains.map((d: any) => d.name));
    } catch (err) { showError(chart, err); }
  }).catch((err) => showError(holder, err));
}
