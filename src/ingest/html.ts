/**
 * HTML page to article text and metadata: @mozilla/readability over linkedom, with the
 * article DOM turned into block-aware text, and a fallback when Readability finds nothing
 * or too little.
 */
import { createRequire } from 'node:module';
import type { Readability as ReadabilityClass } from '@mozilla/readability';
import type { parseHTML as parseHTMLFunction } from 'linkedom';
import type { Meta } from '../document/types.js';
import { blocksOf, markupBlocks, markupStats, type Block, type DomNode } from './blocks.js';

/** What {@link extractHtml} returns. */
export interface HtmlArticle {
  /** The article's paragraphs, in order (none when nothing was found). */
  readonly blocks: readonly Block[];
  readonly meta: Meta;
  /** Which method produced the text. */
  readonly method: 'readability' | 'json-ld' | 'body' | 'markup';
  /** Notes about the extraction, e.g. that a fallback was used. */
  readonly notes: readonly string[];
}

/** Below this many characters Readability's result counts as "too little". */
export const MIN_ARTICLE_CHARS = 250;
/** Readability's time grows fast with nesting depth; deeper pages skip it. */
export const MAX_READABILITY_DEPTH = 250;
/** Readability's time and memory grow fast with the number of elements; larger pages skip it. */
export const MAX_READABILITY_ELEMENTS = 40_000;
/** Deeper or larger markup is not parsed into a DOM at all (its text is scanned out of the markup). */
export const MAX_PARSE_DEPTH = 5000;
export const MAX_PARSE_ELEMENTS = 150_000;

// The DOM and Readability load on the first HTML page, not at start-up: plain-text runs
// (and `dossier --help`) stay fast. Both packages ship CommonJS builds, so they load synchronously.
const require = createRequire(import.meta.url);
let dom: { parseHTML: typeof parseHTMLFunction; Readability: typeof ReadabilityClass } | undefined;
function libs(): NonNullable<typeof dom> {
  dom ??= {
    parseHTML: (require('linkedom') as { parseHTML: typeof parseHTMLFunction }).parseHTML,
    Readability: (require('@mozilla/readability') as { Readability: typeof ReadabilityClass }).Readability,
  };
  return dom;
}
const parseHTML = (html: string): ReturnType<typeof parseHTMLFunction> => libs().parseHTML(html);

type Doc = ReturnType<typeof parseHTMLFunction>['document'];
type El = NonNullable<ReturnType<Doc['querySelector']>>;

const clean = (s: string | null | undefined): string | undefined => {
  const t = (s ?? '').replace(/\s+/g, ' ').trim();
  return t.length ? t : undefined;
};

function metaContent(document: Doc, selectors: readonly string[]): string | undefined {
  for (const sel of selectors) {
    const el = document.querySelector(sel);
    const v = clean(el?.getAttribute('content') ?? el?.getAttribute('datetime') ?? undefined);
    if (v) return v;
  }
  return undefined;
}

/** JSON-LD objects of the page, flattened through arrays and `@graph`. */
function jsonLd(document: Doc): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  for (const script of document.querySelectorAll('script[type="application/ld+json"]') as Iterable<El>) {
    const raw = script.textContent ?? '';
    if (raw.length > 2_000_000) continue;
    let data: unknown;
    try {
      data = JSON.parse(raw.replace(/^\s*<!--|-->\s*$/g, ''));
    } catch {
      continue; // pages often carry broken JSON-LD; it only feeds optional metadata
    }
    const queue: unknown[] = [data];
    while (queue.length && out.length < 200) {
      const item = queue.shift();
      if (Array.isArray(item)) queue.push(...item);
      else if (item && typeof item === 'object') {
        out.push(item as Record<string, unknown>);
        const graph = (item as Record<string, unknown>)['@graph'];
        if (graph) queue.push(graph);
      }
    }
  }
  return out;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? clean(v) : undefined);
const authorName = (v: unknown): string | undefined => {
  if (typeof v === 'string') return clean(v);
  if (Array.isArray(v)) {
    const names = v.map(authorName).filter((x): x is string => Boolean(x));
    return names.length ? names.join(', ') : undefined;
  }
  if (v && typeof v === 'object') return str((v as Record<string, unknown>).name);
  return undefined;
};

