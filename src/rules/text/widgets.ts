/**
 * Links and widgets around the article: source links, share bars, newsletter and paywall prompts, related links,
 * interface strings and cookie notices (NC204–NC208, NC222). Lines are tested only when short; every pattern is
 * anchored and bounded.
 */
import { defineRule } from '../define-rule.js';
import { TRUST } from '../../metadata/collector.js';
import { canonicalAgency } from '../../metadata/names.js';
import type { Block } from '../../types.js';
import { blockText, dropBlocks, isPara, lastContent, perBlock, plain, shortPlain } from './util.js';
import { bodyStart, endsLikeSentence, footerStart, hasWords, isProse, wordCount } from '../zones.js';

const SOURCE_LINK = /^\[\s{0,3}(?:Source|Source link|Read original(?: article)?|Original article|Original source|Read (?:the )?(?:full|whole|original) (?:article|story)|Read more(?: here)?|Continue reading|Link|Via)\s{0,3}\.{0,3}\s{0,3}\]\(([^()\s]{1,2000})\)\s{0,3}\.?$/i;
const SOURCE_COLON = /^(?:Source|Sources|Via|Courtesy|Credit)\s{0,3}:\s{0,3}(.{2,120})$/i;
const READ_MORE = /^(?:Read more(?: (?:at|on|from) .{2,120})?|Continue reading(?: (?:at|on) .{2,120})?|Read the (?:full|whole|original|complete|rest of the) (?:article|story)(?: (?:at|on|here) .{0,120})?|Click here to read (?:more|the full (?:article|story))|\(Read the whole story HERE\.?\))\s{0,3}[.…:]{0,3}\s{0,3}(?:\S{1,300})?$/i;

export const sourceLink = defineRule({
  id: 'NC204',
  name: 'source-link',
  stage: 'text',
  tags: ['links', 'metadata', 'footer'],
  description: 'Removes a trailing "Source" / "Source: Reuters" / "Read more at …" / "Continue reading" line, keeping its URL in url and a named agency in source.',
  apply(blocks, ctx) {
    const drop: number[] = [];
    for (let k = 0, i = lastContent(blocks); k < 3 && i >= 1; k++, i--) {
      const b = blocks[i]!;
      if (!isPara(b) || b.text.length > 2500) break;
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
        const link = /\]\(([^()\s]{1,2000})\)/.exec(b.text)?.[1] ?? (/^https?:\/\/\S{1,2000}$/.test(v) ? v : undefined);
        if (link) ctx.meta.offer('url', link, TRUST.text);
        const agency = canonicalAgency(v.replace(/[.\s]+$/, ''));
        if (agency) ctx.meta.offer('source', agency, TRUST.text);
        else if (!link) ctx.meta.offer('source', v.replace(/\s*\(.*$/, ''), TRUST.inferred);
        drop.push(i);
        continue;
      }
      if (READ_MORE.test(t) && wordCount(t, 17) <= 16) {
        const link = /\]\(([^()\s]{1,2000})\)/.exec(b.text)?.[1];
        if (link) ctx.meta.offer('url', link, TRUST.inferred);
        drop.push(i);
        continue;
      }
      break;
    }
    return dropBlocks(blocks, drop, ctx, 'moved to metadata.url');
  },
});

export const SHARE_LINE = /Click to (?:share|email|print|tweet)[^()]{0,60}\(Opens in new window\)/i;
const SHARE_HEAD = /^(?:Share|Share this|Share this (?:article|story|post|page)|Share on|Share via|Like this|Spread the word|Tweet this|Share the article|Share article|Share this story!?|Share with friends|Teilen|Artikel teilen|Partager|Partager cet article|Compartir|Compartir en|Compartilhar|Condividi|Delen|Dela|Поделиться|Bagikan|分享到|分享至|分享|シェアする|この記事をシェアする|シェア|공유하기)\s{0,3}[:：]?$/i;
const SHARE_PHRASE = /^(?:Think your friends would be interested\?(?: Share this story!?)?|Tweet, Post, Forward, Subscribe or Bookmark us|Share this (?:story|article)!|Please share this (?:story|article)!?|(?:Share|Email|Print|Tweet)(?:\s{1,3}(?:Share|Email|Print|Tweet|Facebook|Twitter|WhatsApp|LinkedIn)){1,8})$/i;
const SHARE_TOKENS = new Set(['share', 'shares', 'shared', 'on', 'facebook', 'twitter', 'x', 'whatsapp', 'linkedin', 'email', 'e-mail', 'mail', 'print', 'copy', 'link', 'pinterest', 'reddit', 'telegram', 'tweet', 'comments', 'comment', 'messenger', 'flipboard', 'pocket', 'tumblr', 'sms', 'this', 'article', 'via', 'google', 'more', 'save', 'threads', 'bluesky', 'mastodon', 'vk', 'line', 'viber', 'wechat', 'weibo', 'xing', 'k', '微博', '微信', '朋友圈', 'qq', 'qq空间', 'qzone', 'kakaotalk']);
const LIKE_LINE = /^(?:Be the first to like this\.?|Like Loading\.{0,3}|Like this:?|Likes?)$/i;
const COUNTER = /^\d{1,7}(?:[.,]\d{1,3})?[kKmM]?\s{0,3}(?:shares?|likes?|comments?|views?|reads?)$/i;

