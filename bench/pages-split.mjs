#!/usr/bin/env node
// Writes bench/data/pages-split.json: for every page of ../shared/bench/pages, its site and its fold.
//
//   node bench/pages-split.mjs [--pages DIR]
//
// The site is the page's registrable host, read from the page itself: its canonical link, else its og:url,
// else the host most of its absolute links point to (a page of a site links mostly to that site). The host is
// cut to its last two labels (three when the second-to-last is a short generic label such as co.uk or com.au),
// so www.bbc.co.uk and news.bbc.co.uk are one site. A page whose site cannot be read is its own site.
//
// Fold: "heldout" for sites whose FNV-1a hash of the site name is 0 mod 4 (about a quarter of the sites and
// pages), else "fit". Everything fitted on the pages (weights, thresholds, rules) is fitted on "fit" pages only;
// "heldout" figures are quoted beside the fitted ones. The split is a pure function of the pages, so the command
// reproduces the file exactly.
import { readFileSync, readdirSync, writeFileSync, mkdirSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const pagesDir = args.includes('--pages') ? args[args.indexOf('--pages') + 1] : path.resolve(here, '../../shared/bench/pages');

const GENERIC = new Set(['co', 'com', 'org', 'net', 'ac', 'gov', 'edu', 'ne', 'or', 'go']);
function siteOf(host) {
  const labels = host.toLowerCase().replace(/\.$/, '').split('.');
  if (labels.length <= 2) return labels.join('.');
  const keep = labels.at(-1).length === 2 && GENERIC.has(labels.at(-2)) ? 3 : 2;
  return labels.slice(-keep).join('.');
}
function hostFrom(html) {
  const m =
    html.match(/<link[^>]+rel=["']?canonical["']?[^>]*href=["']?(https?:\/\/[^"' >]+)/i) ||
    html.match(/<link[^>]+href=["']?(https?:\/\/[^"' >]+)["']?[^>]*rel=["']?canonical/i) ||
    html.match(/<meta[^>]+property=["']og:url["'][^>]*content=["'](https?:\/\/[^"']+)/i);
  if (m) {
    try {
      return new URL(m[1]).hostname;
    } catch {}
  }
  const counts = new Map();
  for (const x of html.matchAll(/href=["']https?:\/\/([^/"':?#]+)/gi)) {
    const h = x[1].toLowerCase();
    counts.set(h, (counts.get(h) || 0) + 1);
  }
  let best = null;
  for (const [h, c] of [...counts].sort((a, b) => (a[0] < b[0] ? -1 : 1))) if (!best || c > best[1]) best = [h, c];
  return best ? best[0] : null;
}
function fnv1a(s) {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

const out = {};
const files = readdirSync(path.join(pagesDir, 'html')).filter((f) => f.endsWith('.html.gz')).sort();
for (const f of files) {
  const id = f.slice(0, -'.html.gz'.length);
  const html = gunzipSync(readFileSync(path.join(pagesDir, 'html', f))).toString('utf8');
  const host = hostFrom(html);
  const site = host ? siteOf(host) : `page:${id}`;
  out[id] = { site, fold: fnv1a(site) % 4 === 0 ? 'heldout' : 'fit' };
}
mkdirSync(path.join(here, 'data'), { recursive: true });
writeFileSync(path.join(here, 'data/pages-split.json'), JSON.stringify(out, null, 0).replace(/\},"/g, '},\n"') + '\n');
const held = Object.values(out).filter((v) => v.fold === 'heldout');
const sites = new Set(Object.values(out).map((v) => v.site));
const heldSites = new Set(held.map((v) => v.site));
console.log(`${files.length} pages, ${sites.size} sites; held out: ${held.length} pages of ${heldSites.size} sites`);
