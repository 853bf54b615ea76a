/** Whole saved pages: keep only the article (NC100), found by the main-content extractor in src/extract/. */
import { defineRule } from './define-rule.js';
import { extractArticle } from '../extract/index.js';
import { InputError } from '../errors.js';
import { TRUST } from '../metadata/collector.js';
import { bylineAuthors } from '../metadata/html-meta.js';
import { publishedDateIn } from '../model/byline.js';

/** Removals of the article's own byline line (by its words or its element's class), not a byline outside the article. */
const OWN_BYLINE = /^(?:byline|boilerplate by class\/id\/tag: byline\b)/;
/** ... and of its date or details line, which names the writer only with a "by" ("By Jane Doe, 18 August 2031"). */
const OWN_DETAILS = /^(?:date|boilerplate by class\/id\/tag: (?:date|dateline|metadata)\b)/;
/** ... and the post's filing line ("Posted in News on August 9, 2012") or its header, which may show its date. */
const OWN_FILING = /^(?:post filing line|boilerplate by class\/id\/tag: header\b)/;
/** A byline or date region the extractor left outside the article: the article's own when the page has one of its kind alone. */
const OUTSIDE_LINE = /^outside the article: (?:byline|date|dateline)\b/;
/** The longest removed line read for a date: a byline or a date line, not a paragraph that mentions one. */
const DATE_LINE_MAX = 160;
/** A line by the headline read for a date: this many words at most, unless it opens as a post's details line. */
const DATE_LINE_WORDS = 12;
const DETAILS_START = /^(?:posted|published|updated|written|filed|by)\b/i;
/** A byline's opening: "By Jane Doe", "Written by: jdoe". */
const BY_START = /^(?:(?:written|posted|reported)\s+)?by:?\s+\S/i;

export const mainContent = defineRule({
  id: 'NC100',
  name: 'main-content',
  stage: 'html',
  tags: ['page', 'html'],
  description: 'On a whole saved page, keeps only the article (scored by text and link density, structure and hints) and drops navigation, banners, related stories, comments and footers; the byline and date lines of the article it takes out (or a date line by the headline) give the writer and the date when the metadata of the page has none; a page with no article gets the error no-article.',
  formats: ['html-page'],
  apply(dom, ctx) {
    const result = extractArticle(dom);
    for (const r of result.removed) ctx.removed(r.text, `removed (${r.what})`);
    // the article's own byline and date lines the extractor took out: inside the article, else the one byline or date
    // region outside it (several are other stories')
    const alone = (kind: RegExp) => {
      const found = result.removed.filter((r) => OUTSIDE_LINE.test(r.what) && kind.test(r.what));
      return found.length === 1 ? found : [];
    };
    const own = result.removed.filter((r) => !OUTSIDE_LINE.test(r.what)).concat(alone(/: byline\b/), alone(/: date(?:line)?\b/));
    // a page whose metadata names no writer: the byline line the extractor took out of the article names them
    if (!ctx.meta.has('author')) {
      for (const r of own) {
        const details = OWN_DETAILS.test(r.what) || OWN_FILING.test(r.what);
        if (!details && !OWN_BYLINE.test(r.what) && !OUTSIDE_LINE.test(r.what)) continue;
        // (a post's header names its writer with the date after the name, "… by Jane Doe on May 3, 2031": a
        // headline may end "… by John Cleese")
        if (OWN_FILING.test(r.what) && publishedDateIn(r.text.slice(r.text.search(/\bby\b/i) + 1), false) === null) continue;
        const found = bylineAuthors(r.text, ctx.meta.get('publisher'), details);
        if (found.source) ctx.meta.offer('source', found.source, TRUST.text);
        if (found.names.length === 0) continue;
        ctx.meta.offer('author', found.names.join(', '), TRUST.text);
        if (found.names.length > 1) ctx.meta.add('contributors', found.names.map((n) => `${n} (byline)`));
        break;
      }
    }
    // ... else the first short line by the headline that opens with "By" (a byline the extractor kept, or one outside it)
    if (!ctx.meta.has('author')) {
      for (const line of result.headerLines ?? []) {
        if (!BY_START.test(line)) continue;
        const found = bylineAuthors(line, ctx.meta.get('publisher'), true);
        if (found.names.length === 0) continue;
        ctx.meta.offer('author', found.names.join(', '), TRUST.inferred);
        if (found.names.length > 1) ctx.meta.add('contributors', found.names.map((n) => `${n} (byline)`));
        break;
      }
    }
    // ... and no date: the first of those lines (or the post's filing line) that shows one, not an update's
    if (!ctx.meta.has('date')) {
      for (const r of own) {
        if (r.text.length > DATE_LINE_MAX || !(OWN_DETAILS.test(r.what) || OWN_BYLINE.test(r.what) || OWN_FILING.test(r.what) || OUTSIDE_LINE.test(r.what))) continue;
        const iso = publishedDateIn(r.text, r.text.length <= 40);
        if (iso === null) continue;
        ctx.meta.offer('date', iso, TRUST.text);
        break;
      }
    }
    // ... else the first short line by the headline that shows one (a date line the extractor kept, or one outside it)
    if (!ctx.meta.has('date')) {
      for (const line of result.headerLines ?? []) {
        // (a date line, or a post's details line: not a caption or a sentence that names a day)
        if (line.split(/\s+/).length > DATE_LINE_WORDS && !DETAILS_START.test(line)) continue;
        const iso = publishedDateIn(line, line.length <= 40);
        if (iso === null) continue;
        ctx.meta.offer('date', iso, TRUST.inferred);
        break;
      }
    }
    if (result.status === 'no-article' || !result.root) {
      throw new InputError('no-article', `no article found on this page${result.reason ? `: ${result.reason}` : ''}`);
    }
    const root = result.root;
    root.parent = dom;
    root.prev = null;
    root.next = null;
    dom.children = [root];
  },
});
