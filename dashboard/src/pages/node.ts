import { post } from '../api';
import { h, json, ms, statusBadge, time, usd } from '../dom';
import { showError } from '../main';

const section = (name: string, title: string, open: string[], ...body: any[]) =>
  h('details', { 'data-section': name, 'data-testid': `section-${name}`, open: open.includes(name) },
    h('summary', { 'data-testid': `${name}-toggle` }, title), ...body);

function manifestView(manifest: any): HTMLElement {
  if (!manifest) return h('p', { class: 'muted' }, 'No context manifest (tool nodes have none; a skill node has one once its prompt was assembled).');
  const sections: any[] = manifest.sections ?? [];
  return h('div', { 'data-testid': 'manifest' },
    h('p', null, `${manifest.totalTokens ?? '?'} tokens of a ${manifest.budgetTokens ?? '?'}-token budget`, manifest.encoding ? ` (${manifest.encoding})` : ''),
    h('table', { class: 'list' },
      h('thead', null, h('tr', null, h('th', null, 'section'), h('th', null, 'kind'), h('th', { class: 'num' }, 'tokens'))),
      h('tbody', null, sections.map((s) => h('tr', { 'data-testid': 'manifest-section', 'data-name': s.name },
        h('td', null, s.name), h('td', null, s.kind ?? ''), h('td', { class: 'num', 'data-testid': 'manifest-tokens' }, s.tokenEstimate ?? s.tokens ?? ''))))),
    (manifest.drops ?? []).length ? h('p', null, 'Dropped to fit: ', (manifest.drops as any[]).map((d) => typeof d === 'string' ? d : `${d.name} (${d.tokenEstimate} tokens: ${d.reason})`).join(', ')) : null,
    (manifest.trims ?? []).length ? h('p', null, `Trimmed: ${(manifest.trims as any[]).length} section(s)`) : null,
    manifest.rules ? h('div', { 'data-testid': 'manifest-rules' }, h('h4', null, 'Learned rules'), json(manifest.rules)) : null,
    h('details', null, h('summary', null, 'whole manifest'), json(manifest)));
}

function toolCalls(calls: any[] | undefined): HTMLElement {
  if (!calls?.length) return h('p', { class: 'muted' }, 'No tool calls.');
  return h('table', { class: 'list', 'data-testid': 'tool-calls' },
    h('thead', null, h('tr', null, ['tool', 'arguments', 'outcome', 'duration', 'result'].map((c) => h('th', null, c)))),
    h('tbody', null, calls.map((c) => h('tr', { 'data-testid': 'tool-call' },
      h('td', null, c.name), h('td', null, h('code', null, JSON.stringify(c.arguments ?? {}).slice(0, 120))), h('td', null, c.outcome ?? ''),
      h('td', { class: 'num' }, ms(c.duration_ms ?? c.durationMs)), h('td', null, String(c.result ?? c.error ?? '').slice(0, 160))))));
}

