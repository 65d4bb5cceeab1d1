import {
  sentenceAt,
  type Document,
  type Entity,
  type EntityType,
  type Mention,
  type MentionKind,
  type Sentence,
  type Span,
} from '../document/index.js';
import { loadGazetteer, ROLE_HEADS, ROLE_MODIFIERS, titleCase, type Gazetteer } from '../entities/index.js';
import { EXPERT_ROLES, FEMALE_PRONOUNS, MALE_PRONOUNS, ORDINALS, ROLE_FAMILIES } from './rules/words.js';

export interface CorefOptions {
  readonly gazetteer?: Gazetteer;
}

export interface CorefResult {
  readonly mentions: Mention[];
  readonly entities: Entity[];
}

type Draft = { id: string; type: EntityType; mentions: Mention[]; roles: string[]; key: string };

const DIRECTION: Readonly<Record<string, string>> = { northern: 'North', southern: 'South', eastern: 'East', western: 'West', central: 'Central' };
/** What may follow "the first" / "the latter" when they name a person: a verb or a comma. */
const ORDINAL_FOLLOWERS = /^(?:,|said|says|noted|stressed|added|believes|thinks|argued|told|insisted|is|was|has|had|will|would|could|can|also|however|did|does|wants|sees|\p{Ll}+ed)$/u;
/** The words the pass over tokens reads (an ordinal after "the", a role head, a pronoun): most tokens are none, and one look-up tells. */
const READ_WORDS: ReadonlySet<string> = new Set(['the', ...ROLE_HEADS, ...MALE_PRONOUNS, ...FEMALE_PRONOUNS]);
const STOP_CONTENT: ReadonlySet<string> = new Set(['of', 'the', 'and', 'for', 'on', 'de', 'in']);

/**
 * Coreference inside one article:
 * 1. names: a short name joins the full name that contains it ("Lavrov" -> "Sergei
 *    Lavrov"), places join under their canonical name ("Russian Federation" -> Russia),
 *    organisations when one name's content words are a subset of another's
 *    ("Russian Foreign Ministry" ~ "Ministry of Foreign Affairs of Russia");
 * 2. ordinals after a pair of people ("neither X nor Y. The first said ...");
 * 3. descriptions ("the expert", "Azerbaijani President") to the latest person whose
 *    role fits;
 * 4. pronouns (he, his, she, her) to the subject of the sentence before, or to the
 *    nearest person before them in their own sentence.
 */
