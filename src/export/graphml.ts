/**
 * GraphML for Gephi, yEd, networkx: nodes with attributes, directed and undirected edges with a
 * kind, a weight and the ids of their evidence.
 */

/** A node: an id and attributes (strings or numbers). */
export interface GraphmlNode {
  readonly id: string | number;
  readonly attributes: Readonly<Record<string, string | number>>;
}

/** An edge between two node ids. */
export interface GraphmlEdge {
  readonly source: string | number;
  readonly target: string | number;
  readonly directed: boolean;
  readonly attributes: Readonly<Record<string, string | number>>;
}

const escapeXml = (s: string): string =>
  s
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');

const typeOf = (v: string | number): string => (typeof v === 'number' ? (Number.isInteger(v) ? 'long' : 'double') : 'string');

/**
 * Write a graph as GraphML, chunk by chunk (for large graphs).
 * @example [...graphml([{ id: 1, attributes: { label: 'Lavrov' } }], [])].join('')
 */
export function* graphml(nodes: readonly GraphmlNode[], edges: readonly GraphmlEdge[]): Generator<string> {
  const keys = (items: readonly { attributes: Readonly<Record<string, string | number>> }[]): Map<string, string> => {
    const out = new Map<string, string>();
    for (const it of items) {
      for (const [k, v] of Object.entries(it.attributes)) {
        const t = typeOf(v);
        const prev = out.get(k);
        out.set(k, prev === undefined ? t : prev === t ? t : prev === 'long' && t === 'double' ? 'double' : prev === 'double' && t === 'long' ? 'double' : 'string');
      }
    }
    return out;
  };
  const nk = keys(nodes);
  const ek = keys(edges);
  yield '<?xml version="1.0" encoding="UTF-8"?>\n';
  yield '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n';
  for (const [k, t] of nk) yield `  <key id="n_${escapeXml(k)}" for="node" attr.name="${escapeXml(k)}" attr.type="${t}"/>\n`;
  for (const [k, t] of ek) yield `  <key id="e_${escapeXml(k)}" for="edge" attr.name="${escapeXml(k)}" attr.type="${t}"/>\n`;
  yield '  <graph id="dossier" edgedefault="directed">\n';
  for (const n of nodes) {
    yield `    <node id="n${escapeXml(String(n.id))}">`;
    for (const [k, v] of Object.entries(n.attributes)) yield `<data key="n_${escapeXml(k)}">${escapeXml(String(v))}</data>`;
    yield '</node>\n';
  }
  let i = 0;
  for (const e of edges) {
    yield `    <edge id="e${i++}" source="n${escapeXml(String(e.source))}" target="n${escapeXml(String(e.target))}"${e.directed ? '' : ' directed="false"'}>`;
    for (const [k, v] of Object.entries(e.attributes)) yield `<data key="e_${escapeXml(k)}">${escapeXml(String(v))}</data>`;
    yield '</edge>\n';
  }
  yield '  </graph>\n</graphml>\n';
}
