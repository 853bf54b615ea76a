/** Links and widgets around the article: source links, share bars, newsletter prompts, related links, UI strings. */
import { defineRule } from '../define-rule.js';
import { TRUST } from '../../metadata/collector.js';
import { canonicalAgency } from '../../metadata/names.js';
import type { Block } from '../../types.js';
import { dropBlocks, isPara, lastContent, plain } from './util.js';
import { bodyStart, endsLikeSentence, footerStart, isProse, wordCount } from '../zones.js';

const SOURCE_LINK = /^\[\s*(?:Source|Source link|Read original(?: article)?|Original article|Original source|Read (?:the )?(?:full|whole) (?:article|story)|Read more(?: here)?|Continue reading|Link)\s*\.{0,3}\s*\]\(([^)\s]{1,2000})\)\s*\.?$/i;
const SOURCE_COLON = /^(?:Source|Sources|Via|Courtesy)\s*:\s*(.{2,120})$/i;
const READ_MORE = /^(?:Read more(?: (?:at|on) .{2,120})?|Continue reading(?: (?:at|on) .{2,120})?|Read the (?:full|whole|original) (?:article|story)(?: (?:at|on|here) .{0,120})?|Click here to read (?:more|the full (?:article|story))|\(Read the whole story HERE\.?\))\s*[.…]*\s*$/i;

export const sourceLink = defineRule({
  id: 'NC204',
  name: 'source-link',
  stage: 'text',
  tags: ['links', 'metadata', 'footer'],
  description: 'Removes a trailing "Source" / "Read more at …" link line, keeping its URL in url and a named agency in source.',
  apply(blocks, ctx) {
    const drop: number[] = [];
    for (let k = 0, i = lastContent(blocks); k < 2 && i >= 1; k++, i--) {
      const b = blocks[i]!;
      if (!isPara(b)) break;
      const m = SOURCE_LINK.exec(b.text);
      if (m) {
        ctx.meta.offer('url', m[1]!, TRUST.text);
        drop.push(i);
        continue;
      }
      const t = plain(b);
      const c = SOURCE_COLON.exec(t);
      if (c && wordCount(c[1]!, 9) <= 8 && !/[.!?]$/.test(c[1]!.trim())) {
        const v = c[1]!.trim();
        const link = /\(([^)\s]+)\)/.exec(b.text)?.[1] ?? (/^https?:\/\/\S+$/.test(v) ? v : undefined);
        if (link) ctx.meta.offer('url', link, TRUST.text);
        const agency = canonicalAgency(v.replace(/[.\s]+$/, ''));
        if (agency) ctx.meta.offer('source', agency, TRUST.text);
        else if (!link) ctx.meta.offer('publisher', v.replace(/\s*\(.*$/, ''), TRUST.inferred);
        drop.push(i);
        continue;
      }
      if (READ_MORE.test(t)) {
        const link = /\]\(([^)\s]+)\)/.exec(b.text)?.[1];
        if (link) ctx.meta.offer('url', link, TRUST.inferred);
        drop.push(i);
        continue;
      }
      break;
    }
    return dropBlocks(blocks, drop, ctx, 'moved to metadata.url');
  },
});

const SHARE_LINE = /Click to (?:share|email|print|tweet)[^()]{0,60}\(Opens in new window\)/i;
const SHARE_HEAD = /^(?:Share|Share this|Share this (?:article|story|post|page)|Share on|Share via|Like this|Spread the word|Tweet this|Share the article|Share article)\s*:?$/i;
const SHARE_TOKENS = new Set(['share', 'shares', 'on', 'facebook', 'twitter', 'x', 'whatsapp', 'linkedin', 'email', 'e-mail', 'mail', 'print', 'copy', 'link', 'pinterest', 'reddit', 'telegram', 'tweet', 'comments', 'comment', 'messenger', 'flipboard', 'pocket', 'tumblr', 'sms', 'this', 'article', 'via', 'google', 'more', 'save', 'threads', 'bluesky', 'mastodon']);
const LIKE_LINE = /^(?:Be the first to like this\.?|Like Loading\.{0,3}|Loading\.{0,3}|Related)$/i;
const COUNTER = /^\d{1,7}(?:[.,]\d{1,3})?[kKmM]?\s*(?:shares?|likes?|comments?|views?|reads?)$/i;

