import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DossierError } from '../errors.js';
import { buildLexicon } from './build-lexicon.js';
import { chunks, parseConll, score } from './conll.js';
import { harmonise } from './document.js';
import * as api from './index.js';
import { evaluateNer, loadNerModel, recognise, recogniseDocument, saveNerModel, tagDocument, tagTokens, trainNer, wordInfo } from './index.js';
import { caseMode, GAZ, lexiconFromData, truecase } from './lexicon.js';
import { ALLOWED, deserialise, emissions, FINAL, NL, viterbi, type Model } from './model.js';
import { docContext, featurise, info } from './features.js';

const fixture = (name: string): string => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
const words = (s: string): string[] => s.split(' ');

describe('conlleval scoring', () => {
  it.each([
    ['IOB1: I- everywhere', ['I-PER', 'I-PER', 'O', 'I-LOC'], [[0, 2, 'PER'], [3, 4, 'LOC']]],
    ['IOB1: B- splits two touching names of one type', ['I-PER', 'I-PER', 'B-PER', 'O'], [[0, 2, 'PER'], [2, 3, 'PER']]],
    ['IOB2: B- at every start', ['B-ORG', 'I-ORG', 'B-ORG'], [[0, 2, 'ORG'], [2, 3, 'ORG']]],
    ['a type change ends a name', ['I-PER', 'I-LOC'], [[0, 1, 'PER'], [1, 2, 'LOC']]],
    ['I- after O starts a name (as conlleval)', ['O', 'I-MISC', 'I-MISC'], [[1, 3, 'MISC']]],
    ['IOB2 I- of another type after B- starts a new name', ['B-PER', 'I-ORG'], [[0, 1, 'PER'], [1, 2, 'ORG']]],
    ['BIOES tags', ['B-LOC', 'E-LOC', 'S-LOC', 'O'], [[0, 2, 'LOC'], [2, 3, 'LOC']]],
    ['a name at the end of the sentence', ['O', 'B-ORG'], [[1, 2, 'ORG']]],
  ])('should read chunks: %s', (_, tags, expected) => {
    expect(chunks(tags as string[]).map((c) => [c.start, c.end, c.type])).toEqual(expected);
  });

  it('should score IOB1 gold against IOB2 predictions as equal', () => {
    const r = score([['I-PER', 'I-PER', 'O', 'I-LOC', 'B-LOC']], [['B-PER', 'I-PER', 'O', 'B-LOC', 'B-LOC']]);
    expect([r.precision, r.recall, r.f1]).toEqual([1, 1, 1]);
  });

  it('should count a boundary error as one false positive and one false negative', () => {
    const r = score([['B-ORG', 'I-ORG', 'O', 'B-PER']], [['B-ORG', 'O', 'O', 'B-PER']]);
    expect(r.correct).toBe(1);
    expect(r.precision).toBe(0.5);
    expect(r.recall).toBe(0.5);
    expect(r.types.ORG).toMatchObject({ precision: 0, recall: 0, f1: 0, gold: 1, predicted: 1 });
    expect(r.types.PER.f1).toBe(1);
  });

  it('should give 0, not NaN, when nothing is found', () => {
    expect(score([['B-PER']], [['O']])).toMatchObject({ precision: 0, recall: 0, f1: 0 });
  });
});

describe('parseConll', () => {
  it('should split sentences and documents and take the last column as the tag', () => {
    const s = parseConll('-DOCSTART- -X- -X- O\n\nEU NNP I-NP I-ORG\nsaid VBD I-VP O\n\n-DOCSTART- -X- -X- O\n\nHi UH O O\n');
    expect(s).toEqual([
      { words: ['EU', 'said'], tags: ['I-ORG', 'O'], doc: 0 },
      { words: ['Hi'], tags: ['O'], doc: 1 },
    ]);
  });

  it('should throw E_DATA with the line number for a bad tag', () => {
    expect(() => parseConll('EU NNP\n', 'x.conll')).toThrowErrorMatchingInlineSnapshot(
      `[DossierError: x.conll:1: "NNP" is not an IOB tag (O, I-TYPE, B-TYPE). Is the NER tag the last column?]`,
    );
  });
});

