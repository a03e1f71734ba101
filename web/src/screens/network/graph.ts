// The network drawing: Cytoscape.js on a canvas, laid out by fcose (a
// force layout). Used by the network explorer and by the ego-network
// picture of a stakeholder's page; both load it lazily (it is the heaviest
// code of the app), so the first screen never carries it.
//
// Big networks (2,000 stakeholders, 20,000 ties) stay interactive: one
// layout with few iterations, computed once and then fixed (a later asOf
// keeps the positions and only adds or removes ties); edges hidden and the
// canvas drawn from a texture while panning or zooming; pixel ratio 1;
// straight "haystack" edges; labels only once zoomed in.
import cytoscape, { type Core, type ElementDefinition } from 'cytoscape';
import fcose from 'cytoscape-fcose';
import { communityColour, communityShape } from './palette';

cytoscape.use(fcose);

export interface GraphNode {
  id: string;
  label: string;
  community: number;
  /** 0 to 1: the chosen centrality, scaled. */
  size: number;
}

export interface GraphEdge {
  source: string;
  target: string;
  relation: string;
  weight: number;
}

export interface GraphOptions {
  onSelect?: (id: string | null) => void;
  /** the node drawn as the centre (ego networks). */
  centre?: string;
  /** small pictures: smaller nodes, labels always shown. */
  compact?: boolean;
}

export interface GraphView {
  cy: Core;
  /** setData replaces the graph; relayout: lay it out again even if positions are known. */
  setData(nodes: GraphNode[], edges: GraphEdge[], relayout: boolean): Promise<void>;
  setSizes(size: (id: string) => number): void;
  select(id: string | null, opts?: { centre?: boolean }): void;
  highlightPath(ids: string[]): void;
  destroy(): void;
}

/** big is where the cheap settings start. */
const big = 400;

// Cytoscape adds a <style> element for its containers unless an element
// with this id exists; the CSP refuses inline styles, so the rule is in
// network.css and this placeholder stops the insertion.
function markStylesheet() {
  const id = '__________cytoscape_stylesheet';
  if (document.getElementById(id)) return;
  const m = document.createElement('meta');
  m.id = id;
  document.head.appendChild(m);
}

/**
 * clusterPositions is the cheap layout of big networks, O(n log n): each
 * community a sunflower (the most central in the middle), the communities
 * packed along a spiral, the largest in the centre.
 */
function clusterPositions(nodes: GraphNode[]): Map<string, { x: number; y: number }> {
  const golden = Math.PI * (3 - Math.sqrt(5));
  const step = 14;
  const groups = new Map<number, GraphNode[]>();
  for (const n of nodes) groups.set(n.community, [...(groups.get(n.community) ?? []), n]);
  const ordered = [...groups.values()].sort((a, b) => b.length - a.length);
  const placed: { x: number; y: number; r: number }[] = [];
  const out = new Map<string, { x: number; y: number }>();
  let k = 0;
  for (const members of ordered) {
    const r = step * Math.sqrt(members.length) + step;
    let cx = 0;
    let cy = 0;
    for (; ; k++) {
      const rr = 4 * step * Math.sqrt(k);
      cx = rr * Math.cos(k * golden);
      cy = rr * Math.sin(k * golden);
      if (placed.every((p) => Math.hypot(p.x - cx, p.y - cy) > p.r + r)) break;
    }
    placed.push({ x: cx, y: cy, r });
    members.sort((a, b) => b.size - a.size);
    members.forEach((n, i) => {
      const rr = step * Math.sqrt(i + 0.5);
      out.set(n.id, { x: cx + rr * Math.cos(i * golden), y: cy + rr * Math.sin(i * golden) });
    });
  }
  return out;
}

