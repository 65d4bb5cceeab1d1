import { readFileSync } from 'node:fs';
import { DossierError } from '../errors.js';

/** Name lists built by scripts/build-gazetteer.mjs from maintained data packages. */
export interface Gazetteer {
  /** Place name -> canonical name (countries, capitals, large cities, regions). */
  readonly loc: ReadonlyMap<string, string>;
  /** Towns that are places only after "in", "to", "from", "near". */
  readonly town: ReadonlySet<string>;
  /** Demonym -> country. */
  readonly misc: ReadonlyMap<string, string>;
  readonly org: ReadonlySet<string>;
  readonly given: ReadonlySet<string>;
  readonly surnames: ReadonlySet<string>;
  /** English adverbs, lower case. */
  readonly adverbs: ReadonlySet<string>;
  /** Longest entry in tokens, to bound look-ups. */
  readonly maxTokens: number;
  /**
   * The beginnings of the place and organisation names of two words or more, cut before each
   * space or joining mark ("New" of "New York", "Guinea" of "Guinea-Bissau"): a word that begins
   * none starts no longer name, which spares the look-ups of longer and longer runs.
   */
  readonly heads: ReadonlySet<string>;
}

/** Where a name may join a word to the next: a space, or a mark the next token starts with ("-Bissau", "'s"). */
const JOIN = /[ \-.'’]/g;

function headsOf(names: Iterable<string>): Set<string> {
  const heads = new Set<string>();
  for (const name of names) for (const m of name.matchAll(JOIN)) if (m.index > 0) heads.add(name.slice(0, m.index));
  return heads;
}

interface GazetteerFile {
  loc: Record<string, string>;
  town: string[];
  misc: Record<string, string>;
  org: string[];
  given: string[];
  surnames: string[];
  adverbs: string[];
}

let cached: Gazetteer | undefined;

/** Where the shipped gazetteer lives (made once: the stage asks for it once per article). */
const SHIPPED = new URL('../../data/gazetteer.json', import.meta.url);

/** The shipped gazetteer (data/gazetteer.json), loaded once. */
export function loadGazetteer(path: URL | string = SHIPPED): Gazetteer {
  if (cached && typeof path !== 'string') return cached;
  let raw: GazetteerFile;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8')) as GazetteerFile;
  } catch (error) {
    throw new DossierError('E_DATA', `the gazetteer (${String(path)}) cannot be read. Rebuild it with \`npm run build:gazetteer\`.`, { cause: error });
  }
  let maxTokens = 1;
  for (const k of Object.keys(raw.loc)) maxTokens = Math.max(maxTokens, k.split(' ').length);
  for (const k of raw.org) maxTokens = Math.max(maxTokens, k.split(' ').length);
  const g: Gazetteer = {
    loc: new Map(Object.entries(raw.loc)),
    town: new Set(raw.town),
    misc: new Map(Object.entries(raw.misc)),
    org: new Set(raw.org),
    given: new Set(raw.given),
    surnames: new Set(raw.surnames),
    adverbs: new Set(raw.adverbs),
    maxTokens: Math.min(maxTokens, 8),
    heads: headsOf([...Object.keys(raw.loc), ...raw.org]),
  };
  if (typeof path !== 'string') cached = g;
  return g;
}
