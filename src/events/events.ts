import { sentenceAt, type Document, type Event, type Mention, type Sentence, type Span, type Token } from '../document/index.js';
import { ROLE_HEADS, ROLE_MODIFIERS } from '../entities/index.js';
import { ARMED, COMPOUND_TRIGGERS, DENIED, DESTINATION_START, HYPOTHETICAL, KIN, MOTION_OBJECT, MOTION_TO, NOUN_TRIGGERS, PLANNED, VERB_TRIGGERS, type TriggerInfo } from './rules/triggers.js';
import { findTimes, normaliseTime } from './time.js';

type Modality = Event['modality'];

const low = (t: Token | undefined): string => (t ? t.text.toLowerCase() : '');
const PUNCT = /^[,;:()"“”«»]$/;
const WINDOW = 14;
/** Every event word: most tokens are none, and one look-up tells. */
const TRIGGER_WORDS: ReadonlySet<string> = new Set([...MOTION_TO, ...MOTION_OBJECT, ...NOUN_TRIGGERS.keys(), ...VERB_TRIGGERS.keys()]);

/**
 * Events: visits, meetings, calls, agreements, sanctions, military actions. For each
 * event word, the actor is found by the patterns news uses ("the visit of X to Y",
 * "X's visit", "his arrival in Y", "X visited Y", "X met Y"), the place is a place named
 * after "to", "in" or "at", the time is the nearest time expression in the sentence
 * (normalised against the article's date), and the modality comes from the words
 * before the event word (will: planned; could: hypothetical; not: denied). Events with
 * the same type, actors, place and modality are merged, keeping every piece of evidence.
 */
export function findEvents(doc: Document): Event[] {
  const sentences = doc.layers.sentences ?? [];
  const mentions = doc.layers.mentions ?? [];
  const bySentence: Mention[][] = sentences.map(() => []);
  for (const m of mentions) {
    const si = sentenceAt(sentences, m.start);
    if (si >= 0 && m.entity) bySentence[si].push(m);
  }
  const events: Event[] = [];
  const merged = new Map<string, number>();
  for (const s of sentences) {
    const here = bySentence[s.index].sort((a, b) => a.start - b.start);
    for (let i = 0; i < s.tokens.length; i++) {
      const found = eventAt(doc, s, i, here);
      if (!found) continue;
      const key = `${found.type}|${found.actors.join(',')}|${found.place ?? ''}|${found.modality}`;
      const seen = merged.get(key);
      if (seen !== undefined) {
        const prev = events[seen];
        events[seen] = { ...prev, evidence: [...prev.evidence, { start: found.start, end: found.end }], time: prev.time ?? found.time, date: prev.date ?? found.date };
        continue;
      }
      merged.set(key, events.length);
      events.push({ ...found, id: `v${events.length + 1}` });
    }
  }
  return events;
}

function eventAt(doc: Document, s: Sentence, i: number, here: readonly Mention[]): Event | null {
  const toks = s.tokens;
  const w = low(toks[i]);
  // Most words trigger nothing: decide that before looking around them.
  if (!TRIGGER_WORDS.has(w)) return null;
  const prev = low(toks[i - 1]);
  // A noun after an article, possessive or adjective; a verb otherwise.
  const nounContext = /^(?:a|an|the|his|her|their|its|this|that|'s|’s|working|official|state|similar|current|first|second|next|last|recent|unexpected|planned|upcoming|forthcoming|short-term|brief|surprise|previous)$/.test(prev) || toks[i + 1]?.text === 'of';
  let info: TriggerInfo | undefined;
  if (MOTION_TO.has(w) || MOTION_OBJECT.has(w)) {
    if (!VERB_TRIGGERS.has(w) && !hasDestination(toks, i, MOTION_OBJECT.has(w))) return null;
    if (!VERB_TRIGGERS.has(w)) info = VISIT;
  }
  if (info) {
    // a motion verb with its destination
  } else if (nounContext) info = NOUN_TRIGGERS.get(w) ?? VERB_TRIGGERS.get(w);
  else info = VERB_TRIGGERS.get(w) ?? (NOUN_TRIGGERS.get(w) && !/^(?:to|will|would|can|could|may|might|must|should|not)$/.test(prev) ? NOUN_TRIGGERS.get(w) : undefined);
  if (!info) return null;
  // A compound event noun: "a telephone conversation" is a call.
  const compound = isCompoundStart(prev) ? COMPOUND_TRIGGERS.get(`${prev} ${w}`) : undefined;
  if (compound) info = compound;
  // "a good deal of work", "a great deal": a quantity, no agreement.
  if (w === 'deal' && /^(?:good|great)$/.test(prev)) return null;
  // "he said in a conversation with the newspaper": the setting of a statement, not a meeting.
  if (info.type !== 'visit' && /^(?:a|an)$/.test(prev) && low(toks[i - 2]) === 'in' && SPEECH_VERBS.test(low(toks[i - 3]))) return null;
  // "called X" is a call; "called X a liar", "called it a win" name someone.
  if (w === 'called' && !calledSomeone(toks, i, here)) return null;
  const isNoun = info !== VISIT && (nounContext || !VERB_TRIGGERS.has(w));
  const trigger: Span = { start: compound ? toks[i - 1].start : toks[i].start, end: toks[i].end };
  const agentLike = (m: Mention): boolean => m.label === 'PERSON' || m.label === 'ORG';
  const after = (m: Mention): boolean => m.start >= toks[i].end;
  const tokenIndex = (m: Mention): number => toks.findIndex((t) => t.start >= m.start);
  const clauseStart = (() => {
    let k = i - 1;
    while (k >= 0 && !/^[;:]$/.test(toks[k].text) && i - k <= WINDOW) k--;
    return toks[k + 1].start;
  })();
  const clauseEnd = (() => {
    let k = i + 1;
    while (k < toks.length && !/^[;:]$/.test(toks[k].text) && k - i <= WINDOW) k++;
    return toks[Math.min(k, toks.length) - 1].end;
  })();

  let actor: Mention | undefined;
  let place: Mention | undefined;
  let targets: Mention[] = [];
  let rule = '';

  // A place before a visit verb and a person after it: machine translation swapped them ("Azerbaijan will visit Minister X").
  const before = here.filter((m) => m.end <= toks[i].start && m.start >= clauseStart);
  const lastBefore = before[before.length - 1];
  if (!isNoun && info.type === 'visit' && lastBefore?.label === 'LOC' && tokensBetween(toks, lastBefore.end, toks[i].start) <= 2) {
    const person = here.find((m) => after(m) && m.label === 'PERSON' && m.start <= clauseEnd);
    if (person) {
      actor = person;
      place = lastBefore;
      rule = 'events/place-subject-swapped';
    }
  }
  // "X's visit", "his arrival", "Lavrov's unexpected visit".
  if (!actor && isNoun) {
    let k = i - 1;
    while (k >= 0 && i - k <= 3 && /^\p{Ll}[\p{Ll}-]*$/u.test(toks[k].text) && !/^(?:his|her|their|its)$/.test(low(toks[k]))) k--;
    const at = toks[k];
    const poss = !at ? undefined : /^['’]s$/.test(at.text) ? here.find((m) => m.end === at.start && agentLike(m)) : here.find((m) => m.start === at.start && m.kind === 'pronoun');
    if (poss) {
      actor = poss;
      rule = 'events/possessive-actor';
    }
  }
  // A name right before the event noun: "the Patriot deal", "the Lavrov visit".
  if (!actor && isNoun) {
    const compound = before.find((m) => agentLike(m) && m.kind === 'name' && tokensBetween(toks, m.end, toks[i].start) === 0);
    if (compound) {
      actor = compound;
      rule = 'events/compound-actor';
    }
  }
  // "he held talks", "X had committed a similar visit", "X paid a visit".
  if (!actor && isNoun) {
    const subject = [...before].reverse().find((m) => agentLike(m) && lightVerbBetween(toks, m.end, toks[i].start));
    if (subject) {
      actor = subject;
      rule = 'events/light-verb-subject';
    }
  }
  // "the visit of [the Foreign Minister of Azerbaijan] X", "arrival in Y ... of President X".
  if (!actor && isNoun) {
    const of = here.find((m) => after(m) && agentLike(m) && m.start <= clauseEnd && ofBefore(toks, tokenIndex(m)) && !triggerBetween(toks, i + 1, tokenIndex(m)));
    if (of) {
      actor = of;
      rule = 'events/noun-of-actor';
    }
  }
  // The subject: the nearest person or organisation before the event word in its clause.
  // A verb's subject: a person or organisation close before it, with no clause boundary between.
  if (!actor && !isNoun) {
    const subject = [...before].reverse().find((m) => agentLike(m) && !POSSESSIVE.test(doc.text.slice(m.start, m.end)) && !ofBefore(toks, roleStart(doc, toks, m) ?? tokenIndex(m)) && plainSubject(toks, m.end, toks[i].start));
    if (subject) {
      actor = subject;
      rule = 'events/verb-subject';
    }
  }
  if (!actor) return null;

  // Place: the first place after the event word introduced by to / in / at / into.
  if (!place) {
    place = here.find(
      // (A word of the same event between does not part them: "arrived with an official visit to Tehran".)
      (m) => after(m) && m.label === 'LOC' && m.start <= clauseEnd && /^(?:to|in|at|into|for|from)$/.test(low(toks[tokenIndex(m) - 1])) && !triggerBetween(toks, i + 1, tokenIndex(m), info.type),
    );
    if (!place && !isNoun && /^visit/.test(w)) place = here.find((m) => after(m) && m.label === 'LOC' && tokenIndex(m) === i + 1);
    // One goes to a university, a hall or a company's site too: an organisation right after "to", "in" or "at" is the place of a visit.
    if (!place && info.type === 'visit') place = here.find((m) => after(m) && m.label === 'ORG' && m.start <= clauseEnd && /^(?:to|in|at|into)$/.test(low(toks[tokenIndex(m) - 1])) && !triggerBetween(toks, i + 1, tokenIndex(m)));
  }
  // Who was met, called or visited: persons after "with" or directly after the verb, or "flew to X".
  // (A title before the person counts as the person's: "with the chief of General staff of ... X".)
  targets = here.filter((m) => {
    if (!after(m) || !agentLike(m) || m.entity === actor?.entity || m.entity === place?.entity) return false;
    const at = roleStart(doc, toks, m) ?? tokenIndex(m);
    return toks[at].start <= clauseEnd && /^(?:with|to|met|meet|meets|called|phoned|visited)$/.test(wordBefore(toks, at)) && !ofBefore(toks, at);
  });
  if (info.type === 'meeting' && !isNoun && !targets.length) {
    const object = here.find((m) => after(m) && agentLike(m) && tokenIndex(m) === i + 1);
    if (object) targets = [object];
  }

  // A meeting verb needs someone met ("met the threshold" is not a meeting), and not kin ("met his wife").
  if (info.type === 'meeting' && !isNoun && (!targets.length || KIN.has(low(toks[i + 2])) || KIN.has(low(toks[i + 1])))) return null;
  // A person who "attacked" someone with no armed force in the sentence attacked in words.
  if (info.type === 'military action' && actor.label === 'PERSON' && !s.tokens.some((t) => ARMED.has(low(t)))) return null;
  const modality = modalityAt(toks, i);
  const times = findTimes(doc.text, s.start, s.end);
  // The nearest time expression in the event's clause, with no other event word between.
  const time = times
    .filter((t) => t.start >= clauseStart && t.end <= clauseEnd && !triggerBetween(toks, Math.min(i, tokenIndexAt(toks, t.start)) + 1, Math.max(i, tokenIndexAt(toks, t.start))))
    .sort((a, b) => Math.abs(a.start - toks[i].start) - Math.abs(b.start - toks[i].start))[0];
  const start = Math.min(actor.start, trigger.start, place?.start ?? Infinity);
  const end = Math.max(actor.end, trigger.end, place?.end ?? 0, ...targets.map((t) => t.end));
  const date = time ? normaliseTime(time.text, doc.meta.date) : undefined;
  return {
    id: '',
    start,
    end,
    label: info.type,
    type: info.type,
    actors: [...new Set([...(rule === 'events/verb-subject' ? coordinated(doc, toks, here, actor) : []), actor.entity as string])],
    targets: [...new Set(targets.map((t) => t.entity as string))],
    ...(place?.entity ? { place: place.entity } : {}),
    ...(time ? { time: time.text } : {}),
    ...(date ? { date } : {}),
    modality,
    cameo: info.cameo,
    trigger,
    evidence: [trigger, { start: actor.start, end: actor.end }, ...(place ? [{ start: place.start, end: place.end }] : [])],
    rule,
  };
}

const VISIT: TriggerInfo = VERB_TRIGGERS.get('visited') as TriggerInfo;
const POSSESSIVE = /^(?:his|her|their|its|our|my|your)$/i;

/** A destination after a motion verb at i: "to"/"into"/"back" then a name, determiner or number; or (object verbs) a name or determiner right after. */
function hasDestination(toks: readonly Token[], i: number, object: boolean): boolean {
  const next = toks[i + 1];
  if (!next) return false;
  const startsPhrase = (t: Token | undefined): boolean => !!t && (/^\p{Lu}/u.test(t.text) || /^\d/.test(t.text) || DESTINATION_START.has(t.text.toLowerCase()));
  if (object) return startsPhrase(next);
  const n = next.text.toLowerCase();
  if (n === 'back' || n === 'home') return true;
  return (n === 'to' || n === 'into') && startsPhrase(toks[i + 2]);
}

/** "called X" with X a person and no naming complement after it ("called X a quack"). */
function calledSomeone(toks: readonly Token[], i: number, here: readonly Mention[]): boolean {
  const next = toks[i + 1];
  const m = next && here.find((x) => x.start === next.start && x.label === 'PERSON' && x.kind !== 'pronoun');
  if (!m) return false;
  const after = toks.find((t) => t.start >= m.end);
  return !after || !/^(?:a|an|the|his|her|"|“|'|‘)$/i.test(after.text);
}

/** True when the name at token k is introduced by "of" (over an article and role words): "of the Foreign Minister of Azerbaijan X". */
function ofBefore(toks: readonly Token[], k: number): boolean {
  let j = k - 1;
  let steps = 0;
  while (j >= 0 && steps < 10) {
    const w = low(toks[j]);
    if (w === 'of') {
      // "of" that belongs to a role ("Minister of Azerbaijan"): keep looking left for the "of" before the role.
      const roleBefore = j > 0 && (ROLE_HEADS.has(low(toks[j - 1])) || ROLE_MODIFIERS.has(low(toks[j - 1])));
      if (!roleBefore) return true;
    } else if (PUNCT.test(toks[j].text) || /^(?:to|in|at|with|by|and|that|said|will)$/.test(w)) {
      return false;
    }
    j--;
    steps++;
  }
  return false;
}

const SPEECH_VERBS = /^(?:said|says|told|tells|noted|notes|stated|explained|added|stressed|emphasized|emphasised|admitted|declared|remarked|commented|wrote)$/;

const isCompoundStart = (w: string): boolean => /^\p{Ll}+$/u.test(w);

const LIGHT_VERBS = /^(?:had|has|have|having|made|make|makes|paid|pay|pays|committed|commits|began|begins|begun|started|starts|ended|ends|completed|held|holds|hold|conducted|undertook|undertakes|is|was|are|were|be|been|will|would|to|a|an|the|his|her|their|its|similar|working|official|first|brief|short|state|surprise|two-day|three-day|one-day|also|then|already|recently|on)$/;

/** Only a light verb ("held", "had committed", "paid a") and its modifiers between a name and an event noun. */
function lightVerbBetween(toks: readonly Token[], from: number, to: number): boolean {
  let verb = false;
  let n = 0;
  let last = -1;
  for (let k = 0; k < toks.length; k++) if (toks[k].start >= from && toks[k].end <= to) last = k;
  for (let k = 0; k < toks.length; k++) {
    const t = toks[k];
    if (t.start < from || t.end > to) continue;
    n++;
    const w = t.text.toLowerCase();
    // The word right before the event noun may be any noun or adjective of it ("a telephone conversation", "bilateral talks").
    if (!LIGHT_VERBS.test(w) && !/^\p{Ll}+-\p{Ll}+$/u.test(w) && !(k === last && verb && /^\p{Ll}+$/u.test(t.text))) return false;
    if (/^(?:had|has|have|made|make|makes|paid|pay|pays|committed|commits|began|begins|started|starts|ended|ends|completed|held|holds|hold|conducted|undertook|undertakes)$/.test(w)) verb = true;
  }
  return verb && n <= 6;
}

/** A name and the verb after it with no clause boundary between ("X, who ...", "X said that ..."). */
function plainSubject(toks: readonly Token[], from: number, to: number): boolean {
  let n = 0;
  for (const t of toks) {
    if (t.start < from || t.end > to) continue;
    n++;
    if (PUNCT.test(t.text) || /^(?:that|which|who|whom|said|says|told|believes|thinks|and|but|or)$/i.test(t.text)) return false;
  }
  return n <= 5;
}

/** True when another event word stands between token a and token b. */
function triggerBetween(toks: readonly Token[], a: number, b: number, except?: string): boolean {
  for (let k = a; k < b; k++) {
    const info = NOUN_TRIGGERS.get(low(toks[k])) ?? VERB_TRIGGERS.get(low(toks[k]));
    if (info && info.type !== except) return true;
  }
  return false;
}

/**
 * The people or organisations joined to a verb's subject by "and" before it, each perhaps after its
 * title: "Minister X and Minister of Energy of Turkey Y signed" -> [X].
 */
function coordinated(doc: Document, toks: readonly Token[], here: readonly Mention[], subject: Mention): string[] {
  const out: string[] = [];
  let m = subject;
  for (let n = 0; n < 3; n++) {
    const at = roleStart(doc, toks, m) ?? toks.findIndex((t) => t.start >= m.start);
    const and = toks[at - 1];
    if (!and || and.text !== 'and') break;
    const prev = here.find((x) => x.end <= and.start && and.start - x.end <= 1 && (x.label === 'PERSON' || x.label === 'ORG') && x.kind === 'name');
    if (!prev?.entity) break;
    out.unshift(prev.entity);
    m = prev;
  }
  return out;
}

/** The first token of the role phrase right before mention `m` ("the chief of General staff of ... | X"), if any. */
function roleStart(doc: Document, toks: readonly Token[], m: Mention): number | undefined {
  const role = doc.layers.roles?.find((r) => r.mention === m.id && r.end <= m.start && m.start - r.end <= 1);
  if (!role) return undefined;
  const k = toks.findIndex((t) => t.start >= role.start);
  return k > 0 && low(toks[k - 1]) === 'the' ? k - 1 : k;
}

/** The word before token k, skipping the title and role words of a name ("met President X" -> "met"). */
function wordBefore(toks: readonly Token[], k: number): string {
  let j = k - 1;
  // Over a title and its capitalised words: "with Armenian Prime Minister | Nikol Pashinyan".
  while (j >= 0 && k - j <= 6 && (ROLE_HEADS.has(low(toks[j])) || ROLE_MODIFIERS.has(low(toks[j])) || (/^\p{Lu}\p{Ll}/u.test(toks[j].text) && j < k - 1))) j--;
  return low(toks[j]);
}

function tokenIndexAt(toks: readonly Token[], at: number): number {
  const k = toks.findIndex((t) => t.start >= at);
  return k < 0 ? toks.length : k;
}

function tokensBetween(toks: readonly Token[], from: number, to: number): number {
  let n = 0;
  for (const t of toks) if (t.start >= from && t.end <= to) n++;
  return n;
}

function modalityAt(toks: readonly Token[], i: number): Modality {
  for (let k = i - 1; k >= 0 && k >= i - 4; k--) {
    const w = low(toks[k]);
    if (PUNCT.test(toks[k].text)) break;
    if (DENIED.has(w)) return 'denied';
    if (HYPOTHETICAL.has(w)) return 'hypothetical';
    if (PLANNED.has(w)) return 'planned';
    if (w === 'to' && k === i - 1 && /^(?:is|are|was|were|going|plans|intends|wants|expected|due)$/.test(low(toks[k - 1]))) return 'planned';
  }
  return 'asserted';
}
