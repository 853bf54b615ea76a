// Data tables for the main-content extractor: which tags and which class/id
// tokens mark content, chrome or boilerplate. Kept as data so that rules can be
// reviewed and tuned without touching the algorithm in extract.ts.

/** Elements whose subtree never holds article text (dropped before scoring). */
export const SKIP_TAGS: ReadonlySet<string> = new Set([
  'script', 'style', 'noscript', 'template', 'svg', 'canvas', 'iframe', 'frame', 'frameset',
  'object', 'embed', 'applet', 'video', 'audio', 'source', 'track', 'picture', 'map', 'area',
  'button', 'input', 'select', 'option', 'optgroup', 'textarea', 'datalist', 'output', 'progress',
  'meter', 'dialog', 'head', 'title', 'meta', 'link', 'base', 'param', 'img', 'math',
]);

/** Block-level elements: each one starts a new text block. */
export const BLOCK_TAGS: ReadonlySet<string> = new Set([
  'address', 'article', 'aside', 'blockquote', 'body', 'center', 'dd', 'details', 'dir', 'div',
  'dl', 'dt', 'fieldset', 'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5',
  'h6', 'header', 'hgroup', 'hr', 'html', 'legend', 'li', 'main', 'menu', 'nav', 'ol', 'p', 'pre',
  'section', 'summary', 'table', 'tbody', 'thead', 'tfoot', 'tr', 'td', 'th', 'caption', 'ul',
  'listing', 'plaintext', 'xmp',
]);

export const HEADING_TAGS: ReadonlySet<string> = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']);

/** Chrome elements by tag: navigation, page furniture, side content. */
export const CHROME_TAGS: ReadonlyMap<string, string> = new Map([
  ['nav', 'navigation'],
  ['aside', 'aside'],
  ['footer', 'footer'],
  ['menu', 'menu'],
  ['form', 'form'],
]);

/** ARIA roles that mark chrome. */
export const CHROME_ROLES: ReadonlyMap<string, string> = new Map([
  ['navigation', 'navigation'],
  ['banner', 'banner'],
  ['contentinfo', 'footer'],
  ['complementary', 'aside'],
  ['search', 'search'],
  ['menu', 'menu'],
  ['menubar', 'menu'],
  ['dialog', 'dialog'],
  ['alertdialog', 'dialog'],
  ['toolbar', 'toolbar'],
]);

/**
 * class/id tokens that mark boilerplate strongly enough to drop the element
 * wherever it is (unless it holds most of the page's prose). Matched against
 * whole tokens; entries ending in `*` match any token starting with the stem.
 * The value is the reason reported to the user.
 */
