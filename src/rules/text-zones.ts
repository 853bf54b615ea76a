/**
 * The content-zone model as a rule (NC004): on plain text (and Markdown without front matter) every line is scored
 * by the model of ../model/zones.ts, and the lines of the site around the article — menus, share and sign-up lines,
 * related links, reader comments, footers — are removed whole, each run of removed lines recorded with the
 * model's score. The headline, byline and date lines nearest above the article are kept for the header rules. A text
 * wrapped far from the width the model was fitted on is wrapped again at that width first (../model/unwrap.ts), one
 * without blank lines between its paragraphs gets them (../model/paragraphs.ts), and what the model keeps of it is
 * the text that goes on.
 */
import { defineRule } from './define-rule.js';
import { scoreText, THRESHOLD } from '../model/zones.js';
import { modelInput } from '../model/paragraphs.js';
import { joinInlineSplits } from '../model/inline-splits.js';
import { articleLines, hasChrome, mayHaveChrome, type Removed } from '../model/decide.js';
import { hasFrontMatter } from '../pipeline/front-matter.js';
import { TRUST } from '../metadata/collector.js';
import { siteKey } from '../metadata/site-names.js';
import type { Line } from '../model/lines.js';

/** A headline's last part after a dash ("Headline – Site"): a site's name when the text shows it elsewhere. */
const DASH_END = /^(.{10,}?)\s+[-–—]\s+([^-–—|]{2,60})$/u;
const RIGHTS = /©|\(c\)|\bcopyright\b/i;

/**
 * The site's name after a dash at the end of the headline, when another line of the text names the site: a line
 * that is the name alone (a banner, a logo's text) or a rights line that holds it ("© 2012 Site"). A dash in a
 * headline is as often the headline's own, so the name must be shown: the publisher then, whose name the
 * metadata's last step cuts from the title (../metadata/finish.ts).
 */
function siteShown(title: string, units: readonly Line[], own: ReadonlySet<number>): string | null {
  const m = DASH_END.exec(title.trim());
  if (!m) return null;
  const name = m[2]!.trim();
  const key = siteKey(name);
  if (key.length < 3 || name.split(/\s+/).length > 5) return null;
  for (let j = 0; j < units.length; j++) {
    if (own.has(j)) continue;
    const u = units[j]!;
    const k = siteKey(u.text);
    // (the name alone: a block of its own, not the end of a sentence wrapped onto its own line)
    const alone = u.block !== units[j - 1]?.block && u.block !== units[j + 1]?.block && !u.terminal;
    if ((k === key && alone) || (RIGHTS.test(u.text) && k.includes(key) && u.words <= 20)) return name;
  }
  return null;
}

/** The removal record's action for a run of removed lines. */
function removal(r: Removed): string {
  const score = `article score ${r.score.toFixed(2)}`;
  if (r.comments !== undefined) return `removed (reader comments under ${JSON.stringify(r.comments)}, ${score})`;
  if (r.postEnd !== undefined) return `removed (under the post's end ${JSON.stringify(r.postEnd)}, ${score})`;
  if (r.aboveHeadline) return `removed (above the article's headline, ${score})`;
  return r.outside ? `removed (outside the article's span, ${score})` : `removed (${score})`;
}

export const contentZones = defineRule({
  id: 'NC004',
  name: 'content-zones',
  stage: 'raw',
  tags: ['chrome', 'model'],
  formats: ['text', 'markdown'],
  description:
    'Plain text with site chrome: a line model (fitted on development pages) scores every line as article or site; menus, share lines, related links, comments and footers are removed whole, with their score.',
  apply(text, ctx) {
    if (!mayHaveChrome(text) || (ctx.format === 'markdown' && hasFrontMatter(text))) return text;
    // a text broken at its inline elements (a page's text nodes one to a line) goes on with its sentences whole,
    // whatever the model finds; plain text wrapped far from the model's width is read (and kept) as wrapped at that
    // width, and with blank lines between its paragraphs when it has none
    const whole = ctx.format === 'text' ? (joinInlineSplits(text) ?? text) : text;
    const input = modelInput(whole, ctx.format, true);
    const scored = scoreText(input, { markdown: ctx.format === 'markdown' });
    if (!hasChrome(scored, THRESHOLD)) return whole;
    const decision = articleLines(scored, THRESHOLD, {}, ctx.templates);
    const { title, author, date, site } = decision.header;
    if (title) ctx.meta.offer('title', title.text, TRUST.text);
    if (site) ctx.meta.offer('publisher', site, TRUST.text);
    else if (title) {
      const shown = siteShown(title.text, scored.doc.units, new Set([...title.units, ...(decision.header.echo ?? [])]));
      if (shown) ctx.meta.offer('publisher', shown, TRUST.text);
    }
    if (author) {
      // co-authors of one byline are all its authors (as a page's byline elements give them)
      if (author.names[0]) ctx.meta.offer('author', author.names.join(', '), TRUST.text);
      if (author.names.length > 1) ctx.meta.add('contributors', author.names.map((n) => `${n} (byline)`));
      if (author.agency) ctx.meta.offer('source', author.agency, TRUST.text);
    }
    if (date) ctx.meta.offer('date', date.iso, TRUST.text);
    if (!decision.removed.length) return whole;
    for (const r of decision.removed) ctx.removed(r.text, r.moved ?? removal(r));
    return decision.text;
  },
});
