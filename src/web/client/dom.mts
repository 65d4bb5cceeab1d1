/**
 * Building the DOM without HTML strings: every piece of article text goes in as a text node, and
 * attributes are set one by one (no `on*` attribute can be given; handlers are attached with
 * addEventListener by the views). `href` takes only this site's paths or http(s) addresses.
 */

export type Child = Node | string | number | null | undefined | false | readonly Child[];

export interface Props {
  readonly class?: string;
  readonly href?: string;
  /** A form's target: a path of this site. */
  readonly action?: string;
  readonly title?: string;
  readonly id?: string;
  readonly data?: Readonly<Record<string, string>>;
  readonly attrs?: Readonly<Record<string, string>>;
}

/** A safe link target: a path of this site, or an http(s) address; anything else becomes '#'. */
export function safeHref(href: string): string {
  if (/^\/(?!\/)/.test(href)) return href;
  try {
    const u = new URL(href);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : '#';
  } catch {
    return '#';
  }
}

function append(el: Node, child: Child): void {
  if (child === null || child === undefined || child === false) return;
  if (Array.isArray(child)) for (const c of child) append(el, c);
  else if (child instanceof Node) el.appendChild(child);
  else el.appendChild(document.createTextNode(String(child)));
}

/**
 * An element with properties and children (strings become text nodes).
 * @example h('p', { class: 'note' }, 'said: ', h('q', {}, text))
 */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, props: Props = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  if (props.class) el.className = props.class;
  if (props.id) el.id = props.id;
  if (props.title) el.title = props.title;
  if (props.href !== undefined) el.setAttribute('href', safeHref(props.href));
  if (props.action !== undefined) el.setAttribute('action', /^\/(?!\/)/.test(props.action) ? props.action : '/');
  for (const [k, v] of Object.entries(props.data ?? {})) el.dataset[k] = v;
  for (const [k, v] of Object.entries(props.attrs ?? {})) {
    if (/^on/i.test(k) || /^(?:href|src|srcdoc|style|action|formaction)$/i.test(k)) throw new Error(`attribute ${k} is not allowed here`);
    el.setAttribute(k, v);
  }
  append(el, children);
  return el;
}

/** Remove every child. */
export function clear(el: Element): void {
  while (el.firstChild) el.removeChild(el.firstChild);
}

/** Text with the parts between ** marks (search snippets) in <mark>. */
export function marked(text: string): Child[] {
  return text.split('**').map((part, i) => (i % 2 ? h('mark', {}, part) : part));
}

/** A shortened text: at most `max` characters, cut at a word. */
export function short(text: string, max = 280): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), max - 20))}…`;
}

/** A date as the corpus gives it, shown as YYYY-MM-DD when it is an ISO time. */
export const day = (date: string | null | undefined): string => (date ? (/^\d{4}-\d\d-\d\dT/.test(date) ? date.slice(0, 10) : date) : 'undated');
