/**
 * A data source over documents held in memory (`dossier serve FILE...`): files analysed when the
 * server starts, no database. People are joined across the files by their normalised name
 * (`corpus/names.ts` `nameKey`), as the corpus store does before its fuzzier merges.
 */
import { nameKey } from '../corpus/names.js';
import type { OutputDocument } from '../output/index.js';
import { timeOf } from './dates.js';
import { indexGraph, topGraph, type GraphIndex, type RelationRow } from './graph.js';
import { MAX_SAID_ARTICLES } from './types.js';
import type { ArticleSummary, DataSource, Graph, EdgeEvidence, PersonPage, PersonQuote, PersonSummary, TimelineEvent } from './types.js';

interface Actor {
  id: string;
  type: string;
  names: Map<string, number>;
  roles: Map<string, number>;
  articles: Set<string>;
  mentions: number;
  quotes: number;
}

const summary = (d: OutputDocument): ArticleSummary => ({
  id: d.id,
  title: d.title ?? d.source.path ?? d.id.slice(0, 12),
  ...(d.date ? { date: d.date } : {}),
  ...(d.source.url ? { url: d.source.url } : {}),
});

const words = (q: string): string[] => (q.toLowerCase().match(/[\p{L}\p{N}_]+/gu) ?? []).filter(Boolean);

/** A snippet around the first of the words, the words between ** marks. */
function snippet(text: string, ws: readonly string[]): string {
  const lower = text.toLowerCase();
  const at = Math.max(0, Math.min(...ws.map((w) => lower.indexOf(w)).filter((i) => i >= 0)));
  const from = Math.max(0, at - 60);
  let s = text.slice(from, from + 200).replace(/\s+/g, ' ');
  for (const w of ws) s = s.replace(new RegExp(`(${w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')})`, 'giu'), '**$1**');
  return `${from > 0 ? '…' : ''}${s.trim()}…`;
}

const byDateDesc = (a: { date?: string | null }, b: { date?: string | null }): number => timeOf(b.date) - timeOf(a.date) || 0;

/**
 * A data source over analysed documents.
 * @example memorySource([toJson(doc)]).articles('', 10)[0].id === doc.id
 */
