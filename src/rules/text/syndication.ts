/**
 * Syndication wrappers, legal footers and copyright lines (NC201–NC203), the splitter that separates footer
 * markers glued onto the last sentence (NC220) and press-release footers (NC221).
 *
 * Every pattern here is either anchored at the start of a short, length-checked string or starts with a literal,
 * and every quantifier is bounded, so no input can make one backtrack for long.
 */
import { defineRule } from '../define-rule.js';
import { TRUST } from '../../metadata/collector.js';
import { parseDate } from '../../metadata/dates.js';
import type { Block } from '../../types.js';
import { afterUnescaped, dropBlocks, isPara, perBlock, plain, range, shortPlain, unescapeMd, withText } from './util.js';
import { footerScanStart, footerStart, isProse, wordCount } from '../zones.js';

const MENAFN_HEAD = /^\(\s{0,3}MENAFN\s{0,3}[-–—]\s{0,3}([^()]{1,80}?)\s{0,3}\)\s{0,3}/;
const MENAFN_ID = /\bMENAFN\d{6,30}(?:ID\d{4,30})?\b/g;
const WIRE_NAME = String.raw`PRNewswire(?:-[A-Z]{2,10}){0,2}|EINPresswire(?:\.com)?|EIN Presswire|GLOBE NEWSWIRE|Globe Newswire|GlobeNewswire|ACCESSWIRE|ACCESS Newswire|PRWeb|Newsfile(?: Corp\.)?`;
const DATE_PART = String.raw`(?:(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]{0,6}\.?\s{1,3}\d{1,2},?\s{1,3}\d{4}|\d{1,2}\s{1,3}(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]{0,6}\.?\s{1,3}\d{4})`;
/** `SAN FRANCISCO, March 5, 2024 /PRNewswire/ --` and `TORONTO, Jan. 10, 2024 (GLOBE NEWSWIRE) --`. */
export const WIRE_LEAD = new RegExp(String.raw`^([^,/()]{2,80}?),\s{0,3}(${DATE_PART})\s{0,3}(?:\/\s{0,3}(${WIRE_NAME})\s{0,3}\/|\(\s{0,3}(${WIRE_NAME})\s{0,3}\))\s{0,3}(?:--|[-–—])\s{0,3}`);
/** `NEW YORK--(BUSINESS WIRE)--` with or without a date in between. */
export const BUSINESS_WIRE = new RegExp(String.raw`^([^()]{2,80}?)(?:,\s{0,3}(${DATE_PART}))?\s{0,3}[-–—]{0,2}\s{0,3}\(\s{0,3}(BUSINESS WIRE|Business Wire)\s{0,3}\)\s{0,3}(?:--|[-–—])\s{0,3}`);
const SYNDICATOR_NAMES: Record<string, string> = {
  prnewswire: 'PR Newswire', einpresswire: 'EIN Presswire', 'ein presswire': 'EIN Presswire', 'globe newswire': 'GlobeNewswire',
  globenewswire: 'GlobeNewswire', accesswire: 'ACCESSWIRE', 'access newswire': 'ACCESSWIRE', prweb: 'PRWeb', newsfile: 'Newsfile',
  'newsfile corp.': 'Newsfile', 'business wire': 'Business Wire',
};

function syndicatorName(raw: string): string {
  const key = raw.replace(/-[A-Z]{2,10}/g, '').replace(/\.com$/, '').toLowerCase();
  return SYNDICATOR_NAMES[key] ?? raw;
}

/** Whether `text` can match WIRE_LEAD or BUSINESS_WIRE: each wire service's name holds one of these. */
export function namesWire(text: string): boolean {
  return text.includes('wire') || text.includes('WIRE') || text.includes('Wire') || text.includes('PRWeb') || text.includes('Newsfile');
}

