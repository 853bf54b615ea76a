#!/usr/bin/env node
// Writes a WARC.gz crawl of generated news pages (a request and a response record per page, with an image
// response every tenth page), written with warcio's own serializer, streamed to disk:
//
//   node bench/gen/warc.mjs --out /tmp/crawl.warc.gz [--bytes 1G | --docs N] [--seed 1] [--plain]
//
// --plain writes an uncompressed WARC (the --bytes limit counts the bytes on disk either way).
//
// Pages wrap the dedup generator's articles (bench/gen/corpus.mjs) in a page with navigation, a footer and
// padding scripts, about 20-40 KB each, so that a 1 GB file holds about 30,000 pages.
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { parseArgs } from 'node:util';
import { WARCRecord, WARCSerializer } from 'warcio';
import { CorpusGenerator } from '../../dist/dedup/index.js';

const { values } = parseArgs({
  options: { out: { type: 'string' }, bytes: { type: 'string' }, docs: { type: 'string' }, seed: { type: 'string', default: '1' }, plain: { type: 'boolean' } },
});
if (!values.out || (!values.bytes && !values.docs)) {
  process.stderr.write('usage: node bench/gen/warc.mjs --out FILE.warc.gz (--bytes 1G | --docs N) [--seed S]\n');
  process.exit(2);
}
const units = { k: 1e3, m: 1e6, g: 1e9 };
const target = values.bytes ? Number(values.bytes.replace(/[kmg]$/i, '')) * (units[values.bytes.slice(-1).toLowerCase()] ?? 1) : Infinity;
const maxDocs = values.docs ? Number(values.docs) : Infinity;
const gen = new CorpusGenerator({ docs: Math.min(maxDocs, 1_000_000), seed: Number(values.seed) });
const out = createWriteStream(values.out);
let written = 0;
const put = async (buf) => {
  written += buf.length;
  if (!out.write(buf)) await once(out, 'drain');
};
async function* once1(b) {
  yield b;
}
const esc = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
// a tracking script of pseudo-random text per page (about 24 KB; compresses like real minified code, not like padding)
let state = Number(values.seed) >>> 0 || 1;
const rand = () => ((state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 2 ** 32);
const ALPHA = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+/';
const padFor = () => {
  let s = 'var t="';
  for (let j = 0; j < 24_000; j++) s += ALPHA[(rand() * 64) | 0];
  return s + '";';
};
let n = 0;
for (let i = 0; i < gen.docs && written < target; i++, n++) {
  const url = `https://news${i % 50}.example.com/story/${gen.id(i)}`;
  const text = gen.text(i);
  const paras = text.split(/\n{2,}/).map((p) => `<p>${esc(p)}</p>`).join('\n');
  const html = `<!doctype html><html><head><meta charset="utf-8"><title>Story ${i} | News ${i % 50}</title><script>${padFor()}</script></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/business">Business</a></nav>
<article><h1>Story ${i}</h1>${paras}</article><aside><h3>Most read</h3><ul><li><a href="/a">One</a></li><li><a href="/b">Two</a></li></ul></aside>
<footer>Copyright News ${i % 50}. All rights reserved.</footer></body></html>`;
  const date = new Date(Date.UTC(2024, 0, 1) + i * 60_000).toISOString();
  const req = WARCRecord.create({ url, date, type: 'request', warcVersion: 'WARC/1.1', statusline: `GET /story/${gen.id(i)} HTTP/1.1`, httpHeaders: { Host: new URL(url).host } }, once1(new Uint8Array()));
  await put(await WARCSerializer.serialize(req, { gzip: !values.plain }));
  const res = WARCRecord.create(
    { url, date, type: 'response', warcVersion: 'WARC/1.1', statusline: 'HTTP/1.1 200 OK', httpHeaders: { 'Content-Type': 'text/html; charset=utf-8' } },
    once1(new TextEncoder().encode(html)),
  );
  await put(await WARCSerializer.serialize(res, { gzip: !values.plain }));
  if (i % 10 === 9) {
    const img = WARCRecord.create(
      { url: url + '/photo.jpg', date, type: 'response', warcVersion: 'WARC/1.1', statusline: 'HTTP/1.1 200 OK', httpHeaders: { 'Content-Type': 'image/jpeg' } },
      once1(new Uint8Array(20_000).map((_, j) => (j * 2654435761) >>> 24)),
    );
    await put(await WARCSerializer.serialize(img, { gzip: !values.plain }));
  }
}
out.end();
await once(out, 'close');
process.stdout.write(`wrote ${n} pages, ${(written / 1e6).toFixed(1)} MB to ${values.out}\n`);