export const STRONG_NEGATIVE: ReadonlyArray<readonly [string, string]> = [
  ['comment*', 'comments'], ['disqus*', 'comments'], ['replies', 'comments'], ['respond', 'comments'],
  ['responses', 'comments'], ['reply', 'comments'], ['discussion', 'comments'], ['talkback', 'comments'],
  ['share*', 'share bar'], ['sharing', 'share bar'], ['social*', 'share bar'], ['sociable', 'share bar'],
  ['addthis*', 'share bar'], ['sharethis*', 'share bar'],
  ['related*', 'related links'], ['recirc*', 'related links'], ['recommend*', 'related links'],
  ['outbrain*', 'related links'], ['taboola*', 'related links'], ['zergnet', 'related links'],
  ['trending*', 'related links'], ['popular*', 'related links'], ['mostread', 'related links'],
  ['mostpopular', 'related links'], ['morestories', 'related links'], ['readmore', 'related links'],
  ['readnext', 'related links'], ['upnext', 'related links'], ['teaser*', 'related links'],
  ['newsletter*', 'newsletter'], ['subscribe*', 'newsletter'], ['subscription*', 'newsletter'],
  ['signup', 'newsletter'], ['optin', 'newsletter'],
  ['cookie*', 'cookie banner'], ['consent*', 'cookie banner'], ['gdpr*', 'cookie banner'],
  ['onetrust*', 'cookie banner'], ['didomi*', 'cookie banner'], ['cmp', 'cookie banner'],
  ['promo*', 'promotion'], ['sponsor*', 'promotion'], ['cta', 'promotion'], ['calltoaction', 'promotion'], ['advert*', 'advertisement'],
  ['ad', 'advertisement'], ['ads', 'advertisement'], ['adslot*', 'advertisement'],
  ['adunit*', 'advertisement'], ['adwrap*', 'advertisement'], ['adcontainer', 'advertisement'],
  ['dfp', 'advertisement'], ['gpt', 'advertisement'], ['banner*', 'advertisement'],
  ['popup*', 'popup'], ['modal*', 'popup'], ['lightbox*', 'popup'], ['overlay', 'popup'],
  ['breadcrumb*', 'breadcrumbs'], ['pagination', 'pagination'], ['pager', 'pagination'],
  ['sidebar*', 'sidebar'], ['rail', 'sidebar'], ['widget*', 'widget'],
  ['nav', 'navigation'], ['navbar*', 'navigation'], ['navigation*', 'navigation'], ['menu*', 'navigation'],
  ['masthead', 'navigation'], ['skip', 'navigation'], ['footer*', 'footer'],
  ['caption*', 'caption'], ['credit*', 'caption'], ['figcaption', 'caption'],
  ['byline*', 'byline'], ['dateline', 'dateline'], ['timestamp*', 'date'],
  ['print', 'tools'], ['toolbar*', 'tools'], ['tools', 'tools'],
  ['hidden', 'hidden'], ['sronly', 'hidden'], ['sr', 'hidden'], ['visuallyhidden', 'hidden'],
  ['screenreader', 'hidden'], ['offscreen', 'hidden'],
];

/**
 * class/id tokens that mark probable chrome; ignored when the same element also
 * carries a positive token (`article-header` is not site chrome).
 */
export const WEAK_NEGATIVE: ReadonlyArray<readonly [string, string]> = [
  ['header*', 'header'], ['author*', 'byline'], ['meta', 'metadata'], ['tags', 'tags'],
  ['tag', 'tags'], ['topics', 'tags'], ['keywords', 'tags'], ['categories', 'tags'],
  ['extra', 'extra'], ['supplemental', 'extra'], ['links', 'links'],
  ['bio', 'author bio'], ['date', 'date'], ['time', 'date'], ['published', 'date'],
  ['updated', 'date'], ['login', 'account'], ['signin', 'account'], ['account', 'account'],
  ['search', 'search'], ['contact', 'contact'], ['legal', 'legal'], ['copyright', 'legal'],
  ['combx', 'chrome'], ['shoutbox', 'chrome'], ['skyscraper', 'advertisement'],
  ['sticky', 'chrome'], ['alert', 'chrome'], ['notice', 'chrome'], ['disclaimer', 'legal'],
  // summaries above the text: standfirst, dek, key points
  ['dek', 'standfirst'], ['standfirst', 'standfirst'], ['kicker', 'standfirst'], ['summary', 'summary'],
  ['keypoints', 'summary'], ['highlights', 'summary'], ['takeaways', 'summary'], ['tldr', 'summary'],
  // a paywall wrapper may hold the rest of the article; only small ones are prompts
  ['paywall*', 'paywall'], ['piano', 'paywall'], ['meter', 'paywall'], ['regwall', 'paywall'],
  ['embed', 'embed'], ['gallery', 'embed'], ['slideshow', 'embed'], ['carousel', 'embed'],
];

/** class/id tokens that mark the article body or its container. */
export const POSITIVE: ReadonlyArray<string> = [
  'article*', 'content*', 'entry*', 'post*', 'story*', 'text', 'body', 'blog*', 'prose',
  'richtext', 'rte', 'hentry', 'paragraph*', 'copy',
];

