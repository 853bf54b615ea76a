/** Header-zone rules: the headline, section and outlet labels, date lines and bylines. */
import { defineRule } from '../define-rule.js';
import { TRUST } from '../../metadata/collector.js';
import { parseDate } from '../../metadata/dates.js';
import { canonicalAgency, isPlaceholderAuthor } from '../../metadata/names.js';
import { addressOnly, labelKind } from '../patterns.js';
import { splitTitleSuffix } from '../../metadata/finish.js';
import { bodyStart, fold, wordCount } from '../zones.js';
import { afterUnescaped, dropBlocks, plain, shortPlain, unescapeMd } from './util.js';
import type { Block } from '../../types.js';
import { foldSpaces } from '../../text/spaces.js';

const DATE_PREFIX = /^[\s•·|*–—-]*(?:(Posted|Published|Updated|Last updated|Last modified|Modified|Date|Dated|First published|Veröffentlicht|Aktualisiert|Stand|Publié|Mis à jour|Publicado|Actualizado|Atualizado|Pubblicato|Aggiornato|Gepubliceerd|Bijgewerkt|Diterbitkan|Опубликовано|Обновлено|Дата|发布时间|更新时间|发布日期|公開日|更新日|公開|更新)(?:\s+(?:on|am|le|el|em|il|op|в))?\s*[:：]?\s*)?/iu;
/** The prefix names the last change, not the first publication. */
const UPDATED_PREFIX = /updated|modified|aktualisiert|stand|mis à jour|actualizado|atualizado|aggiornato|bijgewerkt|обновлено|更新/iu;

/** Parses a header line that is only a date (with an optional Posted:/Updated: prefix). */
export function dateLine(text: string): { iso: string; ambiguous: boolean; updated: boolean } | null {
  const t = text.replace(/\\/g, '').trim();
  if (t.length > 90) return null;
  const pm = DATE_PREFIX.exec(t)!;
  const rest = t.slice(pm[0].length).replace(/\s+[|–—-]\s+/g, ' ').replace(/\s*[|•·]\s*$/, '').trim();
  const d = parseDate(rest);
  if (!d) return null;
  return { iso: d.iso, ambiguous: Boolean(d.ambiguous), updated: UPDATED_PREFIX.test(pm[1] ?? '') };
}

const BYLINE = /^(?:By|BY|by|Written by|Posted by|Words by|Story by|Report by|Reported by)\s{1,3}(.{3,200})$/;
/**
 * The by-words of other languages (German, French, Spanish and Portuguese, Dutch, Italian, the Scandinavian ones,
 * Indonesian; "Autor:", "Texto:", "Автор:"), read only under a headline: "Von Miller Signs With Bills" or "Door Dash
 * Names New CEO" opening a text is an English headline, not a byline.
 */
const LOCAL_BYLINE = /^(?:von|par|por|door|di|av|af|oleh|(?:autor|autorin|auteur|autore|texto|text|testo|tekst|автор|авторы|текст)\s{0,2}[:：])\s{1,3}(.{3,200})$/iu;
const MONTH = String.raw`(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]{0,6}\.?`;
const DATE_IN = new RegExp(
  String.raw`(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]{0,6},?\s)?(?:${MONTH}\s\d{1,2},?\s\d{4}|\d{1,2}\s${MONTH}\s\d{4}|\d{4}-\d{2}-\d{2}|\d{1,2}\/\d{1,2}\/\d{4})(?:,?\s(?:at\s)?\d{1,2}:\d{2}(?:\s?[AaPp]\.?[Mm]\.?)?(?:\s[A-Z]{2,4}\b)?)?`,
);
const BYLINE_SKIP = /^(?:Special to|For|Exclusive to|Contributor|Contributing writer|Correspondent|Senior \w+|Chief \w+|Staff|Updated|Published|Posted|on)\b/i;
const NAME = /^[\p{Lu}][\p{L}.'’-]{0,30}(?:\s{1,2}(?:[\p{Lu}][\p{L}.'’-]{0,30}|van|von|de|der|da|di|del|la|le|bin|al|el|ibn)){0,4}$/u;