function isShareTokens(t: string): boolean {
  if (t.length > 160) return false;
  const words = t.toLowerCase().replace(/[^\p{L}\p{N}\s-]/gu, ' ').split(/\s+/).filter(Boolean);
  return words.length > 0 && words.length <= 12 && words.some((w) => SHARE_TOKENS.has(w)) && words.every((w) => SHARE_TOKENS.has(w) || /^\d{1,7}k?$/.test(w));
}

export const shareWidgets = defineRule({
  id: 'NC205',
  name: 'share-widgets',
  stage: 'text',
  tags: ['share', 'widgets'],
  description: 'Removes share and social widgets: "Share this:", "Click to share on … (Opens in new window)", runs of platform names, like/share counters.',
  apply(blocks, ctx) {
    const drop = new Set<number>();
    for (let i = 0; i < blocks.length; i++) {
      const b = blocks[i]!;
      const t = plain(b);
      if (SHARE_LINE.test(t) || COUNTER.test(t) || (LIKE_LINE.test(t) && /like/i.test(t))) {
        drop.add(i);
        continue;
      }
      if (SHARE_HEAD.test(t)) {
        drop.add(i);
        for (let j = i + 1; j < blocks.length; j++) {
          const n = plain(blocks[j]!);
          if (blocks[j]!.type === 'list' ? isShareTokens(n) || wordCount(n, 13) <= 12 : wordCount(n, 7) <= 6 && !endsLikeSentence(n)) drop.add(j);
          else break;
        }
        continue;
      }
      // platform-name lines: in runs of two or more, or at the edges of the article (never a lone subhead mid-body)
      if (isShareTokens(t)) {
        const near = (j: number): boolean => j >= 0 && j < blocks.length && isShareTokens(plain(blocks[j]!));
        const edge = i < bodyStart(blocks) || i >= footerStart(blocks);
        if (near(i - 1) || near(i + 1) || (edge && t.split(/\s+/).length > 1)) drop.add(i);
      }
    }
    return dropBlocks(blocks, drop, ctx, 'removed (share widget)');
  },
});

