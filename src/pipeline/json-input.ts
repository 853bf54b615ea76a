/**
 * JSON article records (`{"title": …, "text"|"body"|"content"|"articleBody": …}`), as scrapers and news APIs
 * save them: the metadata fields become front-matter-level metadata and the body field is cleaned by its own
 * format (HTML or text). The records of common scrapers are read with their own field names: news-please
 * (`maintext`, `title`, `authors`, `date_publish`, `url`, `source_domain`), newspaper / newspaper4k (`text`,
 * `authors`, `publish_date`, `top_image`, `meta_lang`; its `source_url` is the site, not the article) and
 * trafilatura's JSON output (`text`/`raw_text`, `author` as "A; B", `source` = the URL, `source-hostname` = the
 * outlet). JSON that holds no article (a list, a config, a report) is refused, never cleaned as prose.
 */
import { InputError } from '../errors.js';

const BODY_KEYS = ['articleBody', 'article_body', 'body', 'content', 'text', 'html', 'content_html', 'body_html', 'fulltext', 'full_text', 'story', 'article', 'description_html'];

export interface JsonArticle {
  data: Record<string, unknown>;
  body: string;
}

/** True when the whole text is one JSON value (object or array). */
export function looksLikeJson(text: string): boolean {
  const t = text.trim();
  if (!((t.startsWith('{') && t.endsWith('}')) || (t.startsWith('[') && t.endsWith(']')))) return false;
  try {
    JSON.parse(t);
    return true;
  } catch {
    return false;
  }
}

export function readJsonArticle(text: string): JsonArticle {
  let value: unknown;
  try {
    value = JSON.parse(text.trim());
  } catch (e) {
    throw new InputError('no-article', `not valid JSON: ${(e as Error).message}`);
  }
  if (Array.isArray(value)) throw new InputError('no-article', `JSON list of ${value.length} records: newsclean cleans one article per file`);
  if (value === null || typeof value !== 'object') throw new InputError('no-article', 'JSON without an article object');
  let obj = value as Record<string, unknown>;
  // common wrappers: {"article": {...}}, {"data": {...}}
  for (const k of ['article', 'data', 'item', 'story']) {
    const inner = obj[k];
    if (inner && typeof inner === 'object' && !Array.isArray(inner) && BODY_KEYS.some((b) => typeof (inner as Record<string, unknown>)[b] === 'string')) {
      obj = inner as Record<string, unknown>;
      break;
    }
  }
  const scraped = fromScraper(obj);
  if (scraped !== null) return scraped;
  const key = BODY_KEYS.find((k) => typeof obj[k] === 'string' && (obj[k] as string).trim().length > 0);
  if (!key) throw new InputError('no-article', `JSON without an article body (none of: ${BODY_KEYS.slice(0, 6).join(', ')} …)`);
  const data: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(obj)) if (k !== key) data[k] = v;
  return { data, body: obj[key] as string };
}

type Record_ = Record<string, unknown>;

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v.trim() !== '' ? v : undefined;
}

function names(v: unknown, separator: RegExp): string[] {
  if (Array.isArray(v)) return v.flatMap((x) => names(x, separator));
  if (typeof v === 'string') return v.split(separator).map((x) => x.trim()).filter(Boolean);
  return [];
}

/** Sets the canonical front-matter keys that have a value. */
function put(data: Record_, values: Record_): Record_ {
  for (const [k, v] of Object.entries(values)) if (v !== undefined && v !== null && !(Array.isArray(v) && v.length === 0)) data[k] = v;
  return data;
}

/** Co-authors as one author value (front-matter lists split at commas, so "A and B"). */
function author(list: string[]): string | undefined {
  return list.length === 0 ? undefined : list.join(' and ');
}

/**
 * A record of news-please, newspaper/newspaper4k or trafilatura, recognised by the fields only that scraper writes,
 * turned into a body and canonical front-matter keys; null for any other record.
 */
export function fromScraper(obj: Record_): JsonArticle | null {
  // news-please: maintext, with its date_publish / source_domain / title_page fields
  const maintext = str(obj['maintext']);
  if (maintext !== undefined && ('date_publish' in obj || 'source_domain' in obj || 'title_page' in obj || 'date_download' in obj)) {
    return {
      body: maintext,
      data: put({}, {
        title: str(obj['title']) ?? str(obj['title_page']) ?? str(obj['title_rss']),
        author: author(names(obj['authors'], /\s*[,;]\s*/)),
        date: str(obj['date_publish']) ?? str(obj['date_modify']),
        url: str(obj['url']),
        publisher: str(obj['source_domain']),
        language: str(obj['language']),
        image: str(obj['image_url']),
        description: str(obj['description']),
      }),
    };
  }
  // trafilatura: text or raw_text, with its fingerprint / hostname / source-hostname / filedate fields
  const trafText = str(obj['text']) ?? str(obj['raw_text']);
  if (trafText !== undefined && ('fingerprint' in obj || 'source-hostname' in obj || 'filedate' in obj || ('hostname' in obj && 'raw_text' in obj))) {
    return {
      body: trafText,
      data: put({}, {
        title: str(obj['title']),
        author: author(names(obj['author'], /\s*;\s*/)),
        date: str(obj['date']),
        url: str(obj['url']) ?? str(obj['source']),
        publisher: str(obj['source-hostname']) ?? str(obj['sitename']) ?? str(obj['hostname']),
        language: str(obj['language']),
        image: str(obj['image']),
        description: str(obj['excerpt']) ?? str(obj['description']),
        categories: names(obj['categories'], /\s*[,;]\s*/),
        tags: names(obj['tags'], /\s*[,;]\s*/),
      }),
    };
  }
  // newspaper / newspaper4k: text with its publish_date / top_image / meta_lang / authors fields
  const npText = str(obj['text']);
  if (npText !== undefined && ('publish_date' in obj || 'top_image' in obj || 'meta_lang' in obj || ('authors' in obj && 'source_url' in obj))) {
    return {
      body: npText,
      data: put({}, {
        title: str(obj['title']),
        author: author(names(obj['authors'], /\s*[,;]\s*/)),
        date: str(obj['publish_date']),
        // source_url is the site the article was found on, not the article
        url: str(obj['url']) ?? str(obj['canonical_link']),
        publisher: str(obj['meta_site_name']),
        language: str(obj['meta_lang']),
        image: str(obj['top_image']),
        description: str(obj['meta_description']) ?? str(obj['summary']),
        tags: names(obj['keywords'] ?? obj['tags'], /\s*,\s*/),
      }),
    };
  }
  return null;
}
