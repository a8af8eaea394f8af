import { ApiError, api, post, stream } from '../api';
import { append, h, ms, statusBadge, time, usd } from '../dom';
import { showError } from '../main';
import { Dag } from './dag';
import { nodePanel } from './node';

const FINAL = ['succeeded', 'failed', 'cancelled'];
const RANK: Record<string, number> = { pending: 0, scheduled: 1, running: 2, awaiting_approval: 3, succeeded: 4, failed: 4, skipped: 4, cancelled: 4 };
const EVENT_STATUS: Record<string, string> = {
  node_scheduled: 'scheduled', node_retry_scheduled: 'scheduled', node_succeeded: 'succeeded', node_failed: 'failed',
  node_skipped: 'skipped', node_cancelled: 'cancelled', approval_requested: 'awaiting_approval',
};

/** A run: its graph as a DAG coloured live from GET /api/runs/{id}/events/stream, the node panel and the run's buttons. */
export function runPage(root: HTMLElement, runId: string): () => void {
  const header = h('div', { class: 'card', 'data-testid': 'run-header' }, 'Loading…');
  const dagHolder = h('div', { class: 'card dag-holder', 'data-testid': 'dag-holder' });
  const panel = h('aside', { class: 'card panel', 'data-testid': 'node-panel-holder' }, h('p', { class: 'muted' }, 'Select a node to see its inputs, output, context manifest, model, attempts, cost, tool calls and events.'));
  const eventsList = h('ol', { class: 'events', 'data-testid': 'run-events' });
  root.append(header, h('div', { class: 'run-layout' }, dagHolder, panel), h('section', { class: 'card' }, h('h2', null, 'Events'), eventsList));

  let run: any = null;
  let dag: Dag | null = null;
  let selected: string | null = null;
  const events: any[] = [];
  let lastSeq = 0;
  const state = new Map<string, { status: string; iteration: number }>();
  let abort: AbortController | undefined;
  let refreshing = false;
  let dirty = false;
  let stopped = false;

  const setStatus = (id: string, status: string, iteration?: number, fromEvent = false) => {
    const cur = state.get(id);
    const it = iteration ?? cur?.iteration ?? 1;
    if (!cur || fromEvent || it > cur.iteration || (RANK[status] ?? 0) >= (RANK[cur.status] ?? 0)) state.set(id, { status, iteration: it });
  };

  const merged = (n: any) => ({ ...n, status: state.get(n.id)?.status ?? n.status, iteration: state.get(n.id)?.iteration ?? n.iteration });

  const renderHeader = () => {
    const ended = FINAL.includes(run.status);
    const actions = h('div', { class: 'row actions' });
    if (!ended) {
      actions.append(h('button', {
        'data-testid': 'cancel', class: 'danger',
        async onclick() {
          if (!confirm(`Cancel run ${runId}?`)) return;
          try { await post(`runs/${encodeURIComponent(runId)}/cancel`, { by: 'dashboard', reason: 'cancelled from the dashboard' }); void refresh(); }
          catch (err) { showError(message, err); }
        },
      }, 'Cancel run'));
    }
    // The header is drawn again on every update (duration, cost); the approval boxes and the message are kept, so a
    // comment being typed survives it.
    const pending = new Set((run.pendingApprovals ?? []).map((p: any) => p.node));
    for (const node of [...approvalBoxes.keys()]) if (!pending.has(node)) approvalBoxes.delete(node);
    const approvals = (run.pendingApprovals ?? []).map((p: any) => approvalBoxes.get(p.node) ?? approvalBoxes.set(p.node, approvalBox(p)).get(p.node)!);
    const duration = run.startedAt ? (run.completedAt ? Date.parse(run.completedAt) : Date.now()) - Date.parse(run.startedAt) : null;
    header.replaceChildren();
    append(header, [
      h('div', { class: 'row spread' },
        h('h1', null, 'Run ', h('code', { 'data-testid': 'run-id' }, runId), ' ', statusBadge(run.status, 'run-status')),
        h('a', { href: '#/runs' }, '← all runs')),
      h('p', { 'data-testid': 'run-summary' }, run.summary ?? ''),
      h('dl', { class: 'facts' },
        h('dt', null, 'graph'), h('dd', null, run.graph),
        h('dt', null, 'cost'), h('dd', { 'data-testid': 'run-cost' }, `${usd(run.costUsd)}${run.budget?.limitUsd ? ` of ${usd(run.budget.limitUsd)}` : ''}${run.recorded ? ' (recorded responses)' : ''}`),
        h('dt', null, 'duration'), h('dd', null, ms(duration)),
        h('dt', null, 'created'), h('dd', null, time(run.createdAt)),
        h('dt', null, 'domains'), h('dd', null, (run.domains ?? []).join(', ') || '—'),
        run.error ? [h('dt', null, 'error'), h('dd', { class: 'error' }, run.error)] : null),
      replayInfo(), approvals, actions, message]);
  };

  const message = h('div', { 'data-testid': 'run-action-message' });
  const approvalBoxes = new Map<string, HTMLElement>();
  const approvalBox = (p: any): HTMLElement => {
      const comment = h('input', { type: 'text', placeholder: 'comment', 'data-testid': 'approval-comment', 'data-node': p.node });
      const decide = (approved: boolean) => async () => {
        try {
          await post(`runs/${encodeURIComponent(runId)}/approvals`, { approved, node: p.node, by: 'dashboard', comment: comment.value || undefined });
          message.replaceChildren(h('p', { 'data-testid': 'approval-sent' }, `${approved ? 'Approved' : 'Rejected'} ${p.node}.`));
          void refresh();
        } catch (err) { showError(message, err); }
      };
      return h('div', { class: 'approval', 'data-testid': 'pending-approval', 'data-node': p.node },
        h('strong', null, p.node), ` waits for approval: ${p.reason} `, comment,
        h('button', { 'data-testid': 'approve', onclick: decide(true) }, 'Approve'),
        h('button', { 'data-testid': 'reject', class: 'danger', onclick: decide(false) }, 'Reject'));
  };

  const replayInfo = () => run.replay
      ? h('p', { 'data-testid': 'replay-info' }, `Replay of `, h('a', { href: `#/runs/${encodeURIComponent(run.replay.parentRunId)}` }, run.replay.parentRunId),
        ` from node ${run.replay.fromNode} (${run.replay.mode}); copied: ${(run.replay.copiedNodes ?? []).join(', ') || 'none'}. `,
        h('a', { href: `#/compare/${encodeURIComponent(run.replay.parentRunId)}/${encodeURIComponent(runId)}`, 'data-testid': 'compare-link' }, 'Compare with the parent'))
      : null;

  // The panel is drawn again only when what it shows changed, keeping open sections and anything typed (a correction, a
  // comment), so reading or writing in it is not interrupted by the run's updates.
  let panelSignature = '';
  const renderPanel = () => {
    if (!selected || !run) return;
    const node = run.nodes.find((n: any) => n.id === selected);
    if (!node) return;
    const nodeEvents = events.filter((e) => e.nodeId === node.id || String(e.nodeId ?? '').startsWith(`${node.id}[`));
    const signature = JSON.stringify([selected, merged(node), nodeEvents.length, run.status]);
    if (signature === panelSignature) return;
    panelSignature = signature;
    const open = [...panel.querySelectorAll('details[open]')].map((d) => d.getAttribute('data-section'));
    const typed = new Map([...panel.querySelectorAll<HTMLTextAreaElement | HTMLInputElement>('textarea[data-testid], input[data-testid]')]
      .map((el) => [el.getAttribute('data-testid')!, el.value] as const));
    panel.replaceChildren(nodePanel(run, merged(node), nodeEvents, open));
    for (const [testid, value] of typed) {
      const el = panel.querySelector<HTMLTextAreaElement | HTMLInputElement>(`[data-testid="${testid}"]`);
      if (el && value) el.value = value;
    }
  };

  const render = () => {
    if (!run) return;
    renderHeader();
    if (!dag) {
      dag = new Dag(run.nodes.map(merged), (id) => { selected = id; dag!.select(id); renderPanel(); });
      dagHolder.replaceChildren(h('h2', null, 'Graph'), dag.el);
    }
    for (const n of run.nodes) dag.update(merged(n));
    renderPanel();
  };

  const refresh = async () => {
    if (refreshing) { dirty = true; return; }
    refreshing = true;
    try {
      do {
        dirty = false;
        run = await api(`runs/${encodeURIComponent(runId)}`);
        for (const n of run.nodes) setStatus(n.id, n.status, n.iteration);
        render();
      } while (dirty && !stopped);
    } catch (err) {
      showError(header, err);
    } finally {
      refreshing = false;
    }
  };

  const onEvent = (e: any) => {
    if (e.seq <= lastSeq) return;
    lastSeq = e.seq;
    events.push(e);
    eventsList.append(h('li', { 'data-testid': 'run-event', 'data-type': e.type, 'data-seq': e.seq },
      h('code', null, `#${e.seq}`), ' ', e.type, e.nodeId ? ` ${e.nodeId}` : '', ' ', h('small', { class: 'muted' }, time(e.at))));
    const status = EVENT_STATUS[e.type];
    if (status && e.nodeId && run?.nodes.some((n: any) => n.id === e.nodeId)) {
      setStatus(e.nodeId, status, undefined, true);
      dag?.update(merged(run.nodes.find((n: any) => n.id === e.nodeId)));
    }
    void refresh();
  };

  const follow = () => {
    let ended = false;
    abort = stream(`runs/${encodeURIComponent(runId)}/events/stream`, {
      onMessage(ev) {
        if (ev.event === 'heartbeat') return;
        if (ev.event === 'end') { ended = true; void refresh(); return; }
        onEvent(JSON.parse(ev.data));
      },
      onFailed(err: ApiError) {
        showError(header, err);
      },
      onClosed: () => !ended && !stopped,
    });
  };

  // Some changes carry no event (a node starting to run, cost so far, the header's pending approvals written after the
  // event): while the run goes on, read it again every 2 s as well.
  const tick = window.setInterval(() => { if (run && !FINAL.includes(run.status)) void refresh(); }, 2000);
  refresh().then(() => { if (run) follow(); });
  return () => { stopped = true; abort?.abort(); clearInterval(tick); };
}
