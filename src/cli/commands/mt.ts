import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Command } from 'commander';
import { DossierError, fail } from '../../errors.js';
import { conllDocuments, falseFlags, jsonlTexts, synthetic, type FalseFlagReport } from '../../mt/eval.js';
import { saveTranslitModel } from '../../mt/model.js';
import { trainMt } from '../../mt/train.js';
import { parent, type CliContext } from '../program.js';

const readText = (path: string): string => {
  if (!existsSync(path)) throw fail('E_FILE_NOT_FOUND', path);
  return readFileSync(path, 'utf8');
};

const num = (name: string) => (v: string): number => {
  const n = Number(v);
  if (!Number.isFinite(n)) throw new DossierError('E_BAD_OPTION', `${name} must be a number, not ${JSON.stringify(v)}.`);
  return n;
};

/** Lower-case words of English text files (CoNLL or JSON lines or plain text), for the English side of training. */
function englishVocabulary(paths: readonly string[]): string[] {
  const out = new Set<string>();
  for (const p of paths) {
    const raw = readText(p);
    const texts = /\.jsonl$/.test(p) ? jsonlTexts(raw) : /\.txt$/.test(p) && /^-DOCSTART-/m.test(raw) ? conllDocuments(raw) : [raw];
    for (const t of texts) for (const m of t.matchAll(/[\p{L}\p{M}]+(?:['’][\p{L}\p{M}]+)*/gu)) if (/^\p{Ll}/u.test(m[0])) out.add(m[0]);
  }
  return [...out].sort();
}

const flagsLine = (name: string, r: FalseFlagReport): string => {
  const kinds = Object.entries(r.flags)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');
  return `${name}: ${r.documents} documents, ${r.words} words, ${r.total} flags (${kinds || 'none'}) = ${r.per10k.toFixed(2)} per 10,000 words\n`;
};

/** `dossier train mt` and `dossier eval mt`. */
export function registerMt(program: Command, ctx: CliContext): void {
  parent(program, 'train')
    .command('mt')
    .description('Train the transliteration model of the mt stage from word-list, dictionary-ru and iuliia; deterministic for a seed.')
    .option('--out <path>', 'where to write the model', 'models/mt-translit.bin')
    .option('--english <file...>', 'English text whose lower-case words join the English side (CoNLL, JSON lines with "text", or plain text)')
    .option('--seed <n>', 'random seed', num('--seed'), 1)
    .option('--bits <n>', 'log2 of the number of hashed features', num('--bits'), 18)
    .option('--epochs <n>', 'passes over the data', num('--epochs'), 4)
    .option('--per-scheme <n>', 'Russian word forms transliterated per iuliia schema', num('--per-scheme'), 25000)
    .action((o: { out: string; english?: string[]; seed: number; bits: number; epochs: number; perScheme: number }) => {
      const t0 = performance.now();
      const log = (line: string) => ctx.io.stderr.write(`train mt: ${line}\n`);
      const englishExtra = englishVocabulary(o.english ?? []);
      const model = trainMt({ seed: o.seed, bits: o.bits, epochs: o.epochs, perScheme: o.perScheme, englishExtra, log });
      mkdirSync(dirname(o.out), { recursive: true });
      saveTranslitModel(model, o.out);
      const size = readFileSync(o.out).length;
      ctx.io.stdout.write(`wrote ${o.out} (${(size / 1e6).toFixed(2)} MB) in ${((performance.now() - t0) / 1000).toFixed(0)} s; threshold ${model.header.threshold.toFixed(4)}\n`);
    });

  parent(program, 'eval')
    .command('mt')
    .description('Measure the mt stage: false flags per 10,000 words on clean English, recall per transliteration scheme on a synthetic set.')
    .option('--conll <file>', 'CoNLL-2003 file (first column is the text)')
    .option('--polnear <file>', 'PolNeAR JSON lines (the "text" field)')
    .option('--text <file...>', 'other clean English texts (plain text)')
    .option('--per-scheme <n>', 'synthetic words per iuliia schema (0: skip the synthetic set)', num('--per-scheme'), 200)
    .option('--threshold <p>', "override the model's threshold", num('--threshold'))
    .option('--model <path>', 'model file (default: the shipped models/mt-translit.bin)')
    .option('--examples', 'print the false flags and misses')
    .option('-f, --format <format>', 'brief | json', 'brief')
    .action((o: { conll?: string; polnear?: string; text?: string[]; perScheme: number; threshold?: number; model?: string; examples?: boolean; format: string }) => {
      if (o.format !== 'brief' && o.format !== 'json') throw new DossierError('E_BAD_OPTION', `--format must be brief or json, not ${JSON.stringify(o.format)}.`);
      const options = { ...(o.model ? { model: o.model } : {}), ...(o.threshold !== undefined ? { threshold: o.threshold } : {}) };
      const clean: [string, FalseFlagReport][] = [];
      if (o.conll) clean.push([`CoNLL ${o.conll}`, falseFlags(conllDocuments(readText(o.conll)), options)]);
      if (o.polnear) clean.push([`PolNeAR ${o.polnear}`, falseFlags(jsonlTexts(readText(o.polnear)), options)]);
      for (const t of o.text ?? []) clean.push([t, falseFlags([readText(t)], options)]);
      const syn = o.perScheme > 0 ? synthetic({ ...options, perScheme: o.perScheme }) : undefined;
      if (o.format === 'json') {
        ctx.io.stdout.write(`${JSON.stringify({ clean: Object.fromEntries(clean), synthetic: syn })}\n`);
        return;
      }
      let out = '';
      for (const [name, r] of clean) {
        out += flagsLine(name, r);
        if (o.examples) for (const e of r.examples) out += `  ${e}\n`;
      }
      if (syn) {
        out += `synthetic set (held-out lemmas, ${o.perScheme} words per schema; ${syn.excludedEnglish} drawn words left out as English words):\n`;
        for (const f of syn.perFamily) out += `  ${f.family.padEnd(10)} recall ${f.recall.toFixed(3)}  restored ${f.restoredRate.toFixed(3)}  (${f.words} words)\n`;
        for (const s of syn.perScheme) out += `    ${s.scheme.padEnd(16)} recall ${s.recall.toFixed(3)}  restored ${s.restoredRate.toFixed(3)}\n`;
        if (o.examples) for (const m of syn.missed) out += `  missed ${m}\n`;
      }
      ctx.io.stdout.write(out || 'nothing to measure: give --conll, --polnear, --text or --per-scheme\n');
    });
}
