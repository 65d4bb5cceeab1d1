/**
 * The actor graph of the web views, from the documents' `relations` (who meets, visits, speaks
 * about whom): relations between the same two actors, over all articles, make one edge that keeps
 * its evidence (article and span of each relation, up to {@link MAX_EVIDENCE}).
 */
import type { Graph, GraphEdge, Sign } from './types.js';

/** One relation of one article, with its ends resolved to corpus-wide actor ids. */
export interface RelationRow {
  /** The article, as the data source knows it (a row id or a document id). */
  readonly article: string | number;
  readonly from: string;
  readonly to: string;
  readonly kind: string;
  readonly sign: string;
  readonly weight: number;
  readonly start: number;
  readonly end: number;
  readonly rule: string;
}

export interface EvidenceRef {
  readonly article: string | number;
  readonly kind: string;
  readonly sign: string;
  readonly rule: string;
  readonly start: number;
  readonly end: number;
}

interface EdgeAcc {
  id: string;
  source: string;
  target: string;
  kinds: Set<string>;
  signs: Record<string, number>;
  weight: number;
  count: number;
  evidence: EvidenceRef[];
}

/** Edges drawn per node shown, at most (the strongest). */
export const MAX_EDGES_PER_NODE = 4;

/** Evidence kept per edge. */
export const MAX_EVIDENCE = 50;

/** A built graph: every edge with its evidence, and the degree of every actor. */
export interface GraphIndex {
  readonly edges: ReadonlyMap<string, GraphEdge & { readonly evidence: readonly EvidenceRef[] }>;
  readonly degree: ReadonlyMap<string, number>;
}

const signOf = (signs: Record<string, number>): GraphEdge['sign'] => {
  if ((signs.cooperation ?? 0) > 0 && (signs.conflict ?? 0) > 0) return 'mixed';
  if (signs.conflict) return 'conflict';
  if (signs.cooperation) return 'cooperation';
  return 'neutral';
};

/**
 * Aggregate relations into edges (one per ordered pair of actors).
 * @example indexGraph([{ article: 1, from: '3', to: '7', kind: 'meets', sign: 'cooperation', weight: 1, start: 0, end: 20, rule: 'r' }]).edges.size === 1
 */
export function indexGraph(rows: Iterable<RelationRow>): GraphIndex {
  const byPair = new Map<string, EdgeAcc>();
  const degree = new Map<string, number>();
  for (const r of rows) {
    if (r.from === r.to) continue;
    const key = `${r.from}\u0000${r.to}`;
    let e = byPair.get(key);
    if (!e) {
      e = { id: `r${byPair.size + 1}`, source: r.from, target: r.to, kinds: new Set(), signs: {}, weight: 0, count: 0, evidence: [] };
      byPair.set(key, e);
    }
    e.kinds.add(r.kind);
    e.signs[r.sign] = (e.signs[r.sign] ?? 0) + 1;
    e.weight += Number.isFinite(r.weight) ? r.weight : 1;
    e.count++;
    if (e.evidence.length < MAX_EVIDENCE) e.evidence.push({ article: r.article, kind: r.kind, sign: r.sign, rule: r.rule, start: r.start, end: r.end });
    degree.set(r.from, (degree.get(r.from) ?? 0) + 1);
    degree.set(r.to, (degree.get(r.to) ?? 0) + 1);
  }
  const edges = new Map<string, GraphEdge & { evidence: readonly EvidenceRef[] }>();
  for (const e of byPair.values()) {
    edges.set(e.id, {
      id: e.id,
      source: e.source,
      target: e.target,
      kinds: [...e.kinds].sort(),
      sign: signOf(e.signs),
      weight: Math.round(e.weight * 100) / 100,
      count: e.count,
      evidence: e.evidence,
    });
  }
  return { edges, degree };
}

/**
 * The most connected part of the graph: the `limit` actors with the highest degree and the edges
 * between them. `label` names an actor (undefined drops it).
 */
