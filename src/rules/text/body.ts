/** Body-wide rules: entities, photo captions, the dateline, subheads, truncation markers. */
import { defineRule } from '../define-rule.js';
import { TRUST } from '../../metadata/collector.js';
import { AGENCY_PATTERN, canonicalAgency, lowerWords } from '../../metadata/names.js';
import { extractPhotoCredits, isCreditOnly, isStrongCaption, isWeakCaption } from '../patterns.js';
import { parseDate } from '../../metadata/dates.js';
import { bodyStart, endsLikeSentence, footerStart, hasWords, wordCount } from '../zones.js';
import { afterUnescaped, blockText, dropBlocks, plain, unescapeMd, unmark } from './util.js';
import type { Block } from '../../types.js';
import { decodeEntities } from '../../markdown/entities.js';

const ENTITY = /&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});/;

/** The block with `f` applied to its texts; the same object when nothing changed (rules keep unchanged blocks). */
function mapText(b: Block, f: (s: string) => string): Block {
  switch (b.type) {
    case 'paragraph':
    case 'heading':
    case 'quote': {
      const text = f(b.text);
      return text === b.text ? b : { ...b, text };
    }
    case 'list': {
      const items = b.items.map((it) => {
        const text = f(it.text);
        return text === it.text ? it : { ...it, text };
      });
      return items.every((it, i) => it === b.items[i]) ? b : { ...b, items };
    }
    case 'table': {
      const rows = b.rows.map((r) => {
        const row = r.map(f);
        return row.every((c, i) => c === r[i]) ? r : row;
      });
      return rows.every((r, i) => r === b.rows[i]) ? b : { ...b, rows };
    }
    default:
      return b;
  }
}

