/**
 * Template text across an inbox on whole pages (NC223): the body blocks of an HTML page (or an export's HTML body)
 * whose text the run's first pass found verbatim in several different articles (../../inbox/html-lines.ts,
 * ../../inbox/templates.ts) are removed whole — a site's "about this blog" box, its newsletter or donation prompt, a
 * disclaimer under every post — when the extractor kept them. The decision is NC005's (../inbox-templates.ts): a run
 * of template blocks goes, but its prose stays when the article's own prose follows it (a quotation several articles
 * print, the article's lede shown as a teaser on the site's other pages), and a page that would keep next to nothing
 * is left alone. A run over a single file has no template blocks.
 */
import type { Block } from '../../types.js';
import { defineRule } from '../define-rule.js';
import { keepTemplateRuns, type TemplateUnit } from '../inbox-templates.js';
import { lineHash, lineHashWords, lineKey } from '../../inbox/templates.js';
import { documentLanguage, functionWords } from '../../model/lines.js';
import { dropBlocks, plain, unmark } from './util.js';

/** The texts of a block that the first pass saw as lines: a list's items one by one, any other block whole. */
function blockLines(b: Block): string[] {
  if (b.type === 'list') return b.items.map((it) => unmark(it.text));
  if (b.type === 'table') return b.rows.flat().map(unmark);
  if (b.type === 'rule' || b.type === 'code') return [];
  return [plain(b)];
}

/**
 * A block of fewer words is not taken for the site's template however often it appears: short lines recur in
 * articles of one site by themselves ("Thanks for listening.", "1/2 teaspoon salt", a day's date), and a site's
 * short chrome ("Back to top") is the other rules' business.
 */
const MIN_BLOCK_WORDS = 6;

export const inboxTemplateBlocks = defineRule({
  id: 'NC223',
  name: 'inbox-template-blocks',
  stage: 'text',
  tags: ['chrome', 'inbox'],
  formats: ['html-page', 'html-fragment', 'wp-export'],
  description:
    'On whole pages, body blocks whose text appears verbatim in several different articles of the same run (a blog\'s "about" box, a donation prompt, a disclaimer under every post) are removed as the site\'s template; a passage shared inside prose stays.',
  apply(blocks, ctx) {
    const set = ctx.templates;
    if (!set || set.size === 0) return blocks;
    const texts = blocks.map(blockLines);
    // a block is template text when every line of it that has a key is a template line of the run
    const info: TemplateUnit[] = texts.map((lines) => {
      let keyed = 0;
      let template = 0;
      let words = 0;
      for (const l of lines) {
        const h = lineHash(l);
        if (h < 0) {
          words += l.match(/[\p{L}\p{N}]+/gu)?.length ?? 0;
          continue;
        }
        keyed++;
        words += lineHashWords();
        if (set.has(h)) template++;
      }
      return { template: keyed > 0 && template === keyed && words >= MIN_BLOCK_WORDS, keyed: keyed > 0, words, blank: false };
    });
    if (!info.some((i) => i.template)) return blocks;
    let stops: ReadonlySet<string> | null = null;
    // decided once per block, for the blocks the run decision asks about (0 not yet, 1 prose, 2 not)
    const proseMemo = new Int8Array(blocks.length);
    const isProse = (k: number): boolean => {
      const i = info[k]!;
      if (!i.keyed || i.words < 8 || blocks[k]!.type !== 'paragraph') return false;
      if (proseMemo[k] === 0) {
        stops ??= functionWords(documentLanguage(blocks.map(plain)));
        let n = 0;
        for (const w of lineKey(texts[k]!.join(' '))?.key.split(' ') ?? []) if (stops.has(w)) n++;
        proseMemo[k] = n / i.words >= 0.25 ? 1 : 2;
      }
      return proseMemo[k] === 1;
    };
    const keep = keepTemplateRuns(info, isProse);
    if (keep === null) return blocks;
    const drop: number[] = [];
    keep.forEach((k, i) => k || drop.push(i));
    return dropBlocks(blocks, drop, ctx, 'removed (template: in several articles of this run)');
  },
});
