/**
 * What the web tests share: the browser code compiled into a temporary folder (so that the tests
 * need no earlier build), the fixtures analysed into memory and into a temporary corpus database,
 * and servers on free loopback ports.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ingestCorpus } from '../../src/corpus/ingest.js';
import { closeStore, openStore } from '../../src/store/store.js';
import { analyseFiles, createWebServer, memorySource, openReadOnly, storeSource, type AssetDirs, type DataSource } from '../../src/web/index.js';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../..');
export const FIXTURES = join(ROOT, 'test/e2e/fixtures');
export const EXAMPLE = join(ROOT, 'examples/tokayev-visit.txt');
/** Where screenshots go (git-ignored). */
export const ARTIFACTS = join(ROOT, 'artifacts/e2e');
export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'];

/** Compile `src/web/client/*.mts` into a temporary folder; the assets for a server. */
export function buildAssets(): AssetDirs {
  const out = mkdtempSync(join(tmpdir(), 'dossier-web-'));
  execFileSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', join(ROOT, 'src/web/client/tsconfig.json'), '--outDir', out], { stdio: 'pipe' });
  if (!existsSync(join(out, 'app.mjs'))) throw new Error(`the browser code did not compile into ${out}: ${readdirSync(out).join(', ')}`);
  return { scripts: out, styles: join(ROOT, 'src/web/client'), cytoscape: join(ROOT, 'node_modules/cytoscape/dist/cytoscape.esm.min.mjs') };
}

/** The fixture files: the example article, one about a visit, and the XSS pages. */
export const fixtureFiles = (): string[] => [EXAMPLE, ...readdirSync(FIXTURES).sort().map((f) => join(FIXTURES, f))];

/** The fixtures analysed in memory (`dossier serve FILE...`). */
export async function filesSource(): Promise<DataSource> {
  const { docs, failures } = await analyseFiles(fixtureFiles());
  if (failures.length) throw new Error(failures.map((f) => f.error.message).join('\n'));
  return memorySource(docs);
}

/** The fixtures ingested into a temporary corpus database, served read-only (`dossier serve --db`). */
export async function dbSource(): Promise<DataSource> {
  const dir = mkdtempSync(join(tmpdir(), 'dossier-webdb-'));
  const path = join(dir, 'corpus.db');
  const store = openStore(path);
  try {
    const summary = await ingestCorpus(store, fixtureFiles(), { jobs: 0 });
    if (summary.failed) throw new Error(summary.failures.map((f) => f.reason).join('\n'));
  } finally {
    closeStore(store);
  }
  return storeSource(openReadOnly(path));
}

/** Start a server on a free loopback port. */
export async function start(source: DataSource, assets: AssetDirs): Promise<{ server: Server; base: string }> {
  const server = createWebServer({ source, assets, onError: (e) => console.error(e) });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

export async function stop(server: Server | undefined): Promise<void> {
  if (!server) return;
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}

export const artifactsDir = (): string => {
  mkdirSync(ARTIFACTS, { recursive: true });
  return ARTIFACTS;
};
