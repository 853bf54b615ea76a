/** Whole saved pages: keep only the article (NC100), found by the main-content extractor in src/extract/. */
import { defineRule } from './define-rule.js';
import { extractArticle } from '../extract/index.js';
import { InputError } from '../errors.js';
import { TRUST } from '../metadata/collector.js';
import { bylineAuthors } from '../metadata/html-meta.js';

/** Removals of the article's own byline line (by its words or its element's class), not a byline outside the article. */
const OWN_BYLINE = /^(?:byline|boilerplate by class\/id\/tag: byline\b)/;
/** ... and of its date or details line, which names the writer only with a "by" ("By Jane Doe, 18 August 2031"). */
const OWN_DETAILS = /^(?:date|boilerplate by class\/id\/tag: (?:date|dateline|metadata)\b)/;

export const mainContent = defineRule({
  id: 'NC100',
  name: 'main-content',
  stage: 'html',
  tags: ['page', 'html'],
  description: 'On a whole saved page, keeps only the article (scored by text and link density, structure and hints) and drops navigation, banners, related stories, comments and footers; a page with no article gets the error no-article.',
  formats: ['html-page'],
  apply(dom, ctx) {
    const result = extractArticle(dom);
    for (const r of result.removed) ctx.removed(r.text, `removed (${r.what})`);
    // a page whose metadata names no writer: the byline line the extractor took out of the article names them
    if (!ctx.meta.has('author')) {
      for (const r of result.removed) {
        const details = OWN_DETAILS.test(r.what);
        if (!details && !OWN_BYLINE.test(r.what)) continue;
        const found = bylineAuthors(r.text, ctx.meta.get('publisher'), details);
        if (found.source) ctx.meta.offer('source', found.source, TRUST.text);
        if (found.names.length === 0) continue;
        ctx.meta.offer('author', found.names.join(', '), TRUST.text);
        if (found.names.length > 1) ctx.meta.add('contributors', found.names.map((n) => `${n} (byline)`));
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
