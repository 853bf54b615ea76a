/**
 * Site names from the titles of a run's pages: a segment that stands at the same end of the titles of several pages
 * ("… « Rand's Blog", "Google News Blog: …", "… — The Endeavour") is the site's name, not part of a headline — the
 * way a reader sees it when the pages lie side by side. Pure functions; the run's first pass adds every whole page's
 * `<title>` (./first-pass.ts), and each page is cleaned knowing the names its own title shows
 * (CleanOptions.titleSites, cut by ../metadata/site-names.ts).
 *
 * A segment counts for a page only when it is the shorter side of its title (a site's name beside a headline, not a
 * headline beside a site's name, as copies of one article on several sites show it), and it is the site's when
 * TITLE_SITE_MIN_PAGES pages show it.
 */
import { decodeHTML } from 'entities';
import { titleEnds } from '../metadata/site-names.js';

/** A segment is a site's name when this many pages of the run show it at the same end of their titles. */
export const TITLE_SITE_MIN_PAGES = 3;
/** A site's name is a few words. */
const MAX_SITE_WORDS = 6;

const TITLE = /<title\b[^>]*>([^<]{1,1000})<\/title\s*>/i;

/** The text of a page's `<title>` (looked for in its first 200,000 characters), or null. */
export function pageTitle(html: string): string | null {
  const m = TITLE.exec(html.length > 200_000 ? html.slice(0, 200_000) : html);
  if (!m) return null;
  const t = (m[1]!.includes('&') ? decodeHTML(m[1]!) : m[1]!).replace(/\s+/g, ' ').trim();
  return t || null;
}

export class TitleSiteIndex {
  private readonly pages: string[][] = [];
  private readonly counts = new Map<string, number>();

  /** Adds a page's title (null: a page without one); returns the page's number. */
  add(title: string | null): number {
    const keys: string[] = [];
    if (title) {
      for (const e of titleEnds(title)) {
        const words = e.segment.split(' ').length;
        const key = `${e.end}:${e.key}`;
        keys.push(key);
        if (words <= MAX_SITE_WORDS && words <= e.rest.split(' ').length) this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
      }
    }
    this.pages.push(keys);
    return this.pages.length - 1;
  }

  /** For each page whose title shows any, the site names (as keys) at its title's ends. */
  sites(): Map<number, string[]> {
    const out = new Map<number, string[]>();
    this.pages.forEach((keys, page) => {
      const names = keys.filter((k) => (this.counts.get(k) ?? 0) >= TITLE_SITE_MIN_PAGES).map((k) => k.slice(k.indexOf(':') + 1));
      if (names.length > 0) out.set(page, [...new Set(names)]);
    });
    return out;
  }
}
