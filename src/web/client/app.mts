/**
 * The pages of `dossier serve`: the server sends one HTML shell for every page, and this module
 * draws the view the address asks for from the JSON API. Every piece of article content goes into
 * the page as text (see dom.mts).
 */
import { ApiError, articlePath, get, type ArticleSummary, type Doc, type Person, type PersonPage, type Stats, type TimelineEvent } from './api.mjs';
import { renderArticle } from './article.mjs';
import { clear, day, h, marked, short } from './dom.mjs';

const main = document.getElementById('main')!;
const top = document.getElementById('top')!;

function nav(stats?: Stats): void {
  clear(top);
  const here = location.pathname;
  const link = (href: string, label: string) => h('a', { href, class: here === href ? 'here' : '' }, label);
  const form = h('form', { class: 'search', action: '/search', attrs: { method: 'get', role: 'search' } }, h('input', { attrs: { type: 'search', name: 'q', placeholder: 'Search articles', 'aria-label': 'Search articles' } }));
  const q = new URLSearchParams(location.search).get('q');
  if (q && here === '/search') (form.querySelector('input') as HTMLInputElement).value = q;
  top.append(
    h('nav', {}, h('a', { href: '/', class: 'brand' }, 'dossier'), link('/people', 'People'), link('/graph', 'Graph'), link('/timeline', 'Timeline'), form),
    stats ? h('span', { class: 'stats' }, `${stats.articles} articles · ${stats.people} people · ${stats.attributions} attributions`) : '',
  );
}

const articleList = (items: readonly ArticleSummary[], id = 'results'): HTMLElement =>
  h(
    'ul',
    { class: 'articles', id },
    items.map((a) =>
      h('li', {}, h('a', { href: articlePath(a.id) }, a.title), h('span', { class: 'meta' }, ` ${day(a.date)}`), a.snippet ? h('p', { class: 'snippet' }, marked(a.snippet)) : ''),
    ),
  );

const personLink = (p: Person): HTMLElement => h('a', { href: `/person/${encodeURIComponent(p.id)}` }, p.name);

async function home(): Promise<void> {
  const [recent, people] = await Promise.all([get<ArticleSummary[]>('/api/articles?limit=20'), get<Person[]>('/api/people?limit=12')]);
  document.title = 'dossier';
  main.append(
    h('div', { class: 'columns' }, h('section', {}, h('h1', {}, 'Latest added'), articleList(recent, 'recent')), h('section', {}, h('h2', {}, 'Most written about'), peopleTable(people))),
  );
}

async function search(params: URLSearchParams): Promise<void> {
  const q = params.get('q') ?? '';
  document.title = `${q} · search · dossier`;
  const hits = q.trim() ? await get<ArticleSummary[]>(`/api/articles?q=${encodeURIComponent(q)}&limit=50`) : [];
  main.append(h('h1', {}, `Articles matching “${q}”`), hits.length ? articleList(hits) : h('p', { class: 'empty', id: 'results' }, 'No article has all these words.'));
}

function peopleTable(people: readonly Person[]): HTMLElement {
  return h(
    'table',
    { class: 'people', id: 'people-table' },
    h('thead', {}, h('tr', {}, h('th', {}, 'Name'), h('th', {}, 'Roles'), h('th', {}, 'Articles'), h('th', {}, 'Mentions'), h('th', {}, 'Quotes'))),
    h(
      'tbody',
      {},
      people.map((p) => h('tr', {}, h('td', {}, personLink(p)), h('td', { class: 'roles' }, p.roles.slice(0, 3).join('; ')), h('td', {}, p.articles), h('td', {}, p.mentions), h('td', {}, p.quotes))),
    ),
  );
}

async function peoplePage(params: URLSearchParams): Promise<void> {
  const q = params.get('q') ?? '';
  const type = params.get('type') ?? 'PERSON';
  document.title = 'People · dossier';
  const people = await get<Person[]>(`/api/people?limit=200&type=${encodeURIComponent(type)}${q ? `&q=${encodeURIComponent(q)}` : ''}`);
  const select = h('select', { attrs: { name: 'type', 'aria-label': 'Type' } }, ['PERSON', 'ORG', 'LOC', 'MISC'].map((t) => h('option', { attrs: { value: t } }, t.toLowerCase())));
  select.value = type;
  const input = h('input', { attrs: { type: 'search', name: 'q', placeholder: 'Name', 'aria-label': 'Name' } });
  input.value = q;
  main.append(
    h('h1', {}, type === 'PERSON' ? 'People' : type === 'ORG' ? 'Organisations' : type === 'LOC' ? 'Places' : 'Other names'),
    h('form', { class: 'inline', action: '/people', attrs: { method: 'get' } }, input, select, h('button', { attrs: { type: 'submit' } }, 'Filter')),
    people.length ? peopleTable(people) : h('p', { class: 'empty' }, 'Nobody found.'),
  );
}

