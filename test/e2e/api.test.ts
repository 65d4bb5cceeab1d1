/**
 * The JSON API and the HTTP rules of `dossier serve`, over a real socket, for both data sources:
 * files analysed in memory and a corpus database opened read-only.
 */
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DataSource } from '../../src/web/index.js';
import { buildAssets, dbSource, filesSource, start, stop } from './helpers.js';

const assets = buildAssets();

describe.each([
  ['files', filesSource],
  ['database', dbSource],
] as const)('API over %s', (_name, makeSource) => {
  let server: Server | undefined;
  let base = '';
  let source: DataSource;
  beforeAll(async () => {
    source = await makeSource();
    ({ server, base } = await start(source, assets));
  }, 180_000);
  afterAll(async () => {
    await stop(server);
    source?.close();
  });
  const json = async (path: string, init?: RequestInit): Promise<{ status: number; body: any; headers: Headers }> => {
    const res = await fetch(base + path, init);
    return { status: res.status, body: await res.json(), headers: res.headers };
  };

  it('should list articles matching the words of q, with id and title', async () => {
    const { status, body } = await json('/api/articles?q=Aliyev%20Baku');
    expect(status).toBe(200);
    expect(Array.isArray(body)).toBe(true);
    expect(body.length).toBeGreaterThanOrEqual(2);
    for (const a of body) {
      expect(typeof a.id).toBe('string');
      expect(typeof a.title).toBe('string');
    }
    expect(body.map((a: { title: string }) => a.title)).toContain('Why did Lavrov fly to Baku?');
  });

  it('should list articles without q, and nothing for words no article has', async () => {
    expect((await json('/api/articles')).body.length).toBe(4);
    expect((await json('/api/articles?q=zzyzxq')).body).toEqual([]);
  });

  it('should give the analysed document (dossier.document/1) by id', async () => {
    const [hit] = (await json('/api/articles?q=Pashinyan')).body;
    const { status, body } = await json(`/api/articles/${hit.id}`);
    expect(status).toBe(200);
    expect(body.schema).toBe('dossier.document/1');
    expect(body.id).toBe(hit.id);
    for (const key of ['text', 'entities', 'attributions', 'events', 'artifacts', 'claims', 'relations', 'removed']) expect(body).toHaveProperty(key);
    const a = body.attributions[0];
    expect(body.text.slice(a.content.start, a.content.end)).toBe(a.content.text);
  });

  it('should answer 404 with a JSON error for an unknown article or API', async () => {
    const missing = await json(`/api/articles/${'0'.repeat(64)}`);
    expect(missing.status).toBe(404);
    expect(missing.body.error.message).toMatch(/no article/);
    expect((await json('/api/nothing')).status).toBe(404);
  });

  it('should answer 400 for a bad limit', async () => {
    expect((await json('/api/articles?limit=-3')).status).toBe(400);
  });

  it('should list people with roles and quote counts, and give a person with what they said by article', async () => {
    const { body: people } = await json('/api/people');
    const lavrov = people.find((p: { name: string }) => p.name === 'Sergei Lavrov');
    expect(lavrov).toBeDefined();
    expect(lavrov.quotes).toBeGreaterThan(0);
    expect(lavrov.articles).toBeGreaterThanOrEqual(2);
    const { body: page } = await json(`/api/people/${lavrov.id}`);
    expect(page.person.name).toBe('Sergei Lavrov');
    expect(page.said.length).toBeGreaterThan(0);
    expect(page.said[0].quotes[0].content.length).toBeGreaterThan(0);
    expect((await json('/api/people?q=pashinyan')).body.map((p: { name: string }) => p.name)).toEqual(['Nikol Pashinyan']);
  });

  it('should give the actor graph from the relations, each edge with its evidence', async () => {
    const { body: graph } = await json('/api/graph');
    expect(graph.nodes.length).toBeGreaterThan(1);
    expect(graph.edges.length).toBeGreaterThan(0);
    const edge = graph.edges[0];
    const { body: ev } = await json(`/api/graph/edges/${edge.id}`);
    expect(ev.edge.id).toBe(edge.id);
    expect(ev.items.length).toBeGreaterThan(0);
    expect(ev.items[0].text.length).toBeGreaterThan(0);
    expect(typeof ev.items[0].article.id).toBe('string');
  });

  it('should give a timeline of events with their text', async () => {
    const { body } = await json('/api/timeline');
    expect(body.length).toBeGreaterThan(0);
    expect(body[0]).toMatchObject({ type: expect.any(String), article: { id: expect.any(String) } });
  });

  it('should be read-only: POST, PUT and DELETE get 405', async () => {
    for (const method of ['POST', 'PUT', 'DELETE']) {
      const res = await fetch(`${base}/api/articles`, { method, body: method === 'DELETE' ? undefined : '{}' });
      expect(res.status).toBe(405);
      expect(res.headers.get('allow')).toBe('GET, HEAD');
    }
  });

  it('should send a Content-Security-Policy without inline scripts, and nosniff', async () => {
    const res = await fetch(`${base}/article/abc`);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).toContain("require-trusted-types-for 'script'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    const html = await res.text();
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)/);
    expect(html).not.toMatch(/\son\w+=/);
  });

  it('should refuse a Host that is not a loopback name (DNS rebinding)', async () => {
    const { request } = await import('node:http');
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(`${base}/api/articles`, { headers: { Host: 'evil.example:80' } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(421);
  });

  it('should serve its assets locally and nothing outside them', async () => {
    for (const path of ['/assets/app.mjs', '/assets/style.css', '/assets/cytoscape.mjs']) expect((await fetch(base + path)).status).toBe(200);
    expect((await fetch(`${base}/assets/..%2F..%2Fpackage.json`)).status).toBe(404);
    expect((await fetch(`${base}/assets/../package.json`)).status).toBe(404);
  });
});
