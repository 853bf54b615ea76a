/** Front-matter keys (WordPress/Jekyll exports, Hugo, newsclean's own output) → metadata candidates. */
import { decodeHTMLStrict } from 'entities';
import type { MetaCollector } from './collector.js';
import { TRUST } from './collector.js';
import { normalizeDate } from './dates.js';

type Data = Record<string, unknown>;

function scalar(v: unknown): string | undefined {
  if (v === null || v === undefined) return undefined;
  if (Array.isArray(v)) return scalar(v[0]);
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? undefined : v.toISOString();
  if (typeof v === 'string') return clean(v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (typeof v === 'object') {
    const o = v as Data;
    return scalar(o.name ?? o.title ?? o.url ?? o['@id']);
  }
  return undefined;
}

function list(v: unknown): string[] {
  if (v === null || v === undefined) return [];
  if (Array.isArray(v)) return v.flatMap((x) => list(x));
  if (typeof v === 'string') return v.includes(',') && !/\(/.test(v) ? v.split(',').map(clean).filter(Boolean) : [clean(v)].filter(Boolean);
  const s = scalar(v);
  return s ? [s] : [];
}

function clean(s: string): string {
  let out = s.replace(/\s+/g, ' ').trim();
  for (let k = 0; k < 3 && /&(?:#\d{1,7}|#x[0-9a-f]{1,6}|[a-z][a-z0-9]{1,31});/i.test(out); k++) out = decodeHTMLStrict(out);
  return out;
}

function first(data: Data, keys: string[]): unknown {
  for (const k of keys) {
    const v = data[k];
    if (v !== undefined && v !== null && v !== '' && !(Array.isArray(v) && v.length === 0)) return v;
  }
  return undefined;
}

const KEYS = {
  title: ['title', 'post_title', 'headline', 'original_title', 'name'],
  author: ['author', 'post_author', 'authors', 'byline', 'creator', 'dc.creator', 'writer'],
  date: ['date', 'post_date', 'published', 'published_at', 'publishDate', 'pubDate', 'datePublished', 'date_published', 'publishedTime', 'created', 'created_at'],
  dateGmt: ['post_date_gmt', 'date_gmt'],
  url: ['url', 'canonical_url', 'canonical', 'original_link', 'original_url', 'source_url', 'link'],
  permalink: ['permalink', 'guid'],
  source: ['source', 'agency', 'wire'],
  publisher: ['publisher', 'site_name', 'outlet', 'site', 'publication'],
  syndicator: ['syndicator'],
  dateline: ['dateline'],
  section: ['section', 'category', 'original_cats', 'categories'],
  language: ['language', 'lang', 'locale'],
  id: ['id', 'ID', 'post_id', 'uuid'],
  image: ['image', 'featured_image', 'thumbnail', 'og_image'],
  description: ['description', 'post_excerpt', 'excerpt', 'summary', 'subtitle', 'dek'],
  rights: ['rights', 'copyright'],
} as const;

/** Offers every known key of a front matter to the collector, at front-matter trust. */
export function offerFrontMatter(data: Data, meta: MetaCollector): void {
  const t = TRUST.frontMatter;
  meta.offer('title', scalar(first(data, [...KEYS.title])), t);
  const authors = list(first(data, [...KEYS.author]));
  meta.offer('author', authors[0], t);
  const date = first(data, [...KEYS.date]);
  const gmt = first(data, [...KEYS.dateGmt]);
  const iso = normalizeDate(date instanceof Date ? date : scalar(date));
  if (iso) meta.offer('date', iso, t);
  else if (gmt) {
    const g = normalizeDate(scalar(gmt));
    if (g) meta.offer('date', /[Z+-]\d{0,2}:?\d{0,2}$/.test(g) && g.length > 19 ? g : `${g}Z`, t);
  }
  // the canonical / original article: canonical_url and original_link both point at the wire copy in WP Automatic exports
  meta.offer('url', scalar(first(data, ['url', 'canonical_url', 'canonical'])), t);
  meta.offer('url', scalar(first(data, ['original_link', 'original_url', 'source_url', 'link'])), t - 1);
  meta.offer('permalink', scalar(first(data, [...KEYS.permalink])), t);
  for (const key of ['source', 'publisher', 'syndicator', 'dateline', 'language', 'id', 'image', 'description', 'rights'] as const) {
    meta.offer(key, scalar(first(data, [...KEYS[key]])), t);
  }
  const sections = list(first(data, [...KEYS.section]));
  meta.offer('section', sections[0], t);
  if (sections.length > 1) meta.add('categories', sections);
  meta.add('categories', list(data.categories));
  meta.add('tags', list(first(data, ['tags', 'keywords', 'post_tag'])));
  meta.add('contributors', list(data.contributors));
  meta.add('photo_credits', list(data.photo_credits));
  if (authors.length > 1) meta.add('contributors', authors);
  if (data.truncated === true) meta.flag('truncated');
}
