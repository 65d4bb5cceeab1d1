import { createDocument, withLayers, type Sentence, type Token } from '../document/index.js';
import { recogniseEntities } from '../entities/index.js';
import { score, type ConllSentence, type NerModel, type NerScore } from '../ner/index.js';

const CONLL_TYPE: Readonly<Record<string, string>> = { PERSON: 'PER', ORG: 'ORG', LOC: 'LOC', MISC: 'MISC' };

/**
 * Score the whole entities stage (rules, gazetteers and the model together, as `analyze`
 * runs it) on CoNLL sentences: each -DOCSTART- document becomes one Document whose
 * sentences and tokens are CoNLL's, and the stage's name mentions are read back as IOB2
 * tags over those tokens (a mention that covers part of a token tags the token).
 */
export function evaluateEntitiesStage(sentences: readonly ConllSentence[], model: NerModel | false): NerScore & { readonly seconds: number } {
  const t0 = performance.now();
  const docs = new Map<number, number[]>();
  sentences.forEach((s, i) => docs.set(s.doc, [...(docs.get(s.doc) ?? []), i]));
  const pred: string[][] = sentences.map((s) => s.words.map(() => 'O'));
  for (const idx of docs.values()) {
    let text = '';
    const layer: Sentence[] = [];
    for (const i of idx) {
      const tokens: Token[] = [];
      const start = text.length;
      for (const w of sentences[i].words) {
        if (tokens.length) text += ' ';
        tokens.push({ start: text.length, end: text.length + w.length, text: w });
        text += w;
      }
      layer.push({ index: layer.length, paragraph: layer.length, start, end: text.length, tokens });
      text += '\n';
    }
    const doc = withLayers(createDocument(text), { sentences: layer });
    const mentions = recogniseEntities(doc, { model });
    for (const m of mentions) {
      const si = layer.findIndex((s) => s.start <= m.start && m.start < s.end + 1);
      if (si < 0) continue;
      const tags = pred[idx[si]];
      let first = true;
      layer[si].tokens.forEach((t, k) => {
        if (t.end <= m.start || t.start >= m.end) return;
        tags[k] = `${first ? 'B' : 'I'}-${CONLL_TYPE[m.label]}`;
        first = false;
      });
    }
  }
  const seconds = (performance.now() - t0) / 1000;
  return { ...score(sentences.map((s) => s.tags), pred), seconds };
}
