/**
 * Ingestion: files, standard input, gzip, plain text and HTML pages to clean article text.
 * The only entry of `src/ingest/`.
 */
export { ingestBytes, readInput, isBinary, looksLikeHtml, MAX_INPUT_BYTES, type Ingested, type IngestOptions } from './ingest.js';
export { decode, declaredCharset, scoreCyrillic, bestCyrillic, type Decoded, type CyrillicScore } from './decode.js';
export { extractHtml, pageMeta, completeMarkup, MIN_ARTICLE_CHARS, MAX_READABILITY_DEPTH, MAX_READABILITY_ELEMENTS, MAX_PARSE_DEPTH, MAX_PARSE_ELEMENTS, type HtmlArticle } from './html.js';
export { blockText, blockTexts, blocksOf, markupBlocks, markupStats, BLOCK_ELEMENTS, SKIP_ELEMENTS, type Block, type MarkupStats } from './blocks.js';
export { trimFurniture, trimBlocks, decideFurniture, matchFurniture, PROSE_LINE, type Trimmed } from './furniture.js';
export { FURNITURE_RULES, DOM_RULES, SHARE_WORDS, type FurnitureRule } from './rules/furniture.js';
