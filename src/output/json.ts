import { sentenceAt, type Attribution, type Document, type Entity, type Mention, type Part, type Span } from '../document/index.js';

/** The JSON contract (shared SCHEMA.md, `dossier.document/1`), with dossier's extensions. */
export interface OutputSpan {
  start: number;
  end: number;
}

export interface OutputDocument {
  schema: 'dossier.document/1';
  id: string;
  source: { path?: string; url?: string; format: string; fetched?: string; encoding?: string };
  title?: string;
  byline?: string;
  date?: string;
  language?: string;
  text: string;
  entities: {
    id: string;
    type: string;
    name: string;
    roles: string[];
    mentions: (OutputSpan & { kind: string; rule: string })[];
  }[];
  attributions: {
    id: string;
    kind: string;
    source: (OutputSpan & { entity: string | null; text: string }) | null;
    cue: OutputSpan & { text: string; spans: OutputSpan[] };
    content: OutputSpan & { text: string; spans: OutputSpan[] };
    rule: string;
    sentence?: OutputSpan;
  }[];
  events: unknown[];
  artifacts: unknown[];
  claims: { id: string; holder: string; attributions: string[]; about: string; gist: string; evidence: OutputSpan[]; rule: string }[];
  relations: { id: string; from: string; to: string; kind: string; sign: string; weight: number; evidence: OutputSpan[]; rule: string }[];
  removed: { text: string; reason: string; rule: string }[];
  messages: { reason: string; code: string; stage: string; fatal: boolean }[];
}

const span = (s: Span): OutputSpan => ({ start: s.start, end: s.end });
const part = (text: string, p: Part) => ({ start: p.start, end: p.end, text: text.slice(p.start, p.end), spans: p.spans.map(span) });

/** Map a Document to the JSON contract. */
export function toJson(doc: Document): OutputDocument {
  const mentions = new Map<string, Mention>((doc.layers.mentions ?? []).map((m) => [m.id, m]));
  const entities = doc.layers.entities ?? [];
  const sentences = doc.layers.sentences ?? [];
  return {
    schema: 'dossier.document/1',
    id: doc.id,
    source: { ...doc.source },
    ...(doc.meta.title ? { title: doc.meta.title } : {}),
    ...(doc.meta.byline ? { byline: doc.meta.byline } : {}),
    ...(doc.meta.date ? { date: doc.meta.date } : {}),
    language: doc.meta.language ?? 'en',
    text: doc.text,
    entities: entities.map((e: Entity) => ({
      id: e.id,
      type: e.type,
      name: e.name,
      roles: [...e.roles],
      mentions: e.mentions
        .map((id) => mentions.get(id))
        .filter((m): m is Mention => !!m)
        .map((m) => ({ start: m.start, end: m.end, kind: m.kind, rule: m.rule })),
    })),
    attributions: (doc.layers.attributions ?? []).map((a: Attribution) => {
      const si = sentenceAt(sentences, a.content.start);
      const s = si >= 0 ? sentences[si] : undefined;
      return {
        id: a.id,
        kind: a.kind,
        source: a.source ? { start: a.source.start, end: a.source.end, entity: a.source.entity ?? null, text: doc.text.slice(a.source.start, a.source.end) } : null,
        cue: part(doc.text, a.cue),
        content: part(doc.text, a.content),
        rule: a.rule,
        ...(s ? { sentence: span(s) } : {}),
      };
    }),
    events: (doc.layers.events ?? []).map((e) => ({
      id: e.id,
      type: e.type,
      actors: [...e.actors],
      targets: [...e.targets],
      ...(e.place ? { place: e.place } : {}),
      ...(e.time ? { time: e.time } : {}),
      ...(e.date ? { date: e.date } : {}),
      modality: e.modality,
      ...(e.cameo ? { cameo: e.cameo } : {}),
      evidence: span(e),
      trigger: span(e.trigger),
      spans: e.evidence.map(span),
      rule: e.rule,
    })),
    artifacts: (doc.layers.artifacts ?? []).map((a) => ({
      kind: a.kind,
      start: a.start,
      end: a.end,
      original: a.original,
      ...(a.script ? { script: a.script } : {}),
      ...(a.restored ? { restored: a.restored } : {}),
      ...(a.suggestion ? { suggestion: a.suggestion } : {}),
      ...(a.scheme ? { scheme: a.scheme } : {}),
      ...(a.lemma ? { lemma: a.lemma } : {}),
      rule: a.rule,
    })),
    claims: (doc.layers.claims ?? []).map((c) => ({
      id: c.id,
      holder: c.holder,
      attributions: [...c.attributions],
      about: c.about,
      gist: c.gist,
      evidence: c.evidence.map(span),
      rule: c.rule,
    })),
    relations: (doc.layers.relations ?? []).map((r) => ({
      id: r.id,
      from: r.from,
      to: r.to,
      kind: r.kind,
      sign: r.sign,
      weight: r.weight,
      evidence: r.evidence.map(span),
      rule: r.rule,
    })),
    removed: doc.removed.map((r) => ({ ...r })),
    messages: doc.messages.map((m) => ({ reason: m.reason, code: m.code, stage: m.stage, fatal: m.fatal })),
  };
}
