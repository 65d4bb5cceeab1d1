/**
 * The inside data model of dossier.
 *
 * A {@link Document} holds the clean article text, fixed once ingested, and layers of
 * annotations. Every annotation is a character span into `text` (UTF-16 code units,
 * `end` exclusive, so `text.slice(start, end)` is its text) that carries its evidence
 * and the rule or model that made it. Documents are plain JSON and never mutated:
 * stages return new layers and the pipeline builds a new Document.
 *
 * The JSON that the CLI prints (shared SCHEMA.md) is the outside contract; `output/`
 * maps this model to it.
 */

/** A half-open character range into `Document.text`. */
export interface Span {
  readonly start: number;
  readonly end: number;
}

/** Every annotation: a span, its label, its evidence and who made it. */
export interface Annotation extends Span {
  readonly id: string;
  readonly label: string;
  /** Spans that justify the annotation: cue words, quote marks, a title word. */
  readonly evidence: readonly Span[];
  /** The rule or model that made it, e.g. `attribution/said-after-quote` or `ner/perceptron`. */
  readonly rule: string;
  /** 0..1 where a model or a rule can say how sure it is. */
  readonly confidence?: number;
}

export type EntityType = 'PERSON' | 'ORG' | 'LOC' | 'MISC';
export const ENTITY_TYPES: readonly EntityType[] = ['PERSON', 'ORG', 'LOC', 'MISC'];

/** A token: a word, number or punctuation mark. Kept light (no id) since there are many. */
export interface Token extends Span {
  readonly text: string;
}

export interface Sentence extends Span {
  readonly index: number;
  /** Index of the paragraph (blank-line separated block) the sentence is in. */
  readonly paragraph: number;
  readonly tokens: readonly Token[];
}

/**
 * How a mention refers: by name ("Sergei Lavrov"), pronoun ("he"), description
 * ("the minister"), ordinal ("the first"), or a possessive/title form.
 */
export type MentionKind = 'name' | 'pronoun' | 'nominal' | 'ordinal';

/** A mention of an entity. `label` is its EntityType. */
export interface Mention extends Annotation {
  readonly label: EntityType;
  readonly kind: MentionKind;
  /** The entity this mention resolves to (set by coreference). */
  readonly entity?: string;
}

/** A role or title given to a person ("Foreign Minister", "political analyst"). `label` is the role text. */
export interface Role extends Annotation {
  /** Id of the name mention the role is attached to. */
  readonly mention: string;
}

/** An entity: a cluster of mentions that refer to one person, organisation, place or other name. */
export interface Entity {
  readonly id: string;
  readonly type: EntityType;
  /** The fullest form the article uses. */
  readonly name: string;
  readonly roles: readonly string[];
  /** Mention ids, in text order. */
  readonly mentions: readonly string[];
}

export type AttributionKind = 'direct' | 'indirect' | 'mixed';

/** A possibly discontinuous element: `spans` in text order, `start`/`end` their extent. */
export interface Part extends Span {
  readonly spans: readonly Span[];
}

/** Who said or believes what. The annotation span covers source, cue and content. */
export interface Attribution extends Annotation {
  readonly label: AttributionKind;
  readonly kind: AttributionKind;
  /** The source mention in the text (a name, pronoun, description) or null when none is given. */
  readonly source: (Span & { readonly mention?: string; readonly entity?: string | null }) | null;
  readonly cue: Part;
  readonly content: Part;
}

/** Something that happened or is planned: a visit, a meeting, a call, an agreement. The span is its clause. */
export interface Event extends Annotation {
  readonly type: string;
  /** Entity ids of those who act (the visitor, the caller). */
  readonly actors: readonly string[];
  /** Entity ids of those acted upon or met (the host, the one called). */
  readonly targets: readonly string[];
  /** Entity id of the place. */
  readonly place?: string;
  /** The time expression as written ("last week"). */
  readonly time?: string;
  /** The time normalised to a date or month (ISO 8601) where the article's date allows. */
  readonly date?: string;
  readonly modality: 'asserted' | 'planned' | 'hypothetical' | 'denied';
  /** CAMEO event code where one fits (GDELT's coding). */
  readonly cameo?: string;
  /** The word that names the event ("visit", "arrived", "talks"). */
  readonly trigger: Span;
}

/** A leftover of machine translation: an untranslated word, a source-language acronym, a literal idiom. */
export interface Artifact extends Annotation {
  readonly kind: string;
  readonly original: string;
  readonly script?: string;
  readonly restored?: string;
  readonly suggestion?: string;
  /** Transliteration scheme family of an untranslated word (iso9, scholarly, bgn-pcgn, informal). */
  readonly scheme?: string;
  /** Dictionary form of the restored word. */
  readonly lemma?: string;
}

/** Text removed before the Document's text was fixed: page furniture such as comment-form prompts. */
export interface Removed {
  readonly text: string;
  /** Why it was removed, e.g. `comment-form`, `share`, `read-more`, `cookie`. */
  readonly reason: string;
  readonly rule: string;
}

export type Severity = 'info' | 'warning' | 'error';

/** A problem or note about a document (vfile-message style). */
export interface Message {
  readonly reason: string;
  readonly code: string;
  readonly stage: string;
  readonly rule?: string;
  readonly place?: Span;
  readonly fatal: boolean;
}

export type SourceFormat = 'text' | 'html' | 'warc' | 'feed';

export interface Source {
  readonly path?: string;
  readonly url?: string;
  readonly format: SourceFormat;
  readonly fetched?: string;
  /** Character encoding the raw bytes were decoded from. */
  readonly encoding?: string;
}

export interface Meta {
  readonly title?: string;
  readonly byline?: string;
  readonly date?: string;
  readonly language?: string;
  readonly siteName?: string;
}

/** A version held by one source about a question the article raises: their attributions about it, grouped. */
export interface Claim {
  readonly id: string;
  /** Entity id of the holder. */
  readonly holder: string;
  readonly attributions: readonly string[];
  /** Event id of what the claim is about, or a short text. */
  readonly about: string;
  /** The claim in brief: the content that states it. */
  readonly gist: string;
  /** Where the gist is in the text. */
  readonly evidence: readonly Span[];
  readonly rule: string;
}

export type RelationSign = 'cooperation' | 'conflict' | 'neutral';

/** An actor-to-actor edge: who meets, visits, speaks about whom, with a sign and its evidence. */
export interface Relation {
  readonly id: string;
  readonly from: string;
  readonly to: string;
  /** How the edge was seen: `meets`, `visits`, `speaks-about`, `sanctions`, ... */
  readonly kind: string;
  readonly sign: RelationSign;
  readonly weight: number;
  readonly evidence: readonly Span[];
  readonly rule: string;
}

/** The layers a stage may produce. */
export interface Layers {
  readonly sentences: readonly Sentence[];
  readonly mentions: readonly Mention[];
  readonly roles: readonly Role[];
  readonly entities: readonly Entity[];
  readonly attributions: readonly Attribution[];
  readonly events: readonly Event[];
  readonly artifacts: readonly Artifact[];
  readonly claims: readonly Claim[];
  readonly relations: readonly Relation[];
}

export type Layer = keyof Layers;

export interface Document {
  readonly id: string;
  readonly text: string;
  readonly source: Source;
  readonly meta: Meta;
  readonly layers: Partial<Layers>;
  readonly removed: readonly Removed[];
  readonly messages: readonly Message[];
}
