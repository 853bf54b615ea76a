/**
 * Article URLs behind redirects: a feed reader's, a search engine's or a social network's link to an article (Google
 * News, google.com/url, Facebook's l.php, …) is unwrapped to the article's own URL, read from the redirect itself —
 * never fetched.
 */

/** Query parameters that carry the target of a redirect. */
const TARGET_PARAMS = ['url', 'u', 'q', 'target', 'dest', 'destination', 'redirect', 'redirect_url', 'redirect_uri', 'to', 'link', 'goto', 'out', 'r'];

function isHttp(s: string): boolean {
  return /^https?:\/\/[^/\s]+\.[^/\s]+/i.test(s);
}

/** The http(s) URL inside a Google News article id (base64 of a small record that holds the URL), if any. */
function fromGoogleNewsId(id: string): string | undefined {
  if (!/^[A-Za-z0-9_-]{16,}$/.test(id)) return undefined;
  let bytes: string;
  try {
    bytes = Buffer.from(id.replace(/-/g, '+').replace(/_/g, '/'), 'base64').toString('latin1');
  } catch {
    return undefined;
  }
  const at = bytes.indexOf('http');
  if (at < 1) return undefined;
  // the URL's length is the varint before it (one or two bytes)
  let len = bytes.charCodeAt(at - 1);
  if (at >= 2 && bytes.charCodeAt(at - 2) & 0x80) len = (bytes.charCodeAt(at - 2) & 0x7f) | (len << 7);
  const url = bytes.slice(at, at + len);
  return isHttp(url) && /^[\x21-\x7e]+$/.test(url) ? url : undefined;
}

/** Paths and host names that redirectors use: /url, /l.php, /redirect, /out …; l., out., click., news.google … */
const REDIRECT_PATH = /\/(?:url|l\.php|link|redirect|redir|out|outbound|away|exit|click|clk|go|goto|r|rd|track|trk|visit|aclk)(?:\.\w{2,4})?\/?$/i;
const REDIRECT_HOST = /^(?:l|lm|out|click|clicks|redirect|redir|link|links|go|r|t|track|away)\.|(?:^|\.)(?:google|bing|yahoo|news\.google|feedproxy\.google|duckduckgo|yandex)\.[a-z.]+$/i;

function looksLikeRedirect(u: URL): boolean {
  return REDIRECT_PATH.test(u.pathname) || REDIRECT_HOST.test(u.hostname);
}

/** The article's own URL when `url` is a known kind of redirect to it; else `url` unchanged. Never throws. */
export function unwrapRedirect(url: string): string;
export function unwrapRedirect(url: string | undefined): string | undefined;
export function unwrapRedirect(url: string | undefined): string | undefined {
  if (typeof url !== 'string' || url.length > 4000) return url;
  let current = url;
  for (let hop = 0; hop < 3; hop++) {
    let u: URL;
    try {
      u = new URL(current);
    } catch {
      return current;
    }
    let next: string | undefined;
    if (looksLikeRedirect(u)) for (const p of TARGET_PARAMS) {
      const v = u.searchParams.get(p);
      if (v && isHttp(v.trim())) {
        next = v.trim();
        break;
      }
    }
    if (next === undefined && /(^|\.)news\.google\.[a-z.]+$/i.test(u.hostname)) {
      const id = /\/(?:rss\/)?articles\/([^/?#]+)/.exec(u.pathname)?.[1];
      if (id) next = fromGoogleNewsId(id);
    }
    if (next === undefined || next === current) return current;
    current = next;
  }
  return current;
}
