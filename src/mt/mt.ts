/**
 * Finding what machine translation left behind in an English text: transliterated Russian
 * words, Russian acronyms, idioms rendered word for word, shouting (words in capitals in running
 * text) and place or person names written in lower case.
 */
import type { Artifact, Document, Mention, Sentence, Span } from '../document/index.js';
import { loadGazetteer, titleCase, type Gazetteer } from '../entities/index.js';
import { normaliseLatin } from './latin.js';
import { isEnglishWord, loadTranslitModel, scoreWord, type TranslitModel } from './model.js';
import { restore } from './restore.js';
import { ACRONYMS, acronymForms, type AcronymEntry } from './rules/acronyms.js';
import { IDIOMS } from './rules/idioms.js';

/** An artifact of the mt stage: the shared fields plus the scheme and lemma where known. */
export interface MtArtifact extends Artifact {
  /** Transliteration scheme family (iso9, scholarly, bgn-pcgn, informal) of an untranslated word; `any` when its letters are written alike by all. */
  readonly scheme?: string;
  /** Dictionary form of the restored word (az). */
  readonly lemma?: string;
}

export interface MtOptions {
  /** Model file (default: the shipped models/mt-translit.bin). */
  readonly model?: string;
  /** Override the model's probability threshold (with a dictionary-confirmed restoration). */
  readonly threshold?: number;
  /** Override the threshold above which a word is flagged even without a confirmed restoration. */
  readonly highThreshold?: number;
  /** Kinds to look for (default: all). */
  readonly kinds?: readonly ArtifactKind[];
}

export type ArtifactKind = 'untranslated' | 'acronym' | 'idiom' | 'shouting' | 'lowercased-name';
export const ARTIFACT_KINDS: readonly ArtifactKind[] = ['untranslated', 'acronym', 'idiom', 'shouting', 'lowercased-name'];

const CLITIC = /['’](?:s|t|re|ll|ve|d|m)$/u;
const LOWER_START = /^\p{Ll}/u;
const HAS_UPPER = /\p{Lu}/u;
const ALL_CAPS = /^\p{Lu}[\p{Lu}\p{M}]*$/u;
const MIN_LETTERS = 4;
const TWO_CAPS = /\p{Lu}[\p{Lu}\p{M}]/u;

interface Word extends Span {
  readonly text: string;
}

/** Letters and marks (`[\p{L}\p{M}]`) among the first 65,536 code points, learned as met: 0 not yet asked, 1 yes, 2 no. */
const LETTER_OR_MARK = /^[\p{L}\p{M}]$/u;
const letterCache = new Uint8Array(0x10000);

/** The length of the letter or mark at `i` (2 for one outside the BMP), or 0. */
function letterAt(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c < 128) return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) ? 1 : 0;
  if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
    const d = text.charCodeAt(i + 1);
    if (d >= 0xdc00 && d <= 0xdfff) return LETTER_OR_MARK.test(text.slice(i, i + 2)) ? 2 : 0;
  }
  let known = letterCache[c];
  if (known === 0) letterCache[c] = known = LETTER_OR_MARK.test(text[i]) ? 1 : 2;
  return known === 1 ? 1 : 0;
}

/** The apostrophe-like marks a word may hold between letters. */
const isWordMark = (c: number): boolean => c === 39 || c === 0x2019 || c === 0x2b9 || c === 0x2ba || c === 34 || c === 0x201d || c === 96;

/**
 * The words of a text: letters and marks, with apostrophe-like marks inside, the matches of
 * `/[\p{L}\p{M}]+(?:['’ʹʺ"”\`][\p{L}\p{M}]+)*\/gu`, read character by character (the same
 * words, faster than the regular expression and its match objects).
 */
