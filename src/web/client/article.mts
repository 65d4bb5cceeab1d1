/**
 * The article view: the clean text with entity mentions and attributions highlighted (one colour
 * per speaker), a tooltip on each quote with its resolved speaker and role, a filter by person,
 * and beside the text: people, who said what, events, versions (claims), and what was removed
 * from the page or looks like a translation leftover.
 *
 * The text goes into the page as text nodes only, cut at the annotations' offsets (UTF-16 code
 * units, as the JSON contract says, so `text.slice(start, end)` is each piece).
 */
import type { Doc, Span } from './api.mjs';
import { clear, day, h, short, type Child } from './dom.mjs';

/** Speaker colours (CSS classes spk0..spk9); unnamed sources are grey. */
const PALETTE = 10;

interface Interval extends Span {
  readonly kind: 'mention' | 'quote' | 'cue' | 'source' | 'at';
  readonly entity?: string;
  readonly type?: string;
  readonly attr?: string;
  readonly speakerClass?: string;
}

/**
 * Cut the text at every annotation boundary and give each piece the annotations covering it.
 * @example pieces('ab', [{ start: 0, end: 1, kind: 'at' }]).length === 2
 */
export function pieces(text: string, intervals: readonly Interval[]): { start: number; end: number; cover: Interval[] }[] {
  const valid = intervals.filter((i) => i.start >= 0 && i.end <= text.length && i.start < i.end);
  const cuts = new Set<number>([0, text.length]);
  for (const i of valid) {
    cuts.add(i.start);
    cuts.add(i.end);
  }
  const points = [...cuts].sort((a, b) => a - b);
  const byStart = [...valid].sort((a, b) => a.start - b.start);
  const out: { start: number; end: number; cover: Interval[] }[] = [];
  let active: Interval[] = [];
  let next = 0;
  for (let p = 0; p < points.length - 1; p++) {
    const start = points[p];
    const end = points[p + 1];
    active = active.filter((i) => i.end > start);
    while (next < byStart.length && byStart[next].start <= start) {
      if (byStart[next].end > start) active.push(byStart[next]);
      next++;
    }
    out.push({ start, end, cover: [...active] });
  }
  return out;
}

