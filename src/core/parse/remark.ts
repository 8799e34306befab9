/**
 * remark + GFM, the reference parser and the fallback for the blocks the scanner leaves to it.
 * blocks.ts requires this module on first use. The Node.js bundles (extension and CLI) load it
 * from a file of its own, dist/remark.js (scripts/build.mjs), so that neither an activation nor
 * a command compiles it unless a document needs it; the web bundle and the tests carry it inline.
 */
export { unified } from 'unified';
export { default as remarkParse } from 'remark-parse';
export { default as remarkGfm } from 'remark-gfm';
