/**
 * The pages of `dossier serve` in headless Chromium (Debian's chromium, driven by playwright-core):
 * open an article, hover a quote, filter by a person, search, open the graph and an edge's
 * evidence; and articles carrying script payloads (HTML pages and plain text) whose payloads must
 * never run. Screenshots go to artifacts/e2e/ (git-ignored).
 *
 * CI installs chromium (.ci/run, when test/e2e.enabled exists); where /usr/bin/chromium is absent
 * these tests are skipped with a message.
 */
import { existsSync } from 'node:fs';
import type { Server } from 'node:http';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DataSource } from '../../src/web/index.js';
import { artifactsDir, buildAssets, CHROMIUM, CHROMIUM_ARGS, dbSource, filesSource, ROOT, start, stop } from './helpers.js';

const hasChromium = existsSync(CHROMIUM);
/** DOSSIER_DOCS_SCREENSHOTS=1 also writes the README's screenshots (docs/serve-*.png). */
const toDocs = process.env.DOSSIER_DOCS_SCREENSHOTS === '1';
if (!hasChromium) console.warn(`browser tests skipped: ${CHROMIUM} is absent (apt-get install chromium; CI installs it)`);

/** Everything a page did that it should not: dialogs, CSP violations, page errors, the XSS flag. */
interface Watch {
  dialogs: string[];
  errors: string[];
  violations: string[];
}

