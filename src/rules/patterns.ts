/** Patterns shared by several rules. Every quantifier is bounded and inputs are short lines. */
import { AGENCY_PATTERN } from '../metadata/names.js';
import { foldSpaces } from '../text/spaces.js';
import { isInterfaceWord } from '../model/lines.js';

const CREDIT_PATTERNS: RegExp[] = [
  /\bREUTERS(?:\/[A-Z][\w.'’-]{0,30}(?: [A-Z][\w.'’-]{0,30}){0,4}){1,4}(?: via (?:Reuters|REUTERS))?/g,
  /\((?:AP|AFP|EPA|Reuters|Getty|Xinhua|AAP|PA|CP) Photo(?:\/| by )([^()]{2,80})\)/g,
  /\bAFP PHOTO ?\/ ?[A-Z][A-Z .'’-]{1,60}[A-Z](?:\/[A-Z]{2,10})?/g,
  /\(Photo(?: by|:) ([^()]{2,80})\)/g,
  /\b(?:(?:[A-Z]\.|[A-Z][\w'’-]{1,30}) ){0,3}[A-Z][\w'’-]{0,30}\/(?:AFP|AP|EPA|Reuters|Bloomberg|AAP|ANP|dpa|Getty Images)(?:\/Getty Images| via Getty Images)?\b/g,
  /(?:^|\s)(?:Photo|Picture|Image|Photograph|Photos)(?: credit)?\s{0,3}:\s{0,3}([^.;|]{2,60})/g,
  /\b(?:Photo|Picture|Image) courtesy(?: of)? ([^.;|]{2,60})/g,
  /\bImage copyright ([A-Z][\w .&'’-]{1,50}?)(?= Image caption|$)/g,
  /©\s?((?:[A-Z][\w.'’-]{0,30}[ /]?){1,5})/g,
];

/** Picture credits found in a caption, in the order they appear. */
export function extractPhotoCredits(text: string): string[] {
  if (text.length > 5000) return [];
  const src = text.replace(/(\p{L})\s?\/\s?(?=\p{L})/gu, '$1/');
  const found: Array<[number, string]> = [];
  for (const re of CREDIT_PATTERNS) {
    re.lastIndex = 0;
    for (const m of src.matchAll(re)) {
      const credit = (m[1] ?? m[0]).replace(/^[\s(]+/, '').replace(/\/(?:File Photo|File|FILE PHOTO|File Picture)$/, '').replace(/[\s).,;:]+$/, '').trim();
      if (credit.length >= 2 && !/^(?:File|Handout|File Photo|Photo|Illustration|Representational)$/i.test(credit) && !found.some(([, c]) => c.includes(credit) || credit.includes(c))) found.push([m.index ?? 0, credit]);
    }
  }
  return found.sort((a, b) => a[0] - b[0]).map(([, c]) => c);
}

/** Signals that a paragraph is a photo caption. Strong ones hold whatever the paragraph's length. */
export const CAPTION_STRONG = /ATTENTION EDITORS|\s[-–]\s?RT[A-Z0-9]{5,12}\s{0,3}$|\((?:AP|AFP|EPA|Reuters|Getty|Xinhua|AAP|PA|CP) Photo[/ ]|\bAFP PHOTO ?\/|^Image copyright\b|\bImage caption\b/;
export const CAPTION_WEAK =
  /\bREUTERS\/[A-Z]|\/Getty Images\)?\s{0,3}$|^(?:Photo|Image|File photo|File picture|Picture|Caption|Photograph|Photos)(?: credit)?\s{0,3}:|\(Photo(?: by|:) [^()]{2,80}\)\s{0,3}$|\bin this (?:handout |file |undated |aerial |screen grab |courtesy )?(?:photo|photograph|picture|image|still image)\b|^(?:File Photo|FILE PHOTO|File picture|Handout photo)\b/;
/**
 * `CAPTION_STRONG.test(t)` and `CAPTION_WEAK.test(t)`, tried only on lines holding a literal that one of the
 * pattern's alternatives needs: a scan for a few literals is cheaper than trying the alternatives at every position,
 * and most paragraphs hold none of them. test/fast-paths.test.ts compares them with the bare patterns.
 */
export function isStrongCaption(t: string): boolean {
  const may = t.includes('RT') || t.includes(' Photo') || t.includes('PHOTO') || t.includes('Image c') || t.includes('ATTENTION EDITORS');
  return may && CAPTION_STRONG.test(t);
}
export function isWeakCaption(t: string): boolean {
  const may = t.includes('REUTERS/') || t.includes('/Getty Images') || t.includes('(Photo') || t.includes('in this ') || CAPTION_WEAK_START.test(t);
  return may && CAPTION_WEAK.test(t);
}
const CAPTION_WEAK_START = /^(?:Photo|Image|File|FILE|Picture|Caption|Handout)/;

/** Words that may stand next to a credit in a credit-only line ("File Photo", "Photo:", "Credit:"). */
const CREDIT_FILLER = /\b(?:file|photo|photos|picture|image|images|credit|credits|courtesy|of|by|via|handout|illustration|representational|copyright|supplied|pool)\b|[©():|/,.\s–-]+/gi;

const CREDIT_HINT = /[©/]|\b(?:Photo|PHOTO|Picture|Image|File|Handout|courtesy|Representational)\b/;

/** True when a short line is nothing but a picture credit ("Dibyangshu Sarkar/AFP/Getty Images", "© EPA", "File Photo"). */
export function isCreditOnly(t: string): boolean {
  if (t.length > 120 || !CREDIT_HINT.test(t)) return false;
  if (/^(?:File Photo|FILE PHOTO|File picture|Handout|Representational (?:image|photo))\.?$/i.test(t)) return true;
  const credits = extractPhotoCredits(t);
  if (credits.length === 0) return false;
  let rest = t;
  for (const c of credits) rest = rest.split(c).join(' ');
  return rest.replace(CREDIT_FILLER, ' ').trim() === '';
}

/** Words of section labels and site chrome (kept lower-case). */
export const SECTION_WORDS = new Set([
  'news', 'world', 'business', 'politics', 'sport', 'sports', 'opinion', 'tech', 'technology', 'science', 'health',
  'entertainment', 'culture', 'lifestyle', 'travel', 'economy', 'markets', 'finance', 'money', 'local', 'national',
  'international', 'europe', 'asia', 'africa', 'americas', 'middle', 'east', 'us', 'uk', 'latest', 'breaking',
  'top', 'stories', 'home', 'region', 'gulf', 'arts', 'media', 'education', 'environment', 'climate', 'video',
  'videos', 'photos', 'gallery', 'analysis', 'features', 'feature', 'editorial', 'comment', 'blogs', 'blog',
  'regional', 'nation', 'metro', 'city', 'state', 'life', 'style', 'food', 'auto', 'autos', 'property', 'jobs',
  'weather', 'crime', 'law', 'security', 'defence', 'defense', 'energy', 'oil', 'companies', 'industry', 'global',
  'and', '&', 'headlines', 'more', 'the', 'of', 'in', 'general', 'society', 'sci', 'en', 'english', 'wire', 'press',
  'releases', 'release', 'updates', 'live', 'diplomacy', 'conflict', 'war', 'syria', 'mideast', 'russia', 'china',
  'india', 'pakistan', 'australia', 'canada', 'france', 'germany', 'iran', 'iraq', 'israel', 'turkey', 'qatar',
]);

/** `links`: a row of the site's links in a breadcrumb's shape ("RSS | Email | Twitter"), no section's name. */
export type LabelKind = { kind: 'publisher' | 'section'; value: string } | { kind: 'links' } | null;

/** Classifies a short header line as an outlet label ("Expatica news"), a section label ("News World"), or neither. */
export function labelKind(line: string): LabelKind {
  const t = foldSpaces(line.replace(/\\/g, '')).trim();
  if (t.length < 2 || t.length > 60 || /[.!?:;,"“”]$/.test(t)) return null;
  const words = t.split(' ');
  if (words.length > 5 || /^(?:By|BY|Written by|Posted by)\s/.test(t)) return null;
  // breadcrumbs: Home > World > Europe, Business | Energy, ホーム > 地域 (a crumb opens with a capital, a digit, or a
  // letter of a script without case)
  const crumbs = t.split(/\s*[|>»›]\s*/).filter(Boolean);
  if (crumbs.length >= 2 && crumbs.every((c) => c.split(' ').length <= 3 && /^[\p{Lu}\p{Lt}\p{Lo}\p{N}]/u.test(c))) {
    // (a crumb of the interface's words — Comments, Email, Twitter, Advertise — makes it a row of links, not a path;
    // a path's first crumb is its root, "Home", "ホーム", whatever its word)
    const path = /[>»›]/.test(t);
    if (crumbs.slice(path ? 1 : 0).some((c) => c.split(' ').every((w) => isInterfaceWord(w.toLowerCase())))) return { kind: 'links' };
    const last = crumbs[crumbs.length - 1]!;
    return { kind: 'section', value: /^home$/i.test(last) ? crumbs[0]! : last };
  }
  let m = /^(\S(?:.{0,38}\S)?) news$/.exec(t); // "Expatica news": the outlet, then a lower-case "news"
  // (the outlet's name a name: each of its words capitalised, "Some annoying news" is a phrase)
  if (m && !SECTION_WORDS.has(m[1]!.toLowerCase()) && m[1]!.split(' ').every((w) => /^[\p{Lu}\p{N}]/u.test(w))) return { kind: 'publisher', value: m[1]! };
  m = /^News\s+(\p{Lu}[\p{L}&' ]{1,30})$/u.exec(t); // "News World": a section under News
  if (m && m[1]!.split(' ').length <= 3) return { kind: 'section', value: m[1]! };
  if (words.length <= 3 && words.every((w) => SECTION_WORDS.has(w.toLowerCase())) && /^\p{Lu}/u.test(t)) {
    return { kind: 'section', value: t };
  }
  return null;
}

const AGENCY_ALT = `(?:${AGENCY_PATTERN})`;
/** A bare agency sign-off line: `AFP`, `— Reuters`, `(AP)`, `AFP/APP`. */
export const AGENCY_SIGNOFF = new RegExp(`^[\\s(\\[—–-]*(${AGENCY_ALT})(?:\\s*[/,&]\\s*(${AGENCY_ALT})){0,3}[\\s)\\]]*$`);
/** An AFP-style desk slug: `bur-ec/dl`. */
export const DESK_SLUG = /^[a-z]{2,6}(?:-[a-z]{2,6}){0,3}(?:\/[a-z]{2,6}(?:-[a-z]{2,6}){0,2}){1,3}$/;

/** A text that is only an address, a path or a query string: `http://…`, `www.…`, `/Cloud`, `&show_screen_name=true`. */
const ADDRESS_ONLY = /^(?:\S*(?:[a-z][a-z0-9+.-]*:\/\/|www\.)\S*|[&?/=#%]\S*|\S*[?&=%]\S*[?&=%]\S*)$/i;

/** The text is an address or a piece of one (a browser wraps a long address onto lines of their own): no headline. */
export function addressOnly(text: string): boolean {
  return ADDRESS_ONLY.test(text.trim());
}