function isShareTokens(t: string): boolean {
  if (t.length > 200) return false;
  const words = t.toLowerCase().replace(/[^\p{L}\p{N}\s-]/gu, ' ').split(/\s+/).filter(Boolean);
  return words.length > 0 && words.length <= 12 && words.some((w) => SHARE_TOKENS.has(w) && w !== 'on' && w !== 'this' && w !== 'k') && words.every((w) => SHARE_TOKENS.has(w) || /^\d{1,7}k?$/.test(w));
}

export const shareWidgets = defineRule({
  id: 'NC205',
  name: 'share-widgets',
  stage: 'text',
  tags: ['share', 'widgets'],
  description: 'Removes share and social widgets: "Share this:", "Click to share on … (Opens in new window)", runs of platform names, like/share counters.',
  apply(blocks, ctx) {
    const drop = new Set<number>();
    const start = bodyStart(blocks);
    const end = footerStart(blocks);
    const tokens = blocks.map((b) => {
      const t = shortPlain(b, 200);
      return t !== null && isShareTokens(t);
    });
    for (let i = 0; i < blocks.length; i++) {
      const b = blocks[i]!;
      const t = shortPlain(b, 600);
      if (t === null) continue;
      if ((t.includes('(') && SHARE_LINE.test(t)) || COUNTER.test(t) || SHARE_PHRASE.test(t) || (LIKE_LINE.test(t) && (i >= end || i < start))) {
        drop.add(i);
        continue;
      }
      if (SHARE_HEAD.test(t)) {
        drop.add(i);
        for (let j = i + 1; j < blocks.length && j <= i + 12; j++) {
          const n = shortPlain(blocks[j]!, 300);
          if (n === null || RELATED_HEAD.test(n)) break; // the next widget's head is that widget's
          if (blocks[j]!.type === 'list' ? tokens[j] || wordCount(n, 13) <= 12 : wordCount(n, 7) <= 6 && !endsLikeSentence(n)) drop.add(j);
          else break;
        }
        continue;
      }
      // platform-name lines: in runs of two or more, or at the edges of the article (never a lone subhead mid-body)
      if (tokens[i]) {
        const edge = i < start || i >= end;
        const counted = /\d/.test(t) && /\bshares?\b/i.test(t);
        if (counted || tokens[i - 1] || tokens[i + 1] || (edge && t.split(/\s+/).length > 1)) drop.add(i);
      }
    }
    return dropBlocks(blocks, drop, ctx, 'removed (share widget)');
  },
});

