// Main-content extraction for whole saved web pages.
export { isWholePage, pageShape, type PageShape } from './page.js';
export { extractArticle, DEFAULT_MIN_CHARS, type ExtractOptions, type ExtractResult } from './extract.js';
export { pageText } from './text.js';