export const syndicationHeader = defineRule({
  id: 'NC201',
  name: 'syndication-header',
  stage: 'text',
  tags: ['syndication', 'metadata'],
  description: 'Moves syndication headers — (MENAFN- Provider), CITY, Date /PRNewswire/ --, (GLOBE NEWSWIRE) --, --(BUSINESS WIRE)-- — into syndicator, publisher, dateline and date; drops MENAFN ids.',
  apply(blocks, ctx) {
    const out = [...blocks];
    let seen = 0;
    for (let i = 0; i < out.length && seen < 4; i++) {
      const b = out[i]!;
      if (!isPara(b)) continue;
      seen++;
      const head = unescapeMd(b.text.slice(0, 400));
      const m = MENAFN_HEAD.exec(head);
      if (m) {
        ctx.meta.offer('syndicator', 'MENAFN', TRUST.text);
        ctx.meta.offer('publisher', m[1]!.trim(), TRUST.text);
        ctx.removed(m[0], 'moved to metadata.syndicator/publisher');
        const rest = afterUnescaped(b.text, m[0].length);
        if (rest) out[i] = withText(b, rest);
        else out.splice(i, 1);
        break;
      }
      if (!namesWire(head)) continue;
      const w = WIRE_LEAD.exec(head);
      const bw = w ? null : BUSINESS_WIRE.exec(head);
      const hit = w ?? bw;
      if (!hit) continue;
      const synd = w ? (w[3] ?? w[4]!) : bw![3]!;
      const date = w ? w[2] : bw![2];
      ctx.meta.offer('syndicator', syndicatorName(synd), TRUST.text);
      ctx.meta.offer('dateline', hit[1]!.replace(/[\s,–—-]+$/, '').trim(), TRUST.text);
      const d = date ? parseDate(date.replace(/\s+/g, ' ')) : null;
      if (d?.iso) ctx.meta.offer('date', d.iso, TRUST.text);
      ctx.removed(hit[0], 'moved to metadata.syndicator/dateline');
      out[i] = withText(b, afterUnescaped(b.text, hit[0].length));
      break;
    }
    // MENAFN document ids anywhere
    if (!out.some((b) => isPara(b) && b.text.includes('MENAFN'))) return out;
    return out.flatMap((b) => {
      if (!isPara(b) || !b.text.includes('MENAFN')) return [b];
      MENAFN_ID.lastIndex = 0;
      const text = b.text
        .replace(MENAFN_ID, (id) => {
          ctx.removed(id);
          return '';
        })
        .trim();
      return text ? [withText(b, text)] : [];
    });
  },
});

/** Markers after which nothing belongs to the article: everything from one of them to the end is cut. */
const HARD_FOOTER: RegExp[] = [
  /^Legal Disclaimer\s{0,3}:?/i,
  /^MENAFN provides the information/i,
  /provides the information .{1,3}as is.{1,3} without warranty/i,
  /^View (?:original|source) content(?: to download multimedia)?\s{0,3}:?/i,
  /^View source version on businesswire\.com/i,
  /^The views and opinions expressed herein are the views and opinions of the author/i,
  /^The views expressed (?:on|in) (?:blogs|this (?:article|post|blog)) distributed by/i,
  /^The post .{3,300} appeared first on .{2,100}$/,
  /^(?:Disclaimer|DISCLAIMER)\s{0,3}:\s{0,3}\S/,
];
/** Markers that name who redistributed the copy. */
const FOOTER_SYNDICATOR: Array<[RegExp, string, 'syndicator' | 'publisher']> = [
  [/^(?:Legal Disclaimer|MENAFN provides)/i, 'MENAFN', 'syndicator'],
  [/distributed by Newstex/i, 'Newstex', 'syndicator'],
  [/do not necessarily reflect those of Nasdaq/i, 'Nasdaq', 'publisher'],
];

