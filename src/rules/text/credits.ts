/** Footer-zone credits: wire credit trailers, contact lines and sign-offs (NC213, NC214). */
import { defineRule } from '../define-rule.js';
import { TRUST } from '../../metadata/collector.js';
import { canonicalAgency, isPlaceholderAuthor } from '../../metadata/names.js';
import { AGENCY_SIGNOFF, DESK_SLUG } from '../patterns.js';
import { footerScanStart, wordCount } from '../zones.js';
import type { Block } from '../../types.js';
import { dropBlocks, isPara, lastContent, perBlock, plain, shortPlain } from './util.js';
import { foldSpaces } from '../../text/spaces.js';

const ROLE = String.raw`(?:additional\s{1,3})?(?:reporting|writing|editing|compiled|compiling|graphics?|research|production|produced|sub-?editing|translation|translated|video|data|design|fact-?checking|written|edited|reported)`;
const CREDIT_TRAILER = new RegExp(String.raw`^\(\s{0,3}(${ROLE})\s{1,3}by\b([^()]{2,500})\)\.?$`, 'i');
const CREDIT_OPEN = new RegExp(String.raw`^\(\s{0,3}${ROLE}\s{1,3}by\b[^()]{0,400}$`, 'i');
const CREDIT_PART = new RegExp(String.raw`^\s{0,3}(${ROLE})\s{1,3}by\s{1,3}(.{1,300})$`, 'i');
const CONTACT = /^\(\([^()]{1,300}@[^()]{1,300}\)\)$|^\(?\s{0,3}[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){1,5}\s{0,3};?\s{0,3}\)?$/;
const AP_CONTRIB = /^(?:(?:The )?Associated Press|AP|Reuters|AFP|Bloomberg) (?:writers?|reporters?|correspondents?|staff writers?|journalists?|photographers?|videojournalists?|researchers?) (.{3,300}?) contributed(?: to this (?:report|story|article))?\.$/;
const CONTRIBUTING = /^Contributing to this (?:report|story)(?: (?:were|was))? (.{3,300}?)\.$|^(.{3,200}?) contributed (?:reporting|to this (?:report|story|article))(?: from .{2,80})?\.$/;
const REACHED = /^[\p{Lu}][\p{L}.'’-]{0,30}(?: [\p{Lu}][\p{L}.'’-]{0,30}){1,3} (?:can be reached at|may be reached at|can be contacted at|can be emailed at|is on Twitter at|writes for) .{3,200}$/u;
const WRITE_TO = /^(?:Write to|Contact|Email|E-mail) (?:the (?:author|writer|reporter)|[^@\s][^@]{1,80}) at \S{1,100}@\S{1,100}\.?$|^(?:Follow|You can follow) [\p{L} .'’-]{2,60} on (?:Twitter|X|Instagram|Facebook|Threads|Bluesky|Mastodon)(?: at)? @\w{1,40}\.?$|^Email (?:the author|me|us) at \S{1,100}@\S{1,100}\.?$/u;
/** "— John T. Bennett": a person's sign-off at the very end. */
const PERSON_SIGNOFF = /^[—–-]{1,2}\s{0,2}(\p{Lu}[\p{L}'’-]{0,30}\.?(?: \p{Lu}[\p{L}'’-]{0,30}\.?){1,3})$/u;

function roleName(raw: string): string {
  const r = raw.toLowerCase().replace(/\s+/g, ' ');
  if (r.startsWith('additional')) return 'additional reporting';
  if (r.startsWith('compil')) return 'compiling';
  if (r.startsWith('translat')) return 'translation';
  if (r.startsWith('produc')) return 'production';
  if (r === 'written') return 'writing';
  if (r === 'edited') return 'editing';
  if (r === 'reported') return 'reporting';
  return r;
}

/**
 * Where a contributor reported from: "in Cape Canaveral, Florida" (a place of up to four capitalised words, and one
 * word of region after a comma when the list goes on or ends there), cut before the list is split at its commas.
 */