describe('truecasing', () => {
  const lex = lexiconFromData({
    words: ['eu', 'russian', 'says', 'the'],
    cluster: new Uint32Array(4),
    capBucket: new Uint8Array(4),
    form: ['EU', 'Russian', '', ''],
    gazNames: ['aliyev'],
    gazMask: Uint8Array.of(GAZ.SURNAME),
  });
  it('should tell all-caps, all-lower and mixed sentences apart', () => {
    expect([caseMode(words('RUSSIAN FEDERATION')), caseMode(words('the eu says')), caseMode(words('The EU says'))]).toEqual([1, 2, 0]);
  });
  it('should restore usual forms, title-case unknown words in capitals and gazetteer names in lower case', () => {
    expect(truecase(lex, words('THE EU SAYS KOCHARYAN'))).toEqual(words('The EU says Kocharyan'));
    expect(truecase(lex, words('the eu says aliyev left'))).toEqual(words('The EU says Aliyev left'));
  });
});

describe('lexicon look-ups', () => {
  const data = {
    words: ['the', 'baku', 'eu'],
    cluster: Uint32Array.of(4, 5, 6),
    capBucket: new Uint8Array(3),
    form: ['', 'Baku', 'EU'],
    gazNames: ['new york city', 'new york', 'baku', 'new'],
    gazMask: Uint8Array.of(GAZ.CITY, GAZ.CITY | GAZ.REGION, GAZ.CITY, GAZ.SURNAME),
  };
  it('should find words and names whether or not the data is sorted', () => {
    const lex = lexiconFromData(data);
    expect([lex.vocab.get('baku'), lex.vocab.get('eu'), lex.vocab.get('the'), lex.vocab.get('paris')]).toEqual([1, 2, 0, undefined]);
    expect([lex.gaz.get('new york'), lex.gaz.get('baku'), lex.gaz.get('york')]).toEqual([GAZ.CITY | GAZ.REGION, GAZ.CITY, undefined]);
    expect([lex.gazFirst.has('new'), lex.gazFirst.has('baku'), lex.gazMax]).toEqual([true, false, 3]);
  });
  it('should walk multi-word names one word at a time', () => {
    const lex = lexiconFromData(data);
    expect(lex.gazWalk('new')).toBe(GAZ.SURNAME | 256);
    expect(lex.gazWalk('new york')).toBe(GAZ.CITY | GAZ.REGION | 256);
    expect(lex.gazWalk('new york city')).toBe(GAZ.CITY);
    expect(lex.gazWalk('new jersey')).toBe(-1);
  });
  it('should answer alike before and after a long run of look-ups builds its hash indexes', () => {
    // Sorted, unsorted, and with a control character that keeps the prefix search on the binary search.
    for (const names of [data.gazNames, [...data.gazNames].reverse(), [...data.gazNames, 'x\u0001 y']]) {
      const lex = lexiconFromData({ ...data, gazNames: names, gazMask: Uint8Array.from(names, (_, k) => (k * 37) % 251) });
      const ask = (): unknown[] =>
        ['the', 'baku', 'eu', 'paris', 'new', 'new york', 'new york city', 'new jersey', 'york', 'x', 'x\u0001', ''].map((w) => [
          lex.vocab.get(w), lex.gaz.get(w), lex.gazFirst.has(w), lex.gazWalk(w),
        ]);
      const before = ask();
      // (more look-ups than a table answers by binary search)
      for (let k = 0; k < 500; k++) ask();
      expect(ask()).toEqual(before);
      const mask = (names.indexOf('new york') * 37) % 251;
      expect(before[5]).toEqual([undefined, mask, true, mask | 256]);
    }
  });
});

describe('document consistency', () => {
  it('should give a repeated name the type the document mostly gives it', () => {
    const s = [words('Magna said .'), words('Magna rose .'), words('Ontario-based Magna fell .')];
    const t = [['B-ORG', 'O', 'O'], ['B-ORG', 'O', 'O'], ['B-MISC', 'B-LOC', 'O', 'O']];
    expect(harmonise(s, t)[2]).toEqual(['B-MISC', 'B-ORG', 'O', 'O']);
  });

  it('should give as spans the chunks of the tags of an article', () => {
    const model = loadNerModel();
    const article = [
      words('Magna said on Tuesday that Frank Stronach would step down .'),
      words('Ontario-based Magna fell 3 % in Toronto .'),
      words('STRONACH TO LEAVE MAGNA'),
      words('Magna , Stronach said , will stay in Aurora , Ont. , and Magna International will keep its name .'),
    ];
    const spans = recogniseDocument(model, article);
    expect(spans).toEqual(tagDocument(model, article).map((t) => chunks(t)));
    expect(spans.flat().length).toBeGreaterThan(5);
  });
});