export const legalFooter = defineRule({
  id: 'NC202',
  name: 'legal-footer',
  stage: 'text',
  tags: ['syndication', 'legal', 'footer'],
  description: 'Cuts everything from a hard footer marker (Legal Disclaimer:, MENAFN provides…, View original content, Nasdaq/Newstex views disclaimers, The post … appeared first on …) to the end.',
  apply(blocks, ctx) {
    // words from each block to the end, counted once and only when a marker is found
    let suffix: number[] | null = null;
    const wordsFrom = (i: number): number => {
      if (!suffix) {
        suffix = new Array<number>(blocks.length + 1).fill(0);
        for (let k = blocks.length - 1; k >= 0; k--) suffix[k] = suffix[k + 1]! + wordCount(plain(blocks[k]!));
      }
      return suffix[i]!;
    };
    for (let i = Math.min(1, blocks.length); i < blocks.length; i++) {
      const t = shortPlain(blocks[i]!, 1500);
      if (t === null || !HARD_FOOTER.some((re) => re.test(t))) continue;
      // a "Disclaimer:" paragraph in the first half is part of the article (an editor's note)
      if (/^disclaimer/i.test(t) && i < blocks.length * 0.5) continue;
      // never cut the bulk of an article: a marker followed by more than half of the words is not a footer
      if (wordsFrom(i) > Math.max(120, wordsFrom(0) * 0.5)) continue;
      const posted = /^The post .{3,300} appeared first on (.{2,100}?)\.?$/.exec(blocks.slice(i).map((b) => plain(b)).find((x) => x.startsWith('The post ')) ?? '');
      if (posted) ctx.meta.offer('publisher', posted[1]!, TRUST.text);
      for (const [re, name, key] of FOOTER_SYNDICATOR) {
        if (blocks.slice(i, i + 3).some((b) => re.test(plain(b)))) ctx.meta.offer(key, name, TRUST.text);
      }
      return dropBlocks(blocks, range(i, blocks.length), ctx, 'removed (footer)');
    }
    return blocks;
  },
});

