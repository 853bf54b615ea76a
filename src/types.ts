/** Shared types of the newsclean library. */

/** What a file turned out to be, decided from its content (never from its extension). */
export type Format =
  | 'wp-export' // YAML front matter + HTML body (WordPress / Jekyll export)
  | 'markdown' // YAML front matter + Markdown or plain-text body (also newsclean's own output)
  | 'html-page' // a whole saved web page
  | 'html-fragment' // a piece of HTML without page structure
  | 'syndication' // plain text wrapped by a syndicator ((MENAFN- …), /PRNewswire/ …)
  | 'text' // plain text, possibly with site chrome
  | 'json'; // a JSON article record; its body is cleaned as HTML or text

/** The metadata keys of the output contract, plus a few extras. Keys with no value are left out. */
export interface Metadata {
  title?: string;
  author?: string;
  date?: string;
  source?: string;
  publisher?: string;
  syndicator?: string;
  url?: string;
  permalink?: string;
  dateline?: string;
  contributors?: string[];
  photo_credits?: string[];
  section?: string;
  categories?: string[];
  tags?: string[];
  language?: string;
  id?: string;
  image?: string;
  description?: string;
  rights?: string;
  truncated?: boolean;
  needs_review?: boolean;
  words?: number;
  hash?: string;
  format?: Format;
  encoding?: string;
  input?: string;
  /** When a crawler fetched the page (a WARC record's date). */
  crawled?: string;
  duplicate_of?: string;
  cluster?: string;
}

export type MetadataKey = keyof Metadata;

/** A block of the article body: the unit cleaning rules work on. `text` holds inline Markdown. */
export type Block =
  | { type: 'paragraph'; text: string }
  | { type: 'heading'; level: number; text: string }
  | { type: 'list'; ordered: boolean; items: ListItem[] }
  | { type: 'quote'; text: string }
  | { type: 'code'; text: string; lang?: string }
  | { type: 'table'; rows: string[][]; header: boolean }
  | { type: 'rule' };

export interface ListItem {
  text: string;
  depth: number;
}

/** One thing a rule removed or changed, so a user can see why text disappeared. */
export interface Removal {
  /** Rule id, e.g. `NC201`. */
  id: string;
  /** Rule name, e.g. `syndication-header`. */
  rule: string;
  /** The text removed (or the text before a change), shortened for the report. */
  text: string;
  /** What became of it: `removed`, `moved to metadata.dateline`, `repaired`, … */
  action: string;
}

export type Severity = 'info' | 'warn';

export interface Warning {
  code: string;
  message: string;
}

/** A per-file error with a stable code. */
export interface FileError {
  code: ErrorCode;
  message: string;
}

export type ErrorCode =
  | 'binary'
  | 'too-large'
  | 'not-a-file'
  | 'unreadable'
  | 'bad-front-matter'
  | 'no-article'
  | 'empty'
  | 'too-deep'
  | 'timeout'
  | 'write-failed'
  | 'bad-record'
  | 'internal';

/** The result of cleaning one document. */
export interface CleanResult {
  /** The whole Markdown file (front matter + body), or null when the document could not be cleaned. */
  markdown: string | null;
  /** The Markdown body alone. */
  body: string;
  metadata: Metadata;
  format: Format | null;
  removed: Removal[];
  warnings: Warning[];
  error: FileError | null;
}
