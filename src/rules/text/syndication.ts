/** Syndication wrappers, legal footers and copyright lines (NC20x). */
import { defineRule } from '../define-rule.js';
import { TRUST } from '../../metadata/collector.js';
import { parseDate } from '../../metadata/dates.js';
import type { Block } from '../../types.js';
import { dropBlocks, isPara, plain } from './util.js';
import { footerStart, wordCount } from '../zones.js';

const MENAFN_HEAD = /^\(\s*MENAFN\s*[-–—]\s*([^()]{1,80}?)\s*\)\s*/;
const MENAFN_ID = /\bMENAFN\d{6,}(?:ID\d{4,})?\b/g;
const WIRE_LEAD = /^(.{2,80}?),\s*((?:[A-Z][a-z]{2,8}\.?\s+\d{1,2},?\s+\d{4})|(?:\d{1,2}\s+[A-Z][a-z]{2,8}\s+\d{4}))\s*\/\s*(PRNewswire(?:-[A-Z]{2,10})?|EINPresswire(?:\.com)?|EIN Presswire|GLOBE NEWSWIRE|Globe Newswire|ACCESSWIRE|PRWeb|Newsfile)\s*\/\s*(?:--|[-–—])\s*/;
const BUSINESS_WIRE = /^(.{2,80}?)\s*[-–—]*\s*\(\s*(BUSINESS WIRE|Business Wire)\s*\)\s*(?:--|[-–—])\s*/;
const SYNDICATOR_NAMES: Record<string, string> = {
  prnewswire: 'PR Newswire', einpresswire: 'EIN Presswire', 'ein presswire': 'EIN Presswire', 'globe newswire': 'GlobeNewswire',
  accesswire: 'ACCESSWIRE', prweb: 'PRWeb', newsfile: 'Newsfile', 'business wire': 'Business Wire',
};

export const syndicationHeader = defineRule({
  id: 'NC201',
  name: 'syndication-header',
  stage: 'text',
  tags: ['syndication', 'metadata'],
  description: 'Moves syndication headers — (MENAFN- Provider), CITY, Date /PRNewswire/ --, (BUSINESS WIRE) — into syndicator, publisher and dateline.',
  apply(blocks, ctx) {
    const out = [...blocks];
    for (let i = 0; i < Math.min(out.length, 5); i++) {
      const b = out[i]!;
      if (!isPara(b)) continue;
      const t = b.text;
      let m = MENAFN_HEAD.exec(t);
      if (m) {
        ctx.meta.offer('syndicator', 'MENAFN', TRUST.text);
        ctx.meta.offer('publisher', m[2 - 1]!.replace(/\\/g, ''), TRUST.text);
        ctx.removed(m[0], 'moved to metadata.syndicator/publisher');
        const rest = t.slice(m[0].length).trim();
        if (rest) out[i] = { type: 'paragraph', text: rest };
        else out.splice(i, 1);
        break;
      }
      m = WIRE_LEAD.exec(t) ?? BUSINESS_WIRE.exec(t);
      if (m) {
        const isBw = m.length === 3;
        const synd = (isBw ? m[2]! : m[3]!).replace(/-[A-Z]+$/, '').replace(/\.com$/, '').toLowerCase();
        ctx.meta.offer('syndicator', SYNDICATOR_NAMES[synd] ?? (isBw ? m[2]! : m[3]!), TRUST.text);
        ctx.meta.offer('dateline', m[1]!.trim(), TRUST.text);
        if (!isBw) {
          const d = parseDate(m[2]!);
          if (d?.iso) ctx.meta.offer('date', d.iso, TRUST.text);
        }
        ctx.removed(m[0], 'moved to metadata.syndicator/dateline');
        out[i] = { type: 'paragraph', text: t.slice(m[0].length).trim() };
        break;
      }
    }
    // MENAFN document ids anywhere
    return out.flatMap((b) => {
      if (!isPara(b) || !MENAFN_ID.test(b.text)) return [b];
      MENAFN_ID.lastIndex = 0;
      const text = b.text.replace(MENAFN_ID, (id) => {
        ctx.removed(id);
        return '';
      }).trim();
      return text ? [{ type: 'paragraph', text } as Block] : [];
    });
  },
});