/** Parses a byline line into people, agencies and a date; `local`: the by-words of other languages too. */
export function byline(text: string, local = false): { people: string[]; agencies: string[]; date?: string } | null {
  const t = foldSpaces(text.replace(/\\/g, '')).trim();
  if (t.length > 220) return null;
  const m = BYLINE.exec(t) ?? (local ? LOCAL_BYLINE.exec(t) : null);
  if (!m || wordCount(t, 19) > 18 || /[!?]$/.test(t) || /[^.]\.$/.test(t.replace(/\b(?:\p{Lu}|Jr|Sr|Inc|Co|Ltd)\.$/u, ''))) return null;
  let rest = m[1]!;
  let date: string | undefined;
  const dm = DATE_IN.exec(rest);
  if (dm) {
    const d = parseDate(dm[0].replace(/\bat\s/, ''));
    if (d?.iso) date = d.iso;
    rest = `${rest.slice(0, dm.index)} | ${rest.slice(dm.index + dm[0].length)}`;
  }
  const parts = rest
    .split(/\s{0,3}(?:,|\b(?:and|und|et|y|e|en|och|og|dan)\b|\sи\s|&|\/|\||•|·|[–—]|\s-\s)\s{0,3}/)
    .map((p) => p.trim())
    .filter(Boolean);
  const people: string[] = [];
  const agencies: string[] = [];
  for (const p of parts) {
    const agency = canonicalAgency(p);
    if (agency) agencies.push(agency);
    else if (isPlaceholderAuthor(p) || BYLINE_SKIP.test(p) || /^\d{1,3}\s?(?:min|mins|minute|minutes) read$/i.test(p)) continue;
    else if (/^(?:updated|published|posted)?\s{0,2}:?\s{0,2}$/i.test(p)) continue;
    // an outlet is never an author: "By Jane Doe, The Daily Courier"
    else if (/^The\s/.test(p)) continue;
    else if (NAME.test(p)) people.push(titleCase(p));
    else return null; // not a byline after all ("By the time…")
  }
  return people.length + agencies.length > 0 ? { people, agencies, ...(date ? { date } : {}) } : null;
}

const AGENCY_WORDS = /\b(?:The Associated Press|Associated Press|Reuters|AFP|Agence France-Presse|Bloomberg News|Bloomberg)\b/;
const AGENCY_DATELINE = /\((?:AP|Reuters|AFP|Bloomberg|dpa|Xinhua|UPI|ANI|IANS|PTI)\)\s{0,2}[-–—_:]/;

/**
 * A byline glued in front of the lead: "By JONATHAN J. COOPER, Associated Press PHOENIX (AP) — The …". The byline
 * ends after the agency name; what follows is the dateline and the lead, left for the dateline rule.
 */
export function gluedByline(text: string): { byline: string; rest: string } | null {
  const head = unescapeMd(text.slice(0, 260));
  if (!/^(?:By|BY)\s/.test(head) || !AGENCY_DATELINE.test(head)) return null;
  const a = AGENCY_WORDS.exec(head);
  if (!a) return null;
  const cut = a.index + a[0].length;
  const dl = AGENCY_DATELINE.exec(head)!;
  if (cut > dl.index) return null;
  const line = head.slice(0, cut).replace(/[,\s]+$/, '');
  if (!byline(line)) return null;
  return { byline: line, rest: afterUnescaped(text, cut).replace(/^[\s,]+/, '') };
}

