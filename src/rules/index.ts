/** The rule registry, in the order rules run: raw text, then HTML, then body blocks (positional rules first). */
import type { Rule } from './define-rule.js';
import { rawRules } from './raw.js';
import { contentZones } from './text-zones.js';
import { inboxTemplates } from './inbox-templates.js';
import { underlinedLinks } from './underlined-links.js';
import { linkReferences } from './link-references.js';
import { htmlRules } from './html.js';
import { mainContent } from './page.js';
import { copyrightLine, gluedBoilerplate, legalFooter, pressReleaseFooter, syndicationHeader } from './text/syndication.js';
import { cookieNotice, newsletterPrompt, relatedLinks, shareWidgets, sourceLink, uiStrings } from './text/widgets.js';
import { bylineRule, dateLineRule, headline, sectionLabel } from './text/header.js';
import { agencySignoff, wireCredits } from './text/credits.js';
import { inboxTemplateBlocks } from './text/templates.js';
import { datelineRule, htmlEntities, photoCaption, separatorLines, subheads, tagLine, truncationMarker } from './text/body.js';
import { ConfigError } from '../errors.js';

export type { Rule, RawRule, HtmlRule, TextRule, RuleContext, RuleInfo, Stage } from './define-rule.js';
export { defineRule } from './define-rule.js';

export const rules: readonly Rule[] = Object.freeze([
  ...rawRules,
  underlinedLinks,
  linkReferences,
  contentZones,
  inboxTemplates,
  mainContent,
  ...htmlRules,
  // body blocks: encoding first, then hard wrappers, footer zone, widgets, header zone, then body-wide rules
  htmlEntities,
  gluedBoilerplate,
  syndicationHeader,
  pressReleaseFooter,
  legalFooter,
  truncationMarker,
  sourceLink,
  copyrightLine,
  wireCredits,
  agencySignoff,
  shareWidgets,
  newsletterPrompt,
  relatedLinks,
  uiStrings,
  cookieNotice,
  inboxTemplateBlocks,
  headline,
  sectionLabel,
  dateLineRule,
  bylineRule,
  photoCaption,
  datelineRule,
  subheads,
  tagLine,
  separatorLines,
]);

/** Resolves --disable entries (ids, names, tag:NAME) to the set of rule ids switched off. Unknown entries throw. */
export function disabledRuleIds(disable: readonly string[]): Set<string> {
  const off = new Set<string>();
  for (const raw of disable) {
    const key = raw.trim();
    if (!key) continue;
    let hit = false;
    if (key.toLowerCase().startsWith('tag:')) {
      const tag = key.slice(4).toLowerCase();
      for (const r of rules) if (r.tags.includes(tag)) (off.add(r.id), (hit = true));
    } else {
      for (const r of rules) if (r.id.toLowerCase() === key.toLowerCase() || r.name === key.toLowerCase()) (off.add(r.id), (hit = true));
    }
    if (!hit) throw new ConfigError(`unknown rule "${key}" (see --list-rules)`);
  }
  return off;
}

export function findRule(key: string): Rule | undefined {
  const k = key.toLowerCase();
  return rules.find((r) => r.id.toLowerCase() === k || r.name === k);
}