const HARD_FOOTER = [
  /^Legal Disclaimer\s*:?/i,
  /^MENAFN provides the information/i,
  /provides the information .{1,3}as is.{1,3} without warranty/i,
  /^View (?:original|source) content(?: to download multimedia)?\s*:?/i,
  /^The views and opinions expressed herein are the views and opinions of the author/i,
  /^The views expressed (?:on|in) (?:blogs|this (?:article|post)) distributed by/i,
  /^The post .{3,300} appeared first on .{2,100}$/,
  /^(?:Disclaimer|DISCLAIMER)\s*:\s*\S/,
];

export const legalFooter = defineRule({
  id: 'NC202',
  name: 'legal-footer',
  stage: 'text',
  tags: ['syndication', 'legal', 'footer'],
  description: 'Cuts everything from a hard footer marker (Legal Disclaimer:, MENAFN provides…, View original content, The post … appeared first on …) to the end.',
  apply(blocks, ctx) {
    const minStart = Math.min(1, blocks.length);
    for (let i = minStart; i < blocks.length; i++) {
      const t = plain(blocks[i]!);
      if (t.length > 1500) continue;
      // a mid-article "Disclaimer:" needs to sit in the last third
      if (HARD_FOOTER.some((re) => re.test(t)) && (i >= blocks.length * 0.5 || !/^(?:Disclaimer|DISCLAIMER)/.test(t))) {
        return dropBlocks(blocks, range(i, blocks.length), ctx, 'removed (footer)');
      }
    }
    return blocks;
  },
});

const COPYRIGHT = /^(?:Copyright|COPYRIGHT|©|\(c\)|\(C\))\s*(?:©\s*)?(?:\d{4}(?:\s*[-–]\s*\d{4})?)?[\s,]*(.{0,160}?)(?:[.,]?\s*(?:All rights reserved|ALL RIGHTS RESERVED|All Rights Reserved)|,?\s*Distributed by|[.,]?\s*This material may not be published|$)/;
const GLUED_COPYRIGHT = /([\p{Ll}\p{N}.!?”"’)])((?:Copyright|©)\s*\d{4}\b[^\n]{0,400}?(?:All rights reserved|may not be published|Distributed by)[^\n]{0,400})$/u;
const REPRINT = /^(?:This (?:article|story|piece) (?:was )?(?:originally|first) (?:published|appeared) (?:on|in|at) .{2,120}|Reprinted (?:with permission )?from .{2,120}|Article posted with permission (?:from|of) .{2,120}|Republished with permission (?:from|of) .{2,120})$/i;

export const copyrightLine = defineRule({
  id: 'NC203',
  name: 'copyright-line',
  stage: 'text',
  tags: ['legal', 'footer'],
  description: 'Removes copyright and reprint lines in the footer zone (also one glued to the last sentence), keeping the holder in rights.',
  apply(blocks, ctx) {
    let out = [...blocks];
    // a copyright notice glued onto the last sentence: "…students.Copyright 2015 The Associated Press. All rights…"
    for (let i = Math.max(0, out.length - 3); i < out.length; i++) {
      const b = out[i]!;
      if (!isPara(b)) continue;
      const m = GLUED_COPYRIGHT.exec(b.text);
      if (m && m.index + m[1]!.length > 0) {
        const keep = b.text.slice(0, m.index + m[1]!.length).trim();
        ctx.removed(m[2]!, 'removed (copyright)');
        const holder = COPYRIGHT.exec(m[2]!)?.[1];
        if (holder) ctx.meta.offer('rights', holder.replace(/[.,]+$/, ''), TRUST.text);
        out[i] = { type: 'paragraph', text: keep };
      }
    }
    const start = Math.max(1, Math.min(footerStart(out), out.length - 4));
    const drop: number[] = [];
    for (let i = start; i < out.length; i++) {
      const t = plain(out[i]!);
      if (wordCount(t, 61) > 60) continue;
      const m = COPYRIGHT.exec(t);
      if (m && /rights reserved|distributed by|may not be published|^(?:copyright|©|\(c\))\s*(?:©\s*)?\d{4}/i.test(t)) {
        const holder = m[1]!.replace(/[.,]+$/, '').replace(/^by\s+/i, '').trim();
        if (holder && holder.length <= 80) ctx.meta.offer('rights', holder, TRUST.text);
        drop.push(i);
      } else if (REPRINT.test(t)) drop.push(i);
    }
    out = dropBlocks(out, drop, ctx, 'removed (copyright)');
    return out;
  },
});

function range(from: number, to: number): number[] {
  const r: number[] = [];
  for (let i = from; i < to; i++) r.push(i);
  return r;
}
