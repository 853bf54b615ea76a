/**
 * Metadata inside HTML fragments and WordPress/Jekyll export bodies: what a fragment carries of a page's head
 * (<meta>, <link rel=canonical>, JSON-LD), <time datetime>, byline elements and a lang attribute. Whole pages are
 * read by the page metadata reader; this covers the pieces of HTML that have no <head>.
 */
import type { Document, Element } from 'domhandler';
import { findAll, hintOf, textOf } from '../html/dom.js';
import type { MetaCollector } from './collector.js';
import { TRUST } from './collector.js';
import { normalizeDate } from './dates.js';
import { canonicalAgency, isPlaceholderAuthor } from './names.js';

type Key = 'title' | 'author' | 'date' | 'url' | 'publisher' | 'image' | 'description' | 'section' | 'language' | 'source';

/** <meta> names and properties → metadata key and trust. */
const META: Record<string, [Key, number]> = {
  'og:title': ['title', TRUST.openGraph],
  'og:url': ['url', TRUST.openGraph],
  'og:site_name': ['publisher', TRUST.openGraph],
  'og:image': ['image', TRUST.openGraph],
  'og:description': ['description', TRUST.openGraph],
  'og:locale': ['language', TRUST.openGraph],
  'article:published_time': ['date', TRUST.openGraph],
  'article:section': ['section', TRUST.openGraph],
  'article:author': ['author', TRUST.openGraph],
  author: ['author', TRUST.meta],
  'dc.creator': ['author', TRUST.meta],
  byl: ['author', TRUST.meta],
  description: ['description', TRUST.meta],
  date: ['date', TRUST.meta],
  pubdate: ['date', TRUST.meta],
  'publish-date': ['date', TRUST.meta],
  publish_date: ['date', TRUST.meta],
  'dc.date': ['date', TRUST.meta],
  'dcterms.created': ['date', TRUST.meta],
  'dc.language': ['language', TRUST.meta],
  language: ['language', TRUST.meta],
  'content-language': ['language', TRUST.meta],
  section: ['section', TRUST.meta],
  'twitter:title': ['title', TRUST.meta],
};

const BYLINE_HINT = /(?:^|[\s_-])(?:byline|by-line|author|author-name|writer|reporter|article-author|post-author|entry-author|vcard|fn)(?:$|[\s_-])/;
const NOT_BYLINE = /(?:^|[\s_-])(?:author-bio|author-box|author-description|about-author|bio)(?:$|[\s_-])/;
const UPDATED_HINT = /updated|modified|revised/i;

function offerValue(meta: MetaCollector, key: Key, raw: string | undefined, trust: number): void {
  if (!raw) return;
  const v = raw.replace(/\s+/g, ' ').trim();
  if (!v || v.length > 2000) return;
  switch (key) {
    case 'date': {
      const iso = normalizeDate(v);
      if (iso) meta.offer('date', iso, trust);
      return;
    }
    case 'language': {
      const lang = /^([a-z]{2,3})(?:[-_]([A-Za-z]{2}|\d{3}))?$/i.exec(v);
      if (lang) meta.offer('language', lang[1]!.toLowerCase(), trust);
      return;
    }
    case 'author':
      if (/^https?:\/\//.test(v)) return;
      for (const name of authorNames(v)) {
        const agency = canonicalAgency(name);
        if (agency) meta.offer('source', agency, trust);
        else {
          meta.offer('author', name, trust);
          return;
        }
      }
      return;
    default:
      meta.offer(key, v, trust);
  }
}

/** "By Jane Doe and John Smith, Reuters" → ["Jane Doe", "John Smith", "Reuters"]. */
export function authorNames(text: string): string[] {
  const t = text.replace(/\s+/g, ' ').trim().replace(/^(?:by|written by|posted by)\s+/i, '');
  if (!t || t.length > 200) return [];
  return t
    .split(/\s*(?:,|;|\band\b|&|\||\/)\s*/)
    .map((p) => p.trim())
    .filter((p) => p && !isPlaceholderAuthor(p) && /^\p{Lu}/u.test(p) && p.split(' ').length <= 5 && !/\d/.test(p));
}

function jsonLd(el: Element, meta: MetaCollector): void {
  const src = textOf(el, 200_000);
  if (!src || src.length > 200_000) return;
  let data: unknown;
  try {
    data = JSON.parse(src);
  } catch {
    return;
  }
  const items: unknown[] = Array.isArray(data) ? data : [data];
  const graph = items.flatMap((x) => (x && typeof x === 'object' && Array.isArray((x as Record<string, unknown>)['@graph']) ? ((x as Record<string, unknown>)['@graph'] as unknown[]) : [x]));
  for (const item of graph.slice(0, 20)) {
    if (!item || typeof item !== 'object') continue;
    const o = item as Record<string, unknown>;
    const type = String(o['@type'] ?? '');
    if (!/Article|Posting|Report/i.test(type)) continue;
    const t = TRUST.jsonLd;
    const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : v && typeof v === 'object' && typeof (v as Record<string, unknown>).name === 'string' ? ((v as Record<string, unknown>).name as string) : undefined);
    offerValue(meta, 'title', str(o.headline), t);
    offerValue(meta, 'date', str(o.datePublished), t);
    offerValue(meta, 'url', str(o.url) ?? str(o.mainEntityOfPage), t);
    offerValue(meta, 'section', str(o.articleSection), t);
    offerValue(meta, 'description', str(o.description), t);
    offerValue(meta, 'language', str(o.inLanguage), t);
    offerValue(meta, 'publisher', str(o.publisher), t);
    const authors = Array.isArray(o.author) ? o.author : [o.author];
    for (const a of authors.slice(0, 10)) offerValue(meta, 'author', str(a), t);
    return;
  }
}

