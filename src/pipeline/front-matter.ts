/**
 * YAML front matter, read safely: gray-matter splits the fence, the `yaml` package parses it (YAML 1.2 core
 * schema: no dates turned into objects, no octal ids, an alias budget against "billion laughs"), and every
 * non-YAML engine — above all gray-matter's `---js` eval — is refused.
 */
import matter from 'gray-matter';
import { decodeHTMLStrict } from 'entities';
import YAML, { Composer, Lexer, Parser } from 'yaml';
import type { CST } from 'yaml';
import { checkBudget, tick } from '../deadline.js';

type Token = CST.Token;
import { InputError } from '../errors.js';

const OPEN = /^---[ \t]*([A-Za-z0-9_-]*)[ \t]*\n/;
const CLOSE_AT = /\n(?:---|\.\.\.)[ \t]*(?:\n|$)/g;

/** True when the text starts with a front-matter fence that is closed. */
export function hasFrontMatter(text: string): boolean {
  return bodyOffset(text) >= 0;
}

/** Where the body starts after a closed front-matter fence, or -1 when the text has none. */
export function bodyOffset(text: string): number {
  const open = OPEN.exec(text);
  if (!open) return -1;
  const from = open[0].length - 1;
  CLOSE_AT.lastIndex = from;
  const close = CLOSE_AT.exec(text);
  return close ? close.index + close[0].length : -1;
}

function refuse(lang: string): () => never {
  return () => {
    throw new InputError('bad-front-matter', `${lang} front matter is never run; only YAML front matter is read`);
  };
}

/**
 * Front matter longer than this is refused: the YAML library builds its document in one step that cannot look at
 * the time budget (about half a second per megabyte on a loaded machine), and real front matter is a few kilobytes.
 */
export const MAX_FRONT_MATTER = 1 << 20;

const YAML_OPTIONS = { uniqueKeys: false, merge: false, prettyErrors: false, logLevel: 'silent' } as const;

/** The YAML parser's tokens, with a look at the time budget every few thousand lexemes (as Parser.parse, budgeted). */
function* budgetedTokens(src: string): Generator<Token> {
  const parser = new Parser();
  for (const lexeme of new Lexer().lex(src)) {
    tick();
    yield* parser.next(lexeme);
  }
  checkBudget(); // the document is built from here on, in one step
  yield* parser.end();
}

/** YAML.parseDocument with the time budget checked while the text is read; the first document only. */
function parseDocument(src: string): YAML.Document.Parsed {
  let doc: YAML.Document.Parsed | undefined;
  for (const d of new Composer(YAML_OPTIONS).compose(budgetedTokens(src), true, src.length)) {
    doc ??= d;
  }
  return doc!;
}

function parseYaml(src: string): Record<string, unknown> {
  if (src.length > MAX_FRONT_MATTER) {
    throw new InputError('bad-front-matter', `front matter of ${src.length} characters is over the ${MAX_FRONT_MATTER} that are read`);
  }
  let value: unknown;
  try {
    const doc = parseDocument(src);
    const first = doc.errors[0];
    if (first) throw first;
    value = doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    if (e instanceof InputError) throw e;
    const msg = e instanceof Error ? e.message.split('\n')[0]! : String(e);
    throw new InputError('bad-front-matter', `front matter is not valid YAML: ${msg}`);
  }
  if (value === null || value === undefined) return {};
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw new InputError('bad-front-matter', `front matter must be a mapping of keys to values (got ${Array.isArray(value) ? 'a list' : typeof value})`);
  }
  return value as Record<string, unknown>;
}

const ENGINES = {
  yaml: { parse: parseYaml, stringify: () => '' },
  javascript: { parse: refuse('JavaScript'), stringify: refuse('JavaScript') },
  js: { parse: refuse('JavaScript'), stringify: refuse('JavaScript') },
  coffee: { parse: refuse('CoffeeScript'), stringify: refuse('CoffeeScript') },
  coffeescript: { parse: refuse('CoffeeScript'), stringify: refuse('CoffeeScript') },
  cson: { parse: refuse('CSON'), stringify: refuse('CSON') },
};

export interface FrontMatter {
  data: Record<string, unknown>;
  body: string;
}

/** Splits and parses front matter. Throws InputError('bad-front-matter') for anything but a YAML mapping. */
export function readFrontMatter(text: string): FrontMatter {
  const open = OPEN.exec(text);
  const lang = (open?.[1] ?? '').toLowerCase();
  if (lang && lang !== 'yaml' && lang !== 'yml') {
    throw new InputError('bad-front-matter', `front matter language "${lang}" is not read (only YAML); ${/^(js|javascript)$/.test(lang) ? 'JavaScript front matter is never run' : 'use YAML'}`);
  }
  let parsed: { data: Record<string, unknown>; content: string };
  try {
    // An options object is always passed: it also keeps gray-matter from caching results by input string.
    parsed = matter(text, { language: 'yaml', engines: ENGINES as never }) as unknown as typeof parsed;
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError('bad-front-matter', `front matter could not be read: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
  }
  return { data: parsed.data ?? {}, body: parsed.content.replace(/^\n+/, '') };
}

const ENTITY = /&(?:#\d{1,7}|#x[0-9a-f]{1,6}|[a-z][a-z0-9]{1,31});/i;

/**
 * A metadata string as it will read back from the front matter: the reader decodes entities (up to three rounds,
 * for double-encoded exports) and folds white space, so the writer does the same first and a cleaned file cleaned
 * again keeps its metadata.
 */
export function asFrontMatterText(s: string): string {
  let out = /\s\s|[^\S ]/.test(s) ? s.replace(/\s+/g, ' ') : s;
  out = out.trim();
  for (let k = 0; k < 3 && out.includes('&') && ENTITY.test(out); k++) out = decodeHTMLStrict(out).replace(/\s+/g, ' ').trim();
  return out;
}