const PLACE = /\s{1,3}(?:in|from)\s{1,3}\p{Lu}[\p{L}.'’-]{0,30}(?:\s\p{Lu}[\p{L}.'’-]{0,30}){0,3}(?:,\s{1,3}\p{Lu}[\p{L}.'’-]{0,20}(?=\s{0,3}(?:,|\band\b|&|$)))?/gu;
/** A wire writer's title before the name: "AP Aerospace Writer", "Associated Press writer", "Reuters correspondent". */
const WRITER_TITLE = /^(?:(?:The )?Associated Press|AP|Reuters|AFP|Bloomberg)?\s{0,3}(?:\p{Lu}[\p{L}-]{0,20}\s{1,3}){0,2}(?:[Ww]riters?|[Rr]eporters?|[Cc]orrespondents?|[Ee]ditors?|[Pp]hotographers?|[Vv]ideojournalists?|[Rr]esearchers?)\s{1,3}(?=\p{Lu})/u;

/** Splits "Kane Wu in Hong Kong and Andrew Galbraith" into names. */
function names(list: string): string[] {
  return list
    .replace(PLACE, '')
    .split(/\s{0,3}(?:,|\band\b|&)\s{0,3}/)
    .map((n) => n.replace(/\s{1,3}(?:in|from)\s{1,3}[\p{Lu}][\p{L} .'’-]{0,60}$/u, '').replace(WRITER_TITLE, '').replace(/\s+/g, ' ').trim())
    .filter((n) => n.length > 1 && /^[\p{Lu}]/u.test(n) && n.split(' ').length <= 5 && !isPlaceholderAuthor(n));
}

/** True when the first character other than white space and backslashes is "(". */
export function opensWithParen(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 40) return true;
    if (c !== 92 && !/\s/.test(text[i]!)) return false;
  }
  return false;
}

/** Parses a Reuters-style credit trailer into "Name (role)" entries. */
export function parseCredits(text: string): string[] | null {
  // a trailer opens with a parenthesis (after white space and Markdown escapes): most lines are ruled out here
  if (!opensWithParen(text)) return null;
  const t = foldSpaces(text.replace(/\\/g, '')).trim();
  if (t.length > 600) return null;
  const m = CREDIT_TRAILER.exec(t);
  if (!m) return null;
  const out: string[] = [];
  const inner = t.replace(/^\(\s{0,3}/, '').replace(/\)\.?$/, '');
  for (const part of inner.split(/\s{0,3};\s{0,3}/)) {
    const p = CREDIT_PART.exec(part);
    if (!p) continue;
    for (const n of names(p[2]!)) out.push(`${n} (${roleName(p[1]!)})`);
  }
  return out;
}

/** What a footer line is to the wire-credits rule, apart from where it stands. */
interface CreditLine {
  /** A credit trailer's entries. */
  credits: string[] | null;
  /** "AP writer X contributed": the contributors (counted only near the end). */
  contributors: string[] | null;
  /** A reporter's contact line, and the author it names. */
  contact: boolean;
  author: string | null;
}

/** A line's verdict, or null for a line too long to be a credit (over 90 words). */
function classifyCreditLine(t: string): CreditLine | null {
  if (wordCount(t, 91) > 90) return null;
  const credits = parseCredits(t);
  // each pattern below needs its key word: the lines without any are ruled out cheaply
  const ap = credits ? null : t.includes('ontribut') ? (AP_CONTRIB.exec(t) ?? CONTRIBUTING.exec(t)) : null;
  const contact = !credits && (t.includes('@') || t.includes(' at ') || t.includes('writes for')) && (CONTACT.test(t) || REACHED.test(t) || WRITE_TO.test(t));
  let author: string | null = null;
  if (contact) {
    // the writer named in "Jane Doe can be reached at …" / "Write to Jane Doe at …" is the likely author
    const who = /^(\p{Lu}[\p{L}.'’-]{0,30}(?: \p{Lu}[\p{L}.'’-]{0,30}){1,3}) (?:can|may) be (?:reached|contacted|emailed)/u.exec(t)?.[1] ?? /^Write to (\p{Lu}[\p{L}.'’-]{0,30}(?: \p{Lu}[\p{L}.'’-]{0,30}){1,3}) at /u.exec(t)?.[1];
    if (who && !isPlaceholderAuthor(who)) author = who;
  }
  return { credits, contributors: ap ? names((ap[1] ?? ap[2])!).map((n) => `${n} (contributing)`) : null, contact, author };
}

/** The verdict on a block's own short plain text. */
const creditLine = perBlock((b: Block): CreditLine | null => classifyCreditLine(shortPlain(b, 700)!));

export const wireCredits = defineRule({
  id: 'NC213',
  name: 'wire-credits',
  stage: 'text',
  tags: ['credits', 'metadata', 'footer'],
  description: 'Moves wire credit trailers — (Writing by …; Editing by …), also wrapped over lines, "AP writer X contributed", reporter e-mail and "can be reached at" lines — from the footer into contributors.',
  apply(blocks, ctx) {
    const start = footerScanStart(blocks, 4);
    const drop = new Map<number, string>();
    let out = blocks;
    for (let i = start; i < out.length; i++) {
      const b = out[i]!;
      if (!isPara(b)) continue;
      let t = shortPlain(b, 700);
      if (t === null) continue;
      const plainText = t;
      // a trailer broken over two or three lines: "(Reporting by Karen Jacobs ; Editing" / "by Andre Grenon )"
      if (CREDIT_OPEN.test(t)) {
        let j = i + 1;
        let joined = t;
        while (j < out.length && j <= i + 3 && isPara(out[j]) && !joined.includes(')')) joined = `${joined} ${plain(out[j]!)}`, j++;
        if (parseCredits(joined)) {
          const merged: Block = { type: 'paragraph', text: joined };
          out = [...out.slice(0, i), merged, ...out.slice(j)];
          t = joined;
        }
      }
      // a merged trailer is a new block; any other block's verdict is remembered (the confirming pass shows it again)
      const line = t === plainText ? creditLine(b) : classifyCreditLine(t);
      if (line === null) continue;
      if (line.credits) {
        ctx.meta.add('contributors', line.credits);
        drop.set(i, 'moved to metadata.contributors');
        continue;
      }
      if (line.contributors && i >= out.length - 4) {
        ctx.meta.add('contributors', line.contributors);
        drop.set(i, 'moved to metadata.contributors');
        continue;
      }
      if (line.contact) {
        if (line.author) ctx.meta.offer('author', line.author, TRUST.inferred);
        drop.set(i, 'removed (contact line)');
      }
    }
    return dropBlocks(out, drop, ctx);
  },
});

export const agencySignoff = defineRule({
  id: 'NC214',
  name: 'agency-signoff',
  stage: 'text',
  tags: ['credits', 'metadata', 'footer'],
  description: 'Moves a bare sign-off at the end — an agency ("AFP", "— Reuters", "(AP)") into source, a person ("— John T. Bennett") into author — and drops desk slugs such as "bur-ec/dl".',
  apply(blocks, ctx) {
    const drop = new Map<number, string>();
    for (let k = 0, i = lastContent(blocks); k < 3 && i >= 1; k++, i--) {
      const b = blocks[i]!;
      if (!isPara(b)) break;
      const t = shortPlain(b, 120);
      if (t === null) break;
      const m = AGENCY_SIGNOFF.exec(t);
      if (m) {
        const agencies = [m[1], m[2], m[3], m[4]].filter((x): x is string => Boolean(x)).map((a) => canonicalAgency(a) ?? a);
        ctx.meta.offer('source', agencies[0], TRUST.text);
        drop.set(i, 'moved to metadata.source');
        continue;
      }
      const p = PERSON_SIGNOFF.exec(t);
      if (p && !canonicalAgency(p[1]!)) {
        ctx.meta.offer('author', p[1]!, TRUST.text);
        drop.set(i, 'moved to metadata.author');
        continue;
      }
      if (DESK_SLUG.test(t)) {
        drop.set(i, 'removed (desk slug)');
        continue;
      }
      break;
    }
    return dropBlocks(blocks, drop, ctx);
  },
});
