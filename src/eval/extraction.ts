/**
 * Main-text extraction benchmark (Zyte / Scrapinghub article-extraction-benchmark).
 *
 * The scoring follows the benchmark's own `evaluate.py`, as described in shared
 * `data/README.md`:
 * 1. tokens are `\w+` runs, Unicode-aware (`/[\p{L}\p{N}_]+/gu` in JavaScript);
 * 2. each text becomes a multiset of 4-token shingles (a text with fewer than 4 tokens
 *    gives one shorter shingle, an empty text none); TP = Σ min, FP = Σ max(0, pred − true),
 *    FN = Σ max(0, true − pred), normalised by their sum so every page weighs the same;
 * 3. per page P = TP/(TP+FP), R = TP/(TP+FN) (both 1 when FP = FN = 0, both 0 when TP = 0);
 *    a page enters the P mean only if TP+FP > 0 and the R mean only if TP+FN > 0;
 * 4. P and R are macro-averaged; F1 = 2PR/(P+R) of the means;
 * 5. accuracy = fraction of pages whose token list equals the truth's.
 *
 * The module returns data; the CLI (`dossier eval extraction`) prints it.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { DossierError } from '../errors.js';
import { ingestBytes } from '../ingest/index.js';

const TOKEN = /[\p{L}\p{N}_]+/gu;
const SHINGLE = 4;
/** Joins tokens into a shingle key; tokens never contain it. */
const SEP = '\u0001';

/**
 * The benchmark's tokens: runs of Unicode letters, digits and underscores.
 * @example tokenize('Hello, wörld_1!') // ['Hello', 'wörld_1']
 */
export function tokenize(text: string): string[] {
  return text.match(TOKEN) ?? [];
}

/**
 * Multiset of 4-token shingles (one shorter shingle for 1–3 tokens, none for 0).
 * @example shingles(['a', 'b']).get('a\u0001b') === 1
 */
export function shingles(tokens: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  if (tokens.length === 0) return counts;
  if (tokens.length < SHINGLE) {
    counts.set(tokens.join(SEP), 1);
    return counts;
  }
  for (let i = 0; i + SHINGLE <= tokens.length; i++) {
    const key = tokens.slice(i, i + SHINGLE).join(SEP);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

/** One page's score. TP/FP/FN are normalised to sum to 1 (all 0 when both texts are empty). */
export interface PageScore {
  readonly tp: number;
  readonly fp: number;
  readonly fn: number;
  /** null when the page does not enter the precision mean (TP+FP = 0). */
  readonly precision: number | null;
  /** null when the page does not enter the recall mean (TP+FN = 0). */
  readonly recall: number | null;
  /** Token lists are equal. */
  readonly exact: boolean;
}

/**
 * Score one predicted text against the true text.
 * @example scorePage('a b c d e', 'a b c d').precision === 1
 */
export function scorePage(truth: string, prediction: string): PageScore {
  const trueTokens = tokenize(truth);
  const predTokens = tokenize(prediction);
  const exact = trueTokens.length === predTokens.length && trueTokens.every((t, i) => t === predTokens[i]);
  const t = shingles(trueTokens);
  const p = shingles(predTokens);
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const [key, nt] of t) {
    const np = p.get(key) ?? 0;
    tp += Math.min(nt, np);
    fn += Math.max(0, nt - np);
  }
  for (const [key, np] of p) fp += Math.max(0, np - (t.get(key) ?? 0));
  const sum = tp + fp + fn;
  if (sum > 0) {
    tp /= sum;
    fp /= sum;
    fn /= sum;
  }
  let precision: number | null;
  let recall: number | null;
  if (fp === 0 && fn === 0) {
    // Perfect page (or both empty): evaluate.py's special case gives 1 and 1.
    precision = tp + fp > 0 ? 1 : null;
    recall = tp + fn > 0 ? 1 : null;
  } else if (tp === 0) {
    precision = tp + fp > 0 ? 0 : null;
    recall = tp + fn > 0 ? 0 : null;
  } else {
    precision = tp / (tp + fp);
    recall = tp / (tp + fn);
  }
  return { tp, fp, fn, precision, recall, exact };
}

/** Corpus figures. */
export interface ExtractionScore {
  readonly pages: number;
  readonly f1: number;
  readonly precision: number;
  readonly recall: number;
  readonly accuracy: number;
}

const mean = (xs: readonly number[]): number => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);

/**
 * Macro P and R over pages, F1 of the two means, accuracy.
 * @example aggregate([scorePage('a b c d', 'a b c d')]).f1 === 1
 */
export function aggregate(pages: readonly PageScore[]): ExtractionScore {
  const precision = mean(pages.flatMap((p) => (p.precision === null ? [] : [p.precision])));
  const recall = mean(pages.flatMap((p) => (p.recall === null ? [] : [p.recall])));
  const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
  const accuracy = pages.length ? pages.filter((p) => p.exact).length / pages.length : 0;
  return { pages: pages.length, f1, precision, recall, accuracy };
}

