/**
 * Metadata candidates from every place they occur, resolved by a fixed order of trust (highest first):
 *
 *   1. front matter (100)  WordPress/Jekyll/Hugo keys: title/post_title, author, date/post_date, permalink,
 *                          canonical_url/original_link, original_cats, lang, …
 *   2. JSON-LD      (90)   NewsArticle headline, datePublished, author, publisher, inLanguage
 *   3. Open Graph   (80)   og:title, og:url, og:site_name, article:published_time, article:author, og:locale
 *   4. <meta>       (70)   author, date/pubdate, description, dc.*, content-language
 *   5. HTML markup  (60)   <link rel=canonical>, <time datetime>, .byline/.author elements, lang attributes,
 *                          Reuters span.articleLocation
 *   6. the text     (50)   header zone: headline, "By …" bylines, date lines (July 16, 2016 · 16 July 2016 ·
 *                          2016-07-16 · 20/07/2016), section labels; lead: datelines with and without an agency,
 *                          (MENAFN- …), /PRNewswire/ leads; footer: credit trailers, agency or person sign-offs,
 *                          SOURCE lines, copyright holders, "Source: X"
 *   7. inferred     (30)   the agency behind a wire URL, the rights holder, "Source: <outlet>", a title's
 *                          site suffix (publisher), the writer of a credit trailer (author), detected language
 *
 * Equal trust: the first offer wins. Placeholder authors (Staff Writer, admin, Web Desk, …) are never taken, at any
 * trust, so a named credit anywhere beats them. Lists (contributors, photo_credits, tags, categories) collect every
 * distinct value in the order seen.
 */
import type { Metadata } from '../types.js';
import { isPlaceholderAuthor } from './names.js';
import { foldSpaces } from '../text/spaces.js';

export const TRUST = {
  frontMatter: 100,
  jsonLd: 90,
  openGraph: 80,
  meta: 70,
  html: 60,
  text: 50,
  inferred: 30,
} as const;

type ScalarKey = {
  [K in keyof Metadata]-?: Metadata[K] extends string | undefined ? K : never;
}[keyof Metadata];
type ListKey = 'contributors' | 'photo_credits' | 'tags' | 'categories';

interface Candidate {
  value: string;
  trust: number;
  order: number;
}

export class MetaCollector {
  private readonly scalars = new Map<ScalarKey, Candidate[]>();
  private readonly lists = new Map<ListKey, string[]>();
  /** Each list's values lower-cased, for the repeat test. */
  private readonly seen = new Map<ListKey, Set<string>>();
  private readonly flags: Partial<Pick<Metadata, 'truncated' | 'needs_review'>> = {};
  private order = 0;

  /** Offers a value for a key; the most trusted (then the first offered) wins. Empty values are ignored. */
  offer(key: ScalarKey, value: string | undefined | null, trust: number): void {
    if (value === undefined || value === null) return;
    const v = foldSpaces(String(value)).trim();
    if (!v) return;
    if (key === 'author' && isPlaceholderAuthor(v)) return;
    const list = this.scalars.get(key) ?? [];
    list.push({ value: v, trust, order: this.order++ });
    this.scalars.set(key, list);
  }

  /** Adds values to a list key, keeping first-seen order and dropping repeats (case-insensitive, one set lookup each). */
  add(key: ListKey, values: Array<string | undefined | null>): void {
    const list = this.lists.get(key) ?? [];
    let seen = this.seen.get(key);
    if (!seen) this.seen.set(key, (seen = new Set(list.map((x) => x.toLowerCase()))));
    for (const raw of values) {
      if (raw === undefined || raw === null) continue;
      const v = foldSpaces(String(raw)).trim();
      const lower = v.toLowerCase();
      if (v && !seen.has(lower)) {
        seen.add(lower);
        list.push(v);
      }
    }
    this.lists.set(key, list);
  }

  flag(key: 'truncated' | 'needs_review'): void {
    this.flags[key] = true;
  }

  get(key: ScalarKey): string | undefined {
    const list = this.scalars.get(key);
    if (!list || list.length === 0) return undefined;
    let best = list[0]!;
    for (const c of list) if (c.trust > best.trust || (c.trust === best.trust && c.order < best.order)) best = c;
    return best.value;
  }

  has(key: ScalarKey): boolean {
    return this.get(key) !== undefined;
  }

  getList(key: ListKey): string[] {
    return [...(this.lists.get(key) ?? [])];
  }

  resolve(): Metadata {
    const m: Metadata = {};
    for (const key of this.scalars.keys()) {
      const v = this.get(key);
      if (v !== undefined) (m as Record<string, unknown>)[key] = v;
    }
    for (const [key, list] of this.lists) if (list.length > 0) (m as Record<string, unknown>)[key] = [...list];
    Object.assign(m, this.flags);
    return m;
  }
}