export const htmlEntities = defineRule({
  id: 'NC215',
  name: 'html-entities',
  stage: 'text',
  tags: ['encoding'],
  description: 'Decodes HTML entities left in text, also double-encoded ones (what&#039;s, &amp;#8217;).',
  apply(blocks, ctx) {
    return blocks.map((b) =>
      mapText(b, (s) => {
        if (!s.includes('&') || !ENTITY.test(s)) return s;
        // decoded where each reference stands, what it decodes to written as text (a "<" never opens a tag)
        const out = decodeEntities(s);
        if (out === s) return s;
        ctx.removed(s.match(/&[#\w]{1,32};/g)?.slice(0, 5).join(' ') ?? s, 'decoded');
        return out;
      }),
    );
  },
});

/** An image's `![alt](src "title")`, its alternative text captured. */
const IMAGE = String.raw`!\[([^[\]]{0,1000})\]\([^()\s]{0,2000}(?:\s{1,3}(?:"[^"]{0,200}"|'[^']{0,200}'))?\)`;
/** An image, or a linked image (`[![alt](src)](href)`: the link holds nothing but the image). */
const IMAGE_OR_LINKED = String.raw`(?:\[\s{0,3}${IMAGE}\s{0,3}\]\([^()\s]{0,2000}(?:\s{1,3}(?:"[^"]{0,200}"|'[^']{0,200}'))?\)|${IMAGE})`;
const MD_IMAGE = new RegExp(String.raw`^${IMAGE_OR_LINKED}$`);
/** An image in a line of text; an escaped `\!` or `\[` (after an odd run of backslashes) is text that shows it. */
const INLINE_IMAGE = new RegExp(String.raw`(?<!(?:^|[^\\])\\(?:\\\\)*)${IMAGE_OR_LINKED}`, 'g');

export const photoCaption = defineRule({
  id: 'NC216',
  name: 'photo-caption',
  stage: 'text',
  tags: ['captions', 'metadata'],
  description: 'Removes photo captions, credit-only lines and agency picture notes (REUTERS/…, ATTENTION EDITORS, (AP Photo/…), Image copyright … Image caption …, Markdown images), keeping the credits in photo_credits.',
  apply(blocks, ctx) {
    const early = bodyStart(blocks) + 3;
    const drop: number[] = [];
    /** Paragraphs read as captions (not an image, not a credit line alone). */
    const shaped = new Set<number>();
    /** Credits found, by the block they are in, in block order (added once the drops are settled). */
    const credits: Array<[number, string]> = [];
    const out = [...blocks];
    out.forEach((b, i) => {
      if (b.type !== 'paragraph') return;
      if (b.text.length > 20_000) return;
      const img = MD_IMAGE.exec(b.text.trim());
      if (img) {
        credits.push([i, img[1] ?? img[2]!]);
        drop.push(i);
        return;
      }
      const t = plain(b);
      const strong = isStrongCaption(t);
      const weak = !strong && isWeakCaption(t) && wordCount(t, 91) <= 90 && (i <= early || !/["“”]/.test(t));
      const credit = isCreditOnly(t);
      if (strong || weak || credit) {
        if (!credit) shaped.add(i);
        credits.push([i, t]);
        drop.push(i);
        return;
      }
      // images inside a paragraph of text: the image goes, the text stays
      if (b.text.includes('![')) {
        INLINE_IMAGE.lastIndex = 0;
        const text = b.text.replace(INLINE_IMAGE, (m, linkedAlt: string | undefined, alt: string | undefined) => {
          credits.push([-1, linkedAlt ?? alt ?? '']);
          ctx.removed(m, 'removed (image)');
          return ' ';
        }).replace(/ {2,}/g, ' ').trim();
        if (text !== b.text) out[i] = { type: 'paragraph', text };
      }
    });
    // a text whose only words are captions is a photo post: its captions are its article
    let kept = drop;
    if (shaped.size > 0) {
      const gone = new Set(drop);
      if (!out.some((b, i) => !gone.has(i) && b.type !== 'rule' && /[\p{L}\p{N}]/u.test(blockText(b)))) kept = drop.filter((i) => !shaped.has(i));
    }
    const dropped = new Set(kept);
    for (const [i, text] of credits) if (i < 0 || dropped.has(i)) ctx.meta.add('photo_credits', extractPhotoCredits(text));
    return dropBlocks(out, kept, ctx, 'removed (caption)');
  },
});

/** The label of a line of tags or topics: "Tags", "Related Topics", "Filed under", "Categories", "Posted in" … */
const TAG_LABEL = String.raw`(?:Tags?|Tagged(?: with)?|Topics?|Related (?:Topics|Tags)|Filed (?:under|in)|Categories|Category|Posted in|Keywords|Labels)`;
/** A line of the article's tags or topics: "Tags: a, b", "Related Topics: …", "Filed under: …", "Posted in: …". */
const TAG_LINE = new RegExp(String.raw`^${TAG_LABEL}\s{0,3}:\s{0,3}(.{1,400}?)[\s|,;]*$`, 'i');
/** Such a label before its colon: never a dateline's place. */
const TAG_HEAD = new RegExp(String.raw`^${TAG_LABEL}$`, 'i');

const STOP = new Set(['breaking', 'update', 'updated', 'exclusive', 'analysis', 'watch', 'live', 'opinion', 'editorial', 'comment', 'meanwhile', 'however', 'note', 'editor', "editor's note", 'correction', 'clarification', 'warning', 'summary', 'background', 'photo', 'video', 'read', 'related', 'q', 'a', 'question', 'answer', 'source', 'sources', 'update 1', 'update 2', 'update 3', 'factbox', 'explainer', 'timeline', 'graphic', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'today', 'yesterday', 'tomorrow', 'first', 'second', 'third', 'finally', 'also', 'but', 'and', 'so', 'now', 'then', 'here', 'there', 'this', 'that', 'it', 'he', 'she', 'they', 'we', 'i', 'you', 'mr', 'ms', 'mrs', 'dr', 'president', 'minister', 'the', 'tl;dr', 'ps', 'p.s', 'bottom line', 'key points', 'what', 'why', 'how', 'who', 'when', 'where']);
const DATELINE = new RegExp(
  String.raw`^(\p{Lu}[\p{L}.'’ -]{0,40}?(?:,\s*\p{Lu}[\p{L}. ]{1,25}?)?)\s*(?:\[[\p{L} ]{2,30}\]\s*)?(?:,\s*(\p{L}{3,9}\.?\s\d{1,2}(?:,\s\d{4})?)\s*)?(?:\((${AGENCY_PATTERN})\)\s*)?([-–—_]{1,2}|:)\s*`,
  'u',
);
const AGENCY_ONLY = new RegExp(String.raw`^\((${AGENCY_PATTERN})\)\s*[-–—]{1,2}\s*`);


/** A paragraph that opens with a label and a colon ("Name: …", "Designers: …", "Legends: Rise of …"). */
const LABELLED = /^\p{Lu}[\p{L}\p{N}.'’ -]{0,30}:\s/u;

/** Other paragraphs opening with a label that make the document a card of fields (one is a headline's "Topic: …"). */
const FIELD_LABELS = 2;

/** What the rest of the document says about a lead's "Word:" opening. */
export interface DatelineContext {
  /** The words the document writes in small letters (lowercased), read when a "Word:" opening asks. */
  common: () => ReadonlySet<string>;
  /** Its other paragraphs that open with a label and a colon. */
  labels: number;
}

/** The text opens with a date ("November 7th, 2012 at …"). */
function opensWithDate(text: string): boolean {
  const words = text.slice(0, 120).split(/\s+/, 6);
  for (let n = 2; n <= words.length; n++) if (parseDate(words.slice(0, n).join(' ').replace(/[,.;:]$/, ''))) return true;
  return false;
}

/**
 * Finds a dateline at the start of a lead paragraph. `doc`: the rest of the document. A "Word:" opening is no place
 * when every word of it is one the document writes in small letters ("Abstract:", "Election Day:": a common noun's
 * label), when two other paragraphs or more open with such labels (a card of fields: "Name: …", "Description: …"), or
 * when a date follows it ("Published: November 7th, 2012").
 */
export function findDateline(lead: string, doc?: DatelineContext): { location?: string; agency?: string; date?: string; length: number } | null {
  const head = lead.slice(0, 140);
  const a = AGENCY_ONLY.exec(head);
  if (a) return { agency: a[1]!, length: a[0].length };
  const m = DATELINE.exec(head);
  if (!m) return null;
  const loc = m[1]!.trim();
  if (/^(?:by|written by|posted by)(?:\s|$)/i.test(loc) || TAG_HEAD.test(loc)) return null;
  const agency = m[3];
  const sep = m[4]!;
  // a hyphen or an underscore between two letters joins a word ("A HIGH-school", "IMG_2041"): no dateline's dash
  const at = m.index + m[0].indexOf(sep, m[1]!.length);
  if ((sep === '-' || sep === '_') && /[\p{L}\p{N}]/u.test(lead[at - 1] ?? '') && /[\p{L}\p{N}]/u.test(lead[at + 1] ?? '')) return null;
  const rest = lead.slice(m[0].length);
  if (!rest || !hasWords(rest, 5)) return null;
  const letters = loc.replace(/[^\p{L}]/gu, '');
  if (letters.length < 2 || STOP.has(loc.toLowerCase())) return null;
  const caps = letters === letters.toUpperCase();
  const words = loc.split(/[\s,]+/).filter(Boolean);
  if (sep === ':' && doc && (doc.labels >= FIELD_LABELS || words.every((w) => doc.common().has(w.toLowerCase())) || opensWithDate(rest))) return null;
  const date = m[2] && /\d{4}$/.test(m[2]) ? parseDate(m[2])?.iso : undefined;
  if (agency) return { location: loc, agency, length: m[0].length, ...(date ? { date } : {}) };
  if (caps && (sep !== '_' || words.length <= 4) && !/^(?:UPDATE|BREAKING|EXCLUSIVE|ANALYSIS|WATCH|LIVE|OPINION|FACTBOX|EXPLAINER|TIMELINE|CORRECTED|REFILE|RPT|INSIGHT|COLUMN|FEATURE)\b/.test(loc)) {
    return { location: loc, length: m[0].length };
  }
  if (sep === ':' && words.length <= 3 && words.every((w) => /^\p{Lu}/u.test(w)) && /^["“‘]?\p{Lu}/u.test(rest) && !words.some((w) => STOP.has(w.toLowerCase()))) {
    return { location: loc, length: m[0].length };
  }
  return null;
}

export const datelineRule = defineRule({
  id: 'NC217',
  name: 'dateline',
  stage: 'text',
  tags: ['dateline', 'metadata'],
  description: 'Moves the dateline (MOSCOW:, ROTTERDAM (Reuters) -, Doha:) from the start of the lead into dateline, and its agency into source.',
  apply(blocks, ctx) {
    const i = blocks.findIndex((b) => b.type === 'paragraph' && hasWords(b.text, 6));
    if (i < 0 || i > bodyStart(blocks)) return blocks;
    const b = blocks[i] as Extract<Block, { type: 'paragraph' }>;
    const texts = blocks.map((x) => blockText(x));
    const labels = texts.filter((t, k) => k !== i && LABELLED.test(t)).length;
    let common: ReadonlySet<string> | undefined;
    const d = findDateline(unescapeMd(b.text.slice(0, 300)), { common: () => (common ??= lowerWords(texts)), labels });
    if (!d) return blocks;
    if (d.location) ctx.meta.offer('dateline', d.location, TRUST.text);
    if (d.agency) ctx.meta.offer('source', canonicalAgency(d.agency) ?? d.agency, TRUST.text);
    if (d.date) ctx.meta.offer('date', d.date, TRUST.text);
    ctx.removed(unescapeMd(b.text).slice(0, d.length), d.location ? 'moved to metadata.dateline' : 'moved to metadata.source');
    const out = [...blocks];
    out[i] = { type: 'paragraph', text: afterUnescaped(b.text, d.length) };
    return out;
  },
});

export const subheads = defineRule({
  id: 'NC218',
  name: 'subheads',
  stage: 'text',
  tags: ['structure'],
  description: 'Turns short title-like lines and all-caps lines between body paragraphs into ## subheads, in their original wording.',
  apply(blocks, ctx) {
    const start = bodyStart(blocks);
    // the body runs to the last sentence of some length, even when that closing paragraph is short
    let end = footerStart(blocks);
    for (let i = blocks.length - 1; i >= end; i--) {
      const b = blocks[i]!;
      if (b.type === 'paragraph' && endsLikeSentence(b.text) && hasWords(b.text, 8)) {
        end = i + 1;
        break;
      }
    }
    return blocks.map((b, i) => {
      if (b.type !== 'paragraph' || i <= start || i >= end - 1) return b;
      const bold = /^\*\*([^*]{1,120})\*\*$/.exec(b.text);
      const t = bold ? bold[1]!.trim() : b.text.trim();
      const p = t === b.text ? plain(b) : unmark(t);
      const words = wordCount(p, 13);
      if (words < 1 || words > 12 || p.length > 100 || /\]\(/.test(t)) return b;
      if (/[.,;:!?…"“”'’)]$/.test(p) && !(bold && /[?!]$/.test(p))) return b;
      if (!/^[\p{Lu}\p{N}]/u.test(p) || /^\d[\d\s,./-]*$/.test(p)) return b;
      if (/^[\p{L}]{2,20}(?: [\p{L}]{2,20})?\s?:\s/u.test(p)) return b; // "Source: Ministry of Labour", "Note: …" are labels, not subheads
      const letters = p.replace(/[^\p{L}]/gu, '');
      const allCaps = letters.length >= 3 && letters === letters.toUpperCase();
      if (!allCaps && !bold && words > 8) return b;
      if (endsLikeSentence(p)) return b;
      ctx.removed(p, 'made a subhead');
      return { type: 'heading', level: 2, text: t };
    });
  },
});

const TRUNCATED = /\s{0,5}(?:…|\.\.\.)?\s{0,5}\[\+\d{1,7} chars\]\s{0,5}$|\s{0,5}\[(?:…|\.\.\.)\]\s{0,5}$/;

export const truncationMarker = defineRule({
  id: 'NC219',
  name: 'truncation-marker',
  stage: 'text',
  tags: ['metadata'],
  description: 'Removes feed truncation markers ("… [+1974 chars]", "[…]") at the end and sets truncated: true.',
  apply(blocks, ctx) {
    const i = blocks.length - 1;
    const b = blocks[i];
    if (!b || b.type !== 'paragraph') return blocks;
    const tail = b.text.slice(-40);
    const m = TRUNCATED.exec(tail);
    if (!m) return blocks;
    ctx.meta.flag('truncated');
    ctx.removed(m[0], 'removed (truncated feed text)');
    const text = b.text.slice(0, b.text.length - tail.length + m.index).trim();
    return text ? [...blocks.slice(0, i), { type: 'paragraph', text }] : blocks.slice(0, i);
  },
});

/** A paragraph that draws a line: separator characters only (at least two), no letter or digit ("___", "* * *", "—"). */
const SEPARATOR = /^(?:[-_*=~•·—–#+.]\s{0,3}){2,80}$|^[—–]$/;

export const separatorLines = defineRule({
  id: 'NC224',
  name: 'separator-lines',
  stage: 'text',
  tags: ['chrome'],
  description: 'Writes a paragraph of separator characters only ("___", "* * *") as a thematic break, and removes a break left at the start or the end of the body or next to another.',
  apply(blocks, ctx) {
    if (!blocks.some((b) => b.type === 'rule' || (b.type === 'paragraph' && b.text.length <= 200 && SEPARATOR.test(b.text.replace(/\\/g, '').trim())))) return blocks;
    const out: Block[] = [];
    for (const b of blocks) {
      if (b.type === 'paragraph' && b.text.length <= 200 && SEPARATOR.test(b.text.replace(/\\/g, '').trim())) {
        ctx.removed(plain(b), 'replaced by a thematic break');
        out.push({ type: 'rule' });
      } else out.push(b);
    }
    // a break divides the article's text: one at either end, or beside another, divides nothing
    const first = out.findIndex((x) => x.type !== 'rule');
    let last = out.length - 1;
    while (last >= 0 && out[last]!.type === 'rule') last--;
    const kept = out.filter((b, i) => {
      if (b.type !== 'rule') return true;
      if (first < 0 || i < first || i > last || out[i - 1]!.type === 'rule') {
        ctx.removed('---', 'removed (separator)');
        return false;
      }
      return true;
    });
    return kept;
  },
});

/** Blocks above the article's first paragraph that may hold its tag line. */
const HEAD_TAG_REACH = 4;

export const tagLine = defineRule({
  id: 'NC225',
  name: 'tag-line',
  stage: 'text',
  tags: ['chrome', 'metadata'],
  description: 'Removes a line of tags or topics above or under the article ("Tags: a, b", "Related Topics: …", "Filed under: …", "Categories: …"), keeping its values in tags.',
  apply(blocks, ctx) {
    const drop: number[] = [];
    // under the article (its last blocks), or above its first paragraph (a blog theme's categories under the byline)
    const head = Math.min(bodyStart(blocks) + 1, HEAD_TAG_REACH, blocks.length);
    const at = new Set<number>();
    for (let i = 0; i < head; i++) at.add(i);
    for (let i = Math.max(0, blocks.length - 3); i < blocks.length; i++) at.add(i);
    for (const i of [...at].sort((a, b) => a - b)) {
      const b = blocks[i]!;
      if (b.type !== 'paragraph' || b.text.length > 600) continue;
      const m = TAG_LINE.exec(plain(b));
      if (!m) continue;
      // links shown as their text: "[Fantasy](https://…/category/fantasy/)" is the tag "Fantasy"
      const values = m[1]!.replace(/\\?\]\([^()\s]{0,2000}\)/g, '').replace(/[\\[\]]/g, '').split(/\s{0,3}[,;|•·]\s{0,3}/).map((v) => v.trim()).filter(Boolean);
      // short values only: a sentence after "Topics:" is the article's own text
      if (values.length === 0 || values.length > 30 || values.some((v) => v.split(/\s+/).length > 5 || /[.!?]$/.test(v))) continue;
      ctx.meta.add('tags', values);
      drop.push(i);
    }
    return dropBlocks(blocks, drop, ctx, 'moved to metadata.tags');
  },
});

export { dropBlocks };
