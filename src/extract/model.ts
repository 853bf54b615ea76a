// The block model: how likely each text block of a page is article text, from features that hold on any site
// (its length, link and punctuation density, its tag, the hints of its ancestors, its neighbours and where it sits
// relative to the headline and to the page's prose). A logistic regression; its weights are data fitted on the
// development pages by `npm run train:html` (bench/train/train-html.mjs) and stored in block-weights.ts.
//
// The extractor uses the probability p of each block as a signed weight, characters × (2p − 1): the container is the
// element whose blocks add up to the most, so it gathers article text and leaves chrome out.
import { F_ARTICLE, F_AUTHOR, F_BODY_PROP, F_CAPTION, F_CELL, F_HEADING, F_NOTICE, F_POS, F_TIME, type Analysis } from './analyze.js';
import { BLOCK_WEIGHTS } from './block-weights.js';
import { F_HIDDEN, F_SKIP } from './analyze.js';
import { sameTitle } from './signals.js';
import { shortText } from './text.js';
import type { Element } from 'domhandler';

/** A link to the front page of a site: a path of "/" or nothing (a blog's name links there, a post's title does not). */
const SITE_ROOT = /^(?:(?:https?:)?\/\/[^/?#]+)?\/?(?:index\.[a-z]+)?(?:[?#].*)?$/i;

/** Whether the text of element i is all in links to a site's front page (a site's name as a heading). */
function linksHome(a: Analysis, i: number): boolean {
  if (a.link[i]! < 0.9 * a.chars[i]!) return false;
  const stack: Element[] = [a.els[i]!];
  let seen = false;
  while (stack.length > 0) {
    const e = stack.pop()!;
    if (e.name === 'a') {
      const href = (e.attribs.href ?? '').trim();
      if (href === '' || !SITE_ROOT.test(href)) return false;
      seen = true;
      continue;
    }
    for (const c of e.children) if (c.type === 'tag') stack.push(c as Element);
  }
  return seen;
}

/**
 * The element holding the page's headline: the first heading that is the page title, else the first <h1> that is not
 * only a link to the front page; or -1. A heading that only links to the site's front page is the site's name (a blog's "Name: Post" title matches it
 * too): it is taken only when no other heading matches.
 */
export function findHeadline(a: Analysis, titleKeys: string[]): number {
  let h1 = -1;
  let home = -1;
  for (let i = 0; i < a.els.length; i++) {
    const f = a.flags[i]!;
    if (f & (F_SKIP | F_HIDDEN)) {
      i += a.size[i]! - 1;
      continue;
    }
    if (!(f & F_HEADING) || a.chars[i]! === 0 || a.chars[i]! > 400) continue;
    const t = shortText(a.els[i]!, 400);
    if (t !== null && titleKeys.length > 0 && sameTitle(t, titleKeys)) {
      if (!linksHome(a, i)) return i;
      if (home < 0) home = i;
      continue;
    }
    if (h1 < 0 && a.els[i]!.name === 'h1' && !linksHome(a, i)) h1 = i;
  }
  return home >= 0 ? home : h1;
}

/** Feature names, in the order of the vector (the weights file lists them too, and must agree). */
export const FEATURES = [
  'bias',
  'log_chars',
  'link_density',
  'internal_link_density',
  'punct_per_100',
  'heading',
  'list_item',
  'cell',
  'paragraph',
  'strong_negative_ancestor',
  'weak_negative_ancestor',
  'positive_ancestor',
  'article_ancestor',
  'body_property_ancestor',
  'caption_author_time',
  'notice',
  'teaser',
  'position',
  'parent_prose_share',
  'grandparent_prose_share',
  'parent_link_density',
  'prev_link_density',
  'next_link_density',
  'prev_log_chars',
  'next_log_chars',
  'after_headline',
  'near_headline',
  'short_block',
  'chars_100',
  'chars_300',
  'chars_1000',
  'log_punct',
  'page_prose_share',
  'largest_block',
  'comments_hint',
  'chrome_hint',
  'strong_negative_long',
  'headline_found',
  'parallel_to_largest',
] as const;

export const N_FEATURES = FEATURES.length;

/** How far up from the largest block a parallel section is looked for (feature `parallel_to_largest`). */
const PARALLEL_LEVELS = 4;

function log1(x: number): number {
  return Math.log(1 + x);
}

/**
 * The feature vectors of the text blocks of a page: `blocks` lists the elements with text of their own (document
 * order) and `x` holds N_FEATURES values per block, row after row. `headline` is the index of the element holding the
 * page's headline, or -1.
 */
export function blockFeatures(a: Analysis, headline: number): { blocks: Int32Array; x: Float64Array } {
  const n = a.els.length;
  const list: number[] = [];
  for (let i = 0; i < n; i++) if (a.ownChars[i]! > 0) list.push(i);
  const blocks = Int32Array.from(list);
  const m = blocks.length;
  const x = new Float64Array(m * N_FEATURES);
  // ancestor hints, inherited down the tree (parents come before their children)
  const anc = new Uint16Array(n);
  const A_STRONG = 1, A_WEAK = 2, A_POS = 4, A_ART = 8, A_PROP = 16, A_META = 32, A_CARD = 64;
  for (let i = 0; i < n; i++) {
    const p = a.parent[i]!;
    let v = p >= 0 ? anc[p]! : 0;
    const f = a.flags[i]!;
    if (a.neg[i] === 2) v |= A_STRONG;
    else if (a.neg[i] === 1 && !(f & F_POS)) v |= A_WEAK;
    if (f & F_POS) v |= A_POS;
    if (f & F_ARTICLE) v |= A_ART;
    if (f & F_BODY_PROP) v |= A_PROP;
    if (f & (F_CAPTION | F_AUTHOR | F_TIME)) v |= A_META;
    if (a.card[i]) v |= A_CARD;
    anc[i] = v;
  }
  const root = a.body >= 0 ? a.body : 0;
  // the longest block of text outside links
  let largest = -1;
  for (let k = 0; k < m; k++) {
    const i = blocks[k]!;
    if (largest < 0 || a.ownChars[i]! - a.ownLink[i]! > a.ownChars[largest]! - a.ownLink[largest]!) largest = i;
  }
  // comment sections and site chrome among the ancestors, apart from the other hints
  const kind = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const p = a.parent[i]!;
    let v = p >= 0 ? kind[p]! : 0;
    if (a.neg[i]! > 0) {
      const r = a.negReason.get(i) ?? '';
      if (r.startsWith('comments')) v |= 1;
      else if (/^(?:navigation|footer|menu|sidebar|aside|banner|breadcrumbs|search|related links|share bar)/.test(r)) v |= 2;
    }
    kind[i] = v;
  }
  // the largest block's ancestors, one to PARALLEL_LEVELS levels up: a block whose ancestor at the same level is a
  // sibling of the largest block's with the same tag and class lies in a parallel section (the next step of a how-to)
  const sig = (i: number): string | null => {
    const c = a.els[i]!.attribs['class']?.trim();
    return c === undefined || c === '' ? null : `${a.els[i]!.name}.${c}`;
  };
  const largestUp: number[] = [];
  for (let j = largest >= 0 ? a.parent[largest]! : -1; j >= 0 && largestUp.length < PARALLEL_LEVELS; j = a.parent[j]!) largestUp.push(j);
  const largestSig = largestUp.map(sig);
  const totalProse = Math.max(1, n > 0 ? a.prose[root]! : 1);
  let headOrdinal = -1;
  if (headline >= 0) {
    for (let k = 0; k < m; k++) {
      if (blocks[k]! >= headline) {
        headOrdinal = k;
        break;
      }
    }
  }
  for (let k = 0; k < m; k++) {
    const i = blocks[k]!;
    const c = a.ownChars[i]!;
    const f = a.flags[i]!;
    const el = a.els[i]!;
    const p = a.parent[i]!;
    const g = p >= 0 ? a.parent[p]! : -1;
    const h = anc[i]!;
    const o = k * N_FEATURES;
    const prev = k > 0 ? blocks[k - 1]! : -1;
    const next = k + 1 < m ? blocks[k + 1]! : -1;
    x[o] = 1;
    x[o + 1] = log1(c);
    x[o + 2] = a.ownLink[i]! / c;
    x[o + 3] = a.ownInLink[i]! / c;
    x[o + 4] = Math.min(10, (100 * a.ownPunct[i]!) / c);
    x[o + 5] = f & F_HEADING ? 1 : 0;
    x[o + 6] = el.name === 'li' || el.name === 'dd' || el.name === 'dt' ? 1 : 0;
    x[o + 7] = f & F_CELL ? 1 : 0;
    x[o + 8] = el.name === 'p' ? 1 : 0;
    x[o + 9] = h & A_STRONG ? 1 : 0;
    x[o + 10] = h & A_WEAK ? 1 : 0;
    x[o + 11] = h & A_POS ? 1 : 0;
    x[o + 12] = h & A_ART ? 1 : 0;
    x[o + 13] = h & A_PROP ? 1 : 0;
    x[o + 14] = h & A_META ? 1 : 0;
    x[o + 15] = f & F_NOTICE ? 1 : 0;
    x[o + 16] = h & A_CARD ? 1 : 0;
    x[o + 17] = m > 1 ? k / (m - 1) : 0;
    x[o + 18] = p >= 0 ? a.prose[p]! / totalProse : 0;
    x[o + 19] = g >= 0 ? a.prose[g]! / totalProse : 0;
    x[o + 20] = p >= 0 && a.chars[p]! > 0 ? a.link[p]! / a.chars[p]! : 0;
    x[o + 21] = prev >= 0 ? a.ownLink[prev]! / a.ownChars[prev]! : 1;
    x[o + 22] = next >= 0 ? a.ownLink[next]! / a.ownChars[next]! : 1;
    x[o + 23] = prev >= 0 ? log1(a.ownChars[prev]!) : 0;
    x[o + 24] = next >= 0 ? log1(a.ownChars[next]!) : 0;
    x[o + 25] = headOrdinal >= 0 && k > headOrdinal ? 1 : 0;
    x[o + 26] = headOrdinal >= 0 && k > headOrdinal ? Math.exp(-(k - headOrdinal) / 10) : 0;
    x[o + 27] = c < 40 ? 1 : 0;
    x[o + 28] = c >= 100 ? 1 : 0;
    x[o + 29] = c >= 300 ? 1 : 0;
    x[o + 30] = c >= 1000 ? 1 : 0;
    x[o + 31] = log1(a.ownPunct[i]!);
    x[o + 32] = (c - a.ownLink[i]!) / totalProse;
    x[o + 33] = i === largest ? 1 : 0;
    x[o + 34] = kind[i]! & 1 ? 1 : 0;
    x[o + 35] = kind[i]! & 2 ? 1 : 0;
    x[o + 36] = h & A_STRONG && c >= 300 ? 1 : 0;
    x[o + 37] = headOrdinal >= 0 ? 1 : 0;
    let parallel = 0;
    for (let j = p, d = 0; j >= 0 && d < largestUp.length; j = a.parent[j]!, d++) {
      const y = largestUp[d]!;
      if (j === y) break;
      if (a.parent[j] === a.parent[y] && largestSig[d] !== null && sig(j) === largestSig[d]) {
        parallel = 1;
        break;
      }
    }
    x[o + 38] = parallel;
  }
  return { blocks, x };
}

/** The model's probability that each block is article text (same order as `blocks`). */
export function blockProbabilities(x: Float64Array, m: number, weights: readonly number[] = BLOCK_WEIGHTS.weights): Float64Array {
  const out = new Float64Array(m);
  for (let k = 0; k < m; k++) {
    let z = 0;
    const o = k * N_FEATURES;
    for (let j = 0; j < N_FEATURES; j++) z += weights[j]! * x[o + j]!;
    out[k] = 1 / (1 + Math.exp(-z));
  }
  return out;
}