/** Short lines that are page furniture wherever they appear (whole-line match). */
export const BOILERPLATE_LINE =
  /^(?:advertisement|advertisements|ad|ads|about these ads|anzeige|publicidad|publicité|pubblicità|publicidade|advertentie|reklama|iklan|реклама|광고|広告|sponsored(?: content)?|text size|font size|skip (?:advertisement|ad)|story continues below(?: advertisement)?|continue reading(?: below| the main story)?|article continues below(?: advertisement)?|scroll to continue with content|read more|read next|see also|related(?: articles| stories| posts| coverage| content)?|share(?: this(?: article| story| post)?| on \w+)?|tweet|print|email|e-mail|comments?|\d+ comments?|reply|report|close|menu|loading\.*|back to top|recommended(?: for you)?|you may also like|more from \w+|most (?:read|popular)|trending(?: now)?|follow us(?: on \w+)?|sign up(?: for .{1,40})?|subscribe(?: now| today)?|log ?in|newsletter|we use cookies.{0,200}|accept(?: all)?(?: cookies)?|watch|listen|image|photo|video|getty images)\s*[:.!…]*$/i;

/** A heading over a list of other stories (whole-line match). */
export const RELATED_HEADING =
  /^(?:related(?: \S+){0,3}|(?:more|other|latest|recent|top|popular|recommended|trending|further)(?: \S+){0,3} (?:stories|articles|news|posts|reads?|reading|coverage|links|videos|headlines|content)|read (?:more|next|also)|see also|also read|also on(?: \S+){1,3}|you (?:may|might) (?:also )?(?:like|enjoy|be interested in)|most (?:read|popular|viewed|shared)|don['’]t miss|explore further|editor['’]s picks?|what to read next|recommended(?: for you)?)\s*[:.…]*$/i;

/**
 * A heading over the readers' comments (whole-line match): "Comments", "12 Responses to …", "3 thoughts on …",
 * "Leave a Reply", "Reader comments (4)". What follows it in the container is the comment section.
 */