const NEWSLETTER = /^(?:sign up|signup|subscribe|get (?:our|the)\b.{0,60}\bnewsletters?|join (?:\d[\d,.]*k?\s+)?(?:other )?(?:readers|subscribers)|already (?:a subscriber|have an account)|click here to (?:get|download|subscribe|sign up)|follow us on|download (?:our|the) app|get (?:the|our) app|newsletters?|don't miss (?:out|a story)|never miss (?:a|an) (?:story|update)|want more (?:stories|news)|subscribe to continue reading|to continue reading,? (?:please )?(?:subscribe|log in|sign in)|log in to continue|create (?:a )?free account)\b/i;
const REPORTING = /\b(?:said|says|told|according|reported|announced|added)\b|["“”]/i;

export const newsletterPrompt = defineRule({
  id: 'NC206',
  name: 'newsletter-prompt',
  stage: 'text',
  tags: ['newsletter', 'widgets'],
  description: 'Removes newsletter, subscription, app and paywall prompts (short imperative lines, never reported speech).',
  apply(blocks, ctx) {
    const drop: number[] = [];
    blocks.forEach((b, i) => {
      if (b.type !== 'paragraph' && b.type !== 'heading') return;
      const t = plain(b);
      if (wordCount(t, 26) <= 25 && NEWSLETTER.test(t) && !REPORTING.test(t)) drop.push(i);
    });
    return dropBlocks(blocks, drop, ctx, 'removed (newsletter prompt)');
  },
});

const RELATED_HEAD = /^(?:related(?: articles| posts| stories| news| coverage| content| links| reading| topics)?|read more|read also|also read|see also|more on this(?: story| topic)?|more from [\p{L}\p{N} &'.-]{2,40}|more stories|you may also like|you might also like|you may be interested in|recommended(?: for you| stories| reading)?|most (?:read|popular|viewed|shared)|trending(?: now| stories)?|promoted stories|top stories|latest (?:news|stories)|editor'?s picks|what to read next|further reading|mehr zum thema)\s*:?$/iu;
const RELATED_LINE = /^(?:RELATED|Related|READ MORE|Read more|ALSO READ|Also read|READ ALSO|Read also|SEE ALSO|See also|MORE|WATCH|Watch|LISTEN|Listen)\s*:\s*(.{3,200})$/;

export const relatedLinks = defineRule({
  id: 'NC207',
  name: 'related-links',
  stage: 'text',
  tags: ['related', 'widgets'],
  description: 'Removes related-link blocks ("Related", "Read more:", "You may also like" and the short headline run that follows) and inline "RELATED: …" lines.',
  apply(blocks, ctx) {
    const drop = new Set<number>();
    for (let i = 0; i < blocks.length; i++) {
      const b = blocks[i]!;
      if (b.type !== 'paragraph' && b.type !== 'heading') continue;
      const t = plain(b);
      if (RELATED_HEAD.test(t)) {
        let j = i + 1;
        const run: number[] = [];
        while (j < blocks.length) {
          const n = blocks[j]!;
          const nt = plain(n);
          if (n.type === 'list' || ((n.type === 'paragraph' || n.type === 'heading') && wordCount(nt, 26) <= 25 && !isProse(n))) run.push(j++);
          else break;
        }
        if (run.length > 0 || i >= footerStart(blocks) - 1) {
          drop.add(i);
          for (const r of run) drop.add(r);
          i = j - 1;
        }
        continue;
      }
      const m = RELATED_LINE.exec(t);
      if (m && (/\]\(/.test(b.text) || !/[.!?]["”’]?$/.test(m[1]!.trim()))) drop.add(i);
    }
    return dropBlocks(blocks, drop, ctx, 'removed (related links)');
  },
});

const UI_ANYWHERE = /^(?:Advertisement|ADVERTISEMENT|Advertisements|Skip advertisement|Sponsored(?: content)?|SPONSORED|Story continues below(?: advertisement)?|Article continues below(?: advertisement)?|Continue reading (?:the )?main story|Scroll to continue with content|Loading\.{0,3}(?: Please wait\.{0,3})?|This field is for validation purposes and should be left unchanged\.?|\d{1,3}\s*(?:min|mins|minute|minutes) read|Reading time:?\s*\d{1,3}\s*(?:min|mins|minutes?)|Go Back to Top\.? Skip To: Start of Article\.?|Skip to (?:main )?content|Back to top|Take our poll - story continues below|Listen to (?:this )?(?:article|story)(?: \d{1,2}:\d{2})?|Text size|A A A|Font size|Image|Photo|Video|Close|Open in app|Enlarge this image|toggle caption|hide caption|Expand|Print this page)$/i;
const UI_EDGE = /^(?:Print|Email|E-mail|Share|Comments?|Menu|Search|Home|Login|Log in|Sign in|Register|Next|Previous|Tweet|Facebook|Twitter|WhatsApp|LinkedIn|Copy link|Save|Bookmark|Follow|Listen|Watch|Subscribe)$/i;
const COOKIE = /\b(?:cookies?|consent|privacy policy|javascript)\b/i;
const SITE_VOICE = /\b(?:we use|we and our partners|our (?:site|website|partners)|this (?:site|website) uses|you (?:agree|consent)|by (?:continuing|using)|accept(?: all)?|manage (?:preferences|settings|cookies)|enable[d]? javascript|javascript (?:is )?(?:disabled|required)|please enable|your browser)\b/i;

export const uiStrings = defineRule({
  id: 'NC208',
  name: 'ui-strings',
  stage: 'text',
  tags: ['chrome', 'ads', 'cookies'],
  description: 'Removes interface strings (Advertisement, "3 min read", Loading…, Skip to content) and cookie/JavaScript notices written in the site\'s voice.',
  apply(blocks, ctx) {
    const start = bodyStart(blocks);
    const end = footerStart(blocks);
    const drop: number[] = [];
    blocks.forEach((b, i) => {
      if (b.type !== 'paragraph' && b.type !== 'heading') return;
      const t = plain(b).replace(/^[\s•·|*-]+|[\s•·|*-]+$/g, '');
      if (UI_ANYWHERE.test(t)) drop.push(i);
      else if ((i < start || i >= end) && UI_EDGE.test(t)) drop.push(i);
      else if (wordCount(t, 61) <= 60 && COOKIE.test(t) && SITE_VOICE.test(t) && !/["“”]/.test(t)) drop.push(i);
    });
    return dropBlocks(blocks, drop, ctx, 'removed (interface text)');
  },
});

export type { Block };
