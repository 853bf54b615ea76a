/** Footer-zone credits: wire credit trailers, contact lines and agency sign-offs. */
import { defineRule } from '../define-rule.js';
import { TRUST } from '../../metadata/collector.js';
import { canonicalAgency, isPlaceholderAuthor } from '../../metadata/names.js';
import { AGENCY_SIGNOFF, DESK_SLUG } from '../patterns.js';
import { footerStart, wordCount } from '../zones.js';
import { dropBlocks, isPara, lastContent, plain } from './util.js';

const ROLE = String.raw`(?:additional\s+)?(?:reporting|writing|editing|compiled|compiling|graphics?|research|production|produced|sub-?editing|translation|translated|photos?|video|data|design|fact-?checking)`;
const CREDIT_TRAILER = new RegExp(String.raw`^\(\s*(${ROLE})\s+by\b([^()]{2,500})\)\.?$`, 'i');
const CREDIT_PART = new RegExp(String.raw`^\s*(${ROLE})\s+by\s+(.+)$`, 'i');
const CONTACT = /^\(\([^()]{1,300}@[^()]{1,300}\)\)$|^\(?\s*[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){1,5}\s*;?\s*\)?$/;
const AP_CONTRIB = /^(?:(?:The )?Associated Press|AP|Reuters|AFP) (?:writers?|reporters?|correspondents?|staff writers?|journalists?) (.{3,300}?) contributed(?: to this (?:report|story|article))?\.$/;
const CONTRIBUTING = /^Contributing to this (?:report|story)(?: (?:were|was))? (.{3,300}?)\.$/;
const REACHED = /^[\p{Lu}][\p{L}.'’-]+(?: [\p{Lu}][\p{L}.'’-]+){1,3} (?:can be reached at|may be reached at|can be contacted at) .{3,200}$/u;
const WRITE_TO = /^(?:Write to|Contact|Email) [^@]{2,80} at \S{1,100}@\S{1,100}\.?$|^Follow [\p{L} .'’-]{2,60} on (?:Twitter|X|Instagram|Facebook|Threads|Bluesky)(?: at)? @\w{1,40}\.?$/u;

function roleName(raw: string): string {
  const r = raw.toLowerCase().replace(/\s+/g, ' ');
  if (r.startsWith('additional')) return 'additional reporting';
  if (r.startsWith('compil')) return 'compiling';
  if (r.startsWith('translat')) return 'translation';
  if (r.startsWith('produc')) return 'production';
  return r;
}

/** Splits "Kane Wu in Hong Kong and Andrew Galbraith" into names. */
function names(list: string): string[] {
  return list
    .split(/\s*(?:,|\band\b|&)\s*/)
    .map((n) => n.replace(/\s+in\s+[\p{Lu}][\p{L} .,'’-]{0,60}$/u, '').replace(/\s+/g, ' ').trim())
    .filter((n) => n.length > 1 && /^[\p{Lu}]/u.test(n) && n.split(' ').length <= 5 && !isPlaceholderAuthor(n));
}

/** Parses a Reuters-style credit trailer into "Name (role)" entries. */
export function parseCredits(text: string): string[] | null {
  const t = text.replace(/\\/g, '').replace(/\s+/g, ' ').trim();
  const m = CREDIT_TRAILER.exec(t);
  if (!m) return null;
  const out: string[] = [];
  const inner = t.replace(/^\(\s*/, '').replace(/\)\.?$/, '');
  for (const part of inner.split(/\s*;\s*/)) {
    const p = CREDIT_PART.exec(part);
    if (!p) continue;
    for (const n of names(p[2]!)) out.push(`${n} (${roleName(p[1]!)})`);
  }
  return out;
}

export const wireCredits = defineRule({
  id: 'NC213',
  name: 'wire-credits',
  stage: 'text',
  tags: ['credits', 'metadata', 'footer'],
  description: 'Moves wire credit trailers — (Writing by …; Editing by …), "AP writer X contributed", reporter contact lines — from the footer into contributors.',
  apply(blocks, ctx) {
    const start = Math.max(1, Math.min(footerStart(blocks), blocks.length - 3));
    const drop: number[] = [];
    for (let i = start; i < blocks.length; i++) {
      const b = blocks[i]!;
      if (!isPara(b)) continue;
      const t = plain(b);
      if (wordCount(t, 91) > 90) continue;
      const credits = parseCredits(t);
      if (credits) {
        ctx.meta.add('contributors', credits);
        drop.push(i);
        continue;
      }
      const ap = AP_CONTRIB.exec(t) ?? CONTRIBUTING.exec(t);
      if (ap) {
        ctx.meta.add('contributors', names(ap[1]!).map((n) => `${n} (reporting)`));
        drop.push(i);
        continue;
      }
      if (CONTACT.test(t) || REACHED.test(t) || WRITE_TO.test(t)) drop.push(i);
    }
    return dropBlocks(blocks, drop, ctx, 'moved to metadata.contributors');
  },
});

export const agencySignoff = defineRule({
  id: 'NC214',
  name: 'agency-signoff',
  stage: 'text',
  tags: ['credits', 'metadata', 'footer'],
  description: 'Moves a bare agency sign-off at the end ("AFP", "— Reuters", "(AP)") into source and drops desk slugs such as "bur-ec/dl".',
  apply(blocks, ctx) {
    const drop: number[] = [];
    for (let k = 0, i = lastContent(blocks); k < 3 && i >= 1; k++, i--) {
      const b = blocks[i]!;
      if (!isPara(b)) break;
      const t = plain(b);
      const m = AGENCY_SIGNOFF.exec(t);
      if (m) {
        const agencies = [m[1], m[2], m[3], m[4]].filter((x): x is string => Boolean(x)).map((a) => canonicalAgency(a) ?? a);
        ctx.meta.offer('source', agencies[0], TRUST.text);
        drop.push(i);
        continue;
      }
      if (DESK_SLUG.test(t)) {
        drop.push(i);
        continue;
      }
      break;
    }
    return dropBlocks(blocks, drop, ctx, 'moved to metadata.source');
  },
});
