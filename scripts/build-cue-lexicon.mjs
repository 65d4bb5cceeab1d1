#!/usr/bin/env node
// Derive the attribution cue lexicon from PolNeAR train (research data: only counts ship,
// never its texts).
//
//   node scripts/build-cue-lexicon.mjs /path/to/polnear/train.jsonl [--out src/attribution/rules/learned-cues.ts]
//
// For every lower-cased word form it counts how often the form occurs outside annotated
// contents (quoted or reported material, where a "said" belongs to someone else's words)
// and how often it is part of an annotated cue there. The ratio is the form's precision as
// a cue word. Forms seen in a cue at least MIN_CUE times are written, sorted, so the output
// is deterministic for a given input.
import { createReadStream, writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline';

const args = process.argv.slice(2);
const input = args.find((a) => !a.startsWith('--'));
const outAt = args.indexOf('--out');
const out = outAt >= 0 ? args[outAt + 1] : new URL('../src/attribution/rules/learned-cues.ts', import.meta.url).pathname;
if (!input) {
  process.stderr.write('usage: node scripts/build-cue-lexicon.mjs TRAIN.jsonl [--out FILE]\n');
  process.exit(2);
}

const MIN_CUE = 2;
// A form of "be", adverbs or "not", and a participle (same test as src/attribution/attribution.ts).
const PASSIVE = /\b(?:be|is|are|was|were|been|being|'s|'re|'m)\s+(?:(?:[a-z]+ly|not|also|never|still|now|all)\s+)*([a-z]+(?:ed|en)|told|said|thought|known|held|seen|heard|taught|brought|bought|caught|found|left|made|meant|put|set|sent|shown|kept)\b/g;
// Same word shape as src/segment/segment.ts.
const WORD = /[\p{L}\p{M}\p{N}]+(?:[-.&\u2010\u2011'\u2019][\p{L}\p{M}\p{N}]+)*/gu;

// Words that may follow a cue verb and join its cue ("talked about", "called for", "lashed out").
const PARTICLES = new Set(['about', 'of', 'for', 'on', 'to', 'as', 'against', 'with', 'at', 'out', 'up', 'over', 'from', 'into']);

const total = new Map();
// "verb particle" -> [times the particle is in the verb's cue, times the cue ends at the verb].
const particles = new Map();
const inCue = new Map();
const phrases = new Map();
// Participle of a passive cue without its agent ("was accused of", "are concerned") -> [times the
// subject before the cue is the annotated source, times the attribution has no source].
const passives = new Map();
let articles = 0;
let attributions = 0;

const rl = createInterface({ input: createReadStream(input, 'utf8'), crlfDelay: Infinity });
for await (const line of rl) {
  if (!line.trim()) continue;
  const doc = JSON.parse(line);
  articles++;
  const n = doc.text.length;
  const cue = new Uint8Array(n);
  const content = new Uint8Array(n);
  for (const a of doc.attributions) {
    attributions++;
    for (const s of a.cue.spans) cue.fill(1, s.start, s.end);
    for (const s of a.content.spans) content.fill(1, s.start, s.end);
    const phrase = a.cue.spans.map((s) => s.text).join(' ').toLowerCase().replace(/\s+/g, ' ').trim();
    phrases.set(phrase, (phrases.get(phrase) ?? 0) + 1);
    const pp = passiveParticiple(phrase);
    const lastEnd = a.cue.spans[a.cue.spans.length - 1].end;
    if (pp && !/^\s*by\b/i.test(doc.text.slice(lastEnd, lastEnd + 4)) && (!a.source || a.source.end <= a.cue.spans[0].start)) {
      const r = passives.get(pp) ?? [0, 0];
      r[a.source ? 0 : 1]++;
      passives.set(pp, r);
    }
  }
  // Each word of a cue followed by a particle: does the cue take the particle?
  const words = [...doc.text.matchAll(WORD)].map((m) => ({ s: m.index, e: m.index + m[0].length, w: m[0].toLowerCase().replace(/\u2019/g, "'") }));
  for (const a of doc.attributions) {
    const first = a.cue.spans[0].start;
    const last = a.cue.spans[a.cue.spans.length - 1].end;
    for (let k = 0; k < words.length - 1; k++) {
      const v = words[k];
      if (v.s < first || v.e > last || !cue[v.s]) continue;
      const p = words[k + 1];
      if (!PARTICLES.has(p.w) || !/^[a-z]+$/.test(v.w)) continue;
      const inside = p.e <= last && cue[p.s];
      // Counted when the particle is in the cue, or the cue ends at the verb.
      if (!inside && words[k + 1].s < last) continue;
      const key = `${v.w} ${p.w}`;
      const r = particles.get(key) ?? [0, 0];
      r[inside ? 0 : 1]++;
      particles.set(key, r);
    }
  }
  WORD.lastIndex = 0;
  for (let m = WORD.exec(doc.text); m; m = WORD.exec(doc.text)) {
    if (content[m.index] && !cue[m.index]) continue;
    const w = m[0].toLowerCase().replace(/\u2019/g, "'");
    total.set(w, (total.get(w) ?? 0) + 1);
    if (cue[m.index]) inCue.set(w, (inCue.get(w) ?? 0) + 1);
  }
}

const rows = [...inCue].filter(([, c]) => c >= MIN_CUE).map(([w, c]) => [w, c, total.get(w) ?? c]);
rows.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
const particleRows = [...particles].filter(([, r]) => r[0] + r[1] >= MIN_CUE).map(([k, r]) => [...k.split(' '), r[0], r[1]]);
particleRows.sort((a, b) => b[2] + b[3] - a[2] - a[3] || (a[0] + ' ' + a[1] < b[0] + ' ' + b[1] ? -1 : 1));
const passiveRows = [...passives].filter(([, r]) => r[0] + r[1] >= MIN_CUE).map(([w, r]) => [w, r[0], r[1]]);
passiveRows.sort((a, b) => b[1] + b[2] - a[1] - a[2] || (a[0] < b[0] ? -1 : 1));
const topPhrases = [...phrases].filter(([, c]) => c >= MIN_CUE).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));

const body = `// Generated by scripts/build-cue-lexicon.mjs from PolNeAR train (${articles} articles, ${attributions} attributions).
// Do not edit by hand: run \`node scripts/build-cue-lexicon.mjs TRAIN.jsonl\`.
// Each row: [word form, times inside an annotated cue, times outside annotated contents].
// Only counts are kept; no text of the corpus.

/** [form, in cue, total outside contents] for forms seen in a cue at least ${MIN_CUE} times. */
export const LEARNED_CUE_WORDS: readonly (readonly [string, number, number])[] = [
${rows.map((r) => `  ${JSON.stringify(r)},`).join('\n')}
];

/** Annotated cue phrases (lower case, fragments joined) seen at least ${MIN_CUE} times, with counts. */
export const LEARNED_CUE_PHRASES: readonly (readonly [string, number])[] = [
${topPhrases.map((r) => `  ${JSON.stringify(r)},`).join('\n')}
];

/** [verb form, particle, times the particle is in the verb's cue, times the cue ends at the verb], seen at least ${MIN_CUE} times. */
export const LEARNED_CUE_PARTICLES: readonly (readonly [string, string, number, number])[] = [
${particleRows.map((r) => `  ${JSON.stringify(r)},`).join('\n')}
];

/**
 * [participle, times the subject before the cue is the source, times there is no source] for the
 * participle of a passive cue without its agent ("was accused of": no source; "are concerned":
 * the subject), seen at least ${MIN_CUE} times.
 */
export const LEARNED_PASSIVE_SOURCES: readonly (readonly [string, number, number])[] = [
${passiveRows.map((r) => `  ${JSON.stringify(r)},`).join('\n')}
];
`;
writeFileSync(out, body);
process.stderr.write(`wrote ${rows.length} cue words, ${topPhrases.length} phrases, ${particleRows.length} verb particles and ${passiveRows.length} passive participles to ${out}\n`);

/** The participle of the last passive in a cue phrase ("has been harshly criticized" -> "criticized"), or null. */
function passiveParticiple(phrase) {
  let found = null;
  for (const m of phrase.matchAll(PASSIVE)) found = m[1];
  return found;
}
