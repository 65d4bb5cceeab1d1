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

const TEXT = 3;
const ELEMENT = 1;
const CDATA = 4;

/**
 * Paragraphs of a DOM subtree, each with inline whitespace collapsed and trimmed.
 * @example blockTexts(parseHTML('<p>a <b>b</b></p><p>c</p>').document.body) // ['a b', 'c']
 */
export function blockTexts(root: DomNode): string[] {
  const blocks: string[] = [];
  let current = '';
  let preDepth = 0;
  const flush = (): void => {
    const t = current.replace(/[ \t\f\v\r\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\ufeff]+/g, ' ').replace(/ ?\n ?/g, '\n').trim();
    if (t) blocks.push(t);
    current = '';
  };
  // Stack of [node, leaving]: an element is visited on entry and again on exit.
  const stack: [DomNode, boolean][] = [[root, false]];
  while (stack.length) {
    const [node, leaving] = stack.pop()!;
    if (node.nodeType === TEXT || node.nodeType === CDATA) {
      const v = node.nodeValue ?? '';
      current += preDepth > 0 ? v.replace(/\r\n?/g, '\n') : v.replace(/\s+/g, ' ');
      continue;
    }
    if (node.nodeType !== ELEMENT && node !== root) continue;
    const name = (node.localName ?? '').toLowerCase();
    if (SKIP_ELEMENTS.has(name)) continue;
    const block = BLOCK_ELEMENTS.has(name);
    if (leaving) {
      if (name === 'pre') preDepth--;
      if (block) flush();
      continue;
    }
    if (block) flush();
    if (name === 'pre') preDepth++;
    stack.push([node, true]);
    const kids = node.childNodes;
    for (let i = kids.length - 1; i >= 0; i--) stack.push([kids[i], false]);
  }
  flush();
  return blocks;
}

/**
 * Block-aware text of a DOM subtree: paragraphs joined by a blank line.
 * @example blockText(parseHTML('<p>a</p><p>b</p>').document.body) === 'a\n\nb'
 */
export function blockText(root: DomNode): string {
  return blockTexts(root).join('\n\n');
}