function titleCase(name: string): string {
  if (name !== name.toUpperCase()) return name;
  return name.toLowerCase().replace(/(^|[\s'’-])(\p{L})/gu, (_, a: string, b: string) => a + b.toUpperCase()).replace(/\b(Mc)(\p{L})/gu, (_, a: string, b: string) => a + b.toUpperCase());
}

/**
 * A line that could be a headline: a handful of words, not a sentence of prose, not chrome, not a byline (nor, under
 * another line, `local`, a byline in another language).
 */
function headlineLike(b: Block, local = false): boolean {
  if (b.type !== 'paragraph' && b.type !== 'heading') return false;
  const t = plain(b);
  const words = wordCount(t);
  if (words < 3 || words > 30 || t.length > 250) return false;
  if (/[.;,]$/.test(t) && !/\b(?:U\.S|U\.K|Inc|Jr|Co|St)\.$/.test(t)) return false;
  if (labelKind(t) || dateLine(t) || byline(t, local) || /^\(/.test(t) || addressOnly(t)) return false;
  return true;
}

/** Same headline, also when one side carries a site suffix ("… | The Peninsula", "… - Reuters"). */
function sameHeadline(line: string, title: string): boolean {
  if (line.length > 600) return false;
  const lines = [line, splitTitleSuffix(line)?.title];
  const titles = [title, splitTitleSuffix(title)?.title];
  return lines.some((l) => l !== undefined && titles.some((t) => t !== undefined && sameTitle(l, t)));
}

function sameTitle(a: string, b: string): boolean {
  const fa = fold(a);
  const fb = fold(b);
  if (!fa || !fb) return false;
  if (fa === fb) return true;
  const ratio = fa.length / fb.length;
  if (ratio < 0.8 || ratio > 1.25) return false;
  const ta = fa.split(' ');
  const tb = new Set(fb.split(' '));
  const shared = ta.filter((w) => tb.has(w)).length;
  return shared / Math.max(ta.length, tb.size) >= 0.9;
}

/** Whether a block other than `i` and those in `drop` has words (what is left of the body without block `i`). */
function textBesides(blocks: readonly Block[], drop: ReadonlySet<number>, i: number): boolean {
  return blocks.some((b, k) => k !== i && !drop.has(k) && b.type !== 'rule' && /[\p{L}\p{N}]/u.test(b.type === 'list' ? b.items.map((x) => x.text).join(' ') : b.type === 'table' ? b.rows.flat().join(' ') : b.text));
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
        if (headlineLike(b, i > 0) || (i === 0 && b.type === 'heading')) {
          // a text that is a headline-like line alone is its own body, not a headline (never an empty article)
          if (!textBesides(blocks, drop, i)) break;
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
        if (sameHeadline(plain(b), title) && textBesides(blocks, drop, i)) {
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
    const drop = new Map<number, string>();
    for (let i = 0; i < end; i++) {
      const b = blocks[i]!;
      if (b.type !== 'paragraph' && b.type !== 'heading') continue;
      const label = labelKind(plain(b));
      if (!label) continue;
      // (a row of the site's links in a breadcrumb's shape names no section)
      if (label.kind === 'links') {
        drop.set(i, 'removed (a row of links)');
        continue;
      }
      ctx.meta.offer(label.kind, label.value, TRUST.text);
      drop.set(i, 'moved to metadata.section/publisher');
    }
    return dropBlocks(blocks, drop, ctx);
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
  description: 'Moves a byline ("By Jane Doe, Associated Press", AP all-caps "By JONATHAN J. COOPER", one glued in front of the dateline) and a lone agency line from the top of the article into author / contributors / source.',
  apply(blocks, ctx) {
    const end = Math.min(bodyStart(blocks) + 1, 8, blocks.length);
    const drop: number[] = [];
    let out = blocks;
    let found = false;
    for (let i = 0; i < end; i++) {
      const b = out[i]!;
      if (b.type !== 'paragraph') continue;
      const t = shortPlain(b, 400);
      if (t === null) continue;
      if (!found) {
        // another language's by-word under a headline (a line above it, or the headline the rule before took)
        const by = byline(t, i > 0 || ctx.meta.has('title'));
        const glued = by ? null : gluedByline(b.text);
        const hit = by ?? (glued ? byline(glued.byline) : null);
        if (hit) {
          found = true;
          if (hit.people[0]) ctx.meta.offer('author', hit.people[0], TRUST.text);
          if (hit.people.length > 1) ctx.meta.add('contributors', hit.people.map((p) => `${p} (byline)`));
          if (hit.agencies[0]) ctx.meta.offer('source', hit.agencies[0], TRUST.text);
          if (hit.date) ctx.meta.offer('date', hit.date, TRUST.text);
          if (glued) {
            ctx.removed(glued.byline, 'moved to metadata.author');
            out = [...out];
            out[i] = { type: 'paragraph', text: glued.rest };
          } else drop.push(i);
          continue;
        }
      }
      // a lone agency line under the byline: "Associated Press", "The Associated Press"
      const agency = i < bodyStart(out) && wordCount(t, 4) <= 3 ? canonicalAgency(t.replace(/[.\s]+$/, '')) : undefined;
      if (agency && /^(?:the )?(?:associated press|agence france-presse|reuters|afp|ap|bloomberg news)$/i.test(t.replace(/[.\s]+$/, ''))) {
        ctx.meta.offer('source', agency, TRUST.text);
        drop.push(i);
      }
    }
    return dropBlocks(out, drop, ctx, 'moved to metadata.author');
  },
});
