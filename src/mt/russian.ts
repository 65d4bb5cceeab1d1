/**
 * Russian morphology through the `az` package (MIT; OpenCorpora dictionaries, CC BY-SA),
 * loaded synchronously and lazily: only when a word is taken for a transliteration.
 *
 * az loads its dictionaries through `Az.load(url, type, callback)`; we replace that function
 * with one that queues the requests and then serve them from the file system in order, so
 * that `Az.Morph.init` completes before it returns (it counts pending loads, so callbacks
 * must not run while it is still issuing them).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

interface AzParse {
  readonly word: string;
  readonly score: number;
  readonly parser: string;
  readonly tag: { toString(): string; POS?: string };
  normalize(): { word: string };
}

interface AzModule {
  load: (url: string, type: string, callback: (err: unknown, data?: unknown) => void) => void;
  Morph: ((word: string, config?: Record<string, unknown>) => AzParse[]) & {
    init: (path: string, callback: (err: unknown) => void) => void;
  };
}

let az: AzModule | undefined;
let failed: unknown;

/** The initialised az module, or undefined when it cannot be loaded (the reason is in {@link morphologyError}). */
export function morphology(): AzModule | undefined {
  if (az || failed) return az;
  try {
    const mod = require('az') as AzModule;
    const queue: [string, string, (err: unknown, data?: unknown) => void][] = [];
    mod.load = (url, type, callback) => {
      queue.push([url, type, callback]);
    };
    let error: unknown;
    let done = false;
    mod.Morph.init(join(dirname(require.resolve('az')), '..', 'dicts'), (err) => {
      error = err;
      done = true;
    });
    while (queue.length) {
      const [url, type, callback] = queue.shift() as (typeof queue)[number];
      const data = readFileSync(url, type === 'json' ? 'utf8' : null);
      if (type === 'json') callback(null, JSON.parse(data as string));
      else {
        const b = data as Buffer;
        callback(null, b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));
      }
    }
    if (error || !done) throw error ?? new Error('az did not finish loading its dictionaries');
    az = mod;
  } catch (error) {
    failed = error;
  }
  return az;
}

/** Why the morphology could not be loaded, if it could not. */
export function morphologyError(): unknown {
  return failed;
}

/** What az knows of a word form: whether its dictionary has it, and its lemma and tag. */
export interface Analysis {
  readonly known: boolean;
  readonly lemma: string;
  readonly tag: string;
  readonly score: number;
}

/**
 * Analyse a lower-case Russian word form; `known` is true when az's dictionary (not its
 * guesser) has it.
 *
 * @example
 * analyse('купируя') // { known: true, lemma: 'купировать', tag: 'GRND,impf,tran pres', score: 1 }
 */
export function analyse(word: string): Analysis | undefined {
  const m = morphology();
  if (!m) return undefined;
  const parses = m.Morph(word);
  if (!parses.length) return undefined;
  const best = parses.find((p) => p.parser === 'Dictionary') ?? parses[0];
  return { known: best.parser === 'Dictionary', lemma: best.normalize().word.toLowerCase(), tag: best.tag.toString(), score: best.score };
}
