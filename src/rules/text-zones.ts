/**
 * The content-zone model as a rule (NC004): on plain text (and Markdown without front matter) every line is scored
 * by the model of ../model/zones.ts, and the lines of the site around the article — menus, share and sign-up lines,
 * related links, reader comments, footers — are removed whole, each run of removed lines recorded with the
 * model's score. The headline, byline and date lines nearest above the article are kept for the header rules.
 */
import { defineRule } from './define-rule.js';
import { scoreText, THRESHOLD } from '../model/zones.js';
import { articleLines } from '../model/decide.js';
import { hasFrontMatter } from '../pipeline/front-matter.js';

export const contentZones = defineRule({
  id: 'NC004',
  name: 'content-zones',
  stage: 'raw',
  tags: ['chrome', 'model'],
  formats: ['text', 'markdown'],
  description:
    'Plain text with site chrome: a line model (fitted on development pages) scores every line as article or site; menus, share lines, related links, comments and footers are removed whole, with their score.',
  apply(text, ctx) {
    if (ctx.format === 'markdown' && hasFrontMatter(text)) return text;
    const scored = scoreText(text, { markdown: ctx.format === 'markdown' });
    const decision = articleLines(scored, THRESHOLD);
    if (!decision.removed.length) return text;
    for (const run of decision.removed) ctx.removed(run.text, `removed (article score ${run.score.toFixed(2)})`);
    return decision.text;
  },
});
