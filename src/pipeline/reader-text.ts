/**
 * A page as a reader service writes it (Jina Reader, `r.jina.ai`): "Title: …", "URL Source: …" and other fields
 * ("Published Time: …", "Description: …", "Warning: …"), one to a line, then "Markdown Content:" and the page as
 * Markdown. The fields are the article's metadata (the title is the page's `<title>`, its site's name cut as a
 * page's is); the Markdown after them is the body, its chrome cleaned as any Markdown's.
 */
import { InputError } from '../errors.js';
import type { MetaCollector } from '../metadata/collector.js';
import { TRUST } from '../metadata/collector.js';
import { normalizeDate } from '../metadata/dates.js';
import { stripSiteSegments } from '../metadata/site-names.js';

export interface ReaderText {
  /** The header's fields by name ("Title", "URL Source", "Published Time", …). */
  fields: Record<string, string>;
  /** The Markdown after "Markdown Content:". */
  body: string;
}

/** A header field: a name of one to four capitalised words, a colon, the value. */
const FIELD = /^([A-Z][A-Za-z]{0,20}(?: [A-Z][A-Za-z]{0,20}){0,3}):[ \t]*(.*)$/;
/** The header's lines (blank ones included) before "Markdown Content:" at most. */
const MAX_HEAD_LINES = 40;
const CONTENT = 'Markdown Content:';

/** The reader's header and the Markdown under it, or null when the text does not open with such a header. */
export function readReaderText(text: string): ReaderText | null {
  if (!text.startsWith('Title:')) return null;
  const fields: Record<string, string> = {};
  let at = 0;
  for (let n = 0; n < MAX_HEAD_LINES && at <= text.length; n++) {
    let end = text.indexOf('\n', at);
    if (end < 0) end = text.length;
    const line = text.slice(at, end).trimEnd();
    at = end + 1;
    if (!line) continue;
    if (line === CONTENT) return fields['URL Source'] !== undefined ? { fields, body: text.slice(Math.min(at, text.length)) } : null;
    const m = FIELD.exec(line);
    if (!m) return null;
    fields[m[1]!] = m[2]!.trim();
  }
  return null;
}

/** The service's warning that the page answered with an HTTP error ("Target URL returned error 404: Not Found"). */
const PAGE_ERROR = /\breturned error (\d{3})\b/i;

/**
 * Throws `no-article` when the service says the page answered with an HTTP error (4xx, 5xx): what it wrote under the
 * header is the site's error page, not an article.
 */
export function checkReaderWarning(fields: Readonly<Record<string, string>>): void {
  const m = PAGE_ERROR.exec(fields.Warning ?? '');
  if (m && Number(m[1]) >= 400) throw new InputError('no-article', `the reader service's copy of an error page (${fields.Warning!.slice(0, 120)})`);
}

/** Offers the header's fields as the document's metadata. */
export function offerReaderFields(fields: Readonly<Record<string, string>>, meta: MetaCollector): void {
  const url = fields['URL Source'] || undefined;
  let host: string | undefined;
  try {
    host = url ? new URL(url).hostname : undefined;
  } catch {
    host = undefined;
  }
  const title = fields.Title ? stripSiteSegments(fields.Title, host ? { host } : {}) : undefined;
  meta.offer('title', title || undefined, TRUST.meta);
  meta.offer('url', url, TRUST.frontMatter);
  const date = normalizeDate(fields['Published Time'] ?? '');
  if (date) meta.offer('date', date, TRUST.meta);
  meta.offer('description', fields.Description || undefined, TRUST.meta);
}