function words(text: string): Word[] {
  const out: Word[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    let k = letterAt(text, i);
    if (k === 0) {
      i++;
      continue;
    }
    const start = i;
    for (;;) {
      while (k > 0) {
        i += k;
        k = i < n ? letterAt(text, i) : 0;
      }
      // A mark between letters ("d'Estaing", "Obʺjavlenie") keeps the word going.
      if (i + 1 < n && isWordMark(text.charCodeAt(i)) && (k = letterAt(text, i + 1)) > 0) {
        i++;
        continue;
      }
      break;
    }
    out.push({ start, end: i, text: text.slice(start, i) });
  }
  return out;
}

/** Whether a word sits inside a URL, e-mail address, handle or file name. */
function inCode(text: string, w: Span): boolean {
  const before = text[w.start - 1] ?? ' ';
  const after = text[w.end] ?? ' ';
  if (/[@#/\\_=&%~]/.test(before) || /[@/\\_=&%~]/.test(after)) return true;
  if (before === '.' && /[\p{L}\p{N}]/u.test(text[w.start - 2] ?? ' ')) return true;
  if (after === '.' && /[\p{L}\p{N}]/u.test(text[w.end + 1] ?? ' ')) return true;
  return /\d/.test(before) || /\d/.test(after);
}

/** A mask over the text: 1 where a name mention is. */
function mentionMask(length: number, mentions: readonly Mention[]): Uint8Array {
  const mask = new Uint8Array(length);
  for (const m of mentions) if (m.kind === 'name') mask.fill(1, m.start, m.end);
  return mask;
}

const covered = (mask: Uint8Array, w: Span): boolean => {
  for (let i = w.start; i < w.end; i++) if (mask[i]) return true;
  return false;
};

interface Found {
  readonly artifact: Omit<MtArtifact, 'id'>;
  /** Whether it counts as a sign that the document was translated from Russian. */
  readonly strong: boolean;
  readonly ambiguous?: boolean;
}

/**
 * What the searches for transliterations and for lower-cased names read of a word form alone:
 * its normalised form when it may be a transliteration ({@link candidateForm}), and whether it
 * may be a name written in lower case (four lower-case letters or more, no English word).
 */
interface WordVerdict {
  readonly norm: string | null;
  readonly lowercased: boolean;
}

/** The verdict of a word neither search reads: one that starts with a capital, or a short word in ASCII lower case. */
const NEITHER: WordVerdict = { norm: null, lowercased: false };

/** Bounded caches of word-level verdicts, per model: a long ingest meets each common word once. */
const verdictCache = new WeakMap<TranslitModel, Map<string, WordVerdict>>();
const CACHE_LIMIT = 100_000;

/** Whether a word is all ASCII lower-case letters. */
function asciiLower(word: string): boolean {
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i);
    if (c < 97 || c > 122) return false;
  }
  return true;
}

/**
 * The verdicts of the words of a document, in order. Both searches need a lower-case first
 * letter and four letters or more, so words that start with an ASCII capital, and ASCII words of
 * three letters or fewer, are answered without a look-up (the same answers).
 */
function verdicts(model: TranslitModel, ws: readonly Word[]): WordVerdict[] {
  let cache = verdictCache.get(model);
  if (!cache) verdictCache.set(model, (cache = new Map()));
  let alphabet: ReadonlySet<string> | undefined;
  const out = new Array<WordVerdict>(ws.length);
  for (let k = 0; k < ws.length; k++) {
    const word = ws[k].text;
    const c = word.charCodeAt(0);
    if ((c >= 65 && c <= 90) || (word.length < MIN_LETTERS && asciiLower(word))) {
      out[k] = NEITHER;
      continue;
    }
    let v = cache.get(word);
    if (v === undefined) {
      alphabet ??= new Set(model.header.alphabet);
      v = {
        norm: candidateForm(model, alphabet, word),
        lowercased: word.length >= MIN_LETTERS && /^\p{Ll}+$/u.test(word) && !isEnglishWord(model, word),
      };
      if (cache.size >= CACHE_LIMIT) cache.clear();
      cache.set(word, v);
    }
    out[k] = v;
  }
  return out;
}

