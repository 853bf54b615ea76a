/** HTML rules (NC1xx): run on the parsed DOM before it becomes body blocks. */
import { defineRule } from './define-rule.js';
import { findAll, hintOf, isHidden, removeNode, SKIP_TEXT, textOf, unwrap, walk, isElement } from '../html/dom.js';
import type { Element } from '../html/dom.js';
import type { ParentNode, Text } from 'domhandler';
import { TRUST } from '../metadata/collector.js';
import { extractPhotoCredits } from './patterns.js';
import { readFragmentMetadata } from '../metadata/fragment-meta.js';

export const htmlMetadata = defineRule({
  id: 'NC106',
  name: 'html-metadata',
  stage: 'html',
  tags: ['metadata', 'html', 'credits'],
  description: 'Reads metadata carried inside HTML fragments and export bodies (<meta>, <link rel=canonical>, JSON-LD, <time datetime>, byline elements, lang) and removes the byline and date elements from the body.',
  apply(dom, ctx) {
    if (ctx.format === 'html-page') return; // whole pages: the page metadata reader does this
    for (const el of readFragmentMetadata(dom, ctx.meta)) {
      const text = textOf(el, 200);
      if (text) ctx.removed(text, 'moved to metadata');
      removeNode(el);
    }
  },
});

const UNSAFE = new Set(['script', 'style', 'noscript', 'template', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'form', 'input', 'button', 'select', 'textarea', 'link', 'meta', 'base', 'svg', 'math', 'canvas', 'dialog']);

export const unsafeElements = defineRule({
  id: 'NC101',
  name: 'unsafe-elements',
  stage: 'html',
  tags: ['safety', 'html'],
  description: 'Drops scripts, styles, frames, embeds, forms and hidden elements: no code or invisible text reaches the Markdown.',
  apply(dom, ctx) {
    const victims = findAll(dom, (el) => el.type !== 'tag' || UNSAFE.has(el.name) || isHidden(el), true);
    const counts = new Map<string, number>();
    for (const el of victims) {
      const label = el.type !== 'tag' || UNSAFE.has(el.name) ? `<${el.name}>` : 'hidden element';
      counts.set(label, (counts.get(label) ?? 0) + 1);
      removeNode(el);
    }
    for (const [label, n] of [...counts].sort()) ctx.removed(`${n} × ${label}`);
  },
});

const WIRE_MARKER = /^(?:midArticle_[\w-]*|[a-z]+-article-divide)$/;

export const wireMarkup = defineRule({
  id: 'NC102',
  name: 'wire-markup',
  stage: 'html',
  tags: ['html', 'template'],
  description: 'Removes wire-service span soup (empty midArticle_N / *-article-divide markers) and unwraps focusParagraph spans.',
  apply(dom, ctx) {
    let markers = 0;
    const empties = findAll(dom, (el) => {
      if (el.name !== 'span' && el.name !== 'div') return false;
      const id = el.attribs.id ?? '';
      const cls = (el.attribs.class ?? '').split(/\s+/);
      return (WIRE_MARKER.test(id) || cls.some((c) => WIRE_MARKER.test(c))) && textOf(el, 10) === '';
    });
    for (const el of empties) {
      removeNode(el);
      markers++;
    }
    for (const el of findAll(dom, (e) => e.name === 'span' && /\bfocusParagraph\b/.test(e.attribs.class ?? ''))) unwrap(el);
    if (markers > 0) ctx.removed(`${markers} wire markup markers (midArticle_N, article-divide)`);
  },
});

export const articleLocation = defineRule({
  id: 'NC103',
  name: 'article-location',
  stage: 'html',
  tags: ['dateline', 'metadata'],
  description: 'Moves a Reuters-style <span class="articleLocation"> (the dateline) out of the lead into metadata.dateline.',
  apply(dom, ctx) {
    const spans = findAll(dom, (el) => /\b(?:articleLocation|dateline|article-location)\b/i.test(el.attribs.class ?? ''));
    const first = spans[0];
    if (!first) return;
    const text = textOf(first, 80).replace(/[\s:—–-]+$/, '');
    if (!text || text.split(/\s+/).length > 6) return;
    ctx.meta.offer('dateline', text, TRUST.html);
    ctx.removed(text, 'moved to metadata.dateline');
    removeNode(first);
  },
});

const CAPTION_HINT = /(?:^|[\s_-])(?:wp-caption-text|caption|figcaption|photo-credit|image-credit|credit|legende|cnn_strycaptiontxt)(?:$|[\s_-])/;