export function resolve(doc: Document, options: Readonly<CorefOptions> = {}): CorefResult {
  const g = options.gazetteer ?? loadGazetteer();
  const sentences = doc.layers.sentences ?? [];
  const names = (doc.layers.mentions ?? []).filter((m) => m.kind === 'name');
  const roles = doc.layers.roles ?? [];
  const text = doc.text;
  const drafts: Draft[] = [];
  const byMention = new Map<string, Draft>();
  const assign = (m: Mention, d: Draft): void => {
    d.mentions.push(m);
    byMention.set(m.id, d);
  };
  const newDraft = (type: EntityType, key: string): Draft => {
    const d: Draft = { id: `e${drafts.length + 1}`, type, mentions: [], roles: [], key };
    drafts.push(d);
    return d;
  };

  // 1a. People: full names first, then short names to the full name that contains them.
  const people = names.filter((m) => m.label === 'PERSON');
  const tokensOf = (m: Span): string[] => text.slice(m.start, m.end).split(/\s+/).filter(Boolean);
  const full = people.filter((m) => tokensOf(m).length > 1);
  const byKey = new Map<string, Draft>(); // `${type}:${key}` -> draft
  const byPart = new Map<string, Draft[]>(); // a word of a full name -> the people with it
  const draftFor = (type: EntityType, key: string): Draft => {
    let d = byKey.get(`${type}:${key}`);
    if (!d) {
      d = newDraft(type, key);
      byKey.set(`${type}:${key}`, d);
    }
    return d;
  };
  for (const m of full) {
    const parts = tokensOf(m);
    const d = draftFor('PERSON', parts.join(' '));
    if (d.mentions.length === 0) for (const p of parts) byPart.set(p, [...(byPart.get(p) ?? []), d]);
    assign(m, d);
  }
  for (const m of people) {
    if (byMention.has(m.id)) continue;
    const parts = tokensOf(m);
    const candidates = (byPart.get(parts[0]) ?? []).filter((d) => containsAll(d.key.split(' '), parts));
    let d: Draft | undefined;
    if (candidates.length === 1) d = candidates[0];
    else if (candidates.length > 1) d = nearest(candidates, m.start);
    assign(m, d ?? draftFor('PERSON', parts.join(' ')));
  }
  // 1b. Places, organisations, other names.
  const orgs: Draft[] = []; // organisations with names of two words or more, for the subset test
  const byAcronym = new Map<string, Draft>();
  for (const m of names) {
    if (m.label === 'PERSON') continue;
    const surface = text.slice(m.start, m.end);
    if (m.label === 'LOC') {
      // "Karabakh" and "Nagorno-Karabakh" are one place: both keys lead to one draft.
      const key = placeKey(surface, g);
      const tail = key.includes('-') ? key.slice(key.indexOf('-') + 1) : '';
      const d = byKey.get(`LOC:${key}`) ?? (tail ? byKey.get(`LOC:${tail}`) : undefined) ?? draftFor('LOC', key);
      byKey.set(`LOC:${key}`, d);
      if (tail && !byKey.has(`LOC:${tail}`)) byKey.set(`LOC:${tail}`, d);
      if (tail) d.key = key;
      assign(m, d);
    } else if (m.label === 'ORG') {
      const words = contentWords(surface, g);
      const key = words.join(' ');
      // An acronym and the name it stands for are one organisation ("OSCE", "NATO").
      const acronym = /^[\p{Lu}&]{2,7}$/u.test(surface) ? surface.replace(/&/g, '') : initials(surface);
      let d = byKey.get(`ORG:${key}`);
      if (!d && words.length >= 2) d = orgs.find((x) => subsetEither(x.key.split(' '), words));
      if (!d && acronym) d = byAcronym.get(acronym);
      if (!d) {
        d = draftFor('ORG', key);
        if (words.length >= 2) orgs.push(d);
      }
      if (acronym && !byAcronym.has(acronym)) byAcronym.set(acronym, d);
      assign(m, d);
    } else {
      assign(m, draftFor(m.label, surface.toLowerCase()));
    }
  }
  // Roles onto their people.
  for (const r of roles) {
    const d = byMention.get(r.mention);
    if (d && !d.roles.includes(r.label)) d.roles.push(r.label);
  }

  // 2-4. Ordinals, descriptions, pronouns, in text order so that each can lean on the last.
  const extra: Mention[] = [];
  const perSentence: Mention[][] = sentences.map(() => []);
  for (const m of names) {
    const si = sentenceAt(sentences, m.start);
    if (si >= 0) perSentence[si].push(m);
  }
  let counter = names.length;
  const add = (si: number, span: Span, kind: MentionKind, d: Draft, rule: string, evidence: Span[] = []): void => {
    const m: Mention = { id: `m${++counter}`, start: span.start, end: span.end, label: d.type, kind, entity: d.id, evidence, rule };
    extra.push(m);
    perSentence[si].push(m);
    assign(m, d);
  };
  const withRoles = drafts.filter((d) => d.roles.length > 0);
  // Characters already inside a name or a role phrase.
  const covered = new Uint8Array(text.length);
  for (const sp of [...names, ...roles]) covered.fill(1, sp.start, sp.end);
  for (const s of sentences) {
    const toks = s.tokens;
    for (let i = 0; i < toks.length; i++) {
      const t = toks[i];
      if (covered[t.start]) continue;
      const w = t.text.toLowerCase();
      if (!READ_WORDS.has(w)) continue;
      // Ordinals: "The first said", "the latter, however,".
      const ordinal = w === 'the' ? ORDINALS[low(toks[i + 1]?.text)] : undefined;
      if (ordinal !== undefined) {
        const after = toks[i + 2]?.text ?? '.';
        const pair = ORDINAL_FOLLOWERS.test(after) ? lastPair(sentences, s.index, perSentence, byMention) : null;
        // "The latter" after a sentence that names one person only: that person, the last named
        // (machine translation renders Russian "последний", "the last one", so).
        const lone = !pair && low(toks[i + 1]?.text) === 'latter' && ORDINAL_FOLLOWERS.test(after) ? lastNamed(perSentence[s.index - 1] ?? [], byMention) : undefined;
        if (pair) {
          add(s.index, { start: t.start, end: toks[i + 1].end }, 'ordinal', ordinal === 0 ? pair[0] : pair[pair.length - 1], 'coref/ordinal-after-pair');
          i++;
        } else if (lone) {
          add(s.index, { start: t.start, end: toks[i + 1].end }, 'ordinal', lone, 'coref/latter-after-one');
          i++;
        }
        continue;
      }
      // Descriptions: "the expert", "Azerbaijani President", "RIA Novosti expert".
      if (ROLE_HEADS.has(w) && !isPersonNameAt(toks[i + 1], perSentence[s.index])) {
        const desc = description(toks, i, perSentence[s.index], text, g);
        if (desc) {
          const bare = desc.span.start === toks[i - 1]?.start && /^the$/i.test(toks[i - 1].text);
          const d = byRole(withRoles, w, desc.demonym, t.start, g, bare);
          if (d) add(s.index, desc.span, 'nominal', d, 'coref/description-by-role', [{ start: t.start, end: t.end }]);
        }
        continue;
      }
      // Pronouns.
      const male = MALE_PRONOUNS.has(w);
      const female = FEMALE_PRONOUNS.has(w);
      if (!male && !female) continue;
      const d = antecedent(sentences, s, i, perSentence, byMention, female ? 'f' : 'm', text);
      if (d) add(s.index, { start: t.start, end: t.end }, 'pronoun', d, 'coref/pronoun-antecedent');
    }
  }
  const all = (): Mention[] => [...names, ...extra];

  // Entities: the fullest name; mentions in text order.
  const mentions = all()
    .map((m) => ({ ...m, entity: byMention.get(m.id)?.id }))
    .sort((a, b) => a.start - b.start || a.end - b.end);
  const entities: Entity[] = drafts
    .filter((d) => d.mentions.length)
    .map((d) => ({
      id: d.id,
      type: d.type,
      name: fullest(d, text, g),
      roles: d.roles,
      mentions: d.mentions.slice().sort((a, b) => a.start - b.start).map((m) => m.id),
    }));
  return { mentions, entities };
}

