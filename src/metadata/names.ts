/** Names: placeholder authors, news agencies, and agencies known by their web hosts. */

const PLACEHOLDER_AUTHORS = new Set([
  'staff', 'staff writer', 'staff writers', 'staff reporter', 'staff reporters', 'web desk', 'webdesk', 'news desk',
  'newsdesk', 'online desk', 'desk', 'admin', 'administrator', 'editor', 'editors', 'the editors', 'editorial staff',
  'editorial team', 'news team', 'guest', 'guest author', 'anonymous', 'unknown', 'author', 'root', 'wpengine',
  'agencies', 'agency', 'news service', 'press release', 'newsroom', 'reporter', 'correspondent', 'our correspondent',
  'our reporter', 'a correspondent', 'n/a', 'na', 'none', 'null', '-',
]);

export function isPlaceholderAuthor(name: string): boolean {
  const n = name.toLowerCase().replace(/^by\s+/, '').replace(/[\s.]+$/g, '').trim();
  return n.length < 2 || PLACEHOLDER_AUTHORS.has(n) || /^(?:staff|web|news|online|digital)[ -]?(?:writer|reporter|desk|team)s?$/.test(n);
}

/** News agencies, by the spellings that appear in datelines, sign-offs and credits → canonical name. */
export const AGENCIES: ReadonlyMap<string, string> = new Map([
  ['reuters', 'Reuters'], ['ap', 'AP'], ['associated press', 'AP'], ['the associated press', 'AP'], ['afp', 'AFP'],
  ['agence france-presse', 'AFP'], ['agence france presse', 'AFP'], ['bloomberg', 'Bloomberg'], ['bloomberg news', 'Bloomberg'], ['dpa', 'dpa'],
  ['xinhua', 'Xinhua'], ['upi', 'UPI'], ['ani', 'ANI'], ['ians', 'IANS'], ['pti', 'PTI'], ['qna', 'QNA'], ['wam', 'WAM'],
  ['spa', 'SPA'], ['kuna', 'KUNA'], ['anadolu', 'Anadolu'], ['anadolu agency', 'Anadolu'], ['aa', 'Anadolu'], ['efe', 'EFE'],
  ['ansa', 'ANSA'], ['bernama', 'Bernama'], ['yonhap', 'Yonhap'], ['kyodo', 'Kyodo'], ['tass', 'TASS'], ['ria novosti', 'RIA Novosti'],
  ['bss', 'BSS'], ['app', 'APP'], ['nna', 'NNA'], ['mena', 'MENA'], ['petra', 'Petra'], ['bna', 'BNA'], ['ona', 'ONA'],
  ['irna', 'IRNA'], ['sana', 'SANA'], ['pa', 'PA'], ['aap', 'AAP'], ['cp', 'CP'], ['the canadian press', 'CP'], ['ips', 'IPS'],
  ['cna', 'CNA'], ['vna', 'VNA'], ['interfax', 'Interfax'], ['ukrinform', 'Ukrinform'],
]);

/** Agencies that may stand alone as a sign-off line or inside a dateline's parentheses. Short forms only where unambiguous. */
export const AGENCY_PATTERN =
  'Reuters|AP|Associated Press|AFP|Bloomberg|dpa|DPA|Xinhua|UPI|ANI|IANS|PTI|QNA|WAM|SPA|KUNA|Anadolu(?: Agency)?|EFE|ANSA|Bernama|Yonhap|Kyodo|TASS|RIA Novosti|BSS|APP|NNA|MENA|Petra|BNA|ONA|IRNA|AAP|Interfax';

export function canonicalAgency(name: string): string | undefined {
  return AGENCIES.get(name.toLowerCase().replace(/\s+/g, ' ').trim());
}

const AGENCY_HOSTS: Array<[RegExp, string]> = [
  [/(^|\.)reuters\.com$/, 'Reuters'], [/(^|\.)(apnews\.com|ap\.org)$/, 'AP'], [/(^|\.)afp\.com$/, 'AFP'],
  [/(^|\.)bloomberg\.com$/, 'Bloomberg'], [/(^|\.)xinhuanet\.com$/, 'Xinhua'], [/(^|\.)qna\.org\.qa$/, 'QNA'],
  [/(^|\.)wam\.ae$/, 'WAM'], [/(^|\.)spa\.gov\.sa$/, 'SPA'], [/(^|\.)kuna\.net\.kw$/, 'KUNA'], [/(^|\.)aa\.com\.tr$/, 'Anadolu'],
  [/(^|\.)upi\.com$/, 'UPI'], [/(^|\.)aninews\.in$/, 'ANI'], [/(^|\.)ptinews\.com$/, 'PTI'], [/(^|\.)dpa\.com$/, 'dpa'],
];

