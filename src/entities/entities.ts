import type { Document, EntityType, Mention, Sentence } from '../document/index.js';
import { loadNerModel, recognise, type NerModel } from '../ner/index.js';
import { loadGazetteer, type Gazetteer } from './gazetteer.js';
import { docContext, recogniseSentence, type NameSpan } from './recognise.js';

/** Options for the entities stage. */
export interface EntitiesOptions {
  readonly gazetteer?: Gazetteer;
  /** The trained recogniser; the shipped one by default, `false` for rules and gazetteers alone. */
  readonly model?: NerModel | false;
}

const MODEL_TYPES: Readonly<Record<string, EntityType>> = { PER: 'PERSON', ORG: 'ORG', LOC: 'LOC', MISC: 'MISC' };
/** Rule spans this weak give way to the model where they overlap. */
const WEAK = 1;

/**
 * Find the names in a document: rules and gazetteers per sentence, then one pass over
 * the whole document so that a name keeps one type (a short "Lavrov" after "Sergei
 * Lavrov" is a person too; the strongest evidence wins).
 */
export function recogniseEntities(doc: Document, options: Readonly<EntitiesOptions> = {}): Mention[] {
  const sentences = doc.layers.sentences ?? [];
  const g = options.gazetteer ?? loadGazetteer();
  const ctx = docContext(sentences);
  const model = options.model === false ? undefined : (options.model ?? loadNerModel());
  const spans: NameSpan[] = [];
  for (const s of sentences) {
    const rules = recogniseSentence(s, g, ctx);
    spans.push(...(model ? withModel(s, rules, model) : rules));
  }
  return consolidate(doc.text, sentences, spans).map((sp, k) => ({
    id: `m${k + 1}`,
    start: sp.start,
    end: sp.end,
    label: sp.type,
    kind: 'name' as const,
    evidence: sp.evidence,
    rule: sp.rule,
    confidence: Math.round((sp.strength / 3) * 100) / 100,
  }));
}

/**
 * Merge the model's names with the rules' for one sentence: strong rule evidence (a
 * gazetteer entry, a title before a name, an organisation word) stands; the model's
 * reading replaces weak rule guesses it overlaps and adds the names the rules missed.
 */
function withModel(s: Sentence, rules: readonly NameSpan[], model: NerModel): NameSpan[] {
  const toks = s.tokens;
  if (!toks.length) return [...rules];
  const out = rules.filter((r) => r.strength > WEAK);
  const found = recognise(
    model,
    toks.map((t) => t.text),
  );
  for (const f of found) {
    const start = toks[f.start].start;
    const end = toks[f.end - 1].end;
    if (out.some((r) => r.start < end && start < r.end)) continue;
    // A lone punctuation mark or a word in lower case is no name.
    if (!/\p{Lu}|\p{N}/u.test(s.tokens[f.start].text)) continue;
    out.push({ sentence: s.index, from: f.start, to: f.end, start, end, type: MODEL_TYPES[f.type], rule: 'ner/perceptron', strength: 2, evidence: [] });
  }
  // Weak rule guesses the model did not overlap stay.
  for (const r of rules) if (r.strength <= WEAK && !out.some((o) => o.start < r.end && r.start < o.end)) out.push(r);
  return out.sort((a, b) => a.start - b.start);
}

/** Settle types across the document: surnames of known people, strongest type per string. */
function consolidate(text: string, sentences: readonly Sentence[], spans: NameSpan[]): NameSpan[] {
  const personParts = new Set<string>();
  const placeParts = new Set<string>();
  const best = new Map<string, { type: EntityType; strength: number }>();
  for (const sp of spans) {
    const name = text.slice(sp.start, sp.end);
    if (sp.type === 'PERSON' && sp.strength >= 2) for (const part of name.split(/\s+/)) if (part.length > 1) personParts.add(part);
    if (sp.type === 'LOC' && name.includes('-')) placeParts.add(name.slice(name.lastIndexOf('-') + 1));
    // A bare capitalised guess gives no vote.
    if (sp.rule === 'entities/capitalised') continue;
    const seen = best.get(name);
    if (!seen || sp.strength > seen.strength) best.set(name, { type: sp.type, strength: sp.strength });
  }
  const out: NameSpan[] = [];
  for (const sp of spans) {
    const name = text.slice(sp.start, sp.end);
    if (sp.strength <= 2 && sp.type !== 'PERSON' && personParts.has(name)) {
      out.push({ ...sp, type: 'PERSON', rule: 'entities/part-of-known-person', strength: 2 });
      continue;
    }
    if (sp.rule === 'entities/capitalised' && !best.has(name) && placeParts.has(name)) {
      out.push({ ...sp, type: 'LOC', rule: 'entities/part-of-known-place', strength: 1 });
      continue;
    }
    if (sp.rule === 'entities/capitalised' && best.has(name)) {
      const top = best.get(name) as { type: EntityType; strength: number };
      out.push({ ...sp, type: top.type, rule: 'entities/capitalised+document-consistency', strength: Math.max(1, top.strength - 1) });
      continue;
    }
    const top = best.get(name);
    if (top && top.strength > sp.strength && top.type !== sp.type) {
      out.push({ ...sp, type: top.type, rule: `${sp.rule}+document-consistency`, strength: top.strength - 1 });
      continue;
    }
    out.push(sp);
  }
  void sentences;
  return out.sort((a, b) => a.start - b.start);
}