const low = (s: string | undefined): string => (s ?? '').toLowerCase();

function containsAll(whole: readonly string[], parts: readonly string[]): boolean {
  return parts.every((p) => whole.includes(p));
}

function subsetEither(a: readonly string[], b: readonly string[]): boolean {
  if (a.length < 2 || b.length < 2) return false;
  return containsAll(a, b) || containsAll(b, a);
}

function nearest(ds: readonly Draft[], at: number): Draft {
  let best = ds[0];
  let bestDist = Infinity;
  for (const d of ds) {
    for (const m of d.mentions) {
      const dist = m.start <= at ? at - m.start : (m.start - at) * 2;
      if (dist < bestDist) {
        bestDist = dist;
        best = d;
      }
    }
  }
  return best;
}

/** Canonical key of a place: gazetteer name, title-cased shouting, "southern X" = "South X". */
function placeKey(surface: string, g: Gazetteer): string {
  let s = surface.replace(/\s+/g, ' ');
  if (s === s.toUpperCase()) s = titleCase(s);
  const parts = s.split(' ');
  if (parts.length > 1 && DIRECTION[parts[0].toLowerCase()]) s = [DIRECTION[parts[0].toLowerCase()], ...parts.slice(1)].join(' ');
  s = s.replace(/^the /i, '');
  return g.loc.get(s) ?? s;
}

