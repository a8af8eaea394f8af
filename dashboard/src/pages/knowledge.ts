import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { api } from '../api';
import { h, json, time } from '../dom';
import { showError } from '../main';

const table = (testid: string, rows: any[], cols: [string, (r: any) => any][]) =>
  rows.length
    ? h('table', { class: 'list', 'data-testid': testid },
      h('thead', null, h('tr', null, cols.map(([c]) => h('th', null, c)))),
      h('tbody', null, rows.map((r) => h('tr', { 'data-testid': `${testid}-row`, 'data-id': r.id, 'data-status': r.status ?? '' }, cols.map(([, f]) => h('td', null, f(r)))))))
    : h('p', { class: 'muted' }, 'None yet.');

function acceptChart(holder: HTMLElement, stats: any): void {
  const days: any[] = stats.acceptRateByDay ?? [];
  if (days.length === 0) { holder.replaceChildren(h('p', { class: 'muted' }, 'No executions yet.')); return; }
  const text = h('p', { 'data-testid': 'accept-rate-latest' },
    `${days[days.length - 1].day}: ${Math.round(days[days.length - 1].acceptRate * 100)} % accepted (${days[days.length - 1].accepted} of ${days[days.length - 1].executions} executions)`);
  if (days.length === 1) { holder.replaceChildren(text, h('p', { class: 'muted' }, 'The chart starts on the second day with executions.')); return; }
  holder.replaceChildren(text);
  new uPlot({
    width: 640, height: 220, title: 'Accept rate per day (executions without a correction / all)',
    scales: { y: { range: [0, 1] } },
    series: [{}, { label: 'accept rate', stroke: '#16a34a', points: { show: true } }],
    axes: [{}, { values: (_u: any, v: number[]) => v.map((x) => `${Math.round(x * 100)} %`) }],
  }, [days.map((d) => Date.parse(d.day) / 1000), days.map((d) => d.acceptRate)] as any, holder);
}

/**
 * The learning loop's knowledge: per skill, corrections → reflexion rules → regression tests with status and provenance,
 * validation results, and the accept rate over time.
 */
export function knowledgePage(root: HTMLElement, skill: string): void {
  const holder = h('section', { class: 'card', 'data-testid': 'knowledge-page' }, h('h1', null, 'Knowledge'), 'Loading…');
  root.append(holder);
  api('knowledge/stats').then(async (all) => {
    const skills: any[] = all.skills ?? [];
    const pick = h('select', { 'data-testid': 'knowledge-skill', onchange: (e: Event) => { location.hash = `#/knowledge/${(e.target as HTMLSelectElement).value}`; } },
      h('option', { value: '' }, 'choose a skill'), skills.map((s) => h('option', { value: s.skillId, selected: s.skillId === skill }, s.skillId)));
    const overview = table('knowledge-skills', skills.map((s) => ({ ...s, id: s.skillId })), [
      ['skill', (s) => h('a', { href: `#/knowledge/${s.skillId}` }, s.skillId)], ['executions', (s) => s.executions],
      ['accept rate', (s) => s.acceptRate === null || s.acceptRate === undefined ? '—' : `${Math.round(s.acceptRate * 100)} %`],
      ['corrections', (s) => s.corrections], ['rules', (s) => Object.entries(s.rulesByStatus ?? {}).map(([k, v]) => `${v} ${k}`).join(', ') || '—'],
      ['tests', (s) => s.tests], ['latest pass rate', (s) => s.latestTestPassRate === null || s.latestTestPassRate === undefined ? '—' : `${Math.round(s.latestTestPassRate * 100)} %`]]);
    holder.replaceChildren(h('h1', null, 'Knowledge'), h('p', null, 'Skill: ', pick), overview);
    if (!skill) return;
    const q = `skill=${encodeURIComponent(skill)}`;
    const [domain, name] = skill.split('/');
    const [corrections, reflexions, tests, stats, validations] = await Promise.all([
      api(`knowledge/corrections?${q}`), api(`knowledge/reflexions?${q}`), api(`knowledge/tests?${q}`), api(`knowledge/stats?${q}`),
      api(`knowledge/validations/${encodeURIComponent(domain)}/${encodeURIComponent(name)}`)]);
    const chart = h('div', { 'data-testid': 'accept-chart' });
    const latest = h('div', { 'data-testid': 'validation-report' });
    holder.append(
      h('h2', null, skill),
      h('h3', null, 'Accept rate over time'), chart,
      h('h3', null, 'Corrections'),
      table('corrections', corrections.corrections, [['id', (c) => c.id], ['run / node', (c) => h('a', { href: `#/runs/${encodeURIComponent(c.runId)}` }, `${c.runId} / ${c.nodeId}`)],
        ['text', (c) => c.text], ['by', (c) => c.by ?? '—'], ['status', (c) => c.status], ['→ rule', (c) => c.ruleId ? `${c.ruleId} (${c.ruleOperation ?? ''})` : '—'], ['→ test', (c) => c.testId ?? '—'], ['at', (c) => time(c.createdAt)]]),
      h('h3', null, 'Reflexion rules'),
      table('reflexions', reflexions.reflexions, [['id', (r) => r.id], ['status', (r) => h('span', { class: `badge rule-${r.status}` }, r.status)], ['rule', (r) => r.text],
        ['provenance', (r) => `${r.source ?? ''}${r.provenance ? ` from ${(Array.isArray(r.provenance) ? r.provenance : [r.provenance]).map((p: any) => typeof p === 'string' ? p : p.correctionId ?? JSON.stringify(p)).join(', ')}` : ''}`],
        ['confidence', (r) => r.confidence ?? '—'], ['why', (r) => r.statusReason ?? '—']]),
      h('h3', null, 'Regression tests'),
      table('tests', tests.tests, [['id', (t) => t.id], ['rule', (t) => t.ruleId ?? '—'], ['correction', (t) => t.correctionId ?? '—'], ['assertions', (t) => (t.assertions ?? []).length], ['notes', (t) => Array.isArray(t.notes) ? t.notes.join(' ') : t.notes ?? '']]),
      h('h3', null, 'Validations'),
      table('validations', (validations.validations ?? []).map((v: any) => ({ ...v, id: v.id ?? v.validationId })), [['id', (v) => h('a', {
        href: 'javascript:void 0', onclick: async () => {
          try { latest.replaceChildren(json(await api(`knowledge/validations/${encodeURIComponent(domain)}/${encodeURIComponent(name)}/${encodeURIComponent(v.id)}`))); } catch (err) { showError(latest, err); }
        } }, v.id)], ['status', (v) => v.status ?? '—'], ['at', (v) => time(v.createdAt ?? v.completedAt)], ['result', (v) => v.summary ?? (v.passRate !== undefined ? `${Math.round(v.passRate * 100)} % passed` : '')]]),
      latest);
    acceptChart(chart, stats);
  }).catch((err) => showError(holder, err));
}
