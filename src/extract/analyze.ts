// One iterative pass over the parsed page that numbers every element in
// document order and measures the text in and under it. All later steps
// (scoring, container choice, output) read these arrays instead of walking
// the DOM again, so the whole extraction is linear in the page size.
import type { AnyNode, Document, Element } from 'domhandler';
import { classifyNames, classifyPair } from './classify.js';
import { BLOCK_TAGS, CHROME_ROLES, CHROME_TAGS, HEADING_TAGS, SITE_NOTICE, SKIP_TAGS } from './hints.js';
import { shortText } from './text.js';

// flags per element
export const F_SKIP = 1; // never holds article text (script, form control, …)
export const F_HIDDEN = 2; // hidden by attribute or inline style
export const F_BLOCK = 4; // block-level: starts a text block
export const F_HEADING = 8; // h1–h6
export const F_ARTICLE = 16; // <article>, <main>, role=main/article, itemprop=articleBody
export const F_BODY_PROP = 32; // itemprop=articleBody (or text, reviewBody)
export const F_POS = 64; // positive class/id token
export const F_CAPTION = 128; // figcaption or a caption/credit class
export const F_TIME = 256; // <time>, itemprop=datePublished
export const F_AUTHOR = 512; // rel=author, itemprop=author, a byline class
export const F_PRE = 1024; // <pre>: its text is code or verse, never furniture
export const F_CELL = 2048; // td/th
export const F_NOTICE = 4096; // a cookie or JavaScript notice in the site's voice

export interface HeadInfo {
  titles: string[];
  /** The page's own summary: meta description, og:description, twitter:description. */
  descriptions: string[];
  canonicalHost: string | null;
  jsonLd: string[];
  lang: string | null;
}

export interface Analysis {
  els: Element[];
  parent: Int32Array;
  size: Int32Array;
  flags: Uint16Array;
  /** 0 none, 1 weak negative, 2 strong negative (class/id hint or chrome tag) */
  neg: Uint8Array;
  negReason: Map<number, string>;
  /** non-space characters of text whose nearest block ancestor is this element */
  ownChars: Float64Array;
  ownLink: Float64Array;
  /** link characters of links to the same site (relative, or the page's own host) */
  ownInLink: Float64Array;
  /** sentence punctuation marks in own text */
  ownPunct: Float64Array;
  /** subtree totals */
  chars: Float64Array;
  link: Float64Array;
  inLink: Float64Array;
  /** content weight of this element's own text block (0 when it has none) */
  weight: Float64Array;
  /** subtree sum of prose characters (text of blocks with positive weight) */
  prose: Float64Array;
  /** 1 for teaser cards (title link + short summary), when the page has several */
  card: Uint8Array;
  /** number of outermost teaser cards (0 when too few to count) */
  cards: number;
  /** prose characters in those cards */
  cardProse: number;
  head: HeadInfo;
  body: number;
}

/** Block weights: cost per link character (own site, other sites) and per block. */
const INTERNAL_LINK_COST = 2;
const EXTERNAL_LINK_COST = 1;
const BLOCK_COST = 25;
/** Bonus per punctuation mark (up to PUNCT_CAP) in blocks of at least PROSE_MIN_CHARS. */
const PROSE_MIN_CHARS = 80;
const PUNCT_BONUS = 8;
const PUNCT_CAP = 6;

/** Most prose characters in a teaser card, and how many cards make a pattern. */
const CARD_MAX_PROSE = 600;
const MIN_CARDS = 3;

/** Hints for short items, and the most prose such an item holds. */
const SHORT_ITEM = /^(?:caption|byline|dateline|date)\b/;
const SHORT_ITEM_MAX_PROSE = 400;

const HIDDEN_STYLE = /(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden)\b/i;

function isSpaceCode(c: number): boolean {
  return c <= 32 || c === 160 || c === 0x200b || c === 0xfeff || c === 0x3000;
}