describe('training on a small hand-written corpus', () => {
  const train = parseConll(fixture('train.conll'));
  const held = parseConll(fixture('held-out.conll'));
  const gazetteer = new Map([
    ['tbilisi', GAZ.CITY],
    ['munich', GAZ.CITY],
    ['iraq', GAZ.COUNTRY],
    ['spanish', GAZ.DEMONYM],
  ]);
  const lexicon = buildLexicon(train.map((s) => s.words), { seed: 1, gazetteer });
  const model = trainNer(train, { seed: 7, epochs: 8, lexicon });

  it('should tag held-out sentences', () => {
    const r = evaluateNer(model, held);
    expect(r.f1).toBeGreaterThan(0.6);
    expect(recognise(model, words('Officials in Tbilisi told Reuters that Giorgi Beridze had resigned .'))).toContainEqual({ type: 'PER', start: 6, end: 8 });
  });

  it('should be deterministic for a seed', () => {
    const again = trainNer(train, { seed: 7, epochs: 8, lexicon });
    expect(saveNerModel(again).equals(saveNerModel(model))).toBe(true);
  });

  it('should tag the same after saving and loading', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'dossier-ner-')), 'ner.bin');
    writeFileSync(path, saveNerModel(model, { bits: 16 }));
    const loaded = loadNerModel(path);
    expect(loaded.meta).toMatchObject({ seed: 7, epochs: 8 });
    for (const s of [...held, ...train.slice(0, 5)]) expect(tagTokens(loaded, s.words)).toEqual(tagTokens(model, s.words));
  });

  it('should read the article: document features, kept through saving and loading', () => {
    expect(model.meta).toMatchObject({ docFeatures: true });
    const doc = [words('Giorgi Beridze resigned on Monday .'), words('BERIDZE SAID HE WAS TIRED .'), words('Beridze left for Tbilisi .')];
    const tags = tagDocument(model, doc);
    expect(tags.map((t) => t.length)).toEqual(doc.map((s) => s.length));
    const path = join(mkdtempSync(join(tmpdir(), 'dossier-ner-')), 'ner.bin');
    writeFileSync(path, saveNerModel(model));
    expect(tagDocument(loadNerModel(path), doc)).toEqual(tags);
  });

  it('should say when a file is not a model', () => {
    expect(() => deserialise(Buffer.from('not a model'), 'x.bin')).toThrow(DossierError);
    expect(() => loadNerModel('/nonexistent/ner.bin')).toThrowErrorMatchingInlineSnapshot(
      `[DossierError: the NER model /nonexistent/ner.bin is missing.]`,
    );
  });
});