export function topGraph(index: GraphIndex, limit: number, label: (id: string) => { name: string; type: string } | undefined): Graph {
  const ranked = [...index.degree].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const nodes: Omit<Graph['nodes'][number], 'x' | 'y'>[] = [];
  const keep = new Set<string>();
  for (const [id, degree] of ranked) {
    if (nodes.length >= limit) break;
    const l = label(id);
    if (!l) continue;
    keep.add(id);
    nodes.push({ id, label: l.name, type: l.type, degree });
  }
  let edges: GraphEdge[] = [];
  for (const { evidence: _evidence, ...e } of index.edges.values()) if (keep.has(e.source) && keep.has(e.target)) edges.push(e);
  // The strongest edges only (MAX_EDGES_PER_NODE per node): a hairball helps nobody, and draws slowly.
  if (edges.length > limit * MAX_EDGES_PER_NODE) edges = edges.sort((a, b) => b.count - a.count || b.weight - a.weight || (a.id < b.id ? -1 : 1)).slice(0, limit * MAX_EDGES_PER_NODE);
  // The canvas grows with the number of actors, so that nodes and labels keep a readable size once fitted.
  const at = layout(nodes.map((x) => x.id), edges, Math.max(240, Math.round(90 * Math.sqrt(nodes.length))));
  return { nodes: nodes.map((x) => ({ ...x, ...at.get(x.id)! })), edges, total: { nodes: index.degree.size, edges: index.edges.size } };
}

/**
 * Positions for the nodes (Fruchterman–Reingold force layout): deterministic, since nodes start
 * on a circle in their order, and quick (a few ms for 100 nodes), so that the browser only draws.
 * Iterations shrink for large graphs to keep it under about 30 million steps.
 * @example layout(['a', 'b'], [{ source: 'a', target: 'b' }]).get('a')
 */
/** Pull to the centre, as a share of each node's distance from it per step: keeps separate parts of the graph close. */
const GRAVITY = 0.5;

export function layout(ids: readonly string[], edges: readonly { source: string; target: string; weight?: number }[], size = 1000): Map<string, { x: number; y: number }> {
  const n = ids.length;
  const index = new Map(ids.map((id, i) => [id, i]));
  const xs = new Float64Array(n);
  const ys = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    // A spiral rather than a circle, so that no two nodes start opposite and balanced.
    const r = (size / 2) * Math.sqrt((i + 1) / n);
    xs[i] = r * Math.cos(i * 2.399963);
    ys[i] = r * Math.sin(i * 2.399963);
  }
  const links = edges.map((e) => [index.get(e.source), index.get(e.target)] as const).filter((l): l is readonly [number, number] => l[0] !== undefined && l[1] !== undefined);
  const k = Math.sqrt((size * size) / Math.max(1, n));
  const iterations = Math.max(30, Math.min(300, Math.floor(3e7 / Math.max(1, n * n + links.length))));
  const dx = new Float64Array(n);
  const dy = new Float64Array(n);
  let temperature = size / 10;
  for (let it = 0; it < iterations; it++) {
    dx.fill(0);
    dy.fill(0);
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) {
        let ddx = xs[i] - xs[j];
        let ddy = ys[i] - ys[j];
        let d2 = ddx * ddx + ddy * ddy;
        if (d2 < 0.01) {
          ddx = 0.1 * ((i % 7) - 3) || 0.1;
          ddy = 0.1;
          d2 = ddx * ddx + ddy * ddy;
        }
        const f = (k * k) / d2;
        dx[i] += ddx * f;
        dy[i] += ddy * f;
        dx[j] -= ddx * f;
        dy[j] -= ddy * f;
      }
    }
    for (const [a, b] of links) {
      const ddx = xs[a] - xs[b];
      const ddy = ys[a] - ys[b];
      const d = Math.sqrt(ddx * ddx + ddy * ddy) || 0.01;
      const f = d / k;
      dx[a] -= ddx * f;
      dy[a] -= ddy * f;
      dx[b] += ddx * f;
      dy[b] += ddy * f;
    }
    for (let i = 0; i < n; i++) {
      // A weak pull to the centre keeps parts that are not connected in view.
      dx[i] -= xs[i] * GRAVITY;
      dy[i] -= ys[i] * GRAVITY;
      const d = Math.sqrt(dx[i] * dx[i] + dy[i] * dy[i]) || 1;
      const step = Math.min(d, temperature);
      xs[i] += (dx[i] / d) * step;
      ys[i] += (dy[i] / d) * step;
    }
    temperature *= 0.97;
  }
  return new Map(ids.map((id, i) => [id, { x: Math.round(xs[i]), y: Math.round(ys[i]) }]));
}

/** The sign words of relations, for the legend. */
export const SIGNS: readonly Sign[] = ['cooperation', 'conflict', 'neutral'];
