/**
 * The report page: one self-contained HTML file. The data blocks are JSON compressed with deflate (raw) and written as
 * base64 in `<script type="application/x-newsclean">` elements, which the browser does not run; the page's script
 * decodes them with the browser's DecompressionStream. A Content-Security-Policy allows nothing to be loaded: no
 * network, no external file. Pure: model → string.
 */
import { deflateRawSync } from 'node:zlib';
import { CSS } from './style.js';
import { reportClient } from './client.js';
import type { Column, ReportModel } from './model.js';

function typeName(col: Column): string {
  if (col instanceof Uint8Array) return 'u8';
  if (col instanceof Uint16Array) return 'u16';
  if (col instanceof Uint32Array) return 'u32';
  if (col instanceof Int16Array) return 'i16';
  return 'i32';
}

/**
 * zlib's level 4: on a 10k-document report 4 % larger than level 6 in 65 % of its time (level 1: 16 % larger, 45 %).
 */
const DEFLATE_LEVEL = 4;

/** A data block: JSON, deflated, base64. */
export function packBlock(value: unknown): string {
  return deflateRawSync(Buffer.from(JSON.stringify(value), 'utf8'), { level: DEFLATE_LEVEL }).toString('base64');
}

export interface RenderedReport {
  html: string;
  /** Bytes of each kind of block, compressed (as written) and before (JSON, or binary for the columns). */
  sizes: Record<'index' | 'columns' | 'explain' | 'texts' | 'passages', { packed: number; json: number }>;
}

const CSP = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

export function renderHtml(model: ReportModel, title = 'newsclean report'): RenderedReport {
  const sizes: RenderedReport['sizes'] = {
    index: { packed: 0, json: 0 },
    columns: { packed: 0, json: 0 },
    explain: { packed: 0, json: 0 },
    texts: { packed: 0, json: 0 },
    passages: { packed: 0, json: 0 },
  };
  const blocks: string[] = [];
  const add = (kind: keyof RenderedReport['sizes'], id: string, value: unknown): void => {
    const json = JSON.stringify(value);
    const packed = deflateRawSync(Buffer.from(json, 'utf8'), { level: DEFLATE_LEVEL }).toString('base64');
    sizes[kind].json += Buffer.byteLength(json);
    sizes[kind].packed += packed.length;
    blocks.push(`<script type="application/x-newsclean" id="${id}">${packed}</script>`);
  };
  // the columns: one binary block, each column at an offset that is a multiple of 8 (a typed array's view needs its
  // element size), located by a table in the index
  const table: Record<string, [string, number, number]> = {};
  let size = 0;
  for (const [name, col] of Object.entries(model.columns)) {
    size = Math.ceil(size / 8) * 8;
    table[name] = [typeName(col), size, col.length];
    size += col.byteLength;
  }
  const bin = Buffer.alloc(size);
  for (const [name, col] of Object.entries(model.columns)) Buffer.from(col.buffer, col.byteOffset, col.byteLength).copy(bin, table[name]![1]);
  const packedColumns = deflateRawSync(bin, { level: DEFLATE_LEVEL }).toString('base64');
  sizes.columns.json += bin.length;
  sizes.columns.packed += packedColumns.length;
  add('index', 'nc-index', { ...model.index, columns: table });
  blocks.push(`<script type="application/x-newsclean" id="nc-columns">${packedColumns}</script>`);
  add('passages', 'nc-passages', model.passages);
  model.explain.forEach((chunk, k) => add('explain', `nc-explain-${k}`, chunk));
  model.texts.forEach((chunk, k) => add('texts', `nc-text-${k}`, chunk));
  const script = `(${reportClient.toString()})();`;
  // the script is written inside a <script> element: a closing tag in it would end the element early
  if (/<\/script|<!--/i.test(script + CSS)) throw new Error('the report script or style holds </script or <!--');
  const esc = (s: string): string => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
  const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="generator" content="newsclean">
<title>${esc(title)}</title>
<style>${CSS}</style>
</head>
<body>
<header><h1>newsclean report</h1><nav><a href="#summary" data-s="summary">Summary</a><a href="#cleaning" data-s="cleaning">Cleaning</a><a href="#dups" data-s="dups">Near-duplicates</a><a href="#files" data-s="files">Files</a></nav><div class="run" id="runline">Loading…</div></header>
<div id="err" role="alert"></div>
<noscript><p style="padding:16px">This report needs JavaScript to show its data.</p></noscript>
<main><section id="s-summary"></section><section id="s-cleaning"></section><section id="s-dups"></section><section id="s-files"></section></main>
${blocks.join('\n')}
<script>${script}</script>
</body>
</html>
`;
  return { html, sizes };
}