/** 1 for the ASCII sentence punctuation marks . , ; ! ? */
const ASCII_PUNCT = new Uint8Array(128);
for (const ch of '.,;!?') ASCII_PUNCT[ch.charCodeAt(0)] = 1;

function isPunct(c: number): boolean {
  // . , ; ! ? and their full-width and ideographic forms
  return c === 46 || c === 44 || c === 59 || c === 33 || c === 63 || c === 0x3002 || c === 0xff0c || c === 0x3001 || c === 0xff01 || c === 0xff1f || c === 0x061f || c === 0x060c;
}

function hostOf(url: string): string | null {
  let i = 0;
  while (i < url.length && url.charCodeAt(i) <= 32) i++;
  const c = url.charCodeAt(i);
  // fast paths: "/path", "#anchor", "?query" are relative
  if ((c === 47 && url.charCodeAt(i + 1) !== 47) || c === 35 || c === 63) return null;
  const m = /^(?:https?:)?\/\/([^/?#:\s]+)/i.exec(i > 0 ? url.slice(i) : url);
  if (!m) return null;
  const h = m[1]!.toLowerCase();
  return h.startsWith('www.') ? h.slice(4) : h;
}

/** A title with its whitespace collapsed, cut to a sane length. */
function cleanTitle(s: string): string {
  return (s.length > 2000 ? s.slice(0, 2000) : s).replace(/\s+/g, ' ').trim().slice(0, 500);
}

function textInside(e: Element): string {
  let s = '';
  for (const c of e.children) if (c.type === 'text') s += (c as { data: string }).data;
  return s;
}

const LINK_CTX = 1;
const INLINK_CTX = 2;

export function analyze(doc: Document): Analysis {
  const els: Element[] = [];
  const parent: number[] = [];
  const flags: number[] = [];
  const neg: number[] = [];
  const negReason = new Map<number, string>();
  const ownChars: number[] = [];
  const ownLink: number[] = [];
  const ownInLink: number[] = [];
  const ownPunct: number[] = [];
  // text directly under each element (block or inline): summed over subtrees, the text under any element
  const direct: number[] = [];
  const directLink: number[] = [];
  const directIn: number[] = [];
  const head: HeadInfo = { titles: [], descriptions: [], canonicalHost: null, jsonLd: [], lang: null };
  let body = -1;

  const nodes: AnyNode[] = [];
  const parents: number[] = [];
  const blocks: number[] = [];
  const ctxs: number[] = [];
  for (let i = doc.children.length - 1; i >= 0; i--) {
    const c = doc.children[i]!;
    if (c.type !== 'tag' && c.type !== 'script' && c.type !== 'style') continue;
    nodes.push(c);
    parents.push(-1);
    blocks.push(-1);
    ctxs.push(0);
  }
  // blocks whose text mentions cookies or JavaScript, checked for notices later
  const noticeWords = new Set<number>();
  // Text with no block ancestor (block -1) is not counted.
  const pushChildren = (e: Element, idx: number, block: number, ctx: number): void => {
    const ch = e.children;
    for (let i = ch.length - 1; i >= 0; i--) {
      const c = ch[i]!;
      if (c.type === 'text') {
        if (block < 0) continue;
        const data = (c as { data: string }).data;
        let cnt = 0;
        let punct = 0;
        for (let j = 0; j < data.length; j++) {
          const code = data.charCodeAt(j);
          if (code <= 32) continue;
          if (code < 128) {
            cnt++;
            punct += ASCII_PUNCT[code]!;
          } else if (!isSpaceCode(code)) {
            cnt++;
            if (isPunct(code)) punct++;
          }
        }
        if (cnt === 0) continue;
        if (data.includes('ookie') || data.includes('vaScript') || data.includes('vascript') || data.includes('OOKIE')) noticeWords.add(block);
        ownChars[block]! += cnt;
        direct[idx]! += cnt;
        if (ctx & LINK_CTX) directLink[idx]! += cnt;
        if (ctx & INLINK_CTX) directIn[idx]! += cnt;
        ownPunct[block]! += punct;
        if (ctx & LINK_CTX) ownLink[block]! += cnt;
        if (ctx & INLINK_CTX) ownInLink[block]! += cnt;
      } else if (c.type === 'tag' || c.type === 'script' || c.type === 'style') {
        nodes.push(c);
        parents.push(idx);
        blocks.push(block);
        ctxs.push(ctx);
      }
    }
  };

  while (nodes.length > 0) {
    const node = nodes.pop()!;
    const p = parents.pop()!;
    let block = blocks.pop()!;
    let ctx = ctxs.pop()!;
    const e = node as Element;
    const idx = els.length;
    els.push(e);
    parent.push(p);
    ownChars.push(0);
    direct.push(0);
    directLink.push(0);
    directIn.push(0);
    ownLink.push(0);
    ownInLink.push(0);
    ownPunct.push(0);
    neg.push(0);
    const name = e.name;
    const attribs = e.attribs;
    let f = 0;

    if (e.type === 'script' || name === 'script') {
      flags.push(F_SKIP);
      const type = (attribs['type'] ?? '').toLowerCase();
      if (type.includes('ld+json')) head.jsonLd.push(textInside(e));
      continue;
    }
    if (name === 'head') {
      // no article text here, but walk it for the title and canonical URL
      flags.push(F_SKIP);
      block = -1;
    } else if (SKIP_TAGS.has(name) || name.includes(':')) {
      flags.push(F_SKIP);
      if (name === 'title') {
        const t = cleanTitle(textInside(e));
        if (t) head.titles.push(t);
      } else if (name === 'meta') {
        const key = (attribs['property'] ?? attribs['name'] ?? '').toLowerCase();
        const content = attribs['content'];
        if (content) {
          if (key === 'og:title' || key === 'twitter:title') head.titles.push(cleanTitle(content));
          else if (key === 'description' || key === 'og:description' || key === 'twitter:description') head.descriptions.push(cleanTitle(content));
          else if (key === 'og:url' && head.canonicalHost === null) head.canonicalHost = hostOf(content);
        }
      } else if (name === 'link') {
        if ((attribs['rel'] ?? '').toLowerCase() === 'canonical' && attribs['href']) {
          head.canonicalHost = hostOf(attribs['href']) ?? head.canonicalHost;
        }
      }
      continue;
    }
    if (name === 'head') {
      pushChildren(e, idx, -1, 0);
      continue;
    }
    if (name === 'html' && attribs['lang']) head.lang = attribs['lang'];
    if (name === 'body' && body < 0) body = idx;

    // read the attributes that matter in one pass over the ones present
    let hidden = false;
    let href: string | undefined;
    let itemprop: string | undefined;
    let rel: string | undefined;
    let role: string | undefined;
    let cls: string | undefined;
    let id: string | undefined;
    for (const key in attribs) {
      switch (key) {
        case 'class': cls = attribs[key]; break;
        case 'id': id = attribs[key]; break;
        case 'href': href = attribs[key]; break;
        case 'hidden': hidden = true; break;
        case 'aria-hidden': if (attribs[key] === 'true') hidden = true; break;
        case 'style': {
          const style = attribs[key]!;
          if (style.length < 2000 && HIDDEN_STYLE.test(style)) hidden = true;
          break;
        }
        case 'itemprop': itemprop = attribs[key]; break;
        case 'rel': rel = attribs[key]; break;
        case 'role': role = attribs[key]; break;
        default: break;
      }
    }
    if (hidden) {
      flags.push(F_HIDDEN);
      continue;
    }

    if (BLOCK_TAGS.has(name)) {
      f |= F_BLOCK;
      block = idx;
    }
    if (HEADING_TAGS.has(name)) f |= F_HEADING;
    else if (name === 'a') {
      // a script link goes nowhere: its text is the page's own, as a browser's reader view shows it
      if (href !== undefined && !/^\s*javascript:/i.test(href)) {
        ctx |= LINK_CTX;
        const h = hostOf(href);
        if (h === null) {
          // relative link, unless it is an in-page anchor or a script link
          if (!href.startsWith('#') && !/^\s*(?:mailto|tel):/i.test(href)) ctx |= INLINK_CTX;
        } else if (head.canonicalHost === null || h === head.canonicalHost || h.endsWith('.' + head.canonicalHost)) {
          // without a known page address every absolute link counts as the site's own
          ctx |= INLINK_CTX;
        }
      }
    } else if (name === 'td' || name === 'th') f |= F_CELL;
    else if (name === 'pre') f |= F_PRE;
    else if (name === 'article' || name === 'main') f |= F_ARTICLE;
    else if (name === 'figcaption') f |= F_CAPTION;
    else if (name === 'time') f |= F_TIME;

    if (itemprop !== undefined) {
      const ip = itemprop.toLowerCase();
      if (ip.includes('articlebody') || ip === 'text' || ip === 'reviewbody') f |= F_ARTICLE | F_BODY_PROP;
      else if (ip === 'author' || ip === 'creator') f |= F_AUTHOR;
      else if (ip === 'caption' || ip === 'description' && name === 'figcaption') f |= F_CAPTION;
      else if (ip === 'datepublished' || ip === 'datemodified') f |= F_TIME;
    }
    if (rel !== undefined && rel.toLowerCase().includes('author')) f |= F_AUTHOR;

    // negative hints: chrome tags and roles, then class/id tokens
    let n = 0;
    let reason = '';
    const chrome = CHROME_TAGS.get(name);
    if (chrome !== undefined) {
      n = name === 'form' ? 1 : 2;
      reason = chrome;
    } else if (name === 'header') {
      n = 1;
      reason = 'header';
    }
    if (role !== undefined) {
      const r = role.toLowerCase();
      const cr = CHROME_ROLES.get(r);
      if (cr !== undefined) {
        n = r === 'banner' ? Math.max(n, 1) : 2;
        reason = cr;
      } else if (r === 'main' || r === 'article') f |= F_ARTICLE;
    }
    if (cls !== undefined || id !== undefined) {
      const hint = classifyPair(cls, id);
      if (hint.pos) f |= F_POS;
      if (hint.neg > n) {
        n = hint.neg;
        reason = `${hint.reason} (${hint.token})`;
      }
      if (hint.neg > 0 && hint.reason === 'caption') f |= F_CAPTION;
      if (hint.neg > 0 && hint.reason === 'byline') f |= F_AUTHOR;
    }
    if (name === 'body' || name === 'html') n = 0;
    if (n > 0) {
      neg[idx] = n;
      negReason.set(idx, reason);
    }
    flags.push(f);

    pushChildren(e, idx, block, ctx);
  }

  const n = els.length;
  const par = Int32Array.from(parent);
  const size = new Int32Array(n).fill(1);
  const chars = Float64Array.from(direct);
  const link = Float64Array.from(directLink);
  const inLink = Float64Array.from(directIn);
  const weight = new Float64Array(n);
  const prose = new Float64Array(n);
  const fl = Uint16Array.from(flags);
  for (const b of noticeWords) {
    const t = shortText(els[b]!, 1000);
    if (t !== null && SITE_NOTICE.test(t)) fl[b]! |= F_NOTICE;
  }
  for (let i = 0; i < n; i++) {
    const c = ownChars[i]!;
    if (c > 0) {
      const w = blockWeight(c, ownLink[i]!, ownInLink[i]!, ownPunct[i]!, fl[i]!);
      weight[i] = w;
      if (w > 0) prose[i] = c - ownLink[i]!;
    }
  }
  // Title links: a short block that is mostly one link (a teaser headline):
  // a heading, or another block whose link goes to the site's own pages.
  const headLinks = new Float64Array(n);
  // prose blocks (paragraphs) in each subtree
  const proseBlocks = new Uint32Array(n);
  for (let i = 0; i < n; i++) if (weight[i]! > 0) proseBlocks[i] = 1;
  const blockLinks = new Float64Array(n);
  const blockLinkAt = new Int32Array(n).fill(-1);
  // first block in document order, within each subtree, that has text of its own
  const firstText = new Int32Array(n).fill(-1);
  for (let i = 0; i < n; i++) {
    const c = ownChars[i]!;
    if (c > 0) firstText[i] = i;
    // a byline or a date line with a link (an author's page) is no teaser's headline
    if (c < 12 || c > 300 || fl[i]! & (F_AUTHOR | F_TIME)) continue;
    if (fl[i]! & F_HEADING) {
      if (ownLink[i]! >= 0.6 * c) headLinks[i] = 1;
    } else if (fl[i]! & F_BLOCK && ownInLink[i]! >= 0.6 * c && !linkInSentence(els[i]!, c - ownLink[i]!)) {
      blockLinks[i] = 1;
      blockLinkAt[i] = i;
    }
  }
  for (let i = n - 1; i > 0; i--) {
    const p = par[i]!;
    if (p < 0) continue;
    size[p]! += size[i]!;
    chars[p]! += chars[i]!;
    link[p]! += link[i]!;
    inLink[p]! += inLink[i]!;
    prose[p]! += prose[i]!;
    proseBlocks[p]! += proseBlocks[i]!;
    headLinks[p]! += headLinks[i]!;
    blockLinks[p]! += blockLinks[i]!;
    if (blockLinkAt[i]! >= 0) blockLinkAt[p] = blockLinkAt[i]!;
    // children come after their parent, so the smallest index is the first
    if (firstText[i]! >= 0 && (firstText[p]! < 0 || firstText[i]! < firstText[p]!)) firstText[p] = firstText[i]!;
  }
  // Hints that name a short item (a caption, a credit, a byline, a date) do not hold for an element with paragraphs
  // of prose under it (two paragraphs, or 400 characters): such a class name is a template's, not a description of the text (a post body styled as a
  // "caption"). Its hint and flags are cleared.
  for (const [i, reason] of negReason) {
    if (!SHORT_ITEM.test(reason) || ((fl[i]! & F_BLOCK ? prose[i]! : chars[i]! - link[i]!) < SHORT_ITEM_MAX_PROSE && proseBlocks[i]! < 2)) continue;
    neg[i] = 0;
    negReason.delete(i);
    fl[i]! &= ~(F_CAPTION | F_AUTHOR | F_TIME);
  }
  // An id that spells the element's own heading ("sharing-with-a-single-developer" over "Sharing with a single
  // developer", as documentation generators and Markdown renderers name sections) is an anchor made of the article's
  // words, not a name of the element's role: it gives no hint. The class still does.
  for (const [i, reason] of negReason) {
    const e = els[i]!;
    const id = e.attribs['id'];
    if (id === undefined || CHROME_TAGS.has(e.name) || e.name === 'header' || e.attribs['role'] !== undefined) continue;
    if (!anchorOfHeading(els, fl, i, size[i]!, id)) continue;
    const byClass = classifyNames(e.attribs['class'] ?? '');
    if (byClass.neg > 0) continue;
    neg[i] = 0;
    negReason.delete(i);
    if (reason.startsWith('caption') && e.name !== 'figcaption') fl[i]! &= ~F_CAPTION;
    if (reason.startsWith('byline')) fl[i]! &= ~F_AUTHOR;
  }
  // Teaser cards: a small element holding one headline link and a little
  // prose (a summary). The headline is a heading, or else a linked block that
  // comes first. Counted only when the page has several, as index pages and
  // "more stories" rails do; a lone short article with a linked title stays.
  const card = new Uint8Array(n);
  let cards = 0;
  let cardProse = 0;
  for (let i = 0; i < n; i++) {
    if (prose[i]! <= 0 || prose[i]! > CARD_MAX_PROSE || ownChars[i]! >= chars[i]!) continue;
    const byHeading = headLinks[i] === 1;
    const byBlock = headLinks[i] === 0 && blockLinks[i] === 1 && firstText[i] === blockLinkAt[i];
    if (!byHeading && !byBlock) continue;
    const p = par[i]!;
    card[i] = 1;
    if (p < 0 || !card[p]) {
      cards++;
      cardProse += prose[i]!;
    }
  }
  if (cards < MIN_CARDS) {
    card.fill(0);
    cards = 0;
    cardProse = 0;
  }
  return {
    els,
    parent: par,
    size,
    flags: fl,
    neg: Uint8Array.from(neg),
    negReason,
    ownChars: Float64Array.from(ownChars),
    ownLink: Float64Array.from(ownLink),
    ownInLink: Float64Array.from(ownInLink),
    ownPunct: Float64Array.from(ownPunct),
    chars,
    link,
    inLink,
    weight,
    prose,
    card,
    cards,
    cardProse,
    head,
    body,
  };
}

/**
 * A block whose link is a few words of a sentence ("Very brief <a>tales for the week</a>."): words of its own outside
 * the link, and a full stop at its end.
 */
function linkInSentence(e: Element, unlinked: number): boolean {
  if (unlinked < 8) return false;
  const t = shortText(e, 300);
  return t !== null && /[^.]\.["'”’)]?$/.test(t.trim());
}

/**
 * The prose under element i: for a block, the text of its prose blocks; for an inline element (whose text counts
 * towards its block's), its text outside links.
 */
export function proseOf(a: Analysis, i: number): number {
  return a.flags[i]! & F_BLOCK ? a.prose[i]! : a.chars[i]! - a.link[i]!;
}

/**
 * Content weight of one text block: its non-link characters, less a penalty
 * for link text and a fixed cost per block, so runs of short or link-heavy
 * blocks (menus, teasers, share bars) weigh less than nothing while prose
 * paragraphs weigh about their length. Headings are neutral.
 */
export function blockWeight(chars: number, linkChars: number, inLinkChars: number, punct: number, flags: number): number {
  if (flags & F_HEADING) return 0;
  if (flags & F_NOTICE) return -chars;
  const text = chars - linkChars;
  // Links to the site's own pages (menus, related stories) cost more than
  // links out (sources, shops). Table cells are short by nature: no per-block
  // cost, so data tables count.
  let w = text - INTERNAL_LINK_COST * inLinkChars - EXTERNAL_LINK_COST * (linkChars - inLinkChars) - (flags & F_CELL ? 0 : BLOCK_COST);
  // sentence punctuation is a sign of prose
  if (text >= PROSE_MIN_CHARS && punct > 0) w += Math.min(punct, PUNCT_CAP) * PUNCT_BONUS;
  return w;
}

/** Words of a section anchor: an id of this many words or more that spells the section's heading is an anchor. */
const ANCHOR_MIN_WORDS = 3;

function slug(s: string): string {
  return s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-+|-+$/g, '');
}

/** How many elements into a section its heading is looked for (a section's heading opens it; the scan stays linear). */
const ANCHOR_REACH = 50;

/** Whether `id` on element i (of `n` elements with its subtree) spells the text of the first heading under it. */
function anchorOfHeading(els: Element[], flags: Uint16Array, i: number, n: number, id: string): boolean {
  const want = slug(id);
  if (want.split('-').length < ANCHOR_MIN_WORDS) return false;
  for (let j = i + 1; j < i + Math.min(n, ANCHOR_REACH + 1); j++) {
    if (!(flags[j]! & F_HEADING)) continue;
    const t = shortText(els[j]!, 300);
    return t !== null && slug(t) === want;
  }
  return false;
}
