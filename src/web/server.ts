/**
 * The HTTP server of `dossier serve`: the pages (one HTML shell, the views are drawn by
 * `client/app.mts`), their assets, all served from this machine, and a read-only JSON API over a
 * {@link DataSource}.
 *
 * Article text is untrusted. The pages put it in the DOM as text only; this server sends a
 * Content-Security-Policy that allows scripts from this origin alone (no inline script, no
 * `eval`), requires Trusted Types for DOM sinks (so an `innerHTML` of a string throws), and
 * answers only GET and HEAD. Bound to a loopback address, it also refuses requests whose Host
 * is not a loopback name, so that a web page elsewhere cannot read the API by DNS rebinding.
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DossierError } from '../errors.js';
import type { DataSource } from './types.js';

/** The Content-Security-Policy of every answer. */
export const CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "font-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "require-trusted-types-for 'script'",
  "trusted-types 'none'",
].join('; ');

const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CSP,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

/** Where the assets are. */
export interface AssetDirs {
  /** The compiled browser code (`*.mjs`): `dist/web/client/`. */
  readonly scripts: string;
  /** The style sheet: `src/web/client/`. */
  readonly styles: string;
  /** cytoscape's ES module build. */
  readonly cytoscape: string;
}

const here = dirname(fileURLToPath(import.meta.url));

/** Walk up from `start` to the first folder holding `rel`. */
function findUp(start: string, rel: string): string | undefined {
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, rel))) return join(dir, rel);
    if (dirname(dir) === dir) return undefined;
  }
}

/**
 * The assets beside this file: run from `dist/web/` or from `src/web/` (tests).
 * @example defaultAssets().scripts.endsWith('dist/web/client')
 */
export function defaultAssets(): AssetDirs {
  const scripts = [join(here, 'client'), join(here, '../../dist/web/client')].find((d) => existsSync(join(d, 'app.mjs')));
  const styles = [join(here, 'client'), join(here, '../../src/web/client')].find((d) => existsSync(join(d, 'style.css')));
  const cytoscape = findUp(here, 'node_modules/cytoscape/dist/cytoscape.esm.min.mjs');
  if (!scripts || !styles || !cytoscape) {
    const missing = !scripts ? 'the compiled page scripts (dist/web/client/app.mjs)' : !styles ? 'the style sheet (src/web/client/style.css)' : 'cytoscape (node_modules/cytoscape)';
    throw new DossierError('E_INTERNAL', `internal error: ${missing} cannot be found. Run \`npm install\` (it builds them) in the dossier folder`);
  }
  return { scripts, styles, cytoscape };
}

/** Options for {@link createWebServer}. */
export interface WebOptions {
  readonly source: DataSource;
  readonly assets?: AssetDirs;
  /** Refuse requests whose Host header is not a loopback name (default true). */
  readonly loopbackOnly?: boolean;
  /** Called with unexpected errors (the CLI prints them). */
  readonly onError?: (error: unknown) => void;
}

const SHELL = `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>dossier</title>
<link rel="icon" href="data:,">
<!-- The id tells cytoscape.js that its one rule (below in style.css) is there: it injects no <style>, which the CSP forbids. -->
<link rel="stylesheet" href="/assets/style.css" id="__________cytoscape_stylesheet">
<script type="module" src="/assets/app.mjs"></script>
<link rel="modulepreload" href="/assets/api.mjs">
<link rel="modulepreload" href="/assets/dom.mjs">
<link rel="modulepreload" href="/assets/article.mjs">
</head>
<body>
<header id="top"></header>
<main id="main"><p class="loading">Loading…</p></main>
</body>
</html>
`;

const PAGES = [/^\/$/, /^\/search$/, /^\/article\/[^/]+$/, /^\/people$/, /^\/person\/[^/]+$/, /^\/graph$/, /^\/timeline$/];

const LOOPBACK_HOST = /^(?:localhost|127(?:\.\d{1,3}){3}|\[::1\])(?::\d+)?$/i;

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

const int = (value: string | null, fallback: number, max: number): number => {
  if (value === null || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new HttpError(400, `limit must be a whole number of 1 or more, not "${value}"`);
  return Math.min(n, max);
};

const TYPES = ['PERSON', 'ORG', 'LOC', 'MISC'];

/** Answer an API path with data, or throw HttpError. */
function api(source: DataSource, path: string, params: URLSearchParams): unknown {
  const parts = path.split('/').slice(2).map((p) => decodeURIComponent(p));
  const [what, id, sub] = parts;
  switch (what) {
    case 'stats':
      if (parts.length === 1) return source.stats();
      break;
    case 'articles':
      if (parts.length === 1) return source.articles(params.get('q') ?? '', int(params.get('limit'), 20, 500));
      if (parts.length === 2) return source.article(id) ?? notFound(`no article with the id ${id}`);
      break;
    case 'people': {
      if (parts.length === 1) {
        const type = (params.get('type') ?? 'PERSON').toUpperCase();
        if (!TYPES.includes(type)) throw new HttpError(400, `type must be one of ${TYPES.join(', ')}`);
        return source.people(params.get('q') ?? '', type, int(params.get('limit'), 50, 1000));
      }
      if (parts.length === 2) return source.person(id) ?? notFound(`no person with the id ${id}`);
      break;
    }
    case 'graph':
      if (parts.length === 1) return source.graph(int(params.get('limit'), 80, 1000));
      if (parts.length === 3 && id === 'edges') return source.edge(sub) ?? notFound(`no edge with the id ${sub}`);
      break;
    case 'timeline':
      if (parts.length === 1) return source.timeline(int(params.get('limit'), 200, 2000), params.get('person') || undefined);
      break;
  }
  throw new HttpError(404, `no API at ${path}; see the README ("Web") for the API`);
}

const notFound = (message: string): never => {
  throw new HttpError(404, message);
};

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};

