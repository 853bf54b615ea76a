/** Header-zone rules: the headline, section and outlet labels, date lines and bylines. */
import { defineRule } from '../define-rule.js';
import { TRUST } from '../../metadata/collector.js';
import { parseDate } from '../../metadata/dates.js';
import { canonicalAgency, isPlaceholderAuthor } from '../../metadata/names.js';
import { labelKind } from '../patterns.js';
import { bodyStart, fold, wordCount } from '../zones.js';
import { dropBlocks, plain } from './util.js';
import type { Block } from '../../types.js';

const DATE_PREFIX = /^[\s•·|*–—-]*(?:(Posted|Published|Updated|Last updated|Last modified|Modified|Date|Dated|First published)(?:\s+on)?\s*:?\s*)?/i;

/** Parses a header line that is only a date (with an optional Posted:/Updated: prefix). */
export function dateLine(text: string): { iso: string; ambiguous: boolean; updated: boolean } | null {
  const t = text.replace(/\\/g, '').trim();
  if (t.length > 90) return null;
  const pm = DATE_PREFIX.exec(t)!;
  const rest = t.slice(pm[0].length).replace(/\s+[|–—-]\s+/g, ' ').replace(/\s*[|•·]\s*$/, '').trim();
  const d = parseDate(rest);
  if (!d) return null;
  return { iso: d.iso, ambiguous: Boolean(d.ambiguous), updated: /updated|modified/i.test(pm[1] ?? '') };
}

const BYLINE = /^(?:By|BY|by)\s+(.{3,160})$/;

/** Parses a byline line into people and agencies. */
export function byline(text: string): { people: string[]; agencies: string[] } | null {
  if (text.length > 240) return null;
  const t = text.replace(/\\/g, '').replace(/\s+/g, ' ').trim();
  const m = BYLINE.exec(t);
  if (!m || wordCount(t, 17) > 16 || /[.!?]$/.test(t.replace(/\b[A-Z]\.$/, ''))) return null;
  const parts = m[1]!
    .replace(/\s*[|•·]\s*.*$/, '') // "By X | 3 min read"
    .split(/\s*(?:,|\band\b|&|\/)\s*/)
    .map((p) => p.trim())
    .filter(Boolean);
  const people: string[] = [];
  const agencies: string[] = [];
  for (const p of parts) {
    const agency = canonicalAgency(p);
    if (agency) agencies.push(agency);
    else if (/^[\p{Lu}][\p{L}.'’-]*(?:\s+(?:[\p{Lu}][\p{L}.'’-]*|van|von|de|der|da|di|del|la|le|bin|al|el|ibn)){0,4}$/u.test(p) && !isPlaceholderAuthor(p)) people.push(titleCase(p));
    else if (!isPlaceholderAuthor(p)) return null; // not a byline after all ("By the time…")
  }
  return people.length + agencies.length > 0 ? { people, agencies } : null;
}