export const htmlCaptions = defineRule({
  id: 'NC104',
  name: 'html-captions',
  stage: 'html',
  tags: ['captions', 'metadata'],
  description: 'Removes figure captions and image credits (<figcaption>, .wp-caption-text, *caption*), keeping credits in photo_credits.',
  apply(dom, ctx) {
    const caps = findAll(dom, (el) => el.name === 'figcaption' || (el.name !== 'body' && el.name !== 'article' && el.name !== 'main' && CAPTION_HINT.test(hintOf(el))), true);
    for (const el of caps) {
      const text = textOf(el, 2000);
      ctx.meta.add('photo_credits', extractPhotoCredits(text));
      ctx.removed(text || '(empty caption)', text ? 'removed (caption)' : 'removed');
      removeNode(el);
    }
    // figures that are only an image and its caption
    for (const fig of findAll(dom, (el) => el.name === 'figure', true)) if (!textOf(fig, 5)) removeNode(fig);
  },
});

const CHROME_HINT =
  /(?:^|[\s_-])(?:share|sharing|sharedaddy|social|sociable|jp-relatedposts|related|relatedposts|read-more|also-read|recommend(?:ed|ations)?|newsletter|subscribe|subscription|signup|cookie|cookies|consent|gdpr|cmp|onetrust|didomi|advert|advertisement|ad-slot|ad-container|adsbygoogle|dfp|sponsor(?:ed)?|promo|outbrain|taboola|breadcrumbs?|comments?|disqus|author-bio|tags|tag-list|post-tags|pagination|print-only|skip-link|screen-reader-text|sr-only|visually-hidden|addtoany|a2a_kit|sd-sharing|jp-sharing|yarpp|crp_related|mc4wp|mailchimp|paywall|piano|inline-ad|ad-unit|amzn|aawp)(?:$|[\s_-])/;
const CHROME_TAGS = new Set(['nav', 'aside', 'footer']);

export const htmlChrome = defineRule({
  id: 'NC105',
  name: 'html-chrome',
  stage: 'html',
  tags: ['html', 'share', 'related', 'newsletter', 'cookies', 'ads'],
  description: 'Removes share bars, related links, newsletter boxes, cookie banners, ads, comments and nav/aside/footer by element and class/id.',
  apply(dom, ctx) {
    // every element's text and long paragraphs, counted once for the whole tree (elements with a hint may nest
    // thousands deep: counting each one's subtree again would take the square of the page's size)
    const sizes = subtreeSizes(dom);
    const total = sizes.get(dom)!.chars;
    const victims = findAll(
      dom,
      (el) => {
        if (el.name === 'body' || el.name === 'html' || el.name === 'article' || el.name === 'main') return false;
        if (CHROME_TAGS.has(el.name)) return true;
        const hint = hintOf(el);
        if (!CHROME_HINT.test(hint)) return false;
        // a container that holds the article is not chrome, whatever its class says
        const own = sizes.get(el)!;
        return own.paragraphs < 3 && own.chars <= total / 2;
      },
      true,
    );
    for (const el of victims) {
      const text = textOf(el, 200);
      const hint = (el.attribs.class ?? el.attribs.id ?? el.name).trim().split(/\s+/)[0];
      if (text) ctx.removed(text, `removed (${el.name}${hint && hint !== el.name ? `.${hint}` : ''})`);
      removeNode(el);
    }
  },
});

/**
 * For the root and every element under it: the characters of its text other than white space (script, style and
 * the like left out) and its paragraphs of more than 80 such characters, in one pass over the tree (each element's
 * counts added to its parent's, last element first).
 */
function subtreeSizes(root: ParentNode): Map<ParentNode, { chars: number; paragraphs: number }> {
  const sizes = new Map<ParentNode, { chars: number; paragraphs: number }>([[root, { chars: 0, paragraphs: 0 }]]);
  const order: Element[] = [];
  walk(root, (n) => {
    if (isElement(n)) {
      sizes.set(n, { chars: 0, paragraphs: 0 });
      order.push(n);
      return !SKIP_TEXT.has(n.name);
    }
    if (n.type === 'text' && n.parent) sizes.get(n.parent)!.chars += (n as Text).data.replace(/\s+/g, '').length;
  });
  for (let i = order.length - 1; i >= 0; i--) {
    const el = order[i]!;
    const own = sizes.get(el)!;
    if (el.name === 'p' && own.chars > 80) own.paragraphs++;
    const up = el.parent ? sizes.get(el.parent) : undefined;
    if (up) {
      up.chars += own.chars;
      up.paragraphs += own.paragraphs;
    }
  }
  return sizes;
}

export const htmlRules = [htmlMetadata, unsafeElements, wireMarkup, articleLocation, htmlCaptions, htmlChrome] as const;