async function watched(browser: Browser): Promise<{ page: Page; watch: Watch }> {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  const watch: Watch = { dialogs: [], errors: [], violations: [] };
  page.on('dialog', (d) => {
    watch.dialogs.push(`${d.type()}: ${d.message()}`);
    void d.dismiss();
  });
  page.on('pageerror', (e) => watch.errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content Security Policy|Trusted Type/i.test(m.text())) watch.violations.push(m.text());
  });
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      const w = window as unknown as { __violations?: string[] };
      (w.__violations ??= []).push(`${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  return { page, watch };
}

const ready = (page: Page, view: string) => page.waitForSelector(`body[data-ready="${view}"]`, { state: 'attached', timeout: 45_000 });

/** Browser work is slow on a loaded 2-core machine: each test gets 2 minutes. */
const SLOW = 120_000;

describe.skipIf(!hasChromium).each([
  ['files', filesSource],
  ['database', dbSource],
] as const)('pages over %s', (name, makeSource) => {
  let browser: Browser;
  let server: Server | undefined;
  let base = '';
  let source: DataSource;
  const shots = artifactsDir();

  beforeAll(async () => {
    source = await makeSource();
    ({ server, base } = await start(source, buildAssets()));
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await stop(server);
    source?.close();
  });

  const idOf = (q: string): string => {
    const [hit] = source.articles(q, 1);
    if (!hit) throw new Error(`no article for ${q}`);
    return hit.id;
  };

  it('should show an article with speakers highlighted and a tooltip with speaker and role on a quote', async () => {
    const { page, watch } = await watched(browser);
    await page.goto(`${base}/article/${idOf('Pashinyan')}`);
    await ready(page, 'article');
    expect(await page.textContent('#article-title')).toBe('Why did Lavrov fly to Baku?');
    const quotes = page.locator('#article-text .q');
    expect(await quotes.count()).toBeGreaterThan(3);
    // Different speakers, different colours.
    const classes = await page.$$eval('#article-text .q', (els) => [...new Set(els.map((e) => [...e.classList].find((c) => c.startsWith('spk'))))]);
    expect(classes.length).toBeGreaterThan(1);
    // Hover the quote that Lavrov said.
    const lavrovQuote = page.locator('#article-text .q', { hasText: 'We support every step' }).first();
    await lavrovQuote.hover();
    const tip = page.locator('#tip');
    await expect.poll(() => tip.isVisible()).toBe(true);
    expect(await tip.textContent()).toContain('Sergei Lavrov');
    expect(await tip.textContent()).toContain('Russian Foreign Minister');
    await page.screenshot({ path: join(shots, `${name}-article-hover.png`) });
    if (toDocs && name === 'files') await page.screenshot({ path: join(ROOT, 'docs/serve-article.png') });
    // Click a person: only their quotes stay in the list.
    await page.click('button.person[data-entity] >> text=Nikol Pashinyan');
    expect(await page.textContent('#filter')).toContain('Nikol Pashinyan');
    const visible = await page.$$eval('li.said', (els) => els.filter((e) => getComputedStyle(e).display !== 'none').map((e) => e.textContent ?? ''));
    expect(visible.length).toBeGreaterThan(0);
    for (const v of visible) expect(v).toContain('Pashinyan');
    await page.screenshot({ path: join(shots, `${name}-article-filtered.png`) });
    // The trimmed furniture of the example is shown apart from the text.
    await page.goto(`${base}/article/${idOf('Tokayev')}`);
    await ready(page, 'article');
    expect(await page.textContent('#removed')).toMatch(/Leave a Reply/);
    expect(await page.textContent('#article-text')).not.toMatch(/Leave a Reply/);
    expect(watch).toEqual({ dialogs: [], errors: [], violations: [] });
    await page.close();
  }, SLOW);

  it('should search from the top bar and open a result', async () => {
    const { page, watch } = await watched(browser);
    await page.goto(base);
    await ready(page, 'home');
    await page.fill('form.search input', 'Pashinyan');
    await page.press('form.search input', 'Enter');
    await ready(page, 'search');
    const results = page.locator('#results li a');
    expect(await results.count()).toBe(1);
    expect(await page.textContent('#results mark')).toMatch(/Pashinyan/i);
    await results.first().click();
    await ready(page, 'article');
    expect(page.url()).toContain('/article/');
    await page.goto(`${base}/people`);
    await ready(page, 'people');
    await page.click('#people-table a >> text=Sergei Lavrov');
    await ready(page, 'person');
    expect(await page.textContent('#person-name')).toBe('Sergei Lavrov');
    expect(await page.locator('#said .said-group').count()).toBeGreaterThan(0);
    await page.goto(`${base}/timeline`);
    await ready(page, 'timeline');
    expect(await page.locator('#timeline .event').count()).toBeGreaterThan(0);
    expect(watch).toEqual({ dialogs: [], errors: [], violations: [] });
    await page.close();
  }, SLOW);

  it('should draw the actor graph and open the evidence of an edge', async () => {
    const { page, watch } = await watched(browser);
    await page.goto(`${base}/graph`);
    await ready(page, 'graph');
    expect(await page.locator('#cy canvas').count()).toBeGreaterThan(0);
    const edges = await page.evaluate(() => (window as unknown as { dossierGraph: { edges(): { length: number } } }).dossierGraph.edges().length);
    expect(edges).toBeGreaterThan(0);
    // Tap the first edge as a user would (cytoscape draws on a canvas).
    await page.evaluate(() => {
      const cy = (window as unknown as { dossierGraph: { edges(): { [i: number]: { emit(e: string): void } } } }).dossierGraph;
      cy.edges()[0].emit('tap');
    });
    await page.waitForSelector('#edge-evidence li');
    expect(await page.textContent('#edge-title')).toContain('→');
    await page.screenshot({ path: join(shots, `${name}-graph.png`) });
    if (toDocs && name === 'files') await page.screenshot({ path: join(ROOT, 'docs/serve-graph.png') });
    // The evidence links to the article with the sentence marked.
    await page.click('#edge-evidence li a');
    await ready(page, 'article');
    expect(await page.locator('#article-text .at').count()).toBeGreaterThan(0);
    expect(watch).toEqual({ dialogs: [], errors: [], violations: [] });
    await page.close();
  }, SLOW);

  it('should run no script carried by articles (HTML pages and plain text), on any page', async () => {
    const { page, watch } = await watched(browser);
    const xss = source.articles('Minister speaks', 10).map((a) => a.id);
    expect(xss.length).toBe(2);
    const visit = async (path: string, view: string): Promise<void> => {
      await page.goto(base + path);
      await ready(page, view);
      // Give any payload time to fire, move the mouse over everything, click every link in the text.
      for (const el of await page.$$('#article-text span')) await el.hover().catch(() => undefined);
      await page.waitForTimeout(150);
      expect(await page.evaluate(() => (window as unknown as { __xss?: string }).__xss)).toBeUndefined();
      expect(await page.evaluate(() => (window as unknown as { __violations?: string[] }).__violations ?? [])).toEqual([]);
    };
    for (const id of xss) {
      await visit(`/article/${id}`, 'article');
      // The payloads of the plain text are there, as text.
      const text = await page.textContent('#article-text');
      const title = await page.title();
      if (text?.includes('text-script')) {
        expect(text).toContain("<script>window.__xss='text-script';alert(1)</script>");
        expect(title).toContain('<script>');
        expect(await page.locator('#article-text script, #article-text img, #article-text svg, #article-text video').count()).toBe(0);
      }
      // No link from an article's content points anywhere but this site or http(s).
      const hrefs = await page.$$eval('a[href]', (as) => as.map((a) => a.getAttribute('href') ?? ''));
      for (const h of hrefs) expect(h).toMatch(/^(?:\/(?!\/)|https?:|#$)/);
    }
    await visit('/search?q=script', 'search');
    await page.screenshot({ path: join(shots, `${name}-xss-search.png`) });
    await visit('/people', 'people');
    await visit('/timeline', 'timeline');
    await visit(`/article/${xss[0]}?at=0-10`, 'article');
    await page.screenshot({ path: join(shots, `${name}-xss-article.png`) });
    expect(watch).toEqual({ dialogs: [], errors: [], violations: [] });
    // Controls: the detectors see a payload that does run, and the page refuses HTML strings.
    const blocked = await page.evaluate(() => {
      try {
        document.body.innerHTML = '<img src=x onerror="window.__xss=1">';
        return 'assigned';
      } catch (e) {
        return (e as Error).name;
      }
    });
    expect(blocked).toBe('TypeError');
    const control = await browser.newPage();
    await control.setContent('<img src="x" onerror="window.__xss = \'control\'">');
    await expect.poll(() => control.evaluate(() => (window as unknown as { __xss?: string }).__xss)).toBe('control');
    await control.close();
    await page.close();
  }, SLOW);
});