async function personPage(id: string): Promise<void> {
  const page = await get<PersonPage>(`/api/people/${encodeURIComponent(id)}`);
  const p = page.person;
  document.title = `${p.name} · dossier`;
  main.append(
    h('h1', { id: 'person-name' }, p.name),
    h('p', { class: 'meta' }, `${p.type.toLowerCase()} · ${p.articles} articles · ${p.mentions} mentions · ${p.quotes} quotes · `, h('a', { href: `/timeline?person=${encodeURIComponent(p.id)}` }, 'events')),
    p.roles.length ? h('p', { class: 'roles' }, p.roles.join('; ')) : '',
    h('h2', {}, 'Everything they said, by article'),
    page.saidIn > page.said.length ? h('p', { class: 'meta' }, `The newest ${page.said.length} of ${page.saidIn} articles where they said something.`) : '',
    page.said.length
      ? h(
          'div',
          { id: 'said' },
          page.said.map((g) =>
            h(
              'section',
              { class: 'said-group' },
              h('h3', {}, h('a', { href: articlePath(g.article.id) }, g.article.title), h('span', { class: 'meta' }, ` ${day(g.article.date)}`)),
              h(
                'ul',
                { class: 'quotes' },
                g.quotes.map((x) =>
                  h(
                    'li',
                    {},
                    h('span', { class: 'kind' }, `[${x.kind}] `),
                    x.source ? `${x.source} ` : '',
                    `${x.cue}: `,
                    h('a', { href: articlePath(g.article.id, { start: x.start, end: x.end }), class: 'quote-link' }, h('q', {}, short(x.content, 500))),
                  ),
                ),
              ),
            ),
          ),
        )
      : h('p', { class: 'empty' }, 'No quote or reported statement resolved to them.'),
    h('h2', {}, `Articles that mention them (${p.articles})`),
    articleList(page.articles, 'person-articles'),
  );
}

async function timeline(params: URLSearchParams): Promise<void> {
  const person = params.get('person');
  document.title = 'Timeline · dossier';
  const events = await get<TimelineEvent[]>(`/api/timeline?limit=300${person ? `&person=${encodeURIComponent(person)}` : ''}`);
  const groups = new Map<string, TimelineEvent[]>();
  for (const e of events) {
    const k = day(e.date);
    groups.set(k, [...(groups.get(k) ?? []), e]);
  }
  main.append(
    h('h1', {}, person ? 'Timeline of their events' : 'Timeline of events'),
    events.length
      ? h(
          'ol',
          { class: 'timeline', id: 'timeline' },
          [...groups].map(([date, list]) =>
            h(
              'li',
              {},
              h('h3', {}, date),
              h(
                'ul',
                {},
                list.map((e) =>
                  h(
                    'li',
                    { class: 'event' },
                    h('b', {}, e.type),
                    e.modality !== 'asserted' ? h('span', { class: 'kind' }, ` (${e.modality})`) : '',
                    ': ',
                    e.actors.join(', ') || '—',
                    e.targets.length ? ` → ${e.targets.join(', ')}` : '',
                    e.place ? ` in ${e.place}` : '',
                    e.time ? `, ${e.time}` : '',
                    h('blockquote', {}, short(e.text, 300)),
                    h('a', { href: articlePath(e.article.id, { start: e.start, end: e.end }), class: 'meta' }, e.article.title),
                  ),
                ),
              ),
            ),
          ),
        )
      : h('p', { class: 'empty' }, 'No events found.'),
  );
}

async function article(id: string, params: URLSearchParams): Promise<void> {
  const doc = await get<Doc>(`/api/articles/${encodeURIComponent(id)}`);
  const at = /^(\d+)-(\d+)$/.exec(params.get('at') ?? '');
  renderArticle(main, doc, at ? { start: Number(at[1]), end: Number(at[2]) } : undefined);
}

async function route(): Promise<void> {
  const path = location.pathname;
  const params = new URLSearchParams(location.search);
  nav();
  clear(main);
  let m: RegExpExecArray | null;
  if (path === '/') await home();
  else if (path === '/search') await search(params);
  else if ((m = /^\/article\/([^/]+)$/.exec(path))) await article(decodeURIComponent(m[1]), params);
  else if (path === '/people') await peoplePage(params);
  else if ((m = /^\/person\/([^/]+)$/.exec(path))) await personPage(decodeURIComponent(m[1]));
  else if (path === '/timeline') await timeline(params);
  else if (path === '/graph') {
    const { renderGraph } = await import('./graph.mjs');
    await renderGraph(main, params);
    nav(await stats());
    return;
  } else main.append(h('h1', {}, 'Not found'), h('p', {}, h('a', { href: '/' }, 'Back to the start')));
  // Ready once the view is laid out for its first paint (what the tests and scripts/bench-web.mjs wait for).
  await new Promise((resolve) => requestAnimationFrame(resolve));
  document.body.dataset.ready = path.split('/')[1] || 'home';
  performance.mark('dossier-ready');
  // The counts come after the view: they are not needed to read it.
  nav(await stats());
}

const stats = (): Promise<Stats | undefined> => get<Stats>('/api/stats').catch(() => undefined);

route().catch((error: unknown) => {
  clear(main);
  const status = error instanceof ApiError ? error.status : 0;
  main.append(h('h1', {}, status === 404 ? 'Not found' : 'Something went wrong'), h('p', { class: 'error' }, error instanceof Error ? error.message : String(error)));
  document.body.dataset.ready = 'error';
});