/**
 * The normalised form of a word that may be a transliteration (lower case, letters of the
 * model's alphabet, long enough, not an English word), or null.
 */
function candidateForm(model: TranslitModel, alphabet: ReadonlySet<string>, word: string): string | null {
  if (!LOWER_START.test(word) || HAS_UPPER.test(word)) return null;
  if (CLITIC.test(word)) return null;
  const norm = /^[a-z]+$/.test(word) ? word : normaliseLatin(word);
  let letters = 0;
  for (const c of norm) {
    if (!alphabet.has(c)) return null;
    if (c !== "'" && c !== '"') letters++;
  }
  if (letters < MIN_LETTERS) return null;
  if (isEnglishWord(model, norm) || isEnglishWord(model, norm.replace(/['"]/g, ''))) return null;
  return norm;
}

/** Transliterated words: the model's score, then the restoration checked against the Russian dictionary. */
function untranslated(doc: Document, model: TranslitModel, ws: readonly Word[], vs: readonly WordVerdict[], mask: Uint8Array, options: Readonly<MtOptions>): Found[] {
  const { text } = doc;
  const threshold = options.threshold ?? model.header.threshold;
  const high = options.highThreshold ?? model.header.highThreshold;
  const out: Found[] = [];
  const seen = new Map<string, Found['artifact'] | null>();
  for (let k = 0; k < ws.length; k++) {
    // What depends on the word alone is decided once per word form and model.
    const norm = vs[k].norm;
    if (norm === null) continue;
    const w = ws[k];
    if (covered(mask, w) || inCode(text, w)) continue;
    // A soft-sign mark at the end ("otlučites'") is outside the word match: try the word with it first.
    // Only when the word is not English without it ("hell'") or with a dropped g ("lyin'"), and
    // only with a restoration the dictionary confirms.
    const mark =
      /^['’ʹ]$/u.test(text[w.end] ?? '') && !/[\p{L}\p{N}]/u.test(text[w.end + 1] ?? ' ') && !isEnglishWord(model, `${norm}g`) ? `${norm}'` : undefined;
    let hit: Found['artifact'] | null | undefined;
    let end = w.end;
    if (mark) {
      hit = lookup(mark);
      if (hit && hit.rule.endsWith('/unconfirmed')) hit = null;
      if (hit) end = w.end + 1;
    }
    if (!hit) hit = lookup(norm);
    if (hit) out.push({ artifact: { ...hit, start: w.start, end, original: text.slice(w.start, end) }, strong: true });
  }
  return out;

  function lookup(norm: string): Found['artifact'] | null {
    let hit = seen.get(norm);
    if (hit === undefined) {
      hit = null;
      const p = scoreWord(model, norm);
      if (p >= threshold) {
        const r = restore(model, norm);
        const known = r?.analysis?.known ?? false;
        if (r && (known || p >= high)) {
          // Plain letters that every scheme writes alike (no ж ш ч щ х ц я ю ё й ь ъ э) name no scheme.
          const family = /^[a-z]+$/.test(norm) && !/[жшчщхцяюёйьъэ]/u.test(r.cyrillic) ? 'any' : r.family;
          hit = {
            kind: 'untranslated',
            label: 'untranslated',
            start: 0,
            end: 0,
            original: '',
            script: 'Cyrillic',
            restored: r.cyrillic,
            ...(r.analysis && known ? { lemma: r.analysis.lemma } : {}),
            scheme: family,
            evidence: [],
            rule: `mt/untranslated/${family}${known ? '' : '/unconfirmed'}`,
            confidence: Math.round((known ? p : p * 0.7) * 1000) / 1000,
          };
        }
      }
      seen.set(norm, hit);
    }
    return hit;
  }
}

let acronymIndex: Map<string, { entry: AcronymEntry; primary: boolean }> | undefined;

/** Latin form -> entry; `primary` for the first (ISO 9 / most common) form of each acronym. */
function acronyms(): Map<string, { entry: AcronymEntry; primary: boolean }> {
  if (acronymIndex) return acronymIndex;
  const english = new Set(ACRONYMS.map((a) => a.english.toUpperCase()).filter(Boolean));
  acronymIndex = new Map();
  for (const entry of ACRONYMS) {
    const forms = acronymForms(entry.cyrillic);
    for (const f of [...forms, ...(entry.extra ?? [])]) {
      if (f.length < 2 || english.has(f) || acronymIndex.has(f)) continue;
      acronymIndex.set(f, { entry, primary: f === forms[0] });
    }
  }
  return acronymIndex;
}

/** Russian acronyms in Latin letters (ODKB for ОДКБ, the CSTO). */
function acronymArtifacts(model: TranslitModel, ws: readonly Word[], mask: Uint8Array, text: string): Found[] {
  const index = acronyms();
  const out: Found[] = [];
  for (const w of ws) {
    const t = w.text;
    if (t.length < 2 || t.length > 8 || !/^\p{Lu}/u.test(t)) continue;
    const upper = [...t].filter((c) => /\p{Lu}/u.test(c)).length;
    if (upper < 2 || upper < t.length / 2) continue;
    const found = index.get(t.toUpperCase());
    if (!found) continue;
    const { entry } = found;
    // A variant form that is an English word in capitals (YES for ЕС) is shouting, not an acronym.
    if (!found.primary && t.length >= 3 && isEnglishWord(model, t.toLowerCase())) continue;
    if (inCode(text, w)) continue;
    void mask; // acronyms are often tagged as ORG names by the entity stage: not a reason to skip them
    const english = entry.english ? `${entry.english} (${entry.expansion})` : entry.expansion;
    out.push({
      artifact: {
        kind: 'acronym',
        label: 'acronym',
        start: w.start,
        end: w.end,
        original: t,
        script: 'Cyrillic',
        restored: entry.cyrillic,
        suggestion: english,
        evidence: [],
        rule: `mt/acronym/${entry.cyrillic}`,
        confidence: entry.ambiguous ? 0.6 : 0.9,
      },
      strong: !entry.ambiguous,
      ambiguous: entry.ambiguous ?? false,
    });
  }
  return out;
}

/** Idioms rendered word for word. */
const IDIOM_RES = IDIOMS.map((idiom) => new RegExp(idiom.pattern.source, idiom.pattern.flags.includes('g') ? idiom.pattern.flags : `${idiom.pattern.flags}g`));

const IDIOM_CUES = [...new Set(IDIOMS.flatMap((i) => i.cues))];
const escapeRe = (c: string): string => c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** Every idiom cue, found in one pass: a zero-width match at each position where some cue starts. */
const CUE_STARTS = new RegExp(`(?=${IDIOM_CUES.map(escapeRe).join('|')})`, 'g');
/** Cues by first character, to read every cue that starts where the scan stopped (one cue may be a prefix of another). */
const CUES_BY_FIRST = new Map<string, string[]>();
for (const c of IDIOM_CUES) CUES_BY_FIRST.set(c[0], [...(CUES_BY_FIRST.get(c[0]) ?? []), c]);

/** The idiom cues that occur in a lower-cased text. */
function cuesIn(lower: string): Set<string> {
  const found = new Set<string>();
  for (const m of lower.matchAll(CUE_STARTS)) for (const c of CUES_BY_FIRST.get(lower[m.index]) ?? []) if (lower.startsWith(c, m.index)) found.add(c);
  return found;
}

function idiomArtifacts(text: string): Found[] {
  const out: Found[] = [];
  const present = cuesIn(text.toLowerCase());
  if (present.size === 0) return out;
  for (let k = 0; k < IDIOMS.length; k++) {
    const idiom = IDIOMS[k];
    if (!idiom.cues.some((c) => present.has(c))) continue;
    for (const m of text.matchAll(IDIOM_RES[k])) {
      const whole = { start: m.index, end: m.index + m[0].length };
      let span: Span = whole;
      if (m[1] !== undefined) {
        const at = m[0].indexOf(m[1]);
        span = { start: m.index + at, end: m.index + at + m[1].length };
      }
      out.push({
        artifact: {
          kind: 'idiom',
          label: 'idiom',
          ...span,
          original: text.slice(span.start, span.end),
          script: 'Cyrillic',
          restored: idiom.russian,
          suggestion: idiom.meaning,
          evidence: [whole],
          rule: `mt/idiom/${idiom.id}`,
          confidence: 0.8,
        },
        strong: true,
      });
    }
  }
  return out;
}

/** The normal form of a word in capitals: a known name in title case, another word in lower case. */
function normalCase(gaz: Gazetteer, run: string): string {
  const t = titleCase(run);
  if (gaz.loc.has(t) || gaz.misc.has(t) || gaz.org.has(t)) return t;
  return run
    .split(/(\s+)/)
    .map((p) => {
      if (/^\s+$/.test(p)) return p;
      const tc = titleCase(p);
      return gaz.loc.has(tc) || gaz.misc.has(tc) || gaz.town.has(tc) || gaz.given.has(tc) || gaz.surnames.has(tc) ? tc : p.toLowerCase();
    })
    .join('');
}

/** Words in capitals inside a sentence that is not itself in capitals (a headline). */
function shouting(doc: Document, model: TranslitModel, gaz: Gazetteer, sentences: readonly Sentence[]): Found[] {
  const out: Found[] = [];
  const text = doc.text;
  for (const s of sentences) {
    // Most sentences have no two capitals in a row: nothing to look at.
    if (!TWO_CAPS.test(text.slice(s.start, s.end))) continue;
    const all = s.tokens;
    const toks = all.filter((t) => /\p{L}/u.test(t.text));
    if (toks.length < 4) continue;
    // In running text: the word before is a lower-case word (not a dateline, heading, table cell or list label).
    const afterLowerWord = (t: (typeof all)[number]): boolean => {
      const k = all.indexOf(t);
      return k > 0 && /^\p{Ll}+$/u.test(all[k - 1].text);
    };
    const caps = toks.map((t) => t.text.length >= 2 && ALL_CAPS.test(t.text));
    const nCaps = caps.filter(Boolean).length;
    if (!nCaps || nCaps / toks.length > 0.5) continue;
    for (let i = 0; i < toks.length; ) {
      if (!caps[i]) {
        i++;
        continue;
      }
      let j = i;
      while (j + 1 < toks.length && caps[j + 1] && /^\s+$/.test(doc.text.slice(toks[j].end, toks[j + 1].start))) j++;
      const run = doc.text.slice(toks[i].start, toks[j].end);
      const parts = toks.slice(i, j + 1).map((t) => t.text);
      const tc = titleCase(run);
      const known = (p: string): boolean => p.length >= 4 && isEnglishWord(model, p.toLowerCase());
      const place = gaz.loc.has(tc) || gaz.misc.has(tc);
      const qualifies = afterLowerWord(toks[i]) && (place ? run.length >= 4 : parts.length >= 2 && parts.filter(known).length >= 2);
      if (qualifies) {
        out.push({
          artifact: {
            kind: 'shouting',
            label: 'shouting',
            start: toks[i].start,
            end: toks[j].end,
            original: run,
            suggestion: normalCase(gaz, run),
            evidence: [],
            rule: place ? 'mt/shouting/name' : 'mt/shouting/words',
            confidence: 0.7,
          },
          strong: false,
        });
      }
      i = j + 1;
    }
  }
  return out;
}

/** Lower-case words that are a known place, or a name the document writes capitalised elsewhere. */
function lowercased(doc: Document, gaz: Gazetteer, ws: readonly Word[], vs: readonly WordVerdict[], mentions: readonly Mention[]): Found[] {
  // Words of name mentions written capitalised at least twice in the document.
  const names = new Map<string, { span: Span; count: number }>();
  for (const m of mentions) {
    if (m.kind !== 'name') continue;
    for (const w of words(doc.text.slice(m.start, m.end))) {
      if (w.text.length < MIN_LETTERS || !/^\p{Lu}\p{Ll}/u.test(w.text)) continue;
      const key = w.text.toLowerCase();
      const had = names.get(key);
      names.set(key, { span: had?.span ?? { start: m.start + w.start, end: m.start + w.end }, count: (had?.count ?? 0) + 1 });
    }
  }
  const out: Found[] = [];
  for (let k = 0; k < ws.length; k++) {
    const w = ws[k];
    if (!vs[k].lowercased || inCode(doc.text, w)) continue;
    // Not at the start of a sentence or line (lists and tables write names in lower case there).
    const before = doc.text.slice(Math.max(0, w.start - 40), w.start).trimEnd();
    if (!before || /[.!?:;\n]$/.test(before)) continue;
    const tc = titleCase(w.text);
    const named = names.get(w.text);
    const seenAs = named && named.count >= 2 ? named.span : undefined;
    const place = gaz.loc.has(tc) || gaz.town.has(tc);
    if (!seenAs && !place) continue;
    out.push({
      artifact: {
        kind: 'lowercased-name',
        label: 'lowercased-name',
        start: w.start,
        end: w.end,
        original: w.text,
        suggestion: place ? (gaz.loc.get(tc) ?? tc) : doc.text.slice(seenAs!.start, seenAs!.end),
        evidence: seenAs ? [seenAs] : [],
        rule: seenAs ? 'mt/lowercased/name-in-document' : 'mt/lowercased/gazetteer',
        confidence: 0.7,
      },
      strong: false,
    });
  }
  return out;
}

/**
 * The artifacts of machine translation in a document, in text order. Needs sentences and,
 * when present, name mentions (words inside a name are not taken for transliterations).
 *
 * @example
 * const doc = analyzeText(defaultPipeline(), 'They were kupiruâ the talks.');
 * findArtifacts(doc)[0].restored // 'купируя'
 */
export function findArtifacts(doc: Document, options: Readonly<MtOptions> = {}): MtArtifact[] {
  const model = loadTranslitModel(options.model);
  const kinds = new Set(options.kinds ?? ARTIFACT_KINDS);
  const mentions = doc.layers.mentions ?? [];
  const sentences = doc.layers.sentences ?? [];
  const ws = words(doc.text);
  const mask = mentionMask(doc.text.length, mentions);
  const found: Found[] = [];
  const vs = kinds.has('lowercased-name') || kinds.has('untranslated') ? verdicts(model, ws) : [];
  // A lower-case name found twice (as a name and as a transliteration) is reported as a name.
  if (kinds.has('shouting') || kinds.has('lowercased-name')) {
    const gaz = loadGazetteer();
    if (kinds.has('lowercased-name')) found.push(...lowercased(doc, gaz, ws, vs, mentions));
    if (kinds.has('shouting')) found.push(...shouting(doc, model, gaz, sentences));
  }
  if (kinds.has('untranslated')) found.push(...untranslated(doc, model, ws, vs, mask, options));
  if (kinds.has('acronym')) found.push(...acronymArtifacts(model, ws, mask, doc.text));
  if (kinds.has('idiom')) found.push(...idiomArtifacts(doc.text));
  // Ambiguous acronyms only in a document with another sign of translation from Russian.
  const russian = found.some((f) => f.strong);
  const kept = found.filter((f) => !f.ambiguous || russian).sort((a, b) => a.artifact.start - b.artifact.start || b.artifact.end - a.artifact.end);
  const out: MtArtifact[] = [];
  let lastEnd = -1;
  for (const f of kept) {
    if (f.artifact.start < lastEnd) continue; // overlapping finds: keep the first, longest
    lastEnd = f.artifact.end;
    out.push({ ...f.artifact, id: `mt${out.length + 1}` } as MtArtifact);
  }
  return out;
}