/** Content words of an organisation name, demonyms read as their country. */
function contentWords(surface: string, g: Gazetteer): string[] {
  const out: string[] = [];
  for (const raw of surface.split(/\s+/)) {
    const w = raw === raw.toUpperCase() && raw.length > 4 ? titleCase(raw) : raw;
    if (STOP_CONTENT.has(w.toLowerCase())) continue;
    const country = g.misc.get(w);
    out.push((country ?? g.loc.get(w) ?? w).toLowerCase());
  }
  return out;
}

/** Initials of a name of three words or more: "North Atlantic Treaty Organization" -> "NATO". */
function initials(surface: string): string | undefined {
  const words = surface.split(/\s+/).filter((w) => !STOP_CONTENT.has(w.toLowerCase()));
  if (words.length < 3 || !words.every((w) => /^\p{Lu}/u.test(w))) return undefined;
  return words.map((w) => w[0]).join('');
}

function fullest(d: Draft, text: string, g: Gazetteer): string {
  const names = d.mentions.filter((m) => m.kind === 'name').map((m) => text.slice(m.start, m.end).replace(/\s+/g, ' '));
  if (!names.length) return '';
  if (d.type === 'LOC') {
    // The most frequent written form; ties to the longer.
    const counts = new Map<string, number>();
    for (const n of names) counts.set(n, (counts.get(n) ?? 0) + 1);
    const canonical = g.loc.get(d.key) ? d.key : undefined;
    if (canonical && counts.has(canonical)) return canonical;
    return [...counts].sort((a, b) => b[1] - a[1] || b[0].length - a[0].length)[0][0];
  }
  return names.slice().sort((a, b) => b.split(' ').length - a.split(' ').length || b.length - a.length)[0];
}

/** The people of the last sentence (in the last three) that names two or more: for "the first", "the latter". */
function lastPair(sentences: readonly Sentence[], at: number, perSentence: readonly Mention[][], by: Map<string, Draft>): Draft[] | null {
  for (let k = at - 1; k >= 0 && k >= at - 3; k--) {
    const s = sentences[k];
    const seen: Draft[] = [];
    for (const m of perSentence[k]) {
      if (m.label !== 'PERSON') continue;
      const d = by.get(m.id);
      if (d && !seen.includes(d)) seen.push(d);
    }
    if (seen.length >= 2) return seen.sort((a, b) => firstIn(a, s) - firstIn(b, s));
  }
  return null;
}

/** The one person a sentence names (by name or otherwise), if it names exactly one. */
function lastNamed(mentions: readonly Mention[], by: Map<string, Draft>): Draft | undefined {
  let one: Draft | undefined;
  for (const m of mentions) {
    if (m.label !== 'PERSON') continue;
    const d = by.get(m.id);
    if (!d) continue;
    if (one && one !== d) return undefined;
    one = d;
  }
  return one;
}

function firstIn(d: Draft, s: Span): number {
  let best = Infinity;
  for (const m of d.mentions) if (m.start >= s.start && m.end <= s.end) best = Math.min(best, m.start);
  return best;
}

function isPersonNameAt(next: Sentence['tokens'][number] | undefined, mentions: readonly Mention[]): boolean {
  return !!next && mentions.some((m) => m.start === next.start && m.label === 'PERSON' && m.kind === 'name');
}

