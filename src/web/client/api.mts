/** The JSON API of the server (see src/web/types.ts and the README, "Web"). */

export interface Span {
  start: number;
  end: number;
}

export interface Doc {
  id: string;
  title?: string;
  byline?: string;
  date?: string;
  language?: string;
  source: { path?: string; url?: string; format: string; fetched?: string };
  text: string;
  entities: { id: string; type: string; name: string; roles: string[]; mentions: (Span & { kind: string })[] }[];
  attributions: {
    id: string;
    kind: string;
    source: (Span & { entity: string | null; text: string }) | null;
    cue: Span & { text: string; spans: Span[] };
    content: Span & { text: string; spans: Span[] };
    rule: string;
  }[];
  events: { id: string; type: string; actors: string[]; targets?: string[]; place?: string; time?: string; date?: string; modality: string; evidence: Span }[];
  artifacts: (Span & { kind: string; original: string; restored?: string; suggestion?: string; script?: string })[];
  claims?: { id: string; holder: string; attributions: string[]; about: string; gist: string; evidence: Span[] }[];
  relations?: { id: string; from: string; to: string; kind: string; sign: string }[];
  removed: { text: string; reason: string; rule: string }[];
  messages: { reason: string; code: string; stage: string; fatal: boolean }[];
}

export interface ArticleSummary {
  id: string;
  title: string;
  date?: string;
  url?: string;
  snippet?: string;
}

export interface Person {
  id: string;
  name: string;
  type: string;
  roles: string[];
  articles: number;
  mentions: number;
  quotes: number;
}

export interface PersonPage {
  person: Person;
  said: { article: ArticleSummary; quotes: { id: string; kind: string; cue: string; content: string; source: string | null; start: number; end: number }[] }[];
  saidIn: number;
  articles: ArticleSummary[];
}

export interface GraphEdge {
  id: string;
  source: string;
  target: string;
  kinds: string[];
  sign: string;
  weight: number;
  count: number;
}

export interface Graph {
  nodes: { id: string; label: string; type: string; degree: number; x: number; y: number }[];
  edges: GraphEdge[];
  total: { nodes: number; edges: number };
}

export interface EdgeEvidence {
  edge: GraphEdge;
  from: string;
  to: string;
  items: { article: ArticleSummary; kind: string; sign: string; rule: string; start: number; end: number; text: string }[];
}

export interface TimelineEvent {
  id: string;
  date: string | null;
  article: ArticleSummary;
  type: string;
  modality: string;
  actors: string[];
  targets: string[];
  place?: string;
  time?: string;
  start: number;
  end: number;
  text: string;
}

export interface Stats {
  articles: number;
  people: number;
  attributions: number;
  mode: 'store' | 'files';
}

/** An API answer that is not 200, with the server's message. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * GET a JSON API path.
 * @example const hits = await get<ArticleSummary[]>('/api/articles?q=' + encodeURIComponent(q))
 */
export async function get<T>(path: string): Promise<T> {
  const res = await fetch(path, { headers: { Accept: 'application/json' } });
  const body = (await res.json().catch(() => null)) as unknown;
  if (!res.ok) throw new ApiError(res.status, (body as { error?: { message?: string } } | null)?.error?.message ?? res.statusText);
  return body as T;
}

/** The path of an article view, optionally with a span to show. */
export const articlePath = (id: string, at?: Span): string => `/article/${encodeURIComponent(id)}${at ? `?at=${at.start}-${at.end}` : ''}`;