/** The text of a JSON-LD `articleBody` of an article object, if the page has one. */
function jsonLdBody(objects: readonly Record<string, unknown>[]): string | undefined {
  let best: string | undefined;
  for (const o of objects) {
    const body = o.articleBody ?? o.text;
    if (typeof body === 'string' && (!best || body.length > best.length)) best = body;
  }
  return best;
}

/**
 * Metadata from meta tags, JSON-LD, `<time>` and `<html lang>`. Read before Readability,
 * which changes the DOM.
 */
export function pageMeta(document: Doc, ld: readonly Record<string, unknown>[] = jsonLd(document)): Meta {
  const ldArticle = ld.find((o) => o.datePublished || o.headline) ?? {};
  const title =
    metaContent(document, ['meta[property="og:title"]', 'meta[name="twitter:title"]']) ?? str(ldArticle.headline) ?? clean(document.querySelector('title')?.textContent);
  const byline =
    metaContent(document, ['meta[name="author"]', 'meta[property="article:author"]', 'meta[name="byl"]', 'meta[name="sailthru.author"]']) ??
    authorName(ldArticle.author);
  const date =
    metaContent(document, [
      'meta[property="article:published_time"]',
      'meta[property="og:published_time"]',
      'meta[property="og:article:published_time"]',
      'meta[itemprop="datePublished"]',
      'meta[name="pubdate"]',
      'meta[name="publishdate"]',
      'meta[name="publish-date"]',
      'meta[name="date"]',
      'meta[name="DC.date.issued"]',
      'meta[name="dc.date"]',
      'meta[name="parsely-pub-date"]',
      'meta[name="sailthru.date"]',
    ]) ??
    str(ldArticle.datePublished) ??
    clean(document.querySelector('[itemprop="datePublished"]')?.getAttribute('datetime')) ??
    clean(document.querySelector('time[datetime]')?.getAttribute('datetime'));
  const language =
    clean(document.documentElement?.getAttribute('lang')) ??
    metaContent(document, ['meta[http-equiv="content-language"]', 'meta[http-equiv="Content-Language"]', 'meta[name="language"]']) ??
    str(ldArticle.inLanguage) ??
    metaContent(document, ['meta[property="og:locale"]'])?.replace('_', '-');
  const siteName = metaContent(document, ['meta[property="og:site_name"]', 'meta[name="application-name"]']) ?? authorName(ldArticle.publisher);
  const meta: Record<string, string> = {};
  if (title) meta.title = title;
  if (byline) meta.byline = byline;
  if (date) meta.date = date;
  if (language) meta.language = language.split(/[\s,;]/)[0];
  if (siteName) meta.siteName = siteName;
  return meta;
}

/**
 * linkedom builds a usable document only from complete markup: without a `<body>` tag it
 * leaves the text outside the body (or makes the first element the root). Supply
 * `<html>`, `<head>` and `<body>` when the page has no `<body>`.
 * @example completeMarkup('<p>x</p>') === '<!doctype html><html><head></head><body><p>x</p></body></html>'
 */
export function completeMarkup(html: string): string {
  if (/<body[\s>]/i.test(html)) return html;
  const open = /^\s*(?:<!doctype[^>]{0,200}>)?\s*(<html[^>]{0,2000}>)?/i.exec(html)!;
  let rest = html.slice(open[0].length).replace(/<\/html\s*>\s*$/i, '');
  let head = '<head></head>';
  const headEnd = /<\/head\s*>/i.exec(rest);
  if (headEnd && /^\s*<head[\s>]/i.test(rest)) {
    head = rest.slice(0, headEnd.index + headEnd[0].length);
    rest = rest.slice(headEnd.index + headEnd[0].length);
  }
  return `<!doctype html>${open[1] ?? '<html>'}${head}<body>${rest}</body></html>`;
}

/** Blocks of a parsed page, without navigation, header, footer, asides and forms. */
function bodyFallback(document: Doc): Block[] {
  for (const el of document.querySelectorAll('nav, header, footer, aside, form, [role="navigation"], [role="banner"], [role="contentinfo"]') as Iterable<El>) el.remove();
  const root = (document.querySelector('article') ?? document.querySelector('main') ?? document.body ?? document.documentElement) as unknown as DomNode | null;
  return root ? blocksOf(root) : [];
}

