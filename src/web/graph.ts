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
  const nodes: Graph['nodes'][number][] = [];
  const keep = new Set<string>();
  for (const [id, degree] of ranked) {
    if (nodes.length >= limit) break;
    const l = label(id);
    if (!l) continue;
    keep.add(id);
    nodes.push({ id, label: l.name, type: l.type, degree });
  }
  const edges: GraphEdge[] = [];
  for (const { evidence: _evidence, ...e } of index.edges.values()) if (keep.has(e.source) && keep.has(e.target)) edges.push(e);
  return { nodes, edges, total: { nodes: index.degree.size, edges: index.edges.size } };
}

/** The sign words of relations, for the legend. */
export const SIGNS: readonly Sign[] = ['cooperation', 'conflict', 'neutral'];
