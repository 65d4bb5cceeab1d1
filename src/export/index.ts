/** Exports of a corpus: GraphML for graph tools, CSV for spreadsheets. The only entry of `src/export/`. */
export { graphml, type GraphmlNode, type GraphmlEdge } from './graphml.js';
export { csvLine } from './csv.js';
