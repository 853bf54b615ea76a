/** Whole saved pages: keep only the article (NC100), found by the main-content extractor in src/extract/. */
import { defineRule } from './define-rule.js';
import { extractArticle } from '../extract/index.js';
import { InputError } from '../errors.js';

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