function titleCase(name: string): string {
  if (name !== name.toUpperCase()) return name;
  return name.toLowerCase().replace(/(^|[\s'’-])(\p{L})/gu, (_, a: string, b: string) => a + b.toUpperCase()).replace(/\b(Mc)(\p{L})/gu, (_, a: string, b: string) => a + b.toUpperCase());
}

/** A line that could be a headline: a handful of words, not a sentence of prose, not chrome. */
function headlineLike(b: Block): boolean {
  if (b.type !== 'paragraph' && b.type !== 'heading') return false;
  const t = plain(b);
  const words = wordCount(t, 31);
  if (words < 3 || words > 30 || t.length > 250) return false;
  if (/[.;,]$/.test(t) && !/\b(?:U\.S|U\.K|Inc|Jr|Co|St)\.$/.test(t)) return false;
  if (labelKind(t) || dateLine(t) || byline(t) || /^\(/.test(t)) return false;
  return true;
}

function sameTitle(a: string, b: string): boolean {
  const fa = fold(a);
  const fb = fold(b);
  if (!fa || !fb) return false;
  if (fa === fb) return true;
  const ta = fa.split(' ');
  const tb = new Set(fb.split(' '));
  const ratio = fa.length / fb.length;
  if (ratio < 0.8 || ratio > 1.25) return false;
  const shared = ta.filter((w) => tb.has(w)).length;
  return shared / Math.max(ta.length, tb.size) >= 0.9;
}

export const headline = defineRule({
  id: 'NC209',
  name: 'headline',
  stage: 'text',
  tags: ['headline', 'metadata'],
  description: 'Takes the headline line out of the body into title (when no front matter or page title gives one) and drops repeated headlines.',
  apply(blocks, ctx) {
    const zoneEnd = Math.min(bodyStart(blocks), 8);
    let title = ctx.meta.get('title');
    const drop = new Set<number>();
    if (!title) {
      // a leading heading (an HTML fragment's <h1>) or the first headline-like line of the header zone
      for (let i = 0; i < Math.max(zoneEnd, blocks[0]?.type === 'heading' ? 1 : 0); i++) {
        const b = blocks[i]!;
        if (headlineLike(b) || (i === 0 && b.type === 'heading')) {
          title = plain(b);
          ctx.meta.offer('title', title, TRUST.text);
          ctx.removed(title, 'moved to metadata.title');
          drop.add(i);
          break;
        }
      }
    }
    if (title) {
      const limit = Math.max(zoneEnd, blocks.findIndex((b) => b.type !== 'heading' && b.type !== 'paragraph') + 1, 1);
      for (let i = 0; i < Math.min(blocks.length, limit + 1); i++) {
        const b = blocks[i]!;
        if (drop.has(i) || (b.type !== 'paragraph' && b.type !== 'heading')) continue;
        if (sameTitle(plain(b), title)) {
          ctx.removed(plain(b), 'removed (repeated headline)');
          drop.add(i);
        }
      }
    }
    return blocks.filter((_, i) => !drop.has(i));
  },
});

export const sectionLabel = defineRule({
  id: 'NC210',
  name: 'section-label',
  stage: 'text',
  tags: ['chrome', 'metadata'],
  description: 'Removes section and outlet labels and breadcrumbs in the header zone ("News World", "Expatica news", "Home > World"), keeping them in section / publisher.',
  apply(blocks, ctx) {
    const end = Math.min(bodyStart(blocks), 8);
    const drop: number[] = [];
    for (let i = 0; i < end; i++) {
      const b = blocks[i]!;
      if (b.type !== 'paragraph' && b.type !== 'heading') continue;
      const label = labelKind(plain(b));
      if (!label) continue;
      ctx.meta.offer(label.kind, label.value, TRUST.text);
      drop.push(i);
    }
    return dropBlocks(blocks, drop, ctx, 'moved to metadata.section/publisher');
  },
});

export const dateLineRule = defineRule({
  id: 'NC211',
  name: 'date-line',
  stage: 'text',
  tags: ['chrome', 'metadata'],
  description: 'Removes date-only lines in the header zone ("• 20/07/2016", "Posted: 12 March 2024 09:14 GMT"), keeping the date in ISO 8601.',
  apply(blocks, ctx) {
    const end = Math.min(bodyStart(blocks), 8);
    const drop: number[] = [];
    for (let i = 0; i < end; i++) {
      const b = blocks[i]!;
      if (b.type !== 'paragraph' && !(b.type === 'list' && b.items.length === 1)) continue;
      const d = dateLine(plain(b));
      if (!d) continue;
      if (d.ambiguous && !d.iso) ctx.warn('ambiguous-date', `"${plain(b)}" could be day/month or month/day; date left unset`);
      else if (!d.updated) ctx.meta.offer('date', d.iso, TRUST.text);
      drop.push(i);
    }
    return dropBlocks(blocks, drop, ctx, 'moved to metadata.date');
  },
});

export const bylineRule = defineRule({
  id: 'NC212',
  name: 'byline',
  stage: 'text',
  tags: ['credits', 'metadata'],
  description: 'Moves a "By Jane Doe, Associated Press" line from the top of the article into author / contributors / source.',
  apply(blocks, ctx) {
    const end = Math.min(bodyStart(blocks) + 1, 8, blocks.length);
    for (let i = 0; i < end; i++) {
      const b = blocks[i]!;
      if (b.type !== 'paragraph') continue;
      const by = byline(plain(b));
      if (!by) continue;
      if (by.people[0]) ctx.meta.offer('author', by.people[0], TRUST.text);
      if (by.people.length > 1) ctx.meta.add('contributors', by.people.map((p) => `${p} (byline)`));
      if (by.agencies[0]) ctx.meta.offer('source', by.agencies[0], TRUST.text);
      return dropBlocks(blocks, [i], ctx, 'moved to metadata.author');
    }
    return blocks;
  },
});