/** The node panel: what a node got and gave, its prompt's manifest, model and why, attempts, cost, tool calls, events, and actions. */
export function nodePanel(run: any, node: any, events: any[], open: string[]): HTMLElement {
  const d = node.details ?? {};
  const upstream = Object.fromEntries((node.needs ?? []).map((id: string) => [id, run.nodes.find((n: any) => n.id === id)?.output ?? null]));
  const message = h('div', { 'data-testid': 'node-action-message' });
  const mode = h('select', { 'data-testid': 'replay-mode' }, h('option', { value: 'recorded' }, 'recorded'), h('option', { value: 'live' }, 'live'));
  const ended = ['succeeded', 'failed', 'cancelled'].includes(run.status);
  const replay = h('button', {
    'data-testid': 'replay', disabled: !ended,
    title: ended ? '' : 'a run can be replayed once it has ended',
    async onclick() {
      try {
        const started = await post(`runs/${encodeURIComponent(run.runId)}/replay`, { fromNode: node.id, mode: mode.value });
        location.hash = `#/runs/${encodeURIComponent(started.runId)}`;
      } catch (err) { showError(message, err); }
    },
  }, 'Replay from this node');
  const text = h('textarea', { rows: 3, cols: 40, placeholder: 'what was wrong, and what it should have done', 'data-testid': 'correction-text' });
  const corrected = h('textarea', { rows: 3, cols: 40, placeholder: 'corrected output as JSON (optional)', 'data-testid': 'correction-output' });
  const correct = h('form', {
    'data-testid': 'correction-form',
    async onsubmit(e: Event) {
      e.preventDefault();
      try {
        const body: any = { text: text.value, by: 'dashboard' };
        if (corrected.value.trim()) body.correctedOutput = JSON.parse(corrected.value);
        const res = await post(`runs/${encodeURIComponent(run.runId)}/nodes/${encodeURIComponent(node.id)}/corrections`, body);
        message.replaceChildren(h('p', { 'data-testid': 'correction-sent' }, res?.duplicateOf ? `Already corrected (${res.duplicateOf}).` : `Correction ${res?.correctionId ?? ''} accepted; a rule and a test follow.`));
      } catch (err) { showError(message, err); }
    },
  }, text, corrected, h('button', { type: 'submit', 'data-testid': 'correct' }, 'Correct this node'));

  return h('div', { 'data-testid': 'node-panel', 'data-node': node.id, 'data-status': node.status },
    h('h2', null, node.id, ' ', statusBadge(node.status, 'node-status')),
    h('dl', { class: 'facts' },
      h('dt', null, node.kind), h('dd', null, node.target),
      h('dt', null, 'attempt'), h('dd', { 'data-testid': 'node-attempt' }, node.attempt),
      node.model ? [h('dt', null, 'model'), h('dd', { 'data-testid': 'node-model' }, `${node.model}${node.provider ? ` via ${node.provider}` : ''}${node.recorded ? ' (recorded)' : ''}`)] : null,
      d.model_reason || d.routing ? [h('dt', null, 'why'), h('dd', { 'data-testid': 'node-model-reason' }, d.model_reason ?? JSON.stringify(d.routing))] : null,
      h('dt', null, 'tokens'), h('dd', null, `${node.tokens?.input ?? 0} in + ${node.tokens?.output ?? 0} out`),
      h('dt', null, 'cost'), h('dd', { 'data-testid': 'node-cost' }, usd(node.costUsd)),
      h('dt', null, 'duration'), h('dd', null, ms(node.durationMs)),
      h('dt', null, 'started'), h('dd', null, time(node.startedAt)),
      node.when ? [h('dt', null, 'when'), h('dd', null, h('code', null, node.when))] : null,
      node.join ? [h('dt', null, 'join'), h('dd', null, node.join)] : null,
      node.loop ? [h('dt', null, 'loop'), h('dd', null, `back to ${node.loop.backTo} until ${node.loop.until}, iteration ${node.iteration} of at most ${node.loop.maxIterations}`)] : null,
      node.forEach ? [h('dt', null, 'for_each'), h('dd', null, `${node.forEach.items}: ${node.forEach.count ?? '?'} instance(s) of at most ${node.forEach.maxItems}`)] : null,
      node.error ? [h('dt', null, 'error'), h('dd', { class: 'error', 'data-testid': 'node-error' }, node.error)] : null),
    node.instances ? h('table', { class: 'list', 'data-testid': 'instances' },
      h('tbody', null, node.instances.map((i: any) => h('tr', { 'data-testid': 'instance-row', 'data-status': i.status },
        h('td', null, i.id), h('td', null, statusBadge(i.status)), h('td', null, h('code', null, JSON.stringify(i.item).slice(0, 80))), h('td', { class: 'num' }, usd(i.costUsd)))))) : null,
    section('inputs', 'Inputs', open, h('h4', null, 'Run inputs'), json(run.inputs), h('h4', null, 'Upstream outputs'), json(upstream)),
    section('output', 'Output', open, json(node.output ?? null), node.previousOutput ? [h('h4', null, 'Previous iteration'), json(node.previousOutput)] : null),
    section('manifest', 'Context manifest', open, manifestView(d.manifest)),
    section('attempts', 'Attempts', open, d.attempts ? json(d.attempts) : h('p', null, `Attempt ${node.attempt}.`), d.model_calls ? json(d.model_calls) : null),
    section('tools', `Tool calls${d.tool_calls ? ` (${d.tool_calls.length})` : ''}`, open, toolCalls(d.tool_calls)),
    section('events', `Events (${events.length})`, open, h('ol', { class: 'events' }, events.map((e) => h('li', { 'data-testid': 'node-event' }, `#${e.seq} ${e.type} `, h('small', { class: 'muted' }, time(e.at)), e.data ? h('code', null, ' ' + JSON.stringify(e.data).slice(0, 200)) : null)))),
    section('details', 'All details', open, json(d)),
    h('div', { class: 'card actions' }, h('h3', null, 'Act on this node'), h('div', { class: 'row' }, mode, replay), node.kind === 'skill' ? correct : null, message));
}
