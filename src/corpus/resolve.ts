/**
 * Cross-document resolution, as plain data: given the actors of a corpus (one per normalised
 * name) and the aliases seen inside articles, propose merges, each with its rule, a score
 * and the evidence for it. The store applies them (and can undo them).
 *
 * Rules, strongest first:
 * - `alias-in-article`: an article's coreference put the name form X into the entity named Y
 *   ("NATO" in "North Atlantic Treaty Organization", "Lavrov" in "Sergei Lavrov"), and every
 *   such article agrees on Y.
 * - `transliteration`: two person names whose first names and surnames are the same after
 *   transliteration folding (Sergei/Sergey, Mammadyarov/Mamedyarov), with Jaro-Winkler ≥ 0.85.
 * - `acronym`: an organisation written as an acronym that is the initials of exactly one other
 *   organisation's name.
 * - `surname-only`: a one-word person name spelled as the surname of exactly one full name in the
 *   corpus, and never used there as a first name.
 * Names with different generational suffixes (Jr, Sr, III) are never merged.
 */
import { acronym, isAcronym, jaroWinkler, personParts, skeleton, translit } from './names.js';

/** An actor as resolution sees it. */
export interface ActorInfo {
  readonly id: number;
  readonly type: string;
  readonly name: string;
  readonly key: string;
  /** Number of articles it is in. */
  readonly articles: number;
}

/** Inside one article, the name form `alias` referred to the entity named `name`. */
export interface AliasInfo {
  readonly type: string;
  readonly aliasKey: string;
  readonly nameKey: string;
  /** Document ids of the articles where this was seen. */
  readonly articles: readonly string[];
}

/** A proposed merge: `loser` becomes a variant of `winner`. */
export interface MergeProposal {
  readonly winner: number;
  readonly loser: number;
  readonly rule: 'alias-in-article' | 'transliteration' | 'acronym' | 'surname-only';
  readonly score: number;
  readonly evidence: Readonly<Record<string, unknown>>;
}

/** Jaro-Winkler from which two transliterated person names are one person. */
export const MIN_NAME_SIMILARITY = 0.85;
/** For first names (shorter, more variable: Aleksandr/Alexander). */
export const MIN_FIRST_SIMILARITY = 0.8;

const byStrength = (a: ActorInfo, b: ActorInfo): [ActorInfo, ActorInfo] =>
  b.articles > a.articles || (b.articles === a.articles && (b.name.length > a.name.length || (b.name.length === a.name.length && b.id < a.id))) ? [b, a] : [a, b];

/** Propose merges for a set of actors (PERSON and ORG; others are left alone). */
export function proposeMerges(actors: readonly ActorInfo[], aliases: readonly AliasInfo[] = []): MergeProposal[] {
  const out: MergeProposal[] = [];
  const byKey = new Map<string, ActorInfo>();
  for (const a of actors) byKey.set(`${a.type}\u0000${a.key}`, a);

  // alias-in-article: one alias key, one target in every article that shows it.
  const targets = new Map<string, AliasInfo[]>();
  for (const al of aliases) {
    if (al.aliasKey === al.nameKey) continue;
    const k = `${al.type}\u0000${al.aliasKey}`;
    const list = targets.get(k) ?? [];
    list.push(al);
    targets.set(k, list);
  }
  for (const [k, list] of targets) {
    const distinct = new Set(list.map((l) => l.nameKey));
    if (distinct.size !== 1) continue;
    const loser = byKey.get(k);
    const winner = byKey.get(`${list[0].type}\u0000${list[0].nameKey}`);
    if (!loser || !winner || loser.id === winner.id) continue;
    const articles = [...new Set(list.flatMap((l) => l.articles))].slice(0, 20);
    out.push({ winner: winner.id, loser: loser.id, rule: 'alias-in-article', score: 0.95, evidence: { alias: loser.name, name: winner.name, articles } });
  }

  const persons = actors.filter((a) => a.type === 'PERSON');
  const full = persons.map((a) => ({ a, p: personParts(a.name) })).filter((x) => x.p.first && x.p.last.length > 1);

  // transliteration: block on the surname's skeleton.
  const blocks = new Map<string, typeof full>();
  for (const x of full) {
    const k = skeleton(x.p.last);
    const list = blocks.get(k) ?? [];
    list.push(x);
    blocks.set(k, list);
  }
  for (const list of blocks.values()) {
    if (list.length < 2 || list.length > 200) continue;
    for (let i = 0; i < list.length; i++) {
      for (let j = i + 1; j < list.length; j++) {
        const x = list[i];
        const y = list[j];
        if (x.p.suffix !== y.p.suffix) continue;
        const lx = translit(x.p.last);
        const ly = translit(y.p.last);
        const last = jaroWinkler(lx, ly);
        if (last < MIN_NAME_SIMILARITY) continue;
        const fx = translit(x.p.first!);
        const fy = translit(y.p.first!);
        const first = fx === fy ? 1 : skeleton(x.p.first!) === skeleton(y.p.first!) ? jaroWinkler(fx, fy) : 0;
        if (first < MIN_FIRST_SIMILARITY) continue;
        const [winner, loser] = byStrength(x.a, y.a);
        out.push({
          winner: winner.id,
          loser: loser.id,
          rule: 'transliteration',
          score: Math.round(((last + first) / 2) * 1000) / 1000,
          evidence: { names: [x.a.name, y.a.name], transliterated: [`${fx} ${lx}`, `${fy} ${ly}`], surnameSimilarity: round(last), firstNameSimilarity: round(first) },
        });
      }
    }
  }

  // surname-only: a one-word name spelled exactly as the surname of exactly one full name, and
  // never used as a first name (Terrence, Del are first names).
  const firstNames = new Set(full.map((x) => x.p.first!));
  const bySurname = new Map<string, ActorInfo[]>();
  for (const x of full) {
    if (x.p.suffix) continue;
    const list = bySurname.get(x.p.last) ?? [];
    list.push(x.a);
    bySurname.set(x.p.last, list);
  }
  for (const a of persons) {
    const p = personParts(a.name);
    if (p.first || p.suffix || p.last.length < 4 || firstNames.has(p.last)) continue;
    const cands = bySurname.get(p.last);
    if (!cands || cands.length !== 1) continue;
    out.push({ winner: cands[0].id, loser: a.id, rule: 'surname-only', score: 0.7, evidence: { surname: a.name, name: cands[0].name, only: true } });
  }

  // acronym: "NATO" and the one organisation whose initials it is.
  const orgs = actors.filter((a) => a.type === 'ORG');
  const byAcronym = new Map<string, ActorInfo[]>();
  for (const o of orgs) {
    if (isAcronym(o.name) || o.key.split(' ').length < 2) continue;
    const k = acronym(o.name);
    if (k.length < 2) continue;
    const list = byAcronym.get(k) ?? [];
    list.push(o);
    byAcronym.set(k, list);
  }
  for (const o of orgs) {
    if (!isAcronym(o.name)) continue;
    const cands = byAcronym.get(o.name.replace(/[.\s]/g, ''));
    if (!cands || cands.length !== 1) continue;
    out.push({ winner: cands[0].id, loser: o.id, rule: 'acronym', score: 0.8, evidence: { acronym: o.name, name: cands[0].name, initials: acronym(cands[0].name) } });
  }
  return out.sort((a, b) => b.score - a.score || a.loser - b.loser);
}

const round = (x: number): number => Math.round(x * 1000) / 1000;
