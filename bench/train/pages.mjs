// The development pages for training and evaluating the text models: truth, the site split, and the plain-text
// renderings (with perturbed copies: other wrap widths, no indentation, other list glyphs), read in a fixed order.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import path from 'node:path';
import TurndownService from 'turndown';
import { convert as htmlToText } from 'html-to-text';
import { NodeHtmlMarkdown } from 'node-html-markdown';
import { parseDocument } from 'htmlparser2';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
export const root = path.resolve(here, '../..');
export const setDir = path.resolve(root, '../shared/bench/pages');

export function loadTruth() {
  const rows = readFileSync(path.join(setDir, 'truth.jsonl'), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
  rows.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return rows;
}

export function loadSplit() {
  return JSON.parse(readFileSync(path.join(root, 'bench/data/pages-split.json'), 'utf8'));
}

/** The renderings of a page present in the set, as { variant, text }, variants in sorted order. */
export function renderings(id, dir = path.join(setDir, 'text')) {
  const out = [];
  for (const v of variantsIn(dir)) {
    const f = path.join(dir, `${id}.${v}.txt.gz`);
    if (existsSync(f)) out.push({ variant: v, text: gunzipSync(readFileSync(f)).toString('utf8') });
  }
  return out;
}

const variantCache = new Map();
export function variantsIn(dir) {
  let v = variantCache.get(dir);
  if (!v) {
    const set = new Set();
    for (const f of readdirSync(dir)) {
      const m = f.match(/\.([A-Za-z0-9_-]+)\.txt\.gz$/);
      if (m) set.add(m[1]);
    }
    v = [...set].sort();
    variantCache.set(dir, v);
  }
  return v;
}

/** A seeded generator (mulberry32): the same numbers on every run. */
export function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const BULLET = /^(\s*)([^\p{L}\p{N}\s"'“‘([]{1,2}|o)\s+(?=\S)/u;
const GLYPHS = ['-', '*', '•', '·', '▪', '◦', '>', '+', '‣', '–'];

/**
 * A rendering as another text browser might have made it: `kind` is one of
 *   flat    every line's indentation removed
 *   bullets list glyphs replaced by one other glyph (indentation kept)
 *   wrap    paragraphs re-wrapped at `width` columns (0: one line per paragraph)
 *   mixed   all three
 */
export function perturb(text, kind, { width = 72, glyph = '-' } = {}) {
  let lines = text.replace(/\r\n?/g, '\n').split('\n');
  if (kind === 'bullets' || kind === 'mixed') lines = lines.map((l) => l.replace(BULLET, (_, sp) => `${sp}${glyph} `));
  if (kind === 'wrap' || kind === 'mixed') lines = rewrap(lines, width);
  if (kind === 'flat' || kind === 'mixed') lines = lines.map((l) => l.trimStart());
  return lines.join('\n');
}

/** Joins runs of lines that continue a paragraph (same indentation, no list glyph) and wraps them again. */
function rewrap(lines, width) {
  const out = [];
  let para = null;
  const flush = () => {
    if (!para) return;
    const words = para.words;
    if (width <= 0) out.push(para.indent + words.join(' '));
    else {
      let cur = '';
      for (const w of words) {
        if (cur && para.indent.length + cur.length + 1 + w.length > width) {
          out.push(para.indent + cur);
          cur = w;
        } else cur = cur ? `${cur} ${w}` : w;
      }
      if (cur) out.push(para.indent + cur);
    }
    para = null;
  };
  for (const l of lines) {
    if (!l.trim()) {
      flush();
      out.push('');
      continue;
    }
    const indent = /^\s*/.exec(l)[0];
    const isBullet = BULLET.test(l);
    if (para && !isBullet && indent === para.indent && para.words.length > 6) {
      para.words.push(...l.trim().split(/\s+/));
      continue;
    }
    flush();
    para = { indent: isBullet ? ' '.repeat(indent.length + 2) : indent, words: [] };
    if (isBullet) {
      out.push(l);
      // a list item's continuation lines keep their own place
      para = null;
      continue;
    }
    para.words.push(...l.trim().split(/\s+/));
  }
  flush();
  return out;
}

export const PERTURBATIONS = [
  { name: 'flat', kind: 'flat' },
  { name: 'bullets', kind: 'bullets', glyph: '-' },
  { name: 'wrap60', kind: 'wrap', width: 60 },
  { name: 'unwrapped', kind: 'wrap', width: 0 },
  { name: 'mixed', kind: 'mixed', width: 80, glyph: '•' },
];

/**
 * Other text browsers than the set's two (w3m, lynx), as Debian 12 packages them (elinks 0.13.2, links 2.28,
 * html2text 1.3.2a): renderings made here from the saved page, with its declared charset rewritten to UTF-8 as the
 * set's renderings were made. Cached in bench/.out/renderings.
 */
export const BROWSERS = [
  { name: 'elinks', cmd: 'elinks', args: (f) => ['-dump', '1', '-no-references', '-no-numbering', '-dump-width', '100', '-dump-charset', 'utf-8', f] },
  { name: 'links', cmd: 'links', args: (f) => ['-dump', '-width', '100', '-codepage', 'utf-8', f] },
  { name: 'html2text', cmd: 'html2text', args: (f) => ['-utf8', '-width', '100', f] },
  // elinks as `elinks -dump` writes by default: links numbered in the text and listed under "References" at the end
  // the whole page as Markdown, as scrapers that save pages as Markdown write it (turndown, a dependency already)
  { name: 'turndown', render: turndownPage },
  // elinks at the 80 columns text browsers default to (the set's renderings are 100 columns wide)
  { name: 'elinks80', cmd: 'elinks', args: (f) => ['-dump', '1', '-no-references', '-no-numbering', '-dump-width', '80', '-dump-charset', 'utf-8', f] },
  { name: 'elinks-refs', cmd: 'elinks', args: (f) => ['-dump', '1', '-dump-width', '100', '-dump-charset', 'utf-8', f] },
  // a browser's "select all, copy": headless Chromium's innerText of the page (every page rendered in one batch by
  // bench/train/render-chromium.mjs, scripts off and no network)
  { name: 'chromium', cmd: process.env.CHROMIUM_PATH ?? 'chromium', batch: 'render-chromium.mjs' },
  // a scraper's text of the page: every text node on a line of its own, stripped, empty ones left out, script, style
  // and template contents left out — BeautifulSoup's `soup.get_text("\n", strip=True)`, the most common way
  // scrapers turn a page into text; a link or an emphasis inside a sentence breaks the sentence over three lines
  { name: 'get-text', render: textNodes },
  // the whole page as Markdown by another converter (node-html-markdown: layout tables as Markdown tables, its own
  // escapes and list marks): Markdown no weight was fitted on (turndown's is fitted on: bench/train/text-zones.mjs)
  { name: 'nhm', render: nhmPage },
  // a page as plain text by html-to-text (the npm package, its defaults: 80 columns, headings in capitals, a link's
  // address in brackets after its text, an image's alternative text in brackets): never fitted on
  { name: 'htt', render: httPage },
];

/** A saved page as plain text by html-to-text, its default options. */
function httPage(html) {
  try {
    return htmlToText(html, {});
  } catch {
    return '';
  }
}

/** A saved page as Markdown by node-html-markdown (its defaults: scripts, styles and the head left out). */
function nhmPage(html) {
  try {
    return NodeHtmlMarkdown.translate(html, {});
  } catch {
    return '';
  }
}

/** The page's text nodes one per line, as BeautifulSoup's `get_text("\n", strip=True)` writes them. */
function textNodes(html) {
  const out = [];
  const walk = (nodes) => {
    for (const n of nodes) {
      if (n.type === 'text') {
        const t = n.data.trim();
        if (t) out.push(t);
      } else if ((n.type === 'tag' || n.type === 'script' || n.type === 'style') && !['script', 'style', 'template'].includes(n.name)) walk(n.children);
      else if (n.type === 'root') walk(n.children);
    }
  };
  walk(parseDocument(html).children);
  return out.join('\n');
}

/** A saved page as Markdown: turndown over the page, scripts, styles and the head left out. */
function turndownPage(html) {
  turndown ??= new TurndownService({ headingStyle: 'atx', codeBlockStyle: 'fenced' }).remove(['script', 'style', 'noscript', 'iframe', 'head']);
  try {
    return turndown.turndown(html);
  } catch {
    return '';
  }
}
let turndown = null;

export function installedBrowsers() {
  return BROWSERS.filter((b) => b.render || spawnSync('sh', ['-c', `command -v ${b.cmd}`]).status === 0);
}

const cacheDir = path.join(root, 'bench/.out/renderings');

/** The page `id` as browser `b` dumps it (made once, then read from the cache). */
export function browserText(b, id) {
  const out = path.join(cacheDir, `${id}.${b.name}.txt`);
  if (existsSync(out)) return readFileSync(out, 'utf8');
  mkdirSync(cacheDir, { recursive: true });
  if (b.batch) {
    // every page of the set at once (a browser started once), then read from the cache
    const r = spawnSync(process.execPath, [path.join(root, 'bench/train', b.batch)], { stdio: ['ignore', 'ignore', 'inherit'] });
    if (r.status !== 0 || !existsSync(out)) throw new Error(`bench/train/${b.batch} did not render ${id}`);
    return readFileSync(out, 'utf8');
  }
  const html = gunzipSync(readFileSync(path.join(setDir, 'html', `${id}.html.gz`)))
    .toString('utf8')
    .replace(/(<meta[^>]*charset\s*=\s*["']?)[\w-]+/gi, '$1utf-8')
    .replace(/(<\?xml[^>]*encoding\s*=\s*["'])[\w-]+/gi, '$1utf-8');
  if (b.render) {
    const text = b.render(html);
    writeFileSync(out, text);
    return text;
  }
  const src = path.join(cacheDir, `${id}.html`);
  writeFileSync(src, html);
  const r = spawnSync(b.cmd, b.args(src), { encoding: 'utf8', timeout: 30000, env: { ...process.env, HOME: cacheDir, LANG: 'C.UTF-8' } });
  const text = r.status === 0 ? r.stdout : '';
  writeFileSync(out, text);
  return text;
}

/**
 * The inputs of page `id` as the proxies read them: its saved HTML, or (with `variants`) its renderings by those
 * renderers (the set's own, else a text browser's of BROWSERS), each with a file name of its kind.
 */
export function pageInputs(id, variants = null) {
  if (!variants) return [{ variant: 'html', text: gunzipSync(readFileSync(path.join(setDir, 'html', `${id}.html.gz`))).toString('utf8'), file: `${id}.html` }];
  const own = renderings(id);
  const browsers = installedBrowsers();
  return variants
    .map((v) => {
      const b = browsers.find((x) => x.name === v);
      return { variant: v, text: own.find((r) => r.variant === v)?.text ?? (b ? browserText(b, id) : null), file: `${id}.txt` };
    })
    .filter((x) => x.text);
}