/** The agency whose own site a URL points at (a wire copy's original link), if any. */
export function agencyFromUrl(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const host = new URL(url).hostname.toLowerCase();
    for (const [re, name] of AGENCY_HOSTS) if (re.test(host)) return name;
  } catch {
    /* not a URL */
  }
  return undefined;
}

/** Days of the week, in the languages whose dates are read: a date's word, never a name's ("Date Thursday, October 18"). */
const WEEKDAYS = new Set([
  'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday',
  'montag', 'dienstag', 'mittwoch', 'donnerstag', 'freitag', 'samstag', 'sonntag', 'lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi', 'dimanche',
  'lunes', 'martes', 'miércoles', 'jueves', 'viernes', 'sábado', 'domingo', 'lunedì', 'martedì', 'mercoledì', 'giovedì', 'venerdì', 'sabato', 'domenica',
]);

/**
 * The words a document writes in lower case (outside addresses, handles and slugs): words of its language, never of
 * a name or a place — what `personName` and a dateline's place are told apart from.
 */
export function lowerWords(texts: Iterable<string>): Set<string> {
  const out = new Set<string>();
  for (const t of texts) {
    for (const chunk of t.split(/\s+/)) {
      if (/[/@_\\]|\.\p{L}|\p{L}-\p{L}/u.test(chunk)) continue;
      const w = chunk.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, '');
      if (w.length > 1 && /^\p{Ll}+$/u.test(w)) out.add(w);
    }
  }
  return out;
}

/** Lower-case particles of personal names ("Michiel de Jong", "Ludwig van Beethoven"). */
const NAME_PARTICLES = new Set(['van', 'von', 'de', 'der', 'den', 'da', 'di', 'del', 'della', 'la', 'le', 'du', 'dos', 'bin', 'al', 'el', 'ibn', 'ten', 'ter']);

/**
 * A person's name by its shape: two to four words, each capitalised (an initial, a hyphenated or all-caps name
 * too) or a particle, at least two of them capitalised, no agency and no placeholder. `common` tells a word of the
 * language (lower-cased) that is no part of a name in this document ("Tech Industry", "Middle East").
 */
export function personName(name: string, common?: (word: string) => boolean): boolean {
  const toks = name.trim().split(/\s+/);
  if (toks.length < 2 || toks.length > 4 || name.length > 50) return false;
  if (canonicalAgency(name) || isPlaceholderAuthor(name)) return false;
  let capitals = 0;
  for (const t of toks) {
    if (NAME_PARTICLES.has(t)) continue;
    if (!/^\p{Lu}(?:[\p{L}'’-]*\p{L})?\.?$/u.test(t)) return false;
    // two words glued ("FinanceOctober"); "McDonald", "DeSantis", "MacKenzie" are names
    if (/\p{Lu}\p{Ll}{3,}\p{Lu}/u.test(t)) return false;
    capitals++;
    const w = t.toLowerCase().replace(/[.'’]+$/, '');
    if (WEEKDAYS.has(w)) return false;
    if (w.length > 1 && common?.(w)) return false;
  }
  return capitals >= 2;
}

/** Words of publications' names ("Daily", "Courier", "Insider", "Wire"): with the language's other words, an outlet. */
const OUTLET_WORDS = new Set([
  'news', 'daily', 'weekly', 'times', 'post', 'press', 'insider', 'journal', 'herald', 'tribune', 'magazine', 'media',
  'wire', 'network', 'online', 'today', 'gazette', 'report', 'staff', 'desk', 'team', 'service', 'services', 'digital',
  'radio', 'tv', 'television', 'channel', 'review', 'observer', 'chronicle', 'courier', 'mail', 'telegraph', 'express',
  'standard', 'mirror', 'bulletin', 'dispatch', 'register', 'sentinel', 'examiner', 'monitor', 'inquirer', 'finance',
  'business', 'tech', 'sports', 'sport', 'world', 'magazin', 'zeitung', 'presse', 'noticias', 'notícias',
]);

/**
 * A byline name that is an outlet's, not a person's: it opens with "The" ("The Daily Courier"), or it is made of
 * words of the language only (`common`, given lower-cased: words the document writes in lower case, words of section
 * labels) with at least one word of publications' names among them ("Business Insider", "Tech Daily"). A person named
 * with common words ("Mark Little") is not one.
 */
export function outletLike(name: string, common: (word: string) => boolean): boolean {
  const toks = name.trim().split(/\s+/);
  if (/^the$/i.test(toks[0] ?? '')) return true;
  let outlet = false;
  for (const t of toks) {
    if (NAME_PARTICLES.has(t)) continue;
    const w = t.toLowerCase().replace(/[.'’]+$/, '');
    if (w.length <= 1) return false; // an initial: a person's
    if (OUTLET_WORDS.has(w)) outlet = true;
    else if (!common(w)) return false;
  }
  return outlet;
}