/** Render the analysed document into `main`; `at` is a span to show (from the graph or a person's page). */
export function renderArticle(main: HTMLElement, doc: Doc, at?: Span): void {
  clear(main);
  document.title = `${doc.title ?? 'Article'} · dossier`;
  const entities = new Map(doc.entities.map((e) => [e.id, e]));
  // One colour per resolved speaker, in order of first attribution.
  const speakerClass = new Map<string, string>();
  for (const a of doc.attributions) {
    const id = a.source?.entity;
    if (id && !speakerClass.has(id)) speakerClass.set(id, `spk${speakerClass.size % PALETTE}`);
  }
  const classOfAttr = (a: Doc['attributions'][number]): string => (a.source?.entity ? (speakerClass.get(a.source.entity) ?? 'spk-none') : 'spk-none');
  const attrs = new Map(doc.attributions.map((a) => [a.id, a]));

  const intervals: Interval[] = [];
  for (const e of doc.entities) for (const m of e.mentions) intervals.push({ start: m.start, end: m.end, kind: 'mention', entity: e.id, type: e.type });
  for (const a of doc.attributions) {
    const cls = classOfAttr(a);
    for (const s of a.content.spans.length ? a.content.spans : [a.content]) intervals.push({ start: s.start, end: s.end, kind: 'quote', attr: a.id, speakerClass: cls });
    for (const s of a.cue.spans.length ? a.cue.spans : [a.cue]) intervals.push({ start: s.start, end: s.end, kind: 'cue', attr: a.id });
    if (a.source) intervals.push({ start: a.source.start, end: a.source.end, kind: 'source', attr: a.id });
  }
  if (at) intervals.push({ start: at.start, end: at.end, kind: 'at' });

  const textEl = h('div', { class: 'text', id: 'article-text', attrs: { lang: doc.language ?? 'en' } });
  for (const p of pieces(doc.text, intervals)) {
    const chunk = doc.text.slice(p.start, p.end);
    if (!p.cover.length) {
      textEl.appendChild(document.createTextNode(chunk));
      continue;
    }
    const classes: string[] = [];
    const data: Record<string, string> = { s: String(p.start) };
    for (const c of p.cover) {
      if (c.kind === 'mention') {
        classes.push('m', `t-${c.type}`);
        data.entity = c.entity!;
      } else if (c.kind === 'quote') {
        classes.push('q', c.speakerClass!);
        data.attr = c.attr!;
      } else if (c.kind === 'cue') {
        classes.push('cue');
        data.attr ??= c.attr!;
      } else if (c.kind === 'source') {
        classes.push('src');
        data.attr ??= c.attr!;
      } else classes.push('at');
    }
    textEl.appendChild(h('span', { class: [...new Set(classes)].join(' '), data }, chunk));
  }

  // ---- header ---------------------------------------------------------------------------------
  const where = doc.source.url ?? doc.source.path;
  const header = h(
    'header',
    { class: 'article-head' },
    h('h1', { id: 'article-title' }, doc.title ?? '(no title)'),
    h(
      'p',
      { class: 'meta' },
      doc.date ? `${day(doc.date)} · ` : '',
      doc.byline ? `${doc.byline} · ` : '',
      doc.source.url ? h('a', { href: doc.source.url, attrs: { rel: 'noopener noreferrer nofollow', target: '_blank' } }, doc.source.url) : (where ?? ''),
      ` · ${doc.source.format}`,
    ),
  );

  // ---- sidebar --------------------------------------------------------------------------------
  const quoteCount = new Map<string, number>();
  for (const a of doc.attributions) if (a.source?.entity) quoteCount.set(a.source.entity, (quoteCount.get(a.source.entity) ?? 0) + 1);
  const filterChip = h('p', { class: 'filter', id: 'filter' });
  filterChip.hidden = true;
  const entityItem = (e: Doc['entities'][number]): HTMLElement =>
    h(
      'li',
      {},
      h(
        'button',
        { class: `person ${speakerClass.get(e.id) ?? ''}`, data: { entity: e.id }, attrs: { type: 'button' } },
        h('span', { class: 'swatch' }),
        h('b', {}, e.name),
        e.roles.length ? h('span', { class: 'roles' }, ` — ${e.roles.join('; ')}`) : '',
        h('span', { class: 'count' }, ` ${e.mentions.length}×${quoteCount.get(e.id) ? `, ${quoteCount.get(e.id)} said` : ''}`),
      ),
    );
  const byMentions = (type: string) => doc.entities.filter((e) => e.type === type).sort((a, b) => (quoteCount.get(b.id) ?? 0) - (quoteCount.get(a.id) ?? 0) || b.mentions.length - a.mentions.length);
  const section = (title: string, id: string, items: Child, empty = 'none found'): HTMLElement =>
    h('section', { id }, h('h2', {}, title), (Array.isArray(items) ? items.length : items) ? items : h('p', { class: 'empty' }, empty));

  const speakerName = (a: Doc['attributions'][number]): string => {
    const e = a.source?.entity ? entities.get(a.source.entity) : undefined;
    return e ? e.name : a.source ? `“${a.source.text}” (unresolved)` : 'no source given';
  };
  const quoteItems = doc.attributions.map((a) =>
    h(
      'li',
      { class: `said ${classOfAttr(a)}`, data: { attr: a.id, ...(a.source?.entity ? { entity: a.source.entity } : {}) } },
      h('span', { class: 'swatch' }),
      h('b', {}, speakerName(a)),
      ` ${a.cue.text} `,
      h('span', { class: 'kind' }, `[${a.kind}]`),
      h('blockquote', {}, short(a.content.text, 400)),
    ),
  );
  const eventItems = doc.events.map((v) =>
    h(
      'li',
      { class: 'event', data: { s: String(v.evidence.start) } },
      h('b', {}, v.type),
      v.modality !== 'asserted' ? h('span', { class: 'kind' }, ` (${v.modality})`) : '',
      ': ',
      v.actors.map((x) => entities.get(x)?.name ?? x).join(', ') || '—',
      v.targets?.length ? ` → ${v.targets.map((x) => entities.get(x)?.name ?? x).join(', ')}` : '',
      v.place ? ` in ${entities.get(v.place)?.name ?? v.place}` : '',
      v.time ? `, ${v.time}` : '',
      v.date ? ` (${v.date})` : '',
      h('blockquote', {}, short(doc.text.slice(v.evidence.start, v.evidence.end), 300)),
    ),
  );
  const claimItems = (doc.claims ?? []).map((c) =>
    h('li', { class: 'claim', data: { entity: c.holder } }, h('b', {}, entities.get(c.holder)?.name ?? c.holder), ` on ${entities.get(c.about)?.name ?? c.about}: `, h('q', {}, short(c.gist, 300))),
  );
  const removedItems = doc.removed.map((r) => h('li', {}, h('span', { class: 'kind' }, r.reason), ' ', h('q', {}, short(r.text, 200))));
  const artifactItems = doc.artifacts.map((a) =>
    h(
      'li',
      { data: { s: String(a.start) } },
      h('span', { class: 'kind' }, a.kind),
      ' ',
      h('q', {}, a.original),
      a.restored ? ` → ${a.restored}` : '',
      a.suggestion ? ` (“${a.suggestion}”)` : '',
    ),
  );
  const messageItems = doc.messages.map((m) => h('li', {}, h('span', { class: 'kind' }, m.code), ' ', m.reason));

  const people = byMentions('PERSON').map(entityItem);
  const others = [...byMentions('ORG'), ...byMentions('LOC'), ...byMentions('MISC')].map(entityItem);
  const aside = h(
    'aside',
    { class: 'sidebar' },
    filterChip,
    section(`People (${people.length})`, 'people', h('ul', { class: 'entities' }, people)),
    section(`Who said what (${quoteItems.length})`, 'quotes', h('ul', { class: 'quotes' }, quoteItems)),
    section(`Events (${eventItems.length})`, 'events', eventItems.length ? h('ul', {}, eventItems) : []),
    section(`Versions (${claimItems.length})`, 'claims', claimItems.length ? h('ul', {}, claimItems) : [], 'no competing versions found'),
    section(`Organisations and places (${others.length})`, 'others', h('ul', { class: 'entities' }, others)),
  );
  const notes = h(
    'section',
    { class: 'notes', id: 'notes' },
    h('h2', {}, 'Not part of the article'),
    h('h3', {}, `Removed from the page (${removedItems.length})`),
    removedItems.length ? h('ul', { id: 'removed' }, removedItems) : h('p', { class: 'empty' }, 'nothing removed'),
    h('h3', {}, `Translation notes (${artifactItems.length})`),
    artifactItems.length ? h('ul', { id: 'artifacts' }, artifactItems) : h('p', { class: 'empty' }, 'none found'),
    messageItems.length ? [h('h3', {}, `Messages (${messageItems.length})`), h('ul', {}, messageItems)] : '',
  );
  const legend = h(
    'p',
    { class: 'legend' },
    h('span', { class: 'm t-PERSON' }, 'person'),
    ' ',
    h('span', { class: 'm t-ORG' }, 'organisation'),
    ' ',
    h('span', { class: 'm t-LOC' }, 'place'),
    ' ',
    h('span', { class: 'q spk0' }, 'what a speaker said'),
    ' ',
    h('span', { class: 'cue' }, 'cue'),
    ' — hover a quote for its speaker; click a person to show only them.',
  );
  const tip = h('div', { class: 'tip', id: 'tip', attrs: { role: 'tooltip' } });
  tip.hidden = true;
  main.append(h('div', { class: 'article' }, h('article', {}, header, legend, textEl, notes), aside), tip);

  // ---- behaviour ------------------------------------------------------------------------------
  const speakerOfAttr = (id: string): string | undefined => attrs.get(id)?.source?.entity ?? undefined;
  let hovered: string | undefined;
  const light = (id: string | undefined, on: boolean): void => {
    if (!id) return;
    for (const el of main.querySelectorAll(`[data-attr="${CSS.escape(id)}"]`)) el.classList.toggle('hl', on);
  };
  textEl.addEventListener('mouseover', (ev) => {
    const target = (ev.target as Element).closest<HTMLElement>('[data-attr]');
    const id = target?.dataset.attr;
    if (id === hovered) return;
    light(hovered, false);
    hovered = id;
    if (!id || !target) {
      tip.hidden = true;
      return;
    }
    light(id, true);
    const a = attrs.get(id)!;
    const e = a.source?.entity ? entities.get(a.source.entity) : undefined;
    clear(tip);
    tip.append(
      h('b', { class: 'tip-speaker' }, e ? e.name : a.source ? `“${a.source.text}”` : 'No source given'),
      e?.roles.length ? h('span', { class: 'tip-role' }, ` — ${e.roles.join('; ')}`) : !e && a.source ? h('span', { class: 'tip-role' }, ' (speaker not resolved)') : '',
      h('br'),
      h('span', { class: 'kind' }, `${a.kind} · cue “${a.cue.text}”`),
    );
    tip.hidden = false;
    const r = target.getBoundingClientRect();
    tip.style.left = `${Math.max(8, Math.min(window.innerWidth - 340, r.left))}px`;
    tip.style.top = `${r.bottom + 6}px`;
  });
  textEl.addEventListener('mouseleave', () => {
    light(hovered, false);
    hovered = undefined;
    tip.hidden = true;
  });

  let filter: string | undefined;
  const setFilter = (id: string | undefined): void => {
    filter = id === filter ? undefined : id;
    main.classList.toggle('filtered', !!filter);
    for (const el of main.querySelectorAll<HTMLElement>('.on')) el.classList.remove('on');
    clear(filterChip);
    filterChip.hidden = !filter;
    if (!filter) return;
    const e = entities.get(filter);
    for (const el of main.querySelectorAll<HTMLElement>('[data-entity], [data-attr]')) {
      if (el.dataset.entity === filter || (el.dataset.attr && speakerOfAttr(el.dataset.attr) === filter)) el.classList.add('on');
    }
    const clearButton = h('button', { attrs: { type: 'button' }, class: 'clear' }, 'show everyone');
    clearButton.addEventListener('click', () => setFilter(undefined));
    filterChip.append('Showing only ', h('b', {}, e?.name ?? filter), ' ', clearButton);
  };
  main.addEventListener('click', (ev) => {
    const el = ev.target as Element;
    const person = el.closest<HTMLElement>('button.person, .text .m');
    if (person?.dataset.entity) {
      setFilter(person.dataset.entity);
      return;
    }
    const said = el.closest<HTMLElement>('li.said');
    if (said?.dataset.attr) {
      const first = textEl.querySelector<HTMLElement>(`.q[data-attr="${CSS.escape(said.dataset.attr)}"]`);
      if (first) flash(first);
      return;
    }
    const item = el.closest<HTMLElement>('li[data-s]');
    if (item?.dataset.s) {
      const s = Number(item.dataset.s);
      const piece = [...textEl.querySelectorAll<HTMLElement>('[data-s]')].find((x) => Number(x.dataset.s) >= s);
      if (piece) flash(piece);
    }
  });
  const target = textEl.querySelector<HTMLElement>('.at');
  if (target) target.scrollIntoView({ block: 'center' });
}

function flash(el: HTMLElement): void {
  el.scrollIntoView({ block: 'center', behavior: 'smooth' });
  el.classList.add('flash');
  setTimeout(() => el.classList.remove('flash'), 1500);
}
