import { Graph, layout } from '@dagrejs/dagre';
import { svg } from '../dom';

const W = 176;
const H = 58;

/**
 * The run's graph drawn as a DAG (dagre layout, left to right, as SVG): one box per node coloured by status (`data-status`),
 * an edge per `needs`, a dashed edge back for a loop, and for a `for_each` node one dot per instance. The layout is made once;
 * status changes only change attributes, so the page's elements stay the same while a run goes on.
 */
export class Dag {
  readonly el: SVGSVGElement;
  private readonly boxes = new Map<string, SVGGElement>();

  constructor(nodes: any[], onSelect: (id: string) => void) {
    const g = new Graph({ multigraph: false });
    g.setGraph({ rankdir: 'LR', nodesep: 24, ranksep: 56, marginx: 12, marginy: 12 });
    g.setDefaultEdgeLabel(() => ({}));
    for (const n of nodes) g.setNode(n.id, { width: W, height: n.forEach ? H + 14 : H });
    for (const n of nodes) for (const need of n.needs ?? []) if (g.hasNode(need)) g.setEdge(need, n.id);
    layout(g);
    const graph = g.graph() as any;
    this.el = svg('svg', {
      class: 'dag', 'data-testid': 'dag', viewBox: `0 0 ${graph.width + 24} ${graph.height + 24}`,
      width: graph.width + 24, height: graph.height + 24, role: 'img', 'aria-label': 'the run graph',
    }) as SVGSVGElement;
    const defs = svg('defs');
    const marker = svg('marker', { id: 'arrow', viewBox: '0 0 10 10', refX: 10, refY: 5, markerWidth: 7, markerHeight: 7, orient: 'auto-start-reverse' });
    marker.append(svg('path', { d: 'M 0 0 L 10 5 L 0 10 z', class: 'arrowhead' }));
    defs.append(marker);
    this.el.append(defs);

    for (const e of g.edges()) {
      const pts = (g.edge(e) as any).points as { x: number; y: number }[];
      const d = pts.map((p, i) => `${i ? 'L' : 'M'} ${p.x} ${p.y}`).join(' ');
      this.el.append(svg('path', { d, class: 'edge', 'data-testid': 'dag-edge', 'data-from': e.v, 'data-to': e.w, 'marker-end': 'url(#arrow)' }));
    }
    for (const n of nodes.filter((x) => x.loop && g.hasNode(x.loop.backTo))) {
      const a = g.node(n.id) as any;
      const b = g.node(n.loop.backTo) as any;
      const top = Math.min(a.y, b.y) - H / 2 - 8;
      this.el.append(svg('path', {
        d: `M ${a.x} ${a.y - a.height / 2} C ${a.x} ${top - 30}, ${b.x} ${top - 30}, ${b.x} ${b.y - b.height / 2}`,
        class: 'edge loop', 'data-testid': 'dag-loop', 'data-from': n.id, 'data-to': n.loop.backTo, 'marker-end': 'url(#arrow)',
      }));
    }
    for (const n of nodes) {
      const p = g.node(n.id) as any;
      const box = svg('g', {
        class: 'node', 'data-testid': 'dag-node', 'data-node': n.id, 'data-status': n.status, tabindex: 0,
        transform: `translate(${p.x - p.width / 2}, ${p.y - p.height / 2})`,
      }) as SVGGElement;
      box.append(svg('rect', { width: p.width, height: p.height, rx: 8, class: 'box' }));
      const title = svg('text', { x: 10, y: 18, class: 'title' });
      title.textContent = n.id;
      const target = svg('text', { x: 10, y: 33, class: 'target' });
      target.textContent = `${n.kind === 'skill' ? '◆' : '⚙'} ${n.target}`;
      const state = svg('text', { x: 10, y: 49, class: 'state', 'data-testid': 'dag-node-state' });
      box.append(title, target, state, svg('g', { class: 'instances' }));
      box.addEventListener('click', () => onSelect(n.id));
      box.addEventListener('keydown', (ev) => { if ((ev as KeyboardEvent).key === 'Enter') onSelect(n.id); });
      this.el.append(box);
      this.boxes.set(n.id, box);
      this.update(n);
    }
  }

  /** Shows a node's status, iteration and instances. */
  update(n: any): void {
    const box = this.boxes.get(n.id);
    if (!box) return;
    if (box.getAttribute('data-status') !== n.status) box.setAttribute('data-status', n.status);
    const extra: string[] = [];
    if (n.loop || (n.iteration ?? 1) > 1) extra.push(`iteration ${n.iteration ?? 1}${n.loop ? `/${n.loop.maxIterations}` : ''}`);
    if (n.forEach) extra.push(`for_each ×${n.forEach.count ?? '?'}`);
    const text = [n.status, ...extra].join(' · ');
    const state = box.querySelector('.state')!;
    if (state.textContent !== text) state.textContent = text;
    box.setAttribute('data-iteration', String(n.iteration ?? 1));
    const group = box.querySelector('.instances')!;
    const instances: any[] = n.instances ?? [];
    if (group.childElementCount !== Math.min(instances.length, 24)) {
      group.replaceChildren(...instances.slice(0, 24).map((inst, i) =>
        svg('circle', { cx: 14 + i * 7, cy: H + 4, r: 3, class: 'instance', 'data-testid': 'instance', 'data-instance': inst.id })));
    }
    instances.slice(0, 24).forEach((inst, i) => {
      const c = group.children[i];
      if (c && c.getAttribute('data-status') !== inst.status) c.setAttribute('data-status', inst.status);
    });
  }

  select(id: string | null): void {
    for (const [k, b] of this.boxes) b.classList.toggle('selected', k === id);
  }
}
