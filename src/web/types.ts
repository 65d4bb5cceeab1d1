/**
 * What the JSON API of `dossier serve` returns (besides the analysed document itself, which is the
 * `dossier.document/1` contract of `output/json.ts`). The browser code declares the same shapes in
 * `client/api.mts`; `web.test.ts` checks that the server's answers have these fields.
 */
import type { OutputDocument } from '../output/index.js';

/** An article in a list: search results, recent articles, a person's articles. */
export interface ArticleSummary {
  readonly id: string;
  readonly title: string;
  readonly date?: string;
  readonly url?: string;
  /** For search results: the matched words between ** marks. */
  readonly snippet?: string;
}

/** A person (or organisation) across the corpus. `id` is stable while the server runs. */
export interface PersonSummary {
  readonly id: string;
  readonly name: string;
  readonly type: string;
  readonly roles: readonly string[];
  readonly articles: number;
  readonly mentions: number;
  readonly quotes: number;
}

/** One thing a person said or believes, in one article. */
export interface PersonQuote {
  readonly id: string;
  readonly kind: string;
  readonly cue: string;
  readonly content: string;
  /** How the article named the speaker there ("he", "the minister", "Lavrov"). */
  readonly source: string | null;
  readonly start: number;
  readonly end: number;
}

/** A person's page: who they are and everything they said, by article (newest first). */
export interface PersonPage {
  readonly person: PersonSummary;
  /** The newest {@link MAX_SAID_ARTICLES} articles where they said something. */
  readonly said: readonly { readonly article: ArticleSummary; readonly quotes: readonly PersonQuote[] }[];
  /** Articles where they said something, in all. */
  readonly saidIn: number;
  /** Articles that mention the person (newest first, at most 100). */
  readonly articles: readonly ArticleSummary[];
}

/** Articles with quotes given on a person's page, at most. */
export const MAX_SAID_ARTICLES = 200;

export type Sign = 'cooperation' | 'conflict' | 'neutral';

export interface GraphNode {
  readonly id: string;
  readonly label: string;
  readonly type: string;
  /** Relations the node takes part in. */
  readonly degree: number;
  /** Position from the server's force layout (the browser only draws). */
  readonly x: number;
  readonly y: number;
}

/** Relations from one actor to another, over all articles. */
export interface GraphEdge {
  readonly id: string;
  readonly source: string;
  readonly target: string;
  readonly kinds: readonly string[];
  /** The sign most relations have; `mixed` when cooperation and conflict are both seen. */
  readonly sign: Sign | 'mixed';
  readonly weight: number;
  readonly count: number;
}

export interface Graph {
  readonly nodes: readonly GraphNode[];
  readonly edges: readonly GraphEdge[];
  /** Actors and edges in the whole corpus (the graph shows the most connected). */
  readonly total: { readonly nodes: number; readonly edges: number };
}

/** The evidence of an edge: each relation behind it, with the text it came from. */
export interface EdgeEvidence {
  readonly edge: GraphEdge;
  readonly from: string;
  readonly to: string;
  readonly items: readonly {
    readonly article: ArticleSummary;
    readonly kind: string;
    readonly sign: string;
    readonly rule: string;
    readonly start: number;
    readonly end: number;
    readonly text: string;
  }[];
}

/** An event on the timeline. */
export interface TimelineEvent {
  readonly id: string;
  /** The event's date, else the article's, else null. */
  readonly date: string | null;
  readonly article: ArticleSummary;
  readonly type: string;
  readonly modality: string;
  readonly actors: readonly string[];
  readonly targets: readonly string[];
  readonly place?: string;
  readonly time?: string;
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

export interface CorpusStats {
  readonly articles: number;
  readonly people: number;
  readonly attributions: number;
  /** `store` (a corpus database) or `files` (files analysed when the server started). */
  readonly mode: 'store' | 'files';
}

/**
 * Where the pages' data comes from: a corpus database or files analysed in memory. Every method
 * is read-only. Unknown ids give `undefined`.
 */
export interface DataSource {
  readonly mode: 'store' | 'files';
  stats(): CorpusStats;
  /** Articles matching the words (all required), or the newest when `q` is empty. */
  articles(q: string, limit: number): ArticleSummary[];
  article(id: string): OutputDocument | undefined;
  people(q: string, type: string, limit: number): PersonSummary[];
  person(id: string): PersonPage | undefined;
  graph(limit: number): Graph;
  edge(id: string): EdgeEvidence | undefined;
  timeline(limit: number, person?: string): TimelineEvent[];
  close(): void;
}
