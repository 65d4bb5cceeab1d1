/**
 * DOM to block-aware text: block elements (p, h1–h6, li, blockquote, div, br, tr, …) become
 * paragraphs separated by a blank line; inline whitespace collapses to one space; `pre`
 * keeps its line breaks. The walk is iterative, so deep DOMs cannot overflow the stack.
 */

/** Elements whose text is never article text. */
export const SKIP_ELEMENTS: ReadonlySet<string> = new Set([
  'script', 'style', 'noscript', 'template', 'svg', 'math', 'iframe', 'object', 'embed', 'canvas', 'head', 'title',
  'button', 'select', 'textarea', 'input', 'option', 'datalist', 'meta', 'link', 'audio', 'video', 'source', 'track', 'map',
]);

/** Elements that start and end a paragraph. */
export const BLOCK_ELEMENTS: ReadonlySet<string> = new Set([
  'address', 'article', 'aside', 'blockquote', 'body', 'br', 'caption', 'center', 'dd', 'details', 'dialog', 'dir', 'div',
  'dl', 'dt', 'fieldset', 'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hgroup',
  'hr', 'html', 'legend', 'li', 'main', 'menu', 'nav', 'ol', 'p', 'pre', 'section', 'summary', 'table', 'tbody', 'td', 'tfoot',
  'th', 'thead', 'tr', 'ul',
]);

/** Minimal DOM node shape (linkedom and browser DOMs both fit). */
export interface DomNode {
  readonly nodeType: number;
  readonly nodeValue?: string | null;
  readonly localName?: string;
  readonly childNodes: ArrayLike<DomNode>;
}

/** A paragraph of text with what the DOM says about it. */
export interface Block {
  /** Whitespace-collapsed, trimmed text (line breaks only from `pre`). */
  readonly text: string;
  /** Share of the characters (spaces excluded) inside links. */
  readonly linkShare: number;
  /** Inside a `figcaption` (a picture caption or credit). */
  readonly caption: boolean;
  /** Nearest block element, e.g. `p`, `li`, `h2`. */
  readonly tag: string;
}

const TEXT = 3;
const ELEMENT = 1;
const CDATA = 4;
const SPACES = /[ \t\f\v\r\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\ufeff]+/g;

const countNonSpace = (s: string): number => {
  let n = 0;
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 32) n++;
  return n;
};

/**
 * The paragraphs of a DOM subtree.
 * @example blocksOf(parseHTML('<p>a <b>b</b></p><p>c</p>').document.body).map((b) => b.text) // ['a b', 'c']
 */
export function blocksOf(root: DomNode): Block[] {
  const blocks: Block[] = [];
  let current = '';
  let linkChars = 0;
  let preDepth = 0;
  let linkDepth = 0;
  let captionDepth = 0;
  const tags: string[] = ['body'];
  const flush = (): void => {
    const t = current.replace(SPACES, ' ').replace(/ ?\n ?/g, '\n').trim();
    if (t) {
      const chars = countNonSpace(t);
      blocks.push({ text: t, linkShare: chars ? Math.min(1, linkChars / chars) : 0, caption: captionDepth > 0, tag: tags[tags.length - 1] });
    }
    current = '';
    linkChars = 0;
  };
  // Stack of [node, leaving]: an element is visited on entry and again on exit.
  const stack: [DomNode, boolean][] = [[root, false]];
  while (stack.length) {
    const [node, leaving] = stack.pop()!;
    if (node.nodeType === TEXT || node.nodeType === CDATA) {
      const v = node.nodeValue ?? '';
      current += preDepth > 0 ? v.replace(/\r\n?/g, '\n') : v.replace(/\s+/g, ' ');
      if (linkDepth > 0) linkChars += countNonSpace(v);
      continue;
    }
    if (node.nodeType !== ELEMENT && node !== root) continue;
    const name = (node.localName ?? '').toLowerCase();
    if (SKIP_ELEMENTS.has(name)) continue;
    const block = BLOCK_ELEMENTS.has(name);
    if (leaving) {
      if (block) flush();
      if (name === 'pre') preDepth--;
      if (name === 'a') linkDepth--;
      if (name === 'figcaption') captionDepth--;
      if (block && name !== 'br' && name !== 'hr') tags.pop();
      continue;
    }
    if (block) flush();
    if (name === 'pre') preDepth++;
    if (name === 'a') linkDepth++;
    if (name === 'figcaption') captionDepth++;
    if (block && name !== 'br' && name !== 'hr') tags.push(name);
    stack.push([node, true]);
    const kids = node.childNodes;
    for (let i = kids.length - 1; i >= 0; i--) stack.push([kids[i], false]);
  }
  flush();
  return blocks;
}