/** A file, with an ETag from its size and time, answering 304 when the browser has it. */
function sendFile(req: IncomingMessage, res: ServerResponse, file: string, type: string): void {
  const info = statSync(file, { throwIfNoEntry: false });
  if (!info?.isFile()) throw new HttpError(404, 'no such asset');
  const etag = `"${info.size.toString(36)}-${Math.floor(info.mtimeMs).toString(36)}"`;
  const headers = { 'Content-Type': type, ETag: etag, 'Cache-Control': 'no-cache' };
  if (req.headers['if-none-match'] === etag) {
    res.writeHead(304, headers).end();
    return;
  }
  res.writeHead(200, { ...headers, 'Content-Length': info.size });
  if (req.method === 'HEAD') res.end();
  else createReadStream(file).pipe(res);
}

function sendJson(res: ServerResponse, status: number, body: unknown, head: boolean): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', 'Content-Length': Buffer.byteLength(text) });
  res.end(head ? undefined : text);
}

/**
 * The request handler (exported for tests without a socket).
 */
export function handler(options: WebOptions): (req: IncomingMessage, res: ServerResponse) => void {
  const { source } = options;
  const assets = options.assets ?? defaultAssets();
  const loopbackOnly = options.loopbackOnly ?? true;
  const shell = Buffer.from(SHELL);
  // The graph page also fetches its code and cytoscape at once, not after app.mjs asks.
  const graphShell = Buffer.from(SHELL.replace('</head>', '<link rel="modulepreload" href="/assets/graph.mjs">\n<link rel="modulepreload" href="/assets/cytoscape.mjs">\n</head>'));
  return (req, res) => {
    for (const [k, v] of Object.entries(SECURITY_HEADERS)) res.setHeader(k, v);
    const url = new URL(req.url ?? '/', 'http://localhost');
    const path = url.pathname;
    const isApi = path.startsWith('/api/');
    try {
      if (loopbackOnly && !LOOPBACK_HOST.test(req.headers.host ?? '')) throw new HttpError(421, 'this server answers only to localhost (start it with --host to serve other names)');
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.setHeader('Allow', 'GET, HEAD');
        throw new HttpError(405, 'the server is read-only: only GET and HEAD are answered');
      }
      if (isApi) {
        sendJson(res, 200, api(source, path, url.searchParams), req.method === 'HEAD');
        return;
      }
      if (path === '/assets/style.css') return sendFile(req, res, join(assets.styles, 'style.css'), CONTENT_TYPES['.css']);
      if (path === '/assets/cytoscape.mjs') return sendFile(req, res, assets.cytoscape, CONTENT_TYPES['.mjs']);
      const script = /^\/assets\/([\w-]+\.mjs)$/.exec(path);
      if (script) return sendFile(req, res, join(assets.scripts, script[1]), CONTENT_TYPES['.mjs']);
      if (path === '/favicon.ico') throw new HttpError(404, 'no icon');
      const page = PAGES.some((p) => p.test(path));
      const body = path === '/graph' ? graphShell : shell;
      res.writeHead(page ? 200 : 404, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-cache', 'Content-Length': body.length });
      res.end(req.method === 'HEAD' ? undefined : body);
    } catch (error) {
      let status = 500;
      let message = 'internal error; see the server output';
      if (error instanceof HttpError) ({ status, message } = error);
      else if (error instanceof DossierError && (error.code === 'E_BAD_OPTION' || error.code === 'E_NOT_FOUND')) {
        status = error.code === 'E_NOT_FOUND' ? 404 : 400;
        message = error.message;
      } else if (error instanceof URIError) {
        status = 400;
        message = 'the address is not well-formed';
      } else options.onError?.(error);
      if (res.headersSent) {
        res.destroy();
        return;
      }
      if (isApi) sendJson(res, status, { error: { status, message } }, req.method === 'HEAD');
      else {
        res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8' });
        res.end(req.method === 'HEAD' ? undefined : `${status}: ${message}\n`);
      }
    }
  };
}

/**
 * An HTTP server for the pages and the API (not yet listening).
 * @example const server = createWebServer({ source: memorySource(docs) }); server.listen(8080, '127.0.0.1')
 */
export function createWebServer(options: WebOptions): Server {
  return createServer(handler(options));
}
