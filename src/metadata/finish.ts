/**
 * The last step of the metadata: what can only be decided once every candidate is in and the body is final —
 * the title's site suffix, an author taken from the credits, the wire behind a URL or a rights line, and the
 * language (declared, else detected).
 */
import type { Metadata } from '../types.js';
import type { MetaCollector } from './collector.js';
import { TRUST } from './collector.js';
import { detectLanguage, normalizeLanguageTag } from './language.js';
import { agencyFromUrl, canonicalAgency, isPlaceholderAuthor } from './names.js';
import { unwrapRedirect } from './urls.js';

const SUFFIX = /^(.{10,300}?)\s{1,3}(\||[-–—]|::|»)\s{1,3}([^|–—»]{2,60})$/;

function fold(s: string): string {
  return s.normalize('NFKC').toLowerCase().replace(/^the\s+/, '').replace(/[^\p{L}\p{N}]+/gu, '');
}

/**
 * Splits a site suffix off a headline ("… | The Peninsula", "… - Reuters"). A pipe suffix of a few words is always
 * a site name; a dash suffix only when it names the publisher or a news agency (dashes are common in headlines).
 */
export function splitTitleSuffix(title: string, publisher?: string): { title: string; site: string } | null {
  if (title.length > 400) return null;
  // no separator, no suffix (the lazy pattern tries every split before it fails)
  if (!(title.includes('|') || title.includes('-') || title.includes('–') || title.includes('—') || title.includes('::') || title.includes('»'))) return null;
  const m = SUFFIX.exec(title.trim());
  if (!m) return null;
  const [, head, sep, tail] = m as unknown as [string, string, string, string];
  const site = tail.trim();
  if (head.trim().split(/\s+/).length < 3) return null;
  const known = (publisher && fold(publisher) === fold(site)) || canonicalAgency(site) !== undefined;
  const pipeSite = (sep === '|' || sep === '::' || sep === '»') && site.split(/\s+/).length <= 5 && /^\p{Lu}/u.test(site) && !/[.!?]$/.test(site);
  if (!known && !pipeSite) return null;
  return { title: head.trim(), site };
}

/** Resolves the collector and finishes the metadata for a cleaned body. */
export function finishMetadata(meta: MetaCollector, body: string): Metadata {
  if (!meta.has('source')) meta.offer('source', agencyFromUrl(unwrapRedirect(meta.get('url'))), TRUST.inferred);
  const rights = meta.get('rights');
  // the rights holder is the originator of the copy: its agency name, or the holder itself
  if (rights && !meta.has('source')) meta.offer('source', canonicalAgency(rights) ?? rights, TRUST.inferred);
  const m = meta.resolve();
  // a feed reader's or search engine's redirect to the article: the article's own URL
  if (m.url) m.url = unwrapRedirect(m.url);

  if (m.title) {
    const split = splitTitleSuffix(m.title, m.publisher);
    if (split) {
      m.title = split.title;
      const agency = canonicalAgency(split.site);
      if (agency) m.source ??= agency;
      else m.publisher ??= split.site;
    }
  }

  // no named author: the writer (else the first reporter) of a credit trailer is the person who wrote it
  if (!m.author && m.contributors) {
    const credit = (role: string): string | undefined =>
      m.contributors!.map((c) => new RegExp(`^(.+) \\(${role}\\)$`).exec(c)?.[1]).find((n): n is string => Boolean(n) && !isPlaceholderAuthor(n!));
    const writer = credit('writing') ?? credit('reporting') ?? credit('byline');
    if (writer) m.author = writer;
  }

  const declared = m.language ? normalizeLanguageTag(m.language) : undefined;
  const language = declared ?? detectLanguage(body);
  if (language) m.language = language;
  else delete m.language;
  return m;
}