describe('the shipped model', () => {
  const model = loadNerModel();
  const names = (s: string, caseFn: (w: string) => string = (w) => w) => {
    const ws = words(s).map(caseFn);
    return recognise(model, ws).map((c) => `${c.type}:${words(s).slice(c.start, c.end).join(' ')}`);
  };

  it.each([
    ['Foreign Minister Sergei Lavrov met his Azerbaijani counterpart Elmar Mammadyarov in Baku on Tuesday .', ['PER:Sergei Lavrov', 'MISC:Azerbaijani', 'PER:Elmar Mammadyarov', 'LOC:Baku']],
    ['President Kassym-Jomart Tokayev said the Eurasian Economic Union would meet in Astana .', ['PER:Kassym-Jomart Tokayev', 'ORG:Eurasian Economic Union', 'LOC:Astana']],
    ['The United Nations said Gazprom had cut supplies to Ukraine .', ['ORG:United Nations', 'ORG:Gazprom', 'LOC:Ukraine']],
  ])('should find the names in %j', (s, expected) => {
    expect(names(s)).toEqual(expected);
  });

  it('should find names in all-caps and all-lower-case text', () => {
    const s = 'Foreign Minister Sergei Lavrov met officials in Moscow .';
    expect(names(s, (w) => w.toUpperCase())).toEqual(['PER:Sergei Lavrov', 'LOC:Moscow']);
    expect(names(s, (w) => w.toLowerCase())).toEqual(['PER:Sergei Lavrov', 'LOC:Moscow']);
  });

  it('should load from the cache the second time', () => {
    expect(loadNerModel()).toBe(model);
  });

  it('should give IOB2 tags, one per word, and nothing for an empty sentence', () => {
    expect(tagTokens(model, words('Vladimir Putin spoke .'))).toEqual(['B-PER', 'I-PER', 'O', 'O']);
    expect(tagTokens(model, [])).toEqual([]);
  });

  it('should tell how the lexicon writes a word and whether the gazetteer knows it as a name or a demonym', () => {
    expect(wordInfo(model, 'Meanwhile')).toEqual({ capitalised: 0, personName: false, demonym: false });
    expect(wordInfo(model, 'moscow').capitalised).toBe(3);
    expect(wordInfo(model, 'Sergei').personName).toBe(true);
    expect(wordInfo(model, 'Azerbaijani').demonym).toBe(true);
    expect(wordInfo(model, 'Xqzvbrt').capitalised).toBeUndefined();
  });
});

describe('fast scoring', () => {
  // The tagger adds cached and dense score vectors; training sees featurise's keys. Both must agree.
  const model = loadNerModel() as unknown as Model;
  const scoreOfKeys = (keys: Uint32Array, n: number): Float32Array => {
    const width = keys.length / n;
    const em = new Float32Array(n * NL);
    for (let i = 0; i < n; i++) {
      for (let k = 0; k < width; k++) {
        const key = keys[i * width + k];
        if (key === 0) continue;
        // model.keys is sorted (a model file): halve to the row
        let lo = 0;
        let hi = model.keys.length;
        while (lo < hi) {
          const mid = (lo + hi) >>> 1;
          if (model.keys[mid] < key) lo = mid + 1;
          else hi = mid;
        }
        if (model.keys[lo] !== key) continue;
        for (let l = 0; l < NL; l++) em[i * NL + l] += model.q[lo * NL + l];
      }
    }
    for (let k = 0; k < em.length; k++) em[k] *= model.scale;
    return em;
  };
  const article = [
    words('Foreign Minister Sergei Lavrov met his Azerbaijani counterpart in Baku on Tuesday , the ministry said .'),
    words('LAVROV ARRIVES IN NEW YORK'),
    words('Lavrov said talks with the United Nations in New York would resume .'),
    words('later , lavrov left for baku and tbilisi .'),
  ];

  it('should give the scores of the keys training sees, in an article and for a sentence alone', () => {
    const ctx = docContext(model.featuriser, article);
    article.forEach((ws, s) => {
      expect(emissions(model, ws, ctx, s)).toEqual(scoreOfKeys(featurise(model.featuriser, ws, ctx, s), ws.length));
      expect(emissions(model, ws)).toEqual(scoreOfKeys(featurise(model.featuriser, ws, docContext(model.featuriser, [ws]), 0), ws.length));
    });
  });

  it('should read document features by word when the sentence is a copy', () => {
    const ctx = docContext(model.featuriser, article);
    const copy = [...article[2]];
    expect(emissions(model, copy, ctx, 2)).toEqual(emissions(model, article[2], ctx, 2));
  });

  it('should score alike after the word cache turns, with the rows it carries over and those it makes again', () => {
    const before = article.map((ws) => emissions(model, ws));
    // Tens of thousands of other words turn the cache's generations; the article's words, met in
    // between, are carried over from one generation to the next.
    for (let k = 0; k < 40_000; k++) {
      info(model.featuriser, `Xq${k}zz`);
      if (k % 5_000 === 0) article.forEach((ws) => emissions(model, ws));
    }
    expect(article.map((ws) => emissions(model, ws))).toEqual(before);
    article.forEach((ws) => expect(emissions(model, ws)).toEqual(scoreOfKeys(featurise(model.featuriser, ws, docContext(model.featuriser, [ws]), 0), ws.length)));
  });
});