/**
 * Reads the metadata a fragment carries and returns the elements that are metadata only (byline and date
 * elements), for the caller to remove from the body.
 */
export function readFragmentMetadata(dom: Document, meta: MetaCollector): Element[] {
  const remove: Element[] = [];
  for (const el of findAll(dom, (e) => e.name === 'meta' || e.name === 'link' || (e.name === 'script' && /ld\+json/i.test(e.attribs.type ?? '')))) {
    const a = el.attribs;
    if (el.name === 'script') jsonLd(el, meta);
    else if (el.name === 'link') {
      if (/(?:^|\s)canonical(?:\s|$)/i.test(a.rel ?? '') && a.href && /^https?:\/\//i.test(a.href)) meta.offer('url', a.href, TRUST.html);
    } else {
      const name = (a.property ?? a.name ?? a['http-equiv'] ?? a.itemprop ?? '').toLowerCase().trim();
      const hit = META[name];
      if (hit) offerValue(meta, hit[0], a.content, hit[1]);
      else if (name === 'article:tag' || name === 'keywords' || name === 'news_keywords') meta.add('tags', (a.content ?? '').split(',').map((s) => s.trim()).slice(0, 50));
      else if (name === 'datepublished') offerValue(meta, 'date', a.content, TRUST.html);
    }
  }
  const langOwner = findAll(dom, (e) => Boolean(e.attribs.lang), true)[0];
  if (langOwner && (langOwner.name === 'html' || langOwner.name === 'article' || langOwner.name === 'body' || langOwner.parent?.type === 'root')) {
    offerValue(meta, 'language', langOwner.attribs.lang, TRUST.html);
  }
  // <time datetime>: the first one that is not an "updated" stamp is the publication time
  for (const el of findAll(dom, (e) => e.name === 'time' || e.attribs.itemprop === 'datePublished')) {
    const when = el.attribs.datetime ?? el.attribs.content;
    const context = `${hintOf(el)} ${el.parent && 'attribs' in el.parent ? hintOf(el.parent as Element) : ''}`;
    const updated = UPDATED_HINT.test(context) || /^\s*(?:updated|modified)/i.test(textOf(el.parent ?? el, 40));
    if (when && !updated) offerValue(meta, 'date', when, TRUST.html);
    // a date that stands alone (or in a "Posted on …" line) is metadata, not article text
    // (the element or its short host line goes; a date inside a sentence stays where it is)
    const host = el.parent && 'attribs' in el.parent ? (el.parent as Element) : null;
    const hostText = host ? textOf(host, 200) : '';
    const own = textOf(el, 200);
    if (host && host.name !== 'body' && host.name !== 'article' && hostText.split(' ').length <= 8 && !/[.!?]$/.test(hostText)) remove.push(host);
    else if (!host || hostText === own) remove.push(el);
  }
  // byline elements: <p class="byline">By Jane Doe</p>, <span class="author">Jane Doe</span>, <a rel="author">
  for (const el of findAll(dom, (e) => e.name !== 'body' && e.name !== 'article' && e.name !== 'html' && e.name !== 'main' && (BYLINE_HINT.test(hintOf(e)) || /\bauthor\b/i.test(e.attribs.rel ?? '')) && !NOT_BYLINE.test(hintOf(e)), true)) {
    const text = textOf(el, 300);
    if (!text || text.split(' ').length > 14 || /[.!?]$/.test(text.replace(/\b\p{Lu}\.$/u, ''))) continue;
    const names = authorNames(text.replace(/\s*(?:[|•·]|\s[-–—]\s).*$/, ''));
    let offered = false;
    for (const n of names) {
      const agency = canonicalAgency(n);
      if (agency) meta.offer('source', agency, TRUST.html);
      else if (!offered) {
        meta.offer('author', n, TRUST.html);
        offered = true;
      } else meta.add('contributors', [`${n} (byline)`]);
    }
    if (names.length > 0 || /^by\s/i.test(text) || isPlaceholderAuthor(text)) remove.push(el);
  }
  // an element inside another one that goes is not removed twice
  const set = new Set(remove);
  return remove.filter((el, i) => remove.indexOf(el) === i && !hasAncestorIn(el, set));
}

function hasAncestorIn(el: Element, set: Set<Element>): boolean {
  let p = el.parent;
  for (let k = 0; p && k < 10_000; k++, p = p.parent) if (set.has(p as Element)) return true;
  return false;
}
