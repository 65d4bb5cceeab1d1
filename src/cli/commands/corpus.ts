import { createWriteStream } from 'node:fs';
import type { Command } from 'commander';
import cliProgress from 'cli-progress';
import { ingestCorpus, type IngestProgress, type IngestSummary } from '../../corpus/ingest.js';
import { DossierError, fail } from '../../errors.js';
import { csvLine, graphml } from '../../export/index.js';
import { documents, graph, people, quotes, search, stats, tableRows } from '../../store/queries.js';
import { listMerges, unmerge } from '../../store/resolve.js';
import { closeStore, openStore, type Store } from '../../store/store.js';
import { EXIT, type CliContext } from '../program.js';

const DEFAULT_DB = './dossier.db';
const QUERY_FORMATS = ['brief', 'json'] as const;
const EXPORT_FORMATS = ['jsonl', 'csv', 'graphml'] as const;
const CSV_TABLES = ['attributions', 'people', 'articles'] as const;
const TYPES: Readonly<Record<string, string>> = { person: 'PERSON', org: 'ORG', loc: 'LOC', misc: 'MISC' };

const oneOf = <T extends string>(name: string, value: string, allowed: readonly T[]): T => {
  if (!allowed.includes(value as T)) throw fail('E_BAD_OPTION', `--${name} ${value} is not known. Use one of: ${allowed.join(', ')}.`);
  return value as T;
};

const positive = (name: string, value: string): number => {
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) throw fail('E_BAD_OPTION', `--${name} ${value} is not a number of 0 or more.`);
  return n;
};

/** Open the database for a query: it must exist. */
const withStore = async <T>(db: string, wait: string | undefined, fn: (store: Store) => T | Promise<T>, mustExist = true): Promise<T> => {
  const store = openStore(db, { mustExist, waitSeconds: wait === undefined ? undefined : positive('wait', wait) });
  try {
    return await fn(store);
  } finally {
    closeStore(store);
  }
};

/** Write chunks to a stream, waiting when it is full. */
async function writeAll(out: NodeJS.WritableStream, chunks: Iterable<string>): Promise<void> {
  let buffer = '';
  for (const c of chunks) {
    buffer += c;
    if (buffer.length >= 64 * 1024) {
      if (!out.write(buffer)) await new Promise((resolve) => out.once('drain', resolve));
      buffer = '';
    }
  }
  if (buffer) out.write(buffer);
}

const clock = (seconds: number): string => {
  if (!Number.isFinite(seconds) || seconds < 0) return '?';
  const s = Math.round(seconds);
  return s >= 3600 ? `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m` : s >= 60 ? `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s` : `${s}s`;
};

const rate = (p: { stored: number; duplicates: number; failed: number; seconds: number }): number => (p.seconds > 0 ? (p.stored + p.failed) / p.seconds : 0);
const eta = (p: IngestProgress): number => (p.fraction > 0.005 ? (p.seconds * (1 - p.fraction)) / p.fraction : NaN);

/** Where the time went (`--timings`): analysis in the workers, and what this thread did. */
function timingText(s: IngestSummary): string {
  const t = s.timing;
  const mb = (b: number): string => `${Math.round(b / 1048576)} MB`;
  const busy = t.workers && s.seconds > 0 ? ` (${Math.round((100 * t.analysis) / (t.workers * s.seconds))}% of ${t.workers} threads' time)` : '';
  const main = `reading ${t.read.toFixed(1)} s, keeping raw inputs ${t.keep.toFixed(1)} s, storing ${t.write.toFixed(1)} s, resolving ${t.resolve.toFixed(1)} s, waiting for analysis ${t.wait.toFixed(1)} s`;
  const cpu = t.mainCpu !== undefined ? `; CPU: ${t.workerCpu !== undefined ? `workers ${t.workerCpu.toFixed(1)} s, ` : ''}main thread ${t.mainCpu.toFixed(1)} s` : '';
  const idle = t.workers ? `, workers waiting for items ${t.workerIdle.toFixed(1)} s` : '';
  return `  time: first article analysed after ${t.first.toFixed(1)} s; analysis ${t.analysis.toFixed(1)} s${busy}${idle}; main thread: ${main}${cpu}; largest heap: ${t.workers ? `worker ${mb(t.workerHeap)}, ` : ''}main ${mb(t.mainHeap)}\n`;
}

