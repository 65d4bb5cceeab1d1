/**
 * The actor graph: the most connected actors of the corpus and the relations between them
 * (from the documents' `relations`), drawn with cytoscape.js (served from this machine). An edge
 * opens its evidence: each sentence it came from, linked to its article; a node links to the
 * person's page and timeline.
 */
import type cytoscapeType from 'cytoscape';
import { articlePath, get, type EdgeEvidence, type Graph } from './api.mjs';
import { clear, day, h, short } from './dom.mjs';

const TYPE_COLOURS: Readonly<Record<string, string>> = { PERSON: '#4e79a7', ORG: '#f28e2b', LOC: '#59a14f', MISC: '#b07aa1' };
const SIGN_COLOURS: Readonly<Record<string, string>> = { cooperation: '#2e9e44', conflict: '#d1342f', neutral: '#8c8c8c', mixed: '#9b59b6' };

/** cytoscape's ES module, loaded when the graph is first shown. */
async function loadCytoscape(): Promise<typeof cytoscapeType> {
  const url = '/assets/cytoscape.mjs';
  const mod = (await import(url)) as { default: typeof cytoscapeType };
  return mod.default;
}

export async function renderGraph(main: HTMLElement, params: URLSearchParams): Promise<void> {
  clear(main);
  document.title = 'Actor graph · dossier';
  const limit = Number(params.get('limit')) || 80;
  const [graph, cytoscape] = await Promise.all([get<Graph>(`/api/graph?limit=${limit}`), loadCytoscape()]);
  performance.mark('dossier-graph-data');
  const panel = h('aside', { class: 'sidebar graph-panel', id: 'graph-panel' }, h('p', { class: 'empty' }, 'Click an edge to see the sentences it comes from; click a node for the person.'));
  const box = h('div', { class: 'cy', id: 'cy' });
  const legend = h(
    'p',
    { class: 'legend' },
    Object.entries(TYPE_COLOURS).map(([t, c]) => [h('span', { class: `dot t-${t}` }), ` ${t.toLowerCase()} `]),
    ' · edges: ',
    Object.keys(SIGN_COLOURS).map((s) => [h('span', { class: `line sign-${s}` }), ` ${s} `]),
  );
  main.append(
    h('h1', {}, 'Actor graph'),
    h('p', { class: 'meta' }, `${graph.nodes.length} most connected of ${graph.total.nodes} actors, ${graph.edges.length} of ${graph.total.edges} edges. `, h('a', { href: `/graph?limit=${limit * 2}` }, 'show more')),
    legend,
    h('div', { class: 'graph' }, box, panel),
  );
  if (!graph.nodes.length) {
    box.append(h('p', { class: 'empty' }, 'No relations between actors in these articles.'));
    document.body.dataset.ready = 'graph';
    return;
  }
  const maxDegree = Math.max(...graph.nodes.map((x) => x.degree));
  const maxCount = Math.max(1, ...graph.edges.map((e) => e.count));
  const cy = cytoscape({
    container: box,
    elements: [
      // Positions come from the server's layout: the same corpus draws the same graph, at once.
      ...graph.nodes.map((x) => {
        const size = Math.round(12 + 28 * Math.sqrt(x.degree / maxDegree));
        return { group: 'nodes' as const, data: { ...x, size, colour: TYPE_COLOURS[x.type] ?? '#999' }, position: { x: x.x, y: x.y } };
      }),
      ...graph.edges.map((e) => ({ group: 'edges' as const, data: { ...e, width: Math.round((1 + 6 * (e.count / maxCount)) * 10) / 10, colour: SIGN_COLOURS[e.sign] ?? '#999' } })),
    ],
    // Data-mapped styles (no functions), so that cytoscape can cache them.
    style: [
      {
        selector: 'node',
        style: {
          label: 'data(label)',
          'background-color': 'data(colour)',
          width: 'data(size)',
          height: 'data(size)',
          'font-size': 11,
          color: '#222',
          'text-valign': 'bottom',
          'text-margin-y': 3,
          'text-outline-color': '#fff',
          'text-outline-width': 2,
        },
      },
      {
        selector: 'edge',
        style: {
          width: 'data(width)',
          'line-color': 'data(colour)',
          'target-arrow-color': 'data(colour)',
          'target-arrow-shape': 'triangle',
          'curve-style': 'straight',
          opacity: 0.7,
        },
      },
      { selector: ':selected', style: { 'overlay-color': '#ffcc00', 'overlay-opacity': 0.35 } },
    ],
    layout: { name: 'preset' },
    wheelSensitivity: 0.3,
    maxZoom: 2.5,
    textureOnViewport: true,
  });
  performance.mark('dossier-graph-drawn');
  cy.fit(undefined, 20);
  cy.one('render', () => {
    requestAnimationFrame(() => {
      document.body.dataset.ready = 'graph';
      performance.mark('dossier-ready');
    });
  });

  cy.on('tap', 'edge', (ev) => {
    void showEdge(panel, ev.target.id() as string);
  });
  cy.on('tap', 'node', (ev) => {
    const d = ev.target.data() as Graph['nodes'][number];
    clear(panel);
    panel.append(
      h('h2', {}, d.label),
      h('p', { class: 'meta' }, `${d.type.toLowerCase()} · ${d.degree} relations`),
      h('p', {}, h('a', { href: `/person/${encodeURIComponent(d.id)}` }, 'everything they said'), ' · ', h('a', { href: `/timeline?person=${encodeURIComponent(d.id)}` }, 'their events')),
    );
  });
  (window as unknown as { dossierGraph?: unknown }).dossierGraph = cy;
}

async function showEdge(panel: HTMLElement, id: string): Promise<void> {
  clear(panel);
  panel.append(h('p', { class: 'loading' }, 'Loading the evidence…'));
  const ev = await get<EdgeEvidence>(`/api/graph/edges/${encodeURIComponent(id)}`);
  clear(panel);
  panel.append(
    h('h2', { id: 'edge-title' }, `${ev.from} → ${ev.to}`),
    h('p', { class: 'meta' }, `${ev.edge.kinds.join(', ')} · ${ev.edge.sign} · ${ev.edge.count} relation${ev.edge.count === 1 ? '' : 's'}`),
    h(
      'ul',
      { class: 'evidence', id: 'edge-evidence' },
      ev.items.map((it) =>
        h(
          'li',
          {},
          h('a', { href: articlePath(it.article.id, { start: it.start, end: it.end }) }, it.article.title),
          h('span', { class: 'meta' }, ` ${day(it.article.date)} · ${it.kind} · ${it.sign}`),
          h('blockquote', {}, short(it.text, 400)),
        ),
      ),
    ),
  );
}