/**
 * The paragraph texts of a DOM subtree.
 * @example blockTexts(parseHTML('<p>a <b>b</b></p><p>c</p>').document.body) // ['a b', 'c']
 */
export function blockTexts(root: DomNode): string[] {
  return blocksOf(root).map((b) => b.text);
}

/**
 * Block-aware text of a DOM subtree: paragraphs joined by a blank line.
 * @example blockText(parseHTML('<p>a</p><p>b</p>').document.body) === 'a\n\nb'
 */
export function blockText(root: DomNode): string {
  return blockTexts(root).join('\n\n');
}

const ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', laquo: '«', raquo: '»', mdash: '—', ndash: '–', hellip: '…' };

const decodeEntities = (s: string): string =>
  s.replace(/&(#x[0-9a-f]{1,6}|#\d{1,7}|[a-z]{2,8});/gi, (m, e: string) => {
    if (e[0] === '#') {
      const code = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : m;
    }
    return ENTITIES[e.toLowerCase()] ?? m;
  });

/**
 * Paragraphs of HTML markup without building a DOM: a linear scan that drops tags,
 * comments, scripts and styles and breaks paragraphs at block tags. The fallback for pages
 * too deeply nested to parse in reasonable time.
 * @example markupBlocks('<p>a &amp; b</p><p>c</p>').map((b) => b.text) // ['a & b', 'c']
 */
export function markupBlocks(html: string): Block[] {
  const blocks: Block[] = [];
  let current = '';
  const flush = (): void => {
    const t = decodeEntities(current).replace(SPACES, ' ').replace(/\s+/g, ' ').trim();
    if (t) blocks.push({ text: t, linkShare: 0, caption: false, tag: 'p' });
    current = '';
  };
  let i = 0;
  const lower = html.toLowerCase();
  while (i < html.length) {
    const lt = html.indexOf('<', i);
    if (lt < 0) {
      current += html.slice(i);
      break;
    }
    current += html.slice(i, lt);
    if (html.startsWith('<!--', lt)) {
      const end = html.indexOf('-->', lt + 4);
      i = end < 0 ? html.length : end + 3;
      continue;
    }
    const gt = html.indexOf('>', lt + 1);
    if (gt < 0) break;
    const m = /^<\/?([a-zA-Z][a-zA-Z0-9]{0,15})/.exec(html.slice(lt, lt + 20));
    const name = m ? m[1].toLowerCase() : '';
    i = gt + 1;
    if (!m) continue;
    if (SKIP_ELEMENTS.has(name) && html[lt + 1] !== '/' && html[gt - 1] !== '/' && !['input', 'meta', 'link', 'source', 'track', 'embed'].includes(name)) {
      const close = lower.indexOf(`</${name}`, i);
      i = close < 0 ? html.length : close;
      continue;
    }
    if (BLOCK_ELEMENTS.has(name)) flush();
  }
  flush();
  return blocks;
}

/** What a linear scan of HTML markup tells about its size and shape. */
export interface MarkupStats {
  /** Start tags. */
  readonly elements: number;
  /** Deepest nesting, estimated (void elements and elements whose end tag is often left out are not counted). */
  readonly depth: number;
}

/**
 * Count start tags and estimate the deepest nesting of HTML markup, in one linear scan.
 * @example markupStats('<div><div><p>x</div></div>') // { elements: 3, depth: 2 }
 */
export function markupStats(html: string): MarkupStats {
  const re = /<(\/?)([a-zA-Z][a-zA-Z0-9]{0,15})/g;
  let depth = 0;
  let max = 0;
  let elements = 0;
  for (let m = re.exec(html); m; m = re.exec(html)) {
    if (!m[1]) elements++;
    const name = m[2].toLowerCase();
    if (UNCOUNTED.has(name)) continue;
    depth = m[1] ? Math.max(0, depth - 1) : depth + 1;
    if (depth > max) max = depth;
  }
  return { elements, depth: max };
}

const UNCOUNTED: ReadonlySet<string> = new Set([
  'area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr',
  'p', 'li', 'dt', 'dd', 'tr', 'td', 'th', 'option', 'html', 'head', 'body', 'tbody', 'thead', 'tfoot',
]);