/** `{id: text}` read from a benchmark JSON: `{id: {articleBody}}`, optionally wrapped as `{version, output}`. */
export function readBodies(json: unknown, file: string): Map<string, string> {
  let root = json as Record<string, unknown> | null;
  if (root && typeof root === 'object' && 'output' in root && root.output && typeof root.output === 'object') {
    root = root.output as Record<string, unknown>;
  }
  if (!root || typeof root !== 'object' || Array.isArray(root)) {
    throw new DossierError('E_DATA', `${file}: expected an object of {"<id>": {"articleBody": "..."}}. Give a benchmark ground-truth or output file.`);
  }
  const out = new Map<string, string>();
  for (const [id, value] of Object.entries(root)) {
    const body = value && typeof value === 'object' ? (value as { articleBody?: unknown }).articleBody : undefined;
    out.set(id, typeof body === 'string' ? body : '');
  }
  return out;
}

/** One page in a report. */
export interface PageReport extends PageScore {
  readonly id: string;
  readonly url?: string;
  /** Milliseconds to ingest the page (absent when scoring a published output). */
  readonly ms?: number;
  /** Set when ingestion failed; the page then scores as an empty prediction. */
  readonly error?: string;
  readonly removed?: number;
}

/** What {@link evaluateExtraction} returns. */
export interface ExtractionReport extends ExtractionScore {
  readonly benchmark: string;
  /** `dossier` when dossier's ingestion was scored, else the baseline file. */
  readonly system: string;
  readonly timing?: { readonly totalMs: number; readonly meanMs: number; readonly medianMs: number; readonly maxMs: number };
  readonly failures: number;
  readonly perPage: readonly PageReport[];
}

/** Options for {@link evaluateExtraction}. */
export interface ExtractionOptions {
  /** Benchmark folder holding `ground-truth.json` and `html/<id>.html.gz`. */
  readonly benchmark: string;
  /** Score this published output (`{id: {articleBody}}`) instead of running dossier. */
  readonly baseline?: string;
  /** Only these ids (for quick checks). */
  readonly only?: readonly string[];
  /** Called after each page, for progress. */
  readonly onPage?: (done: number, total: number) => void;
}

function readJson(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (cause) {
    const why = (cause as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : String((cause as Error).message);
    throw new DossierError('E_DATA', `${file}: cannot be read (${why}). Pass the benchmark folder (article-extraction/) with --benchmark.`, { cause });
  }
  try {
    return JSON.parse(text);
  } catch (cause) {
    throw new DossierError('E_DATA', `${file}: is not valid JSON (${(cause as Error).message}).`, { cause });
  }
}

function findHtml(dir: string, id: string): string | undefined {
  for (const name of [`${id}.html.gz`, `${id}.html`]) {
    const file = join(dir, name);
    try {
      if (statSync(file).isFile()) return file;
    } catch {
      // not this name; try the next
    }
  }
  return undefined;
}

/**
 * Run dossier's ingestion (or read a published output) over the benchmark and score it.
 * @example evaluateExtraction({ benchmark: '../shared/data/article-extraction' }).f1
 */
export function evaluateExtraction(options: ExtractionOptions): ExtractionReport {
  const truthFile = join(options.benchmark, 'ground-truth.json');
  const truthJson = readJson(truthFile) as Record<string, { url?: string }>;
  const truths = readBodies(truthJson, truthFile);
  let ids = [...truths.keys()].sort();
  if (options.only?.length) {
    const wanted = new Set(options.only);
    ids = ids.filter((id) => wanted.has(id));
  }
  const perPage: PageReport[] = [];
  let failures = 0;
  if (options.baseline) {
    const predictions = readBodies(readJson(options.baseline), options.baseline);
    for (const id of ids) {
      perPage.push({ id, url: truthJson[id]?.url, ...scorePage(truths.get(id) ?? '', predictions.get(id) ?? '') });
    }
  } else {
    const htmlDir = join(options.benchmark, 'html');
    try {
      readdirSync(htmlDir);
    } catch (cause) {
      throw new DossierError('E_DATA', `${htmlDir}: no such folder. Pass the benchmark folder (article-extraction/, with html/ and ground-truth.json) with --benchmark.`, { cause });
    }
    let done = 0;
    for (const id of ids) {
      const url = truthJson[id]?.url;
      const file = findHtml(htmlDir, id);
      let prediction = '';
      let error: string | undefined;
      let ms: number | undefined;
      let removed: number | undefined;
      if (!file) {
        error = `no html/${id}.html.gz`;
      } else {
        const raw = readFileSync(file);
        const bytes = file.endsWith('.gz') ? gunzipSync(raw) : raw;
        const t0 = performance.now();
        const result = ingestBytes(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), { path: file, url, format: 'html' });
        ms = performance.now() - t0;
        if (result.ok) {
          prediction = result.value.text;
          removed = result.value.removed.length;
        } else {
          error = result.error.message;
        }
      }
      if (error) failures++;
      perPage.push({ id, url, ms, error, removed, ...scorePage(truths.get(id) ?? '', prediction) });
      options.onPage?.(++done, ids.length);
    }
  }
  const times = perPage.flatMap((p) => (p.ms === undefined ? [] : [p.ms])).sort((a, b) => a - b);
  const timing = times.length
    ? {
        totalMs: times.reduce((a, b) => a + b, 0),
        meanMs: mean(times),
        medianMs: times[Math.floor(times.length / 2)],
        maxMs: times[times.length - 1],
      }
    : undefined;
  return {
    benchmark: options.benchmark,
    system: options.baseline ?? 'dossier',
    ...aggregate(perPage),
    ...(timing ? { timing } : {}),
    failures,
    perPage,
  };
}