describe('Viterbi', () => {
  // The decoder is written out for BILOU; it must pick what a plain loop over the allowed transitions picks, ties included.
  const plain = (em: Float32Array, n: number, trans: Float32Array): number[] => {
    const score = new Float64Array(n * NL);
    const back = new Uint8Array(n * NL);
    for (let c = 0; c < NL; c++) score[c] = ALLOWED[NL * NL + c] ? em[c] + trans[NL * NL + c] : -1e30;
    for (let i = 1; i < n; i++) {
      for (let c = 0; c < NL; c++) {
        let best = -1e30;
        let arg = 0;
        for (let p = 0; p < NL; p++) {
          if (!ALLOWED[p * NL + c]) continue;
          const s = score[(i - 1) * NL + p] + trans[p * NL + c];
          if (s > best) ((best = s), (arg = p));
        }
        score[i * NL + c] = best + em[i * NL + c];
        back[i * NL + c] = arg;
      }
    }
    const out = new Array<number>(n).fill(0);
    let best = -1e30;
    for (let c = 0; c < NL; c++) if (FINAL[c] && score[(n - 1) * NL + c] > best) ((best = score[(n - 1) * NL + c]), (out[n - 1] = c));
    for (let i = n - 1; i > 0; i--) out[i - 1] = back[i * NL + out[i]];
    return out;
  };
  it('should decode as a loop over the allowed transitions does', () => {
    let seed = 7;
    const rnd = (): number => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0), seed / 2 ** 32);
    for (let run = 0; run < 300; run++) {
      const n = 1 + Math.floor(rnd() * 30);
      // small integers half the time, so that ties happen
      const value = (): number => (run % 2 ? Math.floor(rnd() * 4) : rnd() * 10 - 5);
      const em = Float32Array.from({ length: n * NL }, value);
      const trans = Float32Array.from({ length: (NL + 1) * NL }, value);
      expect(Array.from(viterbi(em, n, trans))).toEqual(plain(em, n, trans));
    }
  });
});

describe('public API', () => {
  it('should export exactly these names', () => {
    expect(Object.keys(api).sort()).toMatchInlineSnapshot(`
      [
        "DEFAULT_MODEL_URL",
        "chunks",
        "chunksToBio",
        "evaluateNer",
        "loadNerModel",
        "parseConll",
        "recognise",
        "recogniseDocument",
        "saveNerModel",
        "score",
        "tagDocument",
        "tagTokens",
        "tokeniseText",
        "trainNer",
        "wordInfo",
      ]
    `);
  });
});

describe('dossier eval ner', () => {
  const run = async (...argv: string[]): Promise<{ code: number; out: string; err: string }> => {
    const { main } = await import('../cli/index.js');
    const { PassThrough } = await import('node:stream');
    let out = '';
    let err = '';
    const stdout = new PassThrough();
    const stderr = new PassThrough();
    stdout.on('data', (d) => (out += String(d)));
    stderr.on('data', (d) => (err += String(d)));
    const code = await main(argv, { stdout, stderr, stdin: new PassThrough() });
    return { code, out, err };
  };
  const heldOut = new URL('./fixtures/held-out.conll', import.meta.url).pathname;

  it('should print conlleval figures as JSON', async () => {
    const { code, out } = await run('eval', 'ner', '--conll', heldOut, '--format', 'json');
    expect(code).toBe(0);
    const r = JSON.parse(out) as Record<string, unknown>;
    expect(Object.keys(r)).toEqual(['precision', 'recall', 'f1', 'types', 'tokens', 'tokens_per_second']);
    expect(Object.keys(r.types as object).sort()).toEqual(['LOC', 'MISC', 'ORG', 'PER']);
    expect(r.tokens).toBe(43);
  });

  it('should reject a bad --format with a helpful message', async () => {
    const { code, err } = await run('eval', 'ner', '--conll', heldOut, '--format', 'xml');
    expect(code).toBe(2);
    expect(err).toMatchInlineSnapshot(`
      "dossier: --format must be brief or json, not "xml". [E_BAD_OPTION]
      "
    `);
  });

  it('should say when the CoNLL file is missing', async () => {
    const { code, err } = await run('eval', 'ner', '--conll', '/nonexistent.conll');
    expect(code).toBe(2);
    expect(err).toContain('/nonexistent.conll: no such file');
  });
});