export function createGraph(container: HTMLElement, opts: GraphOptions = {}): GraphView {
  markStylesheet();
  const cy = cytoscape({
    container,
    pixelRatio: 1,
    hideEdgesOnViewport: true,
    textureOnViewport: true,
    motionBlur: false,
    boxSelectionEnabled: false,
    minZoom: 0.05,
    maxZoom: 6,
    style: [
      {
        selector: 'node',
        style: {
          'background-color': 'data(colour)',
          shape: 'data(shape)' as any,
          width: 'data(d)',
          height: 'data(d)',
          'border-width': 1,
          'border-color': '#1b1b1b',
          label: 'data(label)',
          'font-size': opts.compact ? 9 : 10,
          color: '#1b1b1b',
          'text-valign': 'bottom',
          'text-margin-y': 2,
          'text-outline-color': '#ffffff',
          'text-outline-width': 2,
          // No labels until zoomed in enough to read them.
          'min-zoomed-font-size': opts.compact ? 0 : 9,
        },
      },
      {
        selector: 'edge',
        style: {
          'curve-style': 'haystack',
          width: 'data(w)',
          // Opaque and light: no alpha blending for each of 20,000 lines.
          'line-color': '#b4bcc4',
        },
      },
      { selector: 'node.centre', style: { 'border-width': 4, 'border-color': '#1b1b1b' } },
      { selector: 'node:selected', style: { 'border-width': 4, 'border-color': '#1b1b1b', 'z-index': 10 } },
      { selector: '.faded', style: { opacity: 0.12 } },
      { selector: 'node.near', style: { 'min-zoomed-font-size': 0 } },
      { selector: 'edge.path', style: { 'line-color': '#d55e00', width: 5, opacity: 1 } },
      { selector: 'node.path', style: { 'border-color': '#d55e00', 'border-width': 4, opacity: 1, 'min-zoomed-font-size': 0 } },
    ],
  });
  // The tests pan it programmatically to measure the frame rate.
  (container as HTMLElement & { cy?: Core }).cy = cy;

  const maxDiameter = opts.compact ? 26 : 40;
  const diameter = (size: number) => (opts.compact ? 10 : 7) + Math.sqrt(Math.max(0, Math.min(1, size))) * (maxDiameter - (opts.compact ? 10 : 7));

  cy.on('tap', 'node', (e) => opts.onSelect?.(e.target.id()));
  cy.on('tap', (e) => {
    if (e.target === cy) opts.onSelect?.(null);
  });

  function runLayout(nodes: GraphNode[]): Promise<void> {
    const n = nodes.length;
    if (n > big) {
      // fcose takes minutes here: a layout computed once, in O(n log n).
      const pos = clusterPositions(nodes);
      cy.batch(() => cy.nodes().forEach((x) => void x.position(pos.get(x.id()) ?? { x: 0, y: 0 })));
      cy.fit(undefined, 20);
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const layout = cy.layout({
        name: 'fcose',
        quality: 'default',
        randomize: true,
        animate: false,
        fit: true,
        padding: 20,
        nodeDimensionsIncludeLabels: false,
        numIter: 1500,
        nodeRepulsion: () => 6000,
        idealEdgeLength: () => 70,
        edgeElasticity: () => 0.3,
        gravity: 0.3,
        tile: true,
      } as any);
      layout.one('layoutstop', () => resolve());
      layout.run();
    });
  }

  return {
    cy,
    async setData(nodes, edges, relayout) {
      const known = new Map<string, { x: number; y: number }>();
      if (!relayout) cy.nodes().forEach((n) => void known.set(n.id(), { ...n.position() }));
      const maxW = Math.max(1, ...edges.map((e) => e.weight));
      const els: ElementDefinition[] = [];
      const ids = new Set(nodes.map((n) => n.id));
      const unplaced: string[] = [];
      for (const n of nodes) {
        const pos = known.get(n.id);
        if (!pos) unplaced.push(n.id);
        els.push({
          group: 'nodes',
          data: { id: n.id, label: n.label, colour: communityColour(n.community), shape: communityShape(n.community), d: diameter(n.size) },
          classes: n.id === opts.centre ? 'centre' : undefined,
          position: pos ? { ...pos } : { x: 0, y: 0 },
        });
      }
      for (const e of edges) {
        if (!ids.has(e.source) || !ids.has(e.target)) continue;
        els.push({
          group: 'edges',
          data: { id: `${e.source}|${e.target}|${e.relation}`, source: e.source, target: e.target, w: 0.8 + (4 * (e.weight - 1)) / Math.max(1, maxW - 1) },
        });
      }
      cy.batch(() => {
        cy.elements().remove();
        cy.add(els);
      });
      if (unplaced.length === nodes.length) {
        await runLayout(nodes);
      } else if (unplaced.length > 0) {
        // New stakeholders go beside the neighbours already placed.
        const bb = cy.nodes().boundingBox({});
        cy.batch(() => {
          for (const id of unplaced) {
            const n = cy.getElementById(id);
            const placed = n.neighborhood('node').filter((m) => known.has(m.id()));
            if (placed.length > 0) {
              const p = placed[0].position();
              n.position({ x: p.x + Math.random() * 30 - 15, y: p.y + Math.random() * 30 - 15 });
            } else {
              n.position({ x: bb.x1 + Math.random() * bb.w, y: bb.y1 + Math.random() * bb.h });
            }
          }
        });
      }
    },
    setSizes(size) {
      cy.batch(() => cy.nodes().forEach((n) => void n.data('d', diameter(size(n.id())))));
    },
    select(id, o = {}) {
      cy.batch(() => {
        cy.elements().removeClass('faded near path');
        cy.nodes().unselect();
        if (!id) return;
        const n = cy.getElementById(id);
        if (n.empty()) return;
        n.select();
        const ego = n.closedNeighborhood();
        cy.elements().not(ego).addClass('faded');
        ego.nodes().addClass('near');
      });
      if (id && o.centre) {
        const n = cy.getElementById(id);
        if (n.nonempty()) cy.animate({ center: { eles: n }, duration: 200 });
      }
    },
    highlightPath(ids) {
      cy.batch(() => {
        cy.elements().removeClass('path');
        if (ids.length === 0) return;
        cy.elements().addClass('faded');
        for (let i = 0; i < ids.length; i++) {
          cy.getElementById(ids[i]).removeClass('faded').addClass('path');
          if (i > 0) {
            const a = ids[i - 1];
            const b = ids[i];
            cy.edges().filter((e) => (e.source().id() === a && e.target().id() === b) || (e.source().id() === b && e.target().id() === a)).removeClass('faded').addClass('path');
          }
        }
      });
    },
    destroy() {
      cy.destroy();
    },
  };
}