/** Deepest element nesting under a node (iterative). */
function domDepth(root: DomNode): number {
  let max = 0;
  const stack: [DomNode, number][] = [[root, 0]];
  while (stack.length) {
    const [node, d] = stack.pop()!;
    if (d > max) max = d;
    const kids = node.childNodes;
    for (let i = 0; i < kids.length; i++) if (kids[i].nodeType === 1) stack.push([kids[i], d + 1]);
  }
  return max;
}

/**
 * Extract the article of an HTML page.
 * @example extractHtml('<html><body><article><p>…</p></article></body></html>').text
 */
export function extractHtml(page: string, options: { readonly url?: string } = {}): HtmlArticle {
  // Readability reads documentURI/baseURI for links only; the text does not depend on it.
  void options.url;
  const html = completeMarkup(page);
  const stats = markupStats(html);
  if (stats.depth > MAX_PARSE_DEPTH || stats.elements > MAX_PARSE_ELEMENTS) {
    const what = stats.depth > MAX_PARSE_DEPTH ? `nests its markup ${stats.depth} levels deep` : `has ${stats.elements} elements`;
    const note = `The page ${what}; its text was scanned out of the markup without parsing it, and no article was singled out.`;
    return { blocks: markupBlocks(html), meta: {}, method: 'markup', notes: [note] };
  }
  const { document } = parseHTML(html);
  const ld = jsonLd(document);
  const meta: Record<string, string> = { ...pageMeta(document, ld) };
  const notes: string[] = [];
  const length = (bs: readonly Block[]): number => bs.reduce((a, b) => a + b.text.length, 0);
  const depth = document.documentElement ? domDepth(document.documentElement as unknown as DomNode) : 0;
  if (depth > MAX_READABILITY_DEPTH || stats.elements > MAX_READABILITY_ELEMENTS) {
    const what = depth > MAX_READABILITY_DEPTH ? `nests its elements ${depth} levels deep` : `has ${stats.elements} elements`;
    notes.push(`The page ${what}, too many for Readability; used the page body without navigation.`);
    return { blocks: bodyFallback(document), meta, method: 'body', notes };
  }
  let article: ReturnType<ReadabilityClass<unknown>['parse']> = null;
  try {
    article = new (libs().Readability)(document as never, { serializer: (n: unknown) => n }).parse();
  } catch (cause) {
    // Readability throws on some malformed documents; the fallbacks below take over.
    notes.push(`Readability failed (${(cause as Error).message}).`);
  }
  let blocks = article?.content ? blocksOf(article.content as unknown as DomNode) : [];
  let method: HtmlArticle['method'] = 'readability';
  if (article) {
    if (!meta.title && clean(article.title)) meta.title = clean(article.title)!;
    if (!meta.byline && clean(article.byline)) meta.byline = clean(article.byline)!;
    if (!meta.siteName && clean(article.siteName)) meta.siteName = clean(article.siteName)!;
    if (!meta.language && clean(article.lang)) meta.language = clean(article.lang)!;
    if (!meta.date && clean(article.publishedTime)) meta.date = clean(article.publishedTime)!;
  }
  if (length(blocks) < MIN_ARTICLE_CHARS) {
    const ldBody = jsonLdBody(ld);
    const ldBlocks: Block[] = (ldBody ?? '')
      .split(/\n\s*\n/)
      .map((b) => b.replace(/\s+/g, ' ').trim())
      .filter(Boolean)
      .map((text) => ({ text, linkShare: 0, caption: false, tag: 'p' }));
    const what = article ? 'Readability found too little text' : 'Readability found no article';
    if (length(ldBlocks) > length(blocks)) {
      notes.push(`${what}; used the JSON-LD articleBody.`);
      blocks = ldBlocks;
      method = 'json-ld';
    } else {
      // Readability changed the DOM; parse again.
      const body = bodyFallback(parseHTML(html).document);
      if (length(body) > length(blocks)) {
        notes.push(`${what}; used the page body without navigation.`);
        blocks = body;
        method = 'body';
      }
    }
  }
  return { blocks, meta, method, notes };
}