export function memorySource(docs: readonly OutputDocument[]): DataSource {
  const byId = new Map(docs.map((d) => [d.id, d]));
  const actors = new Map<string, Actor>();
  /** `docId entityId` → actor id */
  const actorOf = new Map<string, string>();
  for (const d of docs) {
    const speakers = new Map<string, number>();
    for (const a of d.attributions) if (a.source?.entity) speakers.set(a.source.entity, (speakers.get(a.source.entity) ?? 0) + 1);
    for (const e of d.entities) {
      const key = `${e.type}:${nameKey(e.type, e.name)}`;
      let actor = actors.get(key);
      if (!actor) {
        actor = { id: `p${actors.size + 1}`, type: e.type, names: new Map(), roles: new Map(), articles: new Set(), mentions: 0, quotes: 0 };
        actors.set(key, actor);
      }
      actor.names.set(e.name, (actor.names.get(e.name) ?? 0) + 1);
      for (const r of e.roles) actor.roles.set(r, (actor.roles.get(r) ?? 0) + 1);
      actor.articles.add(d.id);
      actor.mentions += e.mentions.length;
      actor.quotes += speakers.get(e.id) ?? 0;
      actorOf.set(`${d.id} ${e.id}`, actor.id);
    }
  }
  const actorById = new Map([...actors.values()].map((a) => [a.id, a]));
  const nameOf = (a: Actor): string => [...a.names].sort((x, y) => y[1] - x[1] || y[0].length - x[0].length)[0][0];
  const personSummary = (a: Actor): PersonSummary => ({
    id: a.id,
    name: nameOf(a),
    type: a.type,
    roles: [...a.roles].sort((x, y) => y[1] - x[1]).slice(0, 8).map(([r]) => r),
    articles: a.articles.size,
    mentions: a.mentions,
    quotes: a.quotes,
  });
  const entityName = (d: OutputDocument, id: string): string => d.entities.find((e) => e.id === id)?.name ?? id;

  let graphIndex: GraphIndex | undefined;
  const graphs = new Map<number, Graph>();
  const relationRows = function* (): Generator<RelationRow> {
    for (const d of docs) {
      for (const r of d.relations) {
        const from = actorOf.get(`${d.id} ${r.from}`);
        const to = actorOf.get(`${d.id} ${r.to}`);
        const ev = r.evidence[0];
        if (!from || !to || !ev) continue;
        yield { article: d.id, from, to, kind: r.kind, sign: r.sign, weight: r.weight, start: ev.start, end: ev.end, rule: r.rule };
      }
    }
  };
  const index = (): GraphIndex => (graphIndex ??= indexGraph(relationRows()));

  return {
    mode: 'files',
    stats: () => ({
      articles: docs.length,
      people: [...actors.values()].filter((a) => a.type === 'PERSON').length,
      attributions: docs.reduce((n, d) => n + d.attributions.length, 0),
      mode: 'files',
    }),
    articles(q, limit) {
      const ws = words(q);
      if (!ws.length) return [...docs].map(summary).sort(byDateDesc).slice(0, limit);
      const hits: ArticleSummary[] = [];
      for (const d of docs) {
        const hay = `${d.title ?? ''}\n${d.text}`.toLowerCase();
        if (ws.every((w) => hay.includes(w))) hits.push({ ...summary(d), snippet: snippet(d.text, ws) });
      }
      return hits.slice(0, limit);
    },
    article: (id) => byId.get(id),
    people(q, type, limit) {
      const ws = words(q);
      return [...actors.values()]
        .filter((a) => a.type === type && (!ws.length || ws.every((w) => [...a.names.keys()].some((n) => n.toLowerCase().includes(w)))))
        .sort((a, b) => b.articles.size - a.articles.size || b.quotes - a.quotes || b.mentions - a.mentions)
        .slice(0, limit)
        .map(personSummary);
    },
    person(id) {
      const actor = actorById.get(id);
      if (!actor) return undefined;
      const said: { article: ArticleSummary; quotes: PersonQuote[] }[] = [];
      const articles: ArticleSummary[] = [];
      for (const docId of actor.articles) {
        const d = byId.get(docId)!;
        articles.push(summary(d));
        const quotes = d.attributions
          .filter((a) => a.source?.entity && actorOf.get(`${d.id} ${a.source.entity}`) === id)
          .map((a) => ({ id: a.id, kind: a.kind, cue: a.cue.text, content: a.content.text, source: a.source?.text ?? null, start: a.content.start, end: a.content.end }));
        if (quotes.length) said.push({ article: summary(d), quotes });
      }
      said.sort((a, b) => byDateDesc(a.article, b.article));
      articles.sort(byDateDesc);
      return { person: personSummary(actor), said: said.slice(0, MAX_SAID_ARTICLES), saidIn: said.length, articles: articles.slice(0, 100) } satisfies PersonPage;
    },
    graph(limit) {
      let g = graphs.get(limit);
      if (!g) {
        g = topGraph(index(), limit, (id) => {
          const a = actorById.get(id);
          return a ? { name: nameOf(a), type: a.type } : undefined;
        });
        graphs.set(limit, g);
      }
      return g;
    },
    edge(id) {
      const e = index().edges.get(id);
      if (!e) return undefined;
      const { evidence, ...edge } = e;
      return {
        edge,
        from: nameOf(actorById.get(e.source)!),
        to: nameOf(actorById.get(e.target)!),
        items: evidence.map((ev) => {
          const d = byId.get(String(ev.article))!;
          return { article: summary(d), kind: ev.kind, sign: ev.sign, rule: ev.rule, start: ev.start, end: ev.end, text: d.text.slice(ev.start, ev.end) };
        }),
      } satisfies EdgeEvidence;
    },
    timeline(limit, person) {
      const out: TimelineEvent[] = [];
      for (const d of docs) {
        for (const raw of d.events) {
          const e = raw as { id: string; type: string; modality: string; actors: string[]; targets?: string[]; place?: string; time?: string; date?: string; evidence: { start: number; end: number } };
          const ids = [...e.actors, ...(e.targets ?? [])];
          if (person && !ids.some((x) => actorOf.get(`${d.id} ${x}`) === person)) continue;
          out.push({
            id: e.id,
            date: e.date ?? d.date ?? null,
            article: summary(d),
            type: e.type,
            modality: e.modality,
            actors: e.actors.map((x) => entityName(d, x)),
            targets: (e.targets ?? []).map((x) => entityName(d, x)),
            ...(e.place ? { place: entityName(d, e.place) } : {}),
            ...(e.time ? { time: e.time } : {}),
            start: e.evidence.start,
            end: e.evidence.end,
            text: d.text.slice(e.evidence.start, e.evidence.end),
          });
        }
      }
      return out.sort(byDateDesc).slice(0, limit);
    },
    close() {},
  };
}
