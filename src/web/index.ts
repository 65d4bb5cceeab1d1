/**
 * The web application of `dossier serve`: pages to read an article's account and explore a
 * corpus, and a read-only JSON API. The only entry of `src/web/` (the browser code in
 * `client/` is compiled on its own, with the DOM library).
 */
export { createWebServer, handler, defaultAssets, CSP, type AssetDirs, type WebOptions } from './server.js';
export { memorySource } from './memory.js';
export { openReadOnly, storeSource } from './store-source.js';
export { analyseFiles, type Analysed } from './files.js';
export { indexGraph, topGraph, MAX_EVIDENCE, type RelationRow, type GraphIndex } from './graph.js';
export type * from './types.js';
