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

/** Spend per day and domain, summed from the run list's costs (runs the key may see). */
function spendChart(holder: HTMLElement, runs: any[], domains: string[]): void {
  const days = [...new Set(runs.map((r) => String(r.created).slice(0, 10)))].sort();
  if (days.length === 0) { holder.replaceChildren(h('p', { class: 'muted' }, 'No runs yet.')); return; }
  const xs = days.map((d) => Date.parse(d) / 1000);
  const series = domains.map((d) => days.map((day) => runs.filter((r) => String(r.created).startsWith(day) && (r.domains ?? []).includes(d)).reduce((s, r) => s + Number(r.costUsd ?? 0), 0)));
  holder.replaceChildren();
  new uPlot({
    width: 640, height: 220, title: 'Spend per day (USD, from the runs)',
    series: [{}, ...domains.map((d, i) => ({ label: d, stroke: ['#2563eb', '#16a34a', '#d97706', '#dc2626', '#7c3aed'][i % 5], points: { show: true } }))],
    axes: [{}, { values: (_u: any, v: number[]) => v.map((x) => `$${x.toFixed(4)}`) }],
  }, [xs, ...series] as any, holder);
}

export function domainsPage(root: HTMLElement): void {
  const holder = h('section', { class: 'card', 'data-testid': 'domains-page' }, h('h1', null, 'Domains'), 'Loading…');
  const chart = h('div', { 'data-testid': 'spend-chart' });
  root.append(holder, h('section', { class: 'card' }, h('h2', null, 'Spend over time'), chart));
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