/** A description around role word i: "the expert", "Azerbaijani President", "RIA Novosti expert". */
function description(
  toks: Sentence['tokens'],
  i: number,
  names: readonly Mention[],
  text: string,
  g: Gazetteer,
): { span: Span; demonym?: string } | null {
  let first = i;
  let demonym: string | undefined;
  let hasDeterminer = false;
  while (first > 0) {
    const p = toks[first - 1];
    const w = p.text.toLowerCase();
    if (w === 'the' || w === 'this' || w === 'that') {
      hasDeterminer = true;
      first--;
      break;
    }
    if (ROLE_MODIFIERS.has(w)) {
      first--;
      continue;
    }
    const name = names.find((m) => m.start <= p.start && p.end <= m.end && (m.label === 'MISC' || m.label === 'ORG' || m.label === 'LOC'));
    if (name) {
      const surface = text.slice(name.start, name.end);
      if (name.label === 'MISC') demonym = g.misc.has(surface) ? surface : titleCase(surface);
      if (name.label === 'LOC') demonym = surface;
      first = tokenIndexAt(toks, name.start);
      continue;
    }
    break;
  }
  // A bare lower-case role word without determiner or modifier ("experts say") is no description.
  const next = toks[i + 1]?.text ?? '';
  if (first === i && !hasDeterminer) return null;
  if (/^(of)$/i.test(next) && !hasDeterminer) return null;
  return { span: { start: toks[first].start, end: toks[i].end }, demonym };
}

function tokenIndexAt(toks: Sentence['tokens'], start: number): number {
  for (let k = 0; k < toks.length; k++) if (toks[k].start >= start) return k;
  return toks.length - 1;
}

/** The latest person before `at` whose roles fit the role word (and the demonym, when given); a `bare` description ("the diplomat") also fits the roles of its family (ROLE_FAMILIES). */
function byRole(drafts: readonly Draft[], head: string, demonym: string | undefined, at: number, g: Gazetteer, bare = false): Draft | undefined {
  const family = bare ? ROLE_FAMILIES[head] : undefined;
  const fits = (role: string): boolean => {
    const r = role.toLowerCase();
    const words = r.split(/\s+/);
    if (words.includes(head)) return true;
    if (family?.some((f) => (f.includes(' ') ? r.includes(f) : words.includes(f)))) return true;
    return EXPERT_ROLES.has(head) && [...EXPERT_ROLES].some((e) => r.includes(e));
  };
  let best: Draft | undefined;
  let bestAt = -1;
  for (const d of drafts) {
    if (d.type !== 'PERSON' || !d.roles.some(fits)) continue;
    if (demonym && d.roles.every((r) => hasOtherDemonym(r, demonym, g))) continue;
    for (const m of d.mentions) if (m.start < at && m.start > bestAt) {
      bestAt = m.start;
      best = d;
    }
  }
  return best;
}

/** True when a role names a nationality or country that is not the one given ("Russian President" vs "Azerbaijani"). */
function hasOtherDemonym(role: string, demonym: string, g: Gazetteer): boolean {
  const words = role.split(/\s+/);
  const country = g.misc.get(demonym) ?? demonym;
  if (words.includes(demonym) || words.includes(country)) return false;
  // The same country under another name or spelling ("Turkish" and "Turkey", where the gazetteer's
  // country is "Türkiye"): the words share their stem.
  const stems = new Set([stem(demonym), stem(country)]);
  return words.some((w) => (g.misc.has(w) || g.loc.has(w)) && !stems.has(stem(w)) && !stems.has(stem(g.loc.get(w) ?? w)));
}

/** The first four letters of a name, without accents, in lower case: "Türkiye", "Turkey", "Turkish" -> "turk". */
function stem(name: string): string {
  return name.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().slice(0, 4);
}

/**
 * The antecedent of a pronoun: in subject position (first person-ish word of its sentence),
 * the subject of the nearest earlier sentence that has a person; elsewhere, the nearest
 * person before it in its own sentence, else that subject.
 */