export const COMMENTS_HEADING =
  /^(?:(?:reader|readers['’]?|user|your|latest|recent)\s+)?(?:comments|responses|replies)\s*(?:\(\d+\)|\[\d+\]|:\s*\d+)?[:.…]*$|^(?:\d+|no|one)\s+(?:comments?|responses?|replies|reply|thoughts?)(?:\s+(?:to|on|for)\s+.{1,200})?[:.…]*$|^(?:leave|post|add|write|submit)\s+(?:a|your|the)\s+(?:comment|reply|response)s?\b.{0,40}$|^(?:join|start)\s+the\s+(?:discussion|conversation)\b.{0,40}$|^what do you think\??$|^have your say$|^(?:kommentare?|commentaires?|comentarios?|commenti|reacties)\s*(?:\(\d+\))?:?$/i;

/** The lines a blog theme puts under a post: when and where it was filed, how to follow the replies, its trackback URL (whole block). */
export const POST_FILED_LINE =
  /^this (?:entry|post) was posted (?:on|in|by)\b.{0,400}\b(?:filed under|bookmark the permalink|follow any responses|trackback|leave a (?:response|comment|reply))\b.{0,400}$|^you can follow any responses to this (?:entry|post)\b.{0,300}$|^trackback url for this (?:entry|post)\s*:?\s*\S*$|^this (?:entry|post) was posted on [^.!?]{0,80}\d[^.!?]{0,40}[.]?$|^comments are closed\.?$|^listed below are links to (?:weblogs|blogs|sites|posts) that reference\b.{0,300}$/i;

/** How those lines start (a cheap test on a block's first words before the whole block is read). */
export const POST_FILED_START = /^(?:this (?:entry|post) was posted|you can follow any responses|trackback url for this|comments are closed|listed below are links to)/i;

/** An excerpt of another post, cut short with "[...]" or "… Read more" (the end of a list item, before a date). */
export const EXCERPT_END = /(?:\[\s*(?:\.\.\.|…)\s*\]|(?:\.\.\.|…)\s*(?:read more|more|continue reading)?)\s*[»›]?[\s\d/.,:-]*$/i;

/**
 * The heading of a box about the writer or the company after an article (whole-line match, case-sensitive names):
 * "About the author", "About Jane Doe", "Written by Jane Doe", "About Acme Corp:". Group 1 is the name, when given.
 */
export const ABOUT_HEADING =
  /^(?:[Aa]bout the (?:[Aa]uthor|[Ww]riter)|ABOUT THE (?:AUTHOR|WRITER)|(?:[Aa]bout|ABOUT|[Ww]ritten by)\s+(\p{Lu}[\p{L}\p{N}&.'’-]*(?:\s+\p{Lu}[\p{L}\p{N}&.'’-]*){0,3}))\s*[:.…]*$/u;

/** Calls to subscribe, sign up or follow (start of a short block). */
export const PROMO_LINE =
  /^(?:subscribe (?:to|for|now|today)|sign[- ]?up (?:for|to|now|today)|don['’]t miss (?:a|any|another) (?:post|story|article|update|issue)s?[!.]? (?:subscribe|sign[- ]?up)|click here to (?:subscribe|sign up|download|get (?:our|the))|follow (?:us|me|him|her) (?:on|at)|join (?:our|us on)|download (?:our|the) (?:free )?app|get (?:our|the) (?:free )?(?:\S+ )?(?:app|newsletter))\b/i;

/** Reporting verbs: a line with one is prose, not a prompt. */
export const REPORTING = /\b(?:said|says|told|according)\b/i;

/** A cookie or JavaScript notice in the site's own voice (not news about cookie law). */
export const SITE_NOTICE =
  /\b(?:we|this (?:web)?site|our (?:web)?site|it) (?:uses?|is using) cookies|\bcookies? (?:settings|policy|preferences|consent|notice)\b|\b(?:accept|allow|agree to) (?:all )?(?:the )?(?:use of )?cookies|\bby (?:continuing|using|clicking|browsing)\b.{0,80}\bcookies?\b|\b(?:enable|activate|turn on) (?:your )?javascript|\bjavascript (?:is )?(?:disabled|required|must be enabled|is not enabled)/i;

/**
 * Error page titles and headings. Only short ones are tested (see
 * extract.ts), so a headline such as "500 jobs cut" or a long story title
 * mentioning "access denied" is not taken for an error page.
 */
export const ERROR_PAGE =
  /^(?:error\s*)?(?:400|401|403|404|410|451|500|502|503)(?:\s*(?:error|[-–—:|]|not found|forbidden|page|gone)|$)|^error\s*(?:400|401|403|404|410|500|502|503)\b|\b(?:page|content|article|file|post|story)\s+(?:was\s+)?not\s+found\b|\bpage\s+(?:cannot|could\s+not|can['’]t)\s+be\s+found\b|\b(?:this|the)\s+page\s+(?:does\s+not|doesn['’]t|no\s+longer)\s+exists?\b|^not\s+found$|^access\s+denied$|^forbidden$|\binternal\s+server\s+error\b|\b(?:can['’]t|cannot|couldn['’]t)\s+find\s+(?:that|this|the)\s+page\b|^(?:sorry|oops)\b.{0,40}\b(?:page|error)\b/i;

/** Signals of a subscription or registration wall. */
export const PAYWALL_TEXT =
  /subscribe (?:now |today )?to (?:continue|read|keep)|already (?:a )?(?:subscriber|member)|to (?:continue|keep) reading|for subscribers only|subscriber[- ]only|this (?:article|content|story) is (?:only )?(?:available|reserved|for) (?:to )?(?:subscribers|members)|sign in to (?:continue|read)|create (?:a )?free account to (?:continue|read)|you have reached your (?:free )?(?:article|story) limit/i;
