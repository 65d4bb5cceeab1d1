import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import type { DomNode as DomNodeLike } from './blocks.js';
import { blocksOf, blockText, completeMarkup, extractHtml, markupBlocks, markupStats, pageMeta } from './index.js';

const PROSE =
  'The delegation arrived in the capital on Monday for two days of talks on trade and transport. Officials said the agenda included customs rules, rail links and the price of gas for the coming winter.';
const body = (html: string): DomNodeLike => parseHTML(`<!doctype html><html><head></head><body>${html}</body></html>`).document.body as unknown as DomNodeLike;
const text = (r: ReturnType<typeof extractHtml>): string => r.blocks.map((b) => b.text).join('\n\n');

describe('block-aware text', () => {
  it('should separate blocks by a blank line and collapse inline whitespace', () => {
    expect(blockText(body('<h1>Title</h1>\n<p>One  <b>two</b>\n three</p><ul><li>a</li><li>b</li></ul><div>c<br>d</div>'))).toBe('Title\n\nOne two three\n\na\n\nb\n\nc\n\nd');
  });

  it('should not split words at inline elements', () => {
    expect(blockText(body('<p>Azer<span>baijan</span> and <a href="#">Ar</a><i>menia</i></p>'))).toBe('Azerbaijan and Armenia');
  });

  it('should keep line breaks inside pre', () => {
    expect(blockText(body('<pre>line one\n  line two</pre>'))).toBe('line one\nline two');
  });

  it('should drop scripts, styles and form controls', () => {
    expect(blockText(body('<p>Kept</p><script>var s = "Subscribe now";</script><style>p{}</style><button>Send</button><textarea>x</textarea>'))).toBe('Kept');
  });

  it('should measure link share and mark captions', () => {
    const blocks = blocksOf(body('<p><a href="#">All of it</a></p><p>Half <a href="#">link</a></p><figure><figcaption>A caption</figcaption></figure>'));
    expect(blocks.map((b) => [b.text, Math.round(b.linkShare * 100), b.caption])).toEqual([
      ['All of it', 100, false],
      ['Half link', 50, false],
      ['A caption', 0, true],
    ]);
  });

  it('should walk a DOM deeper than the call stack allows', () => {
    const deep = parseHTML(`<!doctype html><html><body>${'<span>'.repeat(20_000)}x${'</span>'.repeat(20_000)}</body></html>`).document.body;
    expect(blockText(deep as unknown as DomNodeLike)).toBe('x');
  });
});

describe('markup scanning', () => {
  it('should extract paragraphs without a DOM and decode entities', () => {
    expect(markupBlocks('<p>a &amp; b&nbsp;&#169; &#x41;</p><script>if (a < b) x = "</p>";</script><!-- <p>hidden</p> --><div>c</div>').map((b) => b.text)).toEqual([
      'a & b © A',
      'c',
    ]);
  });

  it('should count elements and estimate depth', () => {
    expect(markupStats('<div><div><p>x<br></div></div><img src=x>')).toEqual({ elements: 5, depth: 2 });
  });

  it('should supply html, head and body to partial markup', () => {
    expect(completeMarkup('<p>x</p>')).toBe('<!doctype html><html><head></head><body><p>x</p></body></html>');
    expect(completeMarkup('<html lang="ru"><head><title>t</title></head><p>x</p></html>')).toBe('<!doctype html><html lang="ru"><head><title>t</title></head><body><p>x</p></body></html>');
    const full = '<html><body><p>x</p></body></html>';
    expect(completeMarkup(full)).toBe(full);
  });
});

describe('metadata', () => {
  it('should read title, byline, date, language and site name from meta tags', () => {
    const { document } = parseHTML(`<!doctype html><html lang="ru-RU"><head>
      <title>Fallback title</title><meta property="og:title" content="The title">
      <meta name="author" content="Ivan Petrov"><meta property="article:published_time" content="2016-01-28T10:00:00+03:00">
      <meta property="og:site_name" content="Site"></head><body></body></html>`);
    expect(pageMeta(document)).toEqual({ title: 'The title', byline: 'Ivan Petrov', date: '2016-01-28T10:00:00+03:00', language: 'ru-RU', siteName: 'Site' });
  });

  it('should read JSON-LD (with @graph) and <time>', () => {
    const { document } = parseHTML(`<!doctype html><html><head><title>T</title>
      <script type="application/ld+json">{"@graph":[{"@type":"WebSite"},{"@type":"NewsArticle","headline":"H","author":[{"name":"A"},{"name":"B"}],"publisher":{"name":"P"},"inLanguage":"en"}]}</script>
      <script type="application/ld+json">{ broken json </script>
      </head><body><time datetime="2020-05-05">5 May</time></body></html>`);
    expect(pageMeta(document)).toEqual({ title: 'H', byline: 'A, B', date: '2020-05-05', language: 'en', siteName: 'P' });
  });
});

describe('extractHtml', () => {
  it('should extract the article with Readability', () => {
    const r = extractHtml(`<html><body><nav><a href="/">Home</a> <a href="/a">About</a></nav><article><p>${PROSE}</p><p>${PROSE}</p></article><footer>© 2020</footer></body></html>`);
    expect(r.method).toBe('readability');
    expect(text(r)).toBe(`${PROSE}\n\n${PROSE}`);
  });

  it('should fall back to the JSON-LD articleBody when Readability finds too little', () => {
    const r = extractHtml(`<html><head><script type="application/ld+json">{"@type":"NewsArticle","articleBody":"${PROSE}\\n\\n${PROSE}"}</script></head><body><div id="app">Loading…</div></body></html>`);
    expect(r.method).toBe('json-ld');
    expect(text(r)).toBe(`${PROSE}\n\n${PROSE}`);
    expect(r.notes[0]).toMatch(/JSON-LD articleBody/);
  });

  it('should use the page body without navigation when the page is too deep for Readability', () => {
    const deep = (inner: string): string => `${'<div>'.repeat(300)}${inner}${'</div>'.repeat(300)}`;
    const r = extractHtml(`<html><body><nav><a href="/">Home</a></nav><header>Site name</header>${deep(`<p>${PROSE}</p>`)}<footer>Footer</footer></body></html>`);
    expect(r.method).toBe('body');
    expect(text(r)).toBe(PROSE);
    expect(r.notes[0]).toMatch(/levels deep, too many for Readability/);
  });
});