function antecedent(
  sentences: readonly Sentence[],
  s: Sentence,
  i: number,
  perSentence: readonly Mention[][],
  by: Map<string, Draft>,
  gender: 'm' | 'f',
  text: string,
): Draft | undefined {
  const at = s.tokens[i].start;
  const ok = (d: Draft | undefined): d is Draft => !!d && d.type === 'PERSON' && genderOf(d, text) !== (gender === 'm' ? 'f' : 'm');
  // An object pronoun ("him", "her" before no noun) is not the subject of its own clause: in "X disagreed
  // with him" he is someone else than X; in "X said that Y told him" he may be X, not Y. So the names of
  // the same clause before it, back to the nearest clause boundary, are no candidates.
  const clauseStart = isObjectPronoun(s.tokens, i) ? clauseStartBefore(s.tokens, i) : Infinity;
  // Score candidates: 2 per sentence back, +3 when the mention is no likely subject
  // (a possessive, or inside "of X", "in X"), -1 for the agent of a passive ("voiced by X").
  let best: Draft | undefined;
  let bestScore = Infinity;
  for (let k = s.index; k >= 0 && k >= s.index - 4; k--) {
    if (sentences[k].paragraph < s.paragraph - 1) break;
    const here = perSentence[k].filter((m) => m.label === 'PERSON' && (k < s.index || (m.end <= at && m.start < clauseStart)));
    here.sort((a, b) => (k === s.index ? b.start - a.start : a.start - b.start));
    here.forEach((m, order) => {
      const d = by.get(m.id);
      if (!ok(d)) return;
      const score = 2 * (s.index - k) + salience(text, m) + order * 0.01;
      if (score < bestScore) {
        bestScore = score;
        best = d;
      }
    });
  }
  return best;
}

/** Whether token `i` is a pronoun as an object: "him", or "her" not before a noun ("told her.", "with her and"). */
function isObjectPronoun(toks: Sentence['tokens'], i: number): boolean {
  const w = toks[i].text.toLowerCase();
  if (w === 'him') return true;
  if (w !== 'her') return false;
  const next = toks[i + 1]?.text ?? '.';
  return !/^[\p{L}\p{N}]/u.test(next) || /^(?:and|or|but|that|to|in|on|at|with|for|from|about|as|if|when|because|after|before|again|too)$/i.test(next);
}

/** Where the clause of token `i` starts: after the nearest comma, semicolon, quote, or clause word before it. */
function clauseStartBefore(toks: Sentence['tokens'], i: number): number {
  for (let k = i - 1; k >= 0; k--) {
    if (/^(?:[,;:"“”«»—–(]|that|who|whom|which|because|when|while|if|although|after|before|but)$/i.test(toks[k].text)) return toks[k].end;
  }
  return 0;
}

/** 0 for a likely subject, 3 for a possessive or a mention inside a prepositional phrase, -1 for a passive agent. */
function salience(text: string, m: Span): number {
  const after = text.slice(m.end, m.end + 3);
  if (/^['’]s\b/.test(after)) return 3;
  const before = text.slice(Math.max(0, m.start - 6), m.start).toLowerCase();
  if (/\bby\s+$/.test(before)) return -1;
  if (/\b(?:of|in|to|at|from|about|with|for)\s+$/.test(before)) return 3;
  return 0;
}

function genderOf(d: Draft, text: string): 'm' | 'f' | undefined {
  for (const m of d.mentions) {
    if (m.kind === 'pronoun') {
      const w = text.slice(m.start, m.end).toLowerCase();
      if (MALE_PRONOUNS.has(w)) return 'm';
      if (FEMALE_PRONOUNS.has(w)) return 'f';
    }
  }
  const last = d.key.split(' ').pop() ?? '';
  if (/(?:ova|eva|yeva|ina|aya|skaya)$/.test(last)) return 'f';
  if (/(?:ov|ev|yev|in|sky|skiy)$/.test(last)) return 'm';
  if (d.roles.some((r) => /\b(?:Mrs|Ms|Miss|spokeswoman|chairwoman|congresswoman|actress|queen|princess)\b/i.test(r))) return 'f';
  if (d.roles.some((r) => /\b(?:Mr|spokesman|chairman|congressman|king|prince)\b/i.test(r))) return 'm';
  return undefined;
}

