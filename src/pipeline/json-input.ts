/**
 * JSON article records (`{"title": …, "text"|"body"|"content"|"articleBody": …}`), as scrapers and news APIs
 * save them: the metadata fields become front-matter-level metadata and the body field is cleaned by its own
 * format (HTML or text). JSON that holds no article (a list, a config, a report) is refused, never cleaned as prose.
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
  const key = BODY_KEYS.find((k) => typeof obj[k] === 'string' && (obj[k] as string).trim().length > 0);
  if (!key) throw new InputError('no-article', `JSON without an article body (none of: ${BODY_KEYS.slice(0, 6).join(', ')} …)`);
  const data: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(obj)) if (k !== key) data[k] = v;
  return { data, body: obj[key] as string };
}