const RIGHTS = /\b(?:all rights reserved|distributed by|may not be (?:published|reproduced)|republication or redistribution)\b/i;
const COPYRIGHT = /^(?:Copyright|COPYRIGHT|©|\([cC]\))\s{0,3}(?:©|\([cC]\))?\s{0,3}(?:\d{4}(?:\s{0,3}[-–]\s{0,3}\d{4})?)?[\s,]{0,5}(?:by\s)?(.{0,160}?)(?:[.,]?\s{0,3}(?:All rights reserved|ALL RIGHTS RESERVED|All Rights Reserved)|,?\s{0,3}Distributed by|[.,]?\s{0,3}This material may not be published|[.,]?\s{0,3}Republication or redistribution|\.?$)/;
const GLUED_COPYRIGHT = /([\p{Ll}\p{N}.!?”"’)])((?:Copyright|©)\s{0,3}\d{4}\b[^\n]{0,400}?(?:All rights reserved|may not be published|Distributed by)[^\n]{0,400})$/u;
const REPRINT = /^(?:This (?:article|story|piece|post) (?:was )?(?:originally|first) (?:published|appeared|ran) (?:on|in|at|by) (.{2,120}?)|(?:Reprinted|Republished|Article posted|Posted|Shared) with (?:the )?permission (?:from|of) (.{2,120}?)|Reprinted from (.{2,120}?))\.?(?: (?:Read|See) the original(?: article)?(?: here)?\.?)?$/i;
const TRUST_PRINCIPLES = /^Our Standards\s{0,3}:\s{0,3}The Thomson Reuters Trust Principles\.?$/i;
const TRIBUNE = /^(?:Distributed by|Distribuido por) Tribune (?:Content Agency|Media Services)(?:,? LLC)?\.?$/i;
const VISIT = /^Visit (?:the )?[\p{Lu}][\p{L}.'’ ]{1,60} (?:at|online at) (?:https?:\/\/)?(?:www\.)?[\w-]{1,60}\.[\w.]{2,20}\/?\.?$/u;

function offerRights(ctx: Parameters<typeof legalFooter.apply>[1], holder: string | undefined): void {
  const h = (holder ?? '').replace(/[,;]+$/, '').replace(/(?<!\b(?:Inc|Ltd|Co|Corp|LLC|Bhd|S\.A|plc))\.+$/i, '').replace(/^(?:by|the copyright holder)\s+/i, '').trim();
  if (h && h.length <= 80 && /\p{L}/u.test(h)) ctx.meta.offer('rights', h, TRUST.text);
}

export const copyrightLine = defineRule({
  id: 'NC203',
  name: 'copyright-line',
  stage: 'text',
  tags: ['legal', 'footer', 'syndication'],
  description: 'Removes copyright, reprint and distribution lines in the footer zone (also one glued to the last sentence), keeping the holder in rights.',
  apply(blocks, ctx) {
    const out = [...blocks];
    // a copyright notice glued onto the last sentence: "…students.Copyright 2015 The Associated Press. All rights…"
    for (let i = Math.max(0, out.length - 3); i < out.length; i++) {
      const b = out[i]!;
      if (!isPara(b)) continue;
      const glued = gluedCopyright(b);
      if (glued === null) continue;
      ctx.removed(glued.notice, 'removed (copyright)');
      offerRights(ctx, glued.holder);
      out[i] = withText(b, glued.before);
    }
    const start = footerScanStart(out, 4);
    const footer = footerStart(out);
    const drop: number[] = [];
    for (let i = start; i < out.length; i++) {
      const line = copyrightLineOf(out[i]!);
      if (line === null) continue;
      // a bare "© EPA" between paragraphs is a picture credit; short notices count only after the last paragraph
      if (line.notice && (line.strong || (i >= footer && line.short))) {
        offerRights(ctx, line.holder);
        if (line.tribuneNotice) ctx.meta.offer('syndicator', 'Tribune Content Agency', TRUST.text);
        drop.push(i);
        continue;
      }
      if (line.reprint) {
        if (line.reprintSource !== null) ctx.meta.offer('source', line.reprintSource, TRUST.inferred);
        drop.push(i);
      } else if (line.principles) drop.push(i);
      else if (line.tribuneLine) {
        ctx.meta.offer('syndicator', 'Tribune Content Agency', TRUST.text);
        drop.push(i);
      } else if (line.visit && i >= out.length - 3) drop.push(i);
    }
    return dropBlocks(out, drop, ctx, 'removed (copyright)');
  },
});

/** A copyright notice glued onto the end of a paragraph: the notice, its holder, and the text before it. */
const gluedCopyright = perBlock((b: Block): { notice: string; holder: string | undefined; before: string } | null => {
  if (!isPara(b) || !/Copyright|©/.test(b.text)) return null;
  const m = GLUED_COPYRIGHT.exec(b.text);
  if (!m || m.index + m[1]!.length === 0) return null;
  return { notice: m[2]!, holder: COPYRIGHT.exec(m[2]!)?.[1], before: b.text.slice(0, m.index + m[1]!.length).trim() };
});

/** What a footer line is to the copyright rule, apart from where it stands; null for a line too long to be one. */
interface CopyrightLine {
  /** Shaped like a copyright notice, and its holder. */
  notice: boolean;
  holder: string | undefined;
  /** A notice by its wording (rights reserved, distributed by, a year after the sign): removed wherever it is. */
  strong: boolean;
  /** A short notice ("© EPA"): removed only after the last paragraph. */
  short: boolean;
  /** A notice that names Tribune as distributor, and a Tribune distribution line. */
  tribuneNotice: boolean;
  tribuneLine: boolean;
  /** A reprint line, and the origin it names to keep as source (null: none short enough). */
  reprint: boolean;
  reprintSource: string | null;
  principles: boolean;
  visit: boolean;
}

const copyrightLineOf = perBlock((b: Block): CopyrightLine | null => {
  const t = shortPlain(b, 600);
  if (t === null || wordCount(t, 71) > 70) return null;
  const m = COPYRIGHT.exec(t);
  const notice = m !== null;
  const strong = notice && (RIGHTS.test(t) || /^(?:copyright|©|\(c\))\s{0,3}(?:©\s{0,3})?\d{4}/i.test(t));
  const short = /©|\([cC]\)|^COPYRIGHT\b/.test(t) && wordCount(t, 9) <= 8 && !/[!?]["”]?$/.test(t);
  const r = REPRINT.exec(t);
  let reprintSource: string | null = null;
  if (r) {
    const origin = (r[1] ?? r[2] ?? r[3] ?? '').trim();
    if (origin && wordCount(origin, 9) <= 8) reprintSource = origin.replace(/\s*\(.*$/, '');
  }
  return {
    notice,
    holder: m?.[1],
    strong,
    short,
    tribuneNotice: /distributed by tribune/i.test(t),
    tribuneLine: TRIBUNE.test(t),
    reprint: r !== null,
    reprintSource,
    principles: TRUST_PRINCIPLES.test(t),
    visit: VISIT.test(t),
  };
});

/**
 * Footer markers that also arrive glued to the text before them when a feed collapses newlines. Each starts with a
 * literal, so a scan for them is linear.
 */
const GLUE_MARKERS = /(?:View original content|View source version on|Legal Disclaimer:|MENAFN provides the information|SOURCE (?=\p{Lu})|Copyright (?:©|\([Cc]\)|\d{4})|© ?\d{4}|(?:Media |Press |Investor )?Contacts?: |For more information,? (?:please )?contact|The post .{3,200}? appeared first on |\((?:Reporting|Writing|Editing|Additional reporting) by )/gu;

/** Splits a paragraph before each glued footer marker; returns null when there is nothing to split. */
export function splitGlued(text: string): string[] | null {
  if (text.length > 20_000) return null;
  const cuts: number[] = [];
  GLUE_MARKERS.lastIndex = 0;
  for (const m of text.matchAll(GLUE_MARKERS)) {
    const at = m.index ?? 0;
    if (at === 0) continue;
    const before = text[at - 1]!;
    const marker = m[0];
    // "SOURCE" glued to a word is part of it ("OPENSOURCE"); other markers may be glued ("SandsCopyright")
    if (marker.startsWith('SOURCE') && !/[\s\d.)]/.test(before)) continue;
    // after a space, the word before must end a sentence, a phone number or a URL: never mid-sentence
    if (/\s/.test(before)) {
      const head = text.slice(Math.max(0, at - 300), at).trimEnd();
      const prev = head.slice(head.search(/\S+$/) >>> 0);
      if (!/[.!?”")\]\d]$/.test(prev) && !/^(?:https?:\/\/|www\.)|\/|\.html?$/i.test(prev)) continue;
    }
    cuts.push(at);
  }
  if (cuts.length === 0) return null;
  const parts: string[] = [];
  let from = 0;
  for (const c of cuts) {
    parts.push(text.slice(from, c).trim());
    from = c;
  }
  parts.push(text.slice(from).trim());
  const kept = parts.filter(Boolean);
  return kept.length > 1 ? kept : null;
}

export const gluedBoilerplate = defineRule({
  id: 'NC220',
  name: 'glued-boilerplate',
  stage: 'text',
  tags: ['footer', 'syndication', 'structure'],
  description: 'Splits footer markers glued onto the text before them (collapsed PR Newswire newlines, "…students.Copyright 2015 …", "… SOURCE Acme") into blocks of their own, so the footer rules can see them.',
  apply(blocks, ctx) {
    const from = Math.max(0, blocks.length - 3);
    let out: Block[] | null = null;
    for (let i = blocks.length - 1; i >= from; i--) {
      const b = blocks[i]!;
      if (!isPara(b)) continue;
      const parts = splitGlued(b.text);
      if (!parts) continue;
      // a long paragraph of prose that merely quotes a marker mid-way is left alone
      const first = parts[0]!;
      if (!/[.!?”")\d\]]$/.test(first) && wordCount(first, 4) > 3 && !/\p{Ll}$/u.test(first)) continue;
      out ??= [...blocks];
      out.splice(i, 1, ...parts.map((text): Block => ({ type: 'paragraph', text })));
      ctx.removed(parts.slice(1).join(' | ').slice(0, 150), 'split from the text before it');
    }
    return out ?? blocks;
  },
});

const SOURCE_LINE = /^SOURCE\s{1,3}(\p{Lu}[\p{L}\p{N}&.,'’() -]{1,80}?)\s{0,3}$/u;
const CONTACT_HEAD = /^(?:(?:Media|Press|Investor|Investors|Company|Corporate|Public Relations|PR|Sales)\s{1,3}(?:and\s{1,3}\w+\s{1,3})?)?(?:Contacts?|Enquiries|Inquiries|Relations)\s{0,3}(?::\s{0,3}\S.{0,200}|:?)$|^For (?:more|further) information,? (?:please )?(?:contact|visit|call|email)\b.{0,200}$/i;
const CONTACT_LINE = /^(?:(?:Tel|Phone|Telephone|Mobile|Cell|Fax|E-?mail|Web|Website|Office)\s{0,3}[.:]?\s{0,3})?(?:\+?\d[\d\s().-]{6,24}\d|[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){1,5}|(?:https?:\/\/|www\.)\S{3,200})(?:\s{0,3}(?:\||\/|;|,)\s{0,3}\S.{0,120})?$/i;
const MEDIA_LINE = /^(?:(?:Logo|Photo|Video|Multimedia|Image|Attachment|Attachments)\s{0,3}[-–:]\s{0,3}https?:\/\/\S{3,300}|(?:Attachments?|Multimedia)\s{0,3}:?)$/i;
const END_MARK = /^(?:#\s{0,2}#\s{0,2}#|-?\s{0,2}30\s{0,2}-?|\+\+\+|-ends-|ENDS)$/i;

function shortNonProse(b: Block): boolean {
  if (b.type === 'list') return true;
  if (b.type !== 'paragraph' && b.type !== 'heading') return false;
  const t = shortPlain(b, 300);
  return t !== null && !isProse(b) && wordCount(t, 21) <= 20;
}

export const pressReleaseFooter = defineRule({
  id: 'NC221',
  name: 'press-release-footer',
  stage: 'text',
  tags: ['syndication', 'footer', 'metadata'],
  description: 'Removes press-release footers — SOURCE Company (kept as source), media contact blocks, phone/e-mail lines, Logo/Photo links, ### end marks — from the end of the article.',
  apply(blocks, ctx) {
    const drop = new Set<number>();
    const start = footerScanStart(blocks, 12);
    for (let i = start; i < blocks.length; i++) {
      const b = blocks[i]!;
      const t = shortPlain(b, 300);
      if (t === null) continue;
      const s = SOURCE_LINE.exec(t);
      if (s && i >= blocks.length - 6) {
        ctx.meta.offer('source', s[1]!.replace(/,+$/, '').replace(/(?<!\b(?:Inc|Ltd|Co|Corp|LLC|plc|S\.A|N\.V|AG))\.+$/i, ''), TRUST.text);
        drop.add(i);
        continue;
      }
      if (CONTACT_HEAD.test(t) && wordCount(t, 31) <= 30) {
        drop.add(i);
        // the contact block: names, titles, phones and addresses up to the next prose paragraph
        for (let j = i + 1; j < blocks.length && j <= i + 10 && shortNonProse(blocks[j]!); j++) drop.add(j);
        continue;
      }
      if (CONTACT_LINE.test(t) || MEDIA_LINE.test(t) || END_MARK.test(t)) drop.add(i);
    }
    return dropBlocks(blocks, drop, ctx, 'removed (press-release footer)');
  },
});