const NEWSLETTER = /^(?:sign up|signup|sign-up|subscribe|get (?:our|the)\b.{0,60}\bnewsletters?|get e-?mail updates|join (?:\d[\d,.]{0,12}k?\s{1,3})?(?:other )?(?:readers|subscribers)|already (?:a subscriber|have an account|registered)|click (?:here|below) to (?:get|download|subscribe|sign up|join)|follow us on|like us on facebook|download (?:our|the) app|get (?:the|our) app|newsletters?\s{0,3}$|don't miss (?:out|a story)|never miss (?:a|an) (?:story|update)|want more (?:stories|news)|to continue reading,? (?:please )?(?:subscribe|log in|sign in)|log in to continue|create (?:a )?free account|support (?:our|independent) journalism|become a (?:member|patron|supporter|subscriber)|donate (?:now|today)|make a donation|only you can save)\b|^(?:newsletter abonnieren|jetzt (?:abonnieren|anmelden|registrieren)|melden sie sich (?:hier |jetzt )?(?:für|zu|zum) (?:unseren?|den) newsletter an|abonnez-vous|inscrivez-vous|suscr[ií]bete|suscr[ií]base|reg[ií]strate|assine (?:a|o|já)|inscreva-se|iscriviti|abbonati|abonneer|schrijf je in|подпишитесь|berlangganan)(?![\p{L}])/iu;
const REPORTING = /\b(?:said|says|told|according|reported|announced|added|sagte|a dit|dijo|disse|ha detto|zei)\b|\b(?:erklärte|a déclaré|afirmó)(?![\p{L}])|["“”«»„]/iu;

export const newsletterPrompt = defineRule({
  id: 'NC206',
  name: 'newsletter-prompt',
  stage: 'text',
  tags: ['newsletter', 'widgets', 'paywall'],
  description: 'Removes newsletter, subscription, app, donation and paywall prompts (short imperative lines, never reported speech).',
  apply(blocks, ctx) {
    const drop: number[] = [];
    blocks.forEach((b, i) => {
      if (b.type !== 'paragraph' && b.type !== 'heading') return;
      const t = shortPlain(b, 250);
      if (t !== null && NEWSLETTER.test(t) && wordCount(t, 26) <= 25 && !REPORTING.test(t)) drop.push(i);
    });
    return dropBlocks(blocks, drop, ctx, 'removed (newsletter prompt)');
  },
});

const RELATED_HEAD = /^(?:related(?: articles| posts| stories| news| coverage| content| links| reading| topics| items)?|read more|read also|also read|see also|more on this(?: story| topic)?|more (?:from|on|in) [\p{L}\p{N} &'.-]{2,40}|read more (?:from|on|about) [\p{L}\p{N} &'.-]{2,40}|more stories|more news|you may also like|you might also like|you may be interested in|you may have missed|recommended(?: for you| stories| reading| articles)?|most (?:read|popular|viewed|shared)|trending(?: now| stories)?|promoted stories|sponsored stories|top stories|latest (?:news|stories)|editor'?s picks|what to read next|further reading|mehr zum thema|lesen sie auch|auch interessant|das könnte sie auch interessieren|lire aussi|à lire aussi|sur le même sujet|leer más|lea también|noticias relacionadas|te puede interesar|leia também|veja também|notícias relacionadas|leggi anche|potrebbe interessarti|lees ook|meer nieuws|читайте также|похожие новости|baca juga|berita terkait|相关文章|相关阅读|相关新闻|相关报道|相关推荐|推荐阅读|延伸阅读|热门文章|猜你喜欢|相關文章|相關新聞|延伸閱讀|推薦閱讀|関連記事|関連ニュース|おすすめ記事|あわせて読みたい|人気記事|관련\s?기사|많이 본 뉴스)\s{0,3}[:：]?$/iu;
const RELATED_LINE = /^(?:RELATED|Related|READ MORE|Read more|ALSO READ|Also read|READ ALSO|Read also|SEE ALSO|See also|MORE|WATCH|Watch|LISTEN|Listen|RECOMMENDED|Recommended|READ|Read|LESEN SIE AUCH|Lesen Sie auch|Lesen Sie mehr|LIRE AUSSI|Lire aussi|À lire aussi|A lire aussi|LEA TAMBIÉN|Lea también|LEA MÁS|Lea más|LEIA TAMBÉM|Leia também|LEIA MAIS|Leia mais|LEGGI ANCHE|Leggi anche|Lees ook|LEES OOK|Читайте также|ЧИТАЙТЕ ТАКЖЕ|BACA JUGA|Baca juga|Baca Juga)\s{0,3}[:：]\s{0,3}(.{3,200})$/u;

export const relatedLinks = defineRule({
  id: 'NC207',
  name: 'related-links',
  stage: 'text',
  tags: ['related', 'widgets'],
  description: 'Removes related-link blocks ("Related", "Read more from …:", "You may also like", "Promoted Stories" and the short headline run that follows) and inline "RELATED: …" lines.',
  apply(blocks, ctx) {
    const drop = new Set<number>();
    const end = footerStart(blocks);
    for (let i = 0; i < blocks.length; i++) {
      const b = blocks[i]!;
      if (b.type !== 'paragraph' && b.type !== 'heading') continue;
      const t = shortPlain(b, 300);
      if (t === null) continue;
      if (RELATED_HEAD.test(t)) {
        let j = i + 1;
        const run: number[] = [];
        while (j < blocks.length && run.length < 30) {
          const n = blocks[j]!;
          const nt = shortPlain(n, 300);
          // the run is headlines, dates and Jetpack 'In "Category"' lines: short, with no sentence ending
          const short = nt !== null && wordCount(nt, 26) <= 25 && !isProse(n) && (!endsLikeSentence(nt) || /^In ["“][^"“”]{1,40}["”]$/.test(nt));
          if (n.type === 'list' || ((n.type === 'paragraph' || n.type === 'heading') && short)) run.push(j++);
          else break;
        }
        // a list after the heading is a fact box when its items read as sentences
        const factBox = run.length > 0 && run.every((r) => blocks[r]!.type === 'list' && plainItemsEndLikeSentences(blocks[r]!));
        if (!factBox && (run.length > 0 || i >= end - 1)) {
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

function plainItemsEndLikeSentences(b: Block): boolean {
  return b.type === 'list' && b.items.length > 0 && b.items.every((it) => endsLikeSentence(it.text) && hasWords(it.text, 5));
}

const UI_ANYWHERE = /^(?:Advertisement|ADVERTISEMENT|Advertisements|Skip advertisement|Sponsored(?: content)?|SPONSORED|Story continues below(?: advertisement)?|Article continues below(?: advertisement)?|Continue reading (?:the )?main story|Scroll to continue with content|Loading\.{0,3}(?: Please wait\.{0,3})?|This field is for validation purposes and should be left unchanged\.?|\d{1,3}\s{0,2}(?:min|mins|minute|minutes) read|Reading time:?\s{0,2}\d{1,3}\s{0,2}(?:min|mins|minutes?)|Go Back to Top\.? Skip To: Start of Article\.?|Skip To: Start of Article\.?|Go Back to Top\.?|Skip to (?:main )?content|Back to top|Take our poll - story continues below|Listen to (?:this )?(?:article|story)(?: \d{1,2}:\d{2})?|Text size|A A A|Font size|Image|Photo|Video|Close|Open in app|Enlarge this image|toggle caption|hide caption|Expand|Print this page|View comments|Show comments|Leave a comment|\d{1,6} comments?|Comments \(\d{1,6}\))$/i;
const UI_EDGE = /^(?:Print|Email|E-mail|Share|Comments?|Menu|Search|Home|Login|Log in|Sign in|Register|Next|Previous|Tweet|Facebook|Twitter|WhatsApp|LinkedIn|Copy link|Save|Bookmark|Follow|Listen|Watch|Subscribe|Top|More)$/i;
/** A text browser's inline-frame mark with its address alone ("IFRAME: http://…", the address cut by the wrap). */
const FRAME_MARK = /^IFRAME:(?:\s*|\s+\S+|\s+\S*[/.]\S*(?:\s+\S+){0,5})$/;
/** A script's pseudo-address alone on its line: a link that runs a script, its address written as its text. */
const SCRIPT_LINK = /^javascript:\S{0,300}$/i;
/** A page's document type declaration left as a line of text by an HTML-to-Markdown or -text converter. */
const DOCTYPE = /^<!DOCTYPE\s[^<>]{1,300}>$/i;
/** Affiliate widget debris: "Best Price: $5.19 Buy New $8.24 (as of 12:00 EDT - Details)". */
const SHOP = /^(?:(?:Best|List|Our) Price:?\s{0,2}[$€£]\s{0,2}[\d.,]{1,12}|Buy (?:New|Used|Now)(?:\s{0,2}[$€£]\s{0,2}[\d.,]{1,12})?|\(as of [^()]{2,60}\)|Check (?:the )?(?:latest )?price on Amazon|View on Amazon|Buy on Amazon)(?:\s{1,3}(?:(?:Best|List|Our) Price:?\s{0,2}[$€£]\s{0,2}[\d.,]{1,12}|Buy (?:New|Used|Now)(?:\s{0,2}[$€£]\s{0,2}[\d.,]{1,12})?|\(as of [^()]{2,60}\)|[-–]\s{0,2}Details\)?)){0,6}$/i;

export const uiStrings = defineRule({
  id: 'NC208',
  name: 'ui-strings',
  stage: 'text',
  tags: ['chrome', 'ads', 'template'],
  description: 'Removes interface strings (Advertisement, "3 min read", Loading…, Skip to content, "Go Back to Top. Skip To: Start of Article."), a text browser\'s inline-frame marks with their addresses ("IFRAME: http://…"), affiliate price-widget debris, a page\'s "<!DOCTYPE html>" left as a line of text by a converter and a script\'s pseudo-address alone on its line ("javascript:void(0);").',
  apply(blocks, ctx) {
    const start = bodyStart(blocks);
    const end = footerStart(blocks);
    const drop: number[] = [];
    blocks.forEach((b, i) => {
      if (b.type !== 'paragraph' && b.type !== 'heading') return;
      // a text browser's mark for an inline frame it does not show, with the frame's address (lynx: "IFRAME: URL",
      // the address wrapped onto the next lines)
      const frame = b.type === 'paragraph' && blockText(b).trimStart().startsWith('IFRAME:') ? shortPlain(b, 1000) : null;
      if (frame !== null && FRAME_MARK.test(frame)) {
        drop.push(i);
        return;
      }
      const raw = shortPlain(b, 300);
      if (raw === null) return;
      const t = raw.replace(/^[\s•·|*-]{1,10}/, '').replace(/[\s•·|*-]{1,10}$/, '');
      if (UI_ANYWHERE.test(t) || SHOP.test(t) || DOCTYPE.test(t) || SCRIPT_LINK.test(t)) drop.push(i);
      else if ((i < start || i >= end) && UI_EDGE.test(t)) drop.push(i);
    });
    return dropBlocks(blocks, drop, ctx, 'removed (interface text)');
  },
});

const COOKIE = /\b(?:cookies?|consent|privacy (?:policy|settings|dashboard)|javascript|spambots|tracking technologies)\b/i;
const SITE_VOICE = /\b(?:we use|we and our partners|we (?:and|&) our (?:vendors|partners)|our (?:site|website|partners|use of cookies|cookie policy)|this (?:site|website) uses|you (?:agree|consent|accept)|(?:are|you're) agreeing|by (?:continuing|using|clicking)|accept(?: all)?(?: cookies)?|reject all|manage (?:preferences|settings|cookies|consent)|cookie settings|enable[d]? javascript|javascript (?:is )?(?:disabled|required|enabled)|please enable|your browser|need javascript|being protected from spambots)\b/i;
const CONSENT_BUTTON = /^(?:Accept(?: all)?(?: cookies)?|Reject all|Allow all|Manage (?:preferences|settings|cookies|options)|Cookie settings|Privacy settings|I agree|I accept|Got it!?|OK|Agree|Do not sell my personal information|Your privacy choices)$/i;

/** A short paragraph, heading or list in the site's voice about cookies, consent or JavaScript. */
const cookieNoticeText = perBlock((b: Block): boolean => {
  if (b.type !== 'paragraph' && b.type !== 'heading' && b.type !== 'list') return false;
  const t = shortPlain(b, 600);
  if (t === null) return false;
  return COOKIE.test(t) && wordCount(t, 61) <= 60 && SITE_VOICE.test(t) && !/["“”]/.test(t);
});

export const cookieNotice = defineRule({
  id: 'NC222',
  name: 'cookie-notice',
  stage: 'text',
  tags: ['cookies', 'chrome'],
  description: 'Removes cookie/consent banners and JavaScript or spam-protection notices written in the site\'s voice ("We use cookies…", "Accept all", "Please enable JavaScript…"); news about cookie law stays.',
  apply(blocks, ctx) {
    const start = bodyStart(blocks);
    const end = footerStart(blocks);
    const drop = new Set<number>();
    blocks.forEach((b, i) => {
      if (cookieNoticeText(b)) drop.add(i);
    });
    // banner buttons next to a removed notice, or alone in the header/footer zones
    blocks.forEach((b, i) => {
      const t = shortPlain(b, 60);
      if (t === null || !CONSENT_BUTTON.test(t)) return;
      if (drop.has(i - 1) || drop.has(i + 1) || drop.has(i - 2) || ((i < start || i >= end) && !/^(?:OK|Agree|Got it!?)$/i.test(t))) drop.add(i);
    });
    return dropBlocks(blocks, drop, ctx, 'removed (cookie notice)');
  },
});

export type { Block };