function summaryText(s: IngestSummary, db: string): string {
  const lines = [
    `dossier ingest: ${s.stored} stored, ${s.duplicates} duplicates skipped, ${s.failed} failed` +
      `${s.skipped ? `, ${s.skipped} non-HTML WARC records passed over` : ''} in ${s.seconds.toFixed(1)} s (${rate(s).toFixed(1)} articles/s) → ${db}`,
  ];
  if (s.nearDuplicates) lines.push(`  ${s.nearDuplicates} new articles are near duplicates of stored ones (see dossier stats).`);
  if (s.merges) lines.push(`  ${s.merges} cross-article merges of people and organisations (see dossier merges).`);
  if (s.failures.length) {
    lines.push(`failed (${s.failed}):`);
    for (const f of s.failures.slice(0, 100)) lines.push(`  ${f.reason} [${f.code}]`);
    if (s.failed > 100) lines.push(`  … and ${s.failed - 100} more (kept in the notes table of ${db}).`);
  }
  return `${lines.join('\n')}\n`;
}

export function registerCorpus(program: Command, ctx: CliContext): void {
  const { io } = ctx;
  const dbOption = ['--db <file>', 'corpus database', DEFAULT_DB] as const;
  const waitOption = ['--wait <seconds>', 'how long to wait for another process writing the database (default 10)'] as const;

  program
    .command('ingest')
    .description('Analyse files, folders, RSS/Atom feeds and WARC archives into a corpus database (idempotent, resumable).')
    .argument('<path...>', 'files or folders: text, HTML, .gz, .rss/.atom/.xml feeds, .warc/.warc.gz')
    .option(...dbOption)
    .option('-j, --jobs <n>', 'analysis threads (default: the number of cores; 0 analyses in the main thread)')
    .option(...waitOption)
    .option('-q, --quiet', 'no progress, only the summary')
    .option('--worker-memory <MB>', 'heap limit of each analysis thread, 128 or more; an item that needs more fails (default 320)')
    .option('--timings', 'also say where the time went (analysis, reading, storing, resolving)')
    .addHelpText('after', '\nExit codes: 0 every item stored or already there; 1 some items failed (the rest were stored); 2 every item failed or the command was wrong.')
    .action(async (paths: string[], opts: { db: string; jobs?: string; wait?: string; quiet?: boolean; timings?: boolean; workerMemory?: string }) => {
      const jobs = opts.jobs === undefined ? undefined : Math.floor(positive('jobs', opts.jobs));
      const workerHeapMb = opts.workerMemory === undefined ? undefined : Math.max(128, Math.floor(positive('worker-memory', opts.workerMemory)));
      const { stderr } = io;
      const tty = !!stderr.isTTY && !opts.quiet;
      const bar = tty
        ? new cliProgress.SingleBar(
            {
              stream: stderr as NodeJS.WritableStream as never,
              format: 'ingest [{bar}] {percentage}% | {stored} stored, {duplicates} dup, {failed} failed | {rate}/s | ETA {eta_formatted}',
              hideCursor: true,
              etaBuffer: 50,
              fps: 5,
            },
            cliProgress.Presets.shades_classic,
          )
        : undefined;
      bar?.start(1000, 0, { stored: 0, duplicates: 0, failed: 0, rate: '0.0' });
      let lastLine = 0;
      const onProgress = (p: IngestProgress): void => {
        if (bar) {
          bar.update(Math.round(p.fraction * 1000), { stored: p.stored, duplicates: p.duplicates, failed: p.failed, rate: rate(p).toFixed(1) });
        } else if (!opts.quiet && p.seconds - lastLine >= 5) {
          lastLine = p.seconds;
          stderr.write(
            `dossier ingest: ${p.read} read, ${p.stored} stored, ${p.duplicates} duplicates, ${p.failed} failed, ${rate(p).toFixed(1)} articles/s, ${Math.round(p.fraction * 100)}% of input, ETA ${clock(eta(p))}\n`,
          );
        }
      };
      const summary = await withStore(opts.db, opts.wait, (store) => ingestCorpus(store, paths, { jobs, onProgress, ...(workerHeapMb ? { workerHeapMb } : {}) }), false).finally(() => bar?.stop());
      stderr.write(summaryText(summary, opts.db));
      if (opts.timings) stderr.write(timingText(summary));
      if (summary.failed) ctx.exitCode = summary.stored + summary.duplicates === 0 ? EXIT.BAD_INPUT : EXIT.SOME_FAILED;
    });

  program
    .command('search')
    .description('Full-text search over the stored articles (words and "quoted phrases", all required; word* for a prefix).')
    .argument('<text...>', 'what to search for')
    .option(...dbOption)
    .option('-f, --format <format>', `output: ${QUERY_FORMATS.join(' | ')}`, 'brief')
    .option('-n, --limit <n>', 'most hits to show', '20')
    .action(async (words: string[], opts: { db: string; format: string; limit: string }) => {
      const format = oneOf('format', opts.format, QUERY_FORMATS);
      const hits = await withStore(opts.db, undefined, (store) => search(store, words.join(' '), { limit: positive('limit', opts.limit) }));
      if (format === 'json') io.stdout.write(`${JSON.stringify(hits, null, 2)}\n`);
      else {
        io.stdout.write(hits.length ? '' : 'no articles match.\n');
        for (const h of hits) io.stdout.write(`${h.title || '(no title)'}${h.date ? ` · ${h.date.slice(0, 10)}` : ''}\n  ${h.snippet}\n  ${h.id.slice(0, 16)}${h.url ? ` · ${h.url}` : ''}\n\n`);
      }
    });

  program
    .command('people')
    .description('People across the corpus (all spellings merged), with their roles and counts; --type org for organisations.')
    .option(...dbOption)
    .option('-f, --format <format>', `output: ${QUERY_FORMATS.join(' | ')}`, 'brief')
    .option('-t, --type <type>', 'person | org | loc | misc', 'person')
    .option('--name <name>', 'only this person (any spelling)')
    .option('-n, --limit <n>', 'how many', '50')
    .action(async (opts: { db: string; format: string; type: string; name?: string; limit: string }) => {
      const format = oneOf('format', opts.format, QUERY_FORMATS);
      const type = TYPES[oneOf('type', opts.type.toLowerCase(), Object.keys(TYPES))];
      const list = await withStore(opts.db, undefined, (store) => people(store, { type, limit: positive('limit', opts.limit), name: opts.name }));
      if (format === 'json') io.stdout.write(`${JSON.stringify(list, null, 2)}\n`);
      else
        for (const p of list) {
          const roles = p.roles.slice(0, 3).map((r) => r.role).join('; ');
          const also = p.variants.slice(1, 4).join(', ');
          io.stdout.write(`${p.name}${roles ? ` — ${roles}` : ''} (${p.articles} articles, ${p.mentions} mentions, ${p.quotes} quotes)${also ? `\n  also: ${also}` : ''}\n`);
        }
    });

  program
    .command('quotes')
    .description('What someone said or believes (--by NAME, any spelling) and/or what was said about something (--about TEXT).')
    .option('--by <name>', 'the speaker')
    .option('--about <text>', 'words in what was said')
    .option(...dbOption)
    .option('-f, --format <format>', `output: ${QUERY_FORMATS.join(' | ')}`, 'brief')
    .option('-n, --limit <n>', 'how many', '100')
    .action(async (opts: { by?: string; about?: string; db: string; format: string; limit: string }) => {
      const format = oneOf('format', opts.format, QUERY_FORMATS);
      const list = await withStore(opts.db, undefined, (store) => quotes(store, { by: opts.by, about: opts.about, limit: positive('limit', opts.limit) }));
      if (format === 'json') io.stdout.write(`${JSON.stringify(list, null, 2)}\n`);
      else {
        if (!list.length) io.stdout.write('no quotes match.\n');
        for (const q of list) {
          io.stdout.write(`${q.speaker ?? q.source ?? '(unnamed)'} ${q.cue} [${q.kind}]: “${q.content}”\n  ${q.title ?? '(no title)'}${q.date ? ` · ${q.date.slice(0, 10)}` : ''} · ${q.article.slice(0, 16)}:${q.id}\n\n`);
        }
      }
    });

  program
    .command('stats')
    .description('Counts: articles, entities, people, attributions, near-duplicate groups.')
    .option(...dbOption)
    .option('-f, --format <format>', `output: ${QUERY_FORMATS.join(' | ')}`, 'brief')
    .action(async (opts: { db: string; format: string }) => {
      const format = oneOf('format', opts.format, QUERY_FORMATS);
      const s = await withStore(opts.db, undefined, (store) => stats(store));
      if (format === 'json') io.stdout.write(`${JSON.stringify(s)}\n`);
      else io.stdout.write(`${s.articles} articles, ${s.entities} entities, ${s.people} people, ${s.attributions} attributions, ${s.duplicate_groups} near-duplicate groups\n`);
    });

  program
    .command('merges')
    .description('Cross-article merges of people and organisations, with their rule and evidence (undo one with dossier unmerge ID).')
    .option(...dbOption)
    .option('-f, --format <format>', `output: ${QUERY_FORMATS.join(' | ')}`, 'brief')
    .option('--all', 'undone merges too')
    .action(async (opts: { db: string; format: string; all?: boolean }) => {
      const format = oneOf('format', opts.format, QUERY_FORMATS);
      const list = await withStore(opts.db, undefined, (store) => listMerges(store, { all: opts.all }));
      if (format === 'json') io.stdout.write(`${JSON.stringify(list, null, 2)}\n`);
      else
        for (const m of list)
          io.stdout.write(`${m.id}\t${m.loser.name} → ${m.winner.name} (${m.winner.type}) · ${m.rule} ${m.score}${m.undone ? ` · undone ${m.undone}` : ''}\n\t${JSON.stringify(m.evidence)}\n`);
    });

  program
    .command('unmerge')
    .description('Undo a merge (the variant becomes its own person again, and is not merged with it again).')
    .argument('<id>', 'merge id from dossier merges')
    .option(...dbOption)
    .option(...waitOption)
    .action(async (id: string, opts: { db: string; wait?: string }) => {
      const n = Number(id);
      if (!Number.isInteger(n)) throw fail('E_BAD_OPTION', `${id} is not a merge id. List them with \`dossier merges\`.`);
      const m = await withStore(opts.db, opts.wait, (store) => unmerge(store, n));
      io.stdout.write(`undone: ${m.loser.name} is no longer merged into ${m.winner.name}.\n`);
    });

  program
    .command('export')
    .description('Export the corpus: jsonl (one document per line), csv (a table), graphml (entity graph for Gephi).')
    .option('-f, --format <format>', EXPORT_FORMATS.join(' | '), 'jsonl')
    .option('-o, --out <file>', 'write to this file (default: standard output)')
    .option('--table <table>', `for csv: ${CSV_TABLES.join(' | ')}`, 'attributions')
    .option('--min-cooccurrence <n>', 'for graphml: keep "appears with" edges seen in at least this many articles', '2')
    .option(...dbOption)
    .action(async (opts: { format: string; out?: string; table: string; minCooccurrence: string; db: string }) => {
      const format = oneOf('format', opts.format, EXPORT_FORMATS);
      const table = oneOf('table', opts.table, CSV_TABLES);
      const min = positive('min-cooccurrence', opts.minCooccurrence);
      await withStore(opts.db, undefined, async (store) => {
        const file = opts.out ? createWriteStream(opts.out) : undefined;
        const out = file ?? io.stdout;
        let chunks: Iterable<string>;
        if (format === 'jsonl') chunks = (function* () { for (const d of documents(store)) yield `${JSON.stringify(d)}\n`; })();
        else if (format === 'csv') {
          const { header, rows } = tableRows(store, table);
          chunks = (function* () { yield csvLine(header); for (const r of rows) yield csvLine(r); })();
        } else {
          const g = graph(store, { minCooccurrence: min });
          chunks = graphml(
            g.nodes.map((n) => ({ id: n.id, attributes: { label: n.label, type: n.type, articles: n.articles, mentions: n.mentions, quotes: n.quotes } })),
            g.edges.map((e) => ({ source: e.source, target: e.target, directed: e.kind === 'speaks about', attributes: { kind: e.kind, weight: e.weight, evidence: e.evidence.join(' ') } })),
          );
        }
        await writeAll(out, chunks);
        if (file) await new Promise<void>((resolve, reject) => file.end((error?: Error | null) => (error ? reject(new DossierError('E_FILE_UNREADABLE', `${opts.out}: cannot be written (${error.message}).`, { cause: error })) : resolve())));
      });
      if (opts.out) io.stderr.write(`dossier export: ${format} written to ${opts.out}\n`);
    });
}
