import type { Command } from 'commander';
import { fail } from '../../errors.js';
import { analyseFiles, createWebServer, memorySource, openReadOnly, storeSource, type DataSource } from '../../web/index.js';
import { EXIT, type CliContext } from '../program.js';

const DEFAULT_DB = './dossier.db';
const LOOPBACK = /^(?:localhost|127(?:\.\d{1,3}){3}|::1)$/i;

export function registerServe(program: Command, ctx: CliContext): void {
  const { io } = ctx;
  program
    .command('serve')
    .description('Web pages to read articles (speakers and quotes highlighted) and explore a corpus (search, people, graph, timeline), with a JSON API. Read-only.')
    .argument('[file...]', 'article files or folders to analyse and show (no database needed); without them, the corpus database is served')
    .option('--db <file>', 'corpus database (made by dossier ingest)', DEFAULT_DB)
    .option('-p, --port <n>', 'port (0 picks a free one)', '8080')
    .option('--host <host>', 'address to listen on (other than 127.0.0.1 exposes the corpus to the network)', '127.0.0.1')
    .addHelpText('after', '\nExamples:\n  dossier serve --db news.db\n  dossier serve examples/*.txt --port 0\nThe API is described in the README ("Web").')
    .action(async (files: string[], opts: { db: string; port: string; host: string }) => {
      const port = Number(opts.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw fail('E_BAD_OPTION', `--port ${opts.port} is not a port number (0 to 65535).`);
      let source: DataSource;
      if (files.length) {
        const { docs, failures } = await analyseFiles(files);
        for (const f of failures) io.stderr.write(`dossier: ${f.error.message} [${f.error.code}]\n`);
        if (!docs.length) {
          ctx.exitCode = EXIT.BAD_INPUT;
          io.stderr.write('dossier: no input could be analysed; nothing to serve.\n');
          return;
        }
        source = memorySource(docs);
        io.stderr.write(`dossier serve: ${docs.length} article${docs.length === 1 ? '' : 's'} analysed${failures.length ? `, ${failures.length} failed` : ''}\n`);
      } else {
        source = storeSource(openReadOnly(opts.db));
      }
      // Build the caches now (counts, the actor graph) so that the first pages come quickly.
      source.stats();
      source.graph(80);
      const loopback = LOOPBACK.test(opts.host);
      const server = createWebServer({ source, loopbackOnly: loopback, onError: (e) => io.stderr.write(`dossier serve: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`) });
      await new Promise<void>((resolve, reject) => {
        server.once('error', (e: NodeJS.ErrnoException) =>
          reject(e.code === 'EADDRINUSE' ? fail('E_BAD_OPTION', `port ${port} on ${opts.host} is in use. Pass another --port (0 picks a free one).`) : fail('E_BAD_OPTION', `cannot listen on ${opts.host}:${port} (${e.message}).`)),
        );
        server.listen(port, opts.host, resolve);
      });
      const address = server.address();
      const actual = typeof address === 'object' && address ? address.port : port;
      const shown = opts.host.includes(':') ? `[${opts.host}]` : opts.host;
      io.stdout.write(`dossier serve: http://${shown}:${actual}/ (${source.mode === 'store' ? opts.db : 'files'}, read-only; Ctrl-C stops)\n`);
      if (!loopback) io.stderr.write(`dossier serve: listening on ${opts.host}: anyone who can reach this address can read the corpus.\n`);
      await new Promise<void>((resolve) => {
        const stop = (): void => {
          server.close(() => resolve());
          server.closeAllConnections();
        };
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
      source.close();
    });
}
