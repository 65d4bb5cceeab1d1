import { spansWithin, type Document, type Entity, type Relation, type RelationSign, type Span } from '../document/index.js';
import { COOPERATION, CONFLICT } from './rules/signs.js';

const stem = (list: readonly string[]): RegExp => new RegExp(`(?:^|[^\\p{L}])(?:${list.join('|')})`, 'giu');
const coop = stem(COOPERATION);
const conf = stem(CONFLICT);

const EVENT_SIGN: Readonly<Record<string, RelationSign>> = {
  visit: 'cooperation',
  meeting: 'cooperation',
  call: 'cooperation',
  agreement: 'cooperation',
  sanctions: 'conflict',
  'military action': 'conflict',
};

/** Count the cooperation and conflict words in a text; the larger count gives the sign. */
export function signOf(text: string): RelationSign {
  const c = text.match(coop)?.length ?? 0;
  const k = text.match(conf)?.length ?? 0;
  return c > k ? 'cooperation' : k > c ? 'conflict' : 'neutral';
}

/**
 * Actor-to-actor relations. From events: the actor meets, calls, visits (a person or a
 * place), signs with or sanctions the other, with the sign of the event type. From
 * attributions: the speaker speaks about each person, organisation or place named in
 * the content, with the sign of the words around the name (cooperation or conflict
 * words in the content's clause). Edges with the same ends and kind are merged: weight
 * counts them, the sign is the most frequent, every piece of evidence is kept.
 */
export function findRelations(doc: Document): Relation[] {
  const entities = doc.layers.entities ?? [];
  const mentions = doc.layers.mentions ?? [];
  const text = doc.text;
  const edges = new Map<string, { from: string; to: string; kind: string; signs: RelationSign[]; evidence: Span[]; rule: string }>();
  const add = (from: string, to: string, kind: string, sign: RelationSign, evidence: Span, rule: string): void => {
    if (from === to) return;
    const key = `${from}|${to}|${kind}`;
    const e = edges.get(key) ?? { from, to, kind, signs: [], evidence: [], rule };
    e.signs.push(sign);
    e.evidence.push(evidence);
    edges.set(key, e);
  };
  for (const v of doc.layers.events ?? []) {
    const sign = EVENT_SIGN[v.type] ?? 'neutral';
    const kind = v.type === 'visit' ? 'visits' : v.type === 'meeting' ? 'meets' : v.type === 'call' ? 'calls' : v.type === 'agreement' ? 'agrees-with' : v.type === 'sanctions' ? 'sanctions' : 'acts-against';
    for (const actor of v.actors) {
      for (const t of v.targets) add(actor, t, kind, sign, { start: v.start, end: v.end }, 'relations/event');
      if (v.place && v.type === 'visit') add(actor, v.place, kind, sign, { start: v.start, end: v.end }, 'relations/event-place');
    }
  }
  const byId = new Map<string, Entity>(entities.map((e) => [e.id, e]));
  // Mentions in text order, so that each content reads only the mentions inside it (linear in the text).
  const ordered = mentions.filter((m) => m.entity).sort((x, y) => x.start - y.start);
  for (const a of doc.layers.attributions ?? []) {
    const speaker = a.source?.entity;
    if (!speaker || !byId.has(speaker)) continue;
    for (const span of a.content.spans) {
      for (const m of spansWithin(ordered, span.start, span.end)) {
        if (!m.entity || m.entity === speaker) continue;
        const target = byId.get(m.entity);
        if (!target || target.type === 'MISC') continue;
        // The words of the clause around the name give the sign.
        const from = Math.max(span.start, clauseStart(text, m.start, span.start));
        const to = Math.min(span.end, clauseEnd(text, m.end, span.end));
        add(speaker, m.entity, 'speaks-about', signOf(text.slice(from, to)), { start: from, end: to }, 'relations/speaks-about');
      }
    }
  }
  return [...edges.values()].map((e, k) => ({
    id: `l${k + 1}`,
    from: e.from,
    to: e.to,
    kind: e.kind,
    sign: majority(e.signs),
    weight: e.signs.length,
    evidence: e.evidence,
    rule: e.rule,
  }));
}

function majority(signs: readonly RelationSign[]): RelationSign {
  const c = signs.filter((s) => s === 'cooperation').length;
  const k = signs.filter((s) => s === 'conflict').length;
  return c > k ? 'cooperation' : k > c ? 'conflict' : 'neutral';
}

function clauseStart(text: string, at: number, limit: number): number {
  for (let i = at - 1; i > limit && at - i < 200; i--) if (/[.;:!?]/.test(text[i])) return i + 1;
  return Math.max(limit, at - 200);
}

function clauseEnd(text: string, at: number, limit: number): number {
  for (let i = at; i < limit && i - at < 200; i++) if (/[.;:!?]/.test(text[i])) return i;
  return Math.min(limit, at + 200);
}
