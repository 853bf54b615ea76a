/**
 * Cleaning one document: decode → detect format → parse → rules (raw, HTML, blocks) → metadata → render.
 * Pure: no I/O, no printing. Input problems become a per-document error, never an exception.
 */
import { createHash } from 'node:crypto';
import type { Block, CleanResult, FileError, Format, Metadata, Removal, Warning } from '../types.js';
import type { Settings } from '../settings.js';
import { resolveSettings } from '../settings.js';
import { InputError } from '../errors.js';
import { MetaCollector, TRUST } from '../metadata/collector.js';
import { finishMetadata } from '../metadata/finish.js';
import { offerFrontMatter } from '../metadata/from-front-matter.js';
import { contextFor, type ContextBase, type Rule } from '../rules/define-rule.js';
import { disabledRuleIds, rules as allRules } from '../rules/index.js';
import { detectFormat, looksLikeHtml, looksLikeMarkdown } from './detect.js';
import { readJsonArticle } from './json-input.js';
import { checkReaderWarning, offerReaderFields, readReaderText } from './reader-text.js';
import { asFrontMatterText, hasFrontMatter, readFrontMatter } from './front-matter.js';
import { parseHtml, maxDepth as domDepth } from '../html/dom.js';
import { isWholePage } from '../extract/index.js';
import { readPageMetadata, type PageMetadata } from '../metadata/html-meta.js';
import type { Document } from '../html/dom.js';
import { htmlToBlocks } from '../html/to-blocks.js';
import { estimateDepth } from '../html/depth.js';
import { closeRunawayTitle, liftHeadContent } from '../html/repair.js';
import { parseMarkdown } from '../markdown/parse.js';
import { lintShapes, mergeQuotes, renderedParts } from '../markdown/render.js';
import { renderFrontMatter, orderedMetadata } from '../markdown/front-matter.js';
import { decodeBytes, looksBinary, sniffDeclaredCharset } from '../encoding/index.js';
import { wordCount } from '../rules/zones.js';
import { beginDocument, endDocument } from '../rules/block-memo.js';
import { nfc } from '../text/nfc.js';
import { checkBudget, endBudget, startBudget } from '../deadline.js';

export interface CleanOptions {
  /** The input's path, used as a hint in messages and recorded in metadata.input. */
  path?: string;
  settings?: Partial<Settings>;
  /** The encoding the bytes were decoded from (recorded in metadata.encoding). */
  encoding?: string;
  /** Record each removed text whole, not shortened to 160 characters (the HTML report locates them in the input). */
  fullRemovals?: boolean;
  /**
   * Hashes of this document's lines that appear in several different articles of the run (template text,
   * ../inbox/templates.ts; removed by NC005 inbox-templates). Absent for a document cleaned on its own.
   */
  templates?: readonly number[];
  /**
   * Names that stand at the same end of the titles of several other pages of the run: the site's name, cut from this
   * page's title (../inbox/title-sites.ts). Absent for a document cleaned on its own.
   */
  titleSites?: readonly string[];
}

function fail(format: Format | null, error: FileError, removed: Removal[] = [], warnings: Warning[] = []): CleanResult {
  return { markdown: null, body: '', metadata: {}, format, removed, warnings, error };
}

/** Cleans raw bytes: decodes them (BOM, declared charset, UTF-8, windows-1252), then cleans the text. */
export function cleanBytes(bytes: Uint8Array, options: CleanOptions = {}): CleanResult {
  if (bytes.length === 0) return fail(null, { code: 'empty', message: 'the file is empty' });
  const bin = looksBinary(bytes);
  if (bin.binary) return fail(null, { code: 'binary', message: `not a text file (${bin.reason ?? 'binary content'})` });
  const declared = sniffDeclaredCharset(bytes);
  const decoded = decodeBytes(bytes, declared ? { declared } : {});
  return cleanText(decoded.text, { ...options, encoding: decoded.encoding });
}

/** Cleans one document given as text. Never throws for bad input: problems come back in `error`. */
export function cleanText(text: string, options: CleanOptions = {}): CleanResult {
  const settings = resolveSettings(options.settings);
  const active = activeRules(settings.disable);
  const removed: Removal[] = [];
  const warnings: Warning[] = [];
  let format: Format | null = null;
  // what the rules remember per block holds for this document's blocks only
  beginDocument();
  // the budget runs from here: stages look at it as they go (in the calling thread nothing else can stop them)
  startBudget(settings.timeoutMs);
  try {
    if (typeof text !== 'string') throw new InputError('unreadable', 'input is not text');
    // NFC first: the rules must see the same characters the output will hold
    // (a plain search for the character is many times faster than a pattern's scan of the whole text)
    const lf = text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text;
    const whole = nfc(lf.charCodeAt(0) === 0xfeff ? lf.slice(1) : lf);
    // a reader service's copy of a page: its header's fields are metadata, the Markdown under it what the rules read
    const reader = readReaderText(whole);
    const normalized = reader ? reader.body : whole;
    if (!normalized.trim()) return fail(null, { code: 'empty', message: 'the file has no text (empty or only white space)' });
    const meta = new MetaCollector();
    if (reader) {
      checkReaderWarning(reader.fields);
      offerReaderFields(reader.fields, meta);
    }

    // 1. raw-text rules over the whole text (front matter included: titles carry mojibake too)
    format = reader ? 'markdown' : detectFormat(normalized);
    const templates = options.templates?.length ? new Set(options.templates) : undefined;
    const base: ContextBase = { format, path: options.path, settings, meta, fullText: options.fullRemovals === true, templates };
    let raw = normalized;
    for (const rule of active) {
      if (rule.stage !== 'raw' || (rule.formats && !rule.formats.includes(format))) continue;
      raw = rule.apply(raw, contextFor(rule, base, removed, warnings));
      checkBudget();
    }
    // the raw rules may have changed what the text looks like (an export unwrapped, entities decoded); Markdown
    // stays Markdown when the site's lines that held its marks (menus of links) were what they took away
    if (raw !== normalized) {
      const again = detectFormat(raw);
      format = format === 'markdown' && again === 'text' ? 'markdown' : again;
    }
    const ctxBase: ContextBase = { ...base, format };

    // 2. parse: front matter, then the body by format
    let body = raw;
    if (format === 'json') {
      const article = readJsonArticle(raw);
      offerFrontMatter(article.data, meta);
      body = article.body.includes('\r') ? article.body.replace(/\r\n?/g, '\n') : article.body;
      // the record's body by its own shape: HTML, Markdown (a reader service's `content`), or plain text
      format = looksLikeHtml(body) ? 'html-fragment' : looksLikeMarkdown(body) ? 'markdown' : 'text';
      ctxBase.format = format;
    } else if (hasFrontMatter(raw)) {
      const fm = readFrontMatter(raw);
      offerFrontMatter(fm.data, meta);
      body = fm.body;
    }
    let blocks: Block[];
    const runHtml = (dom: Document): Block[] => {
      const depth = domDepth(dom);
      if (depth > settings.maxDepth) throw new InputError('too-deep', `HTML nests ${depth} levels deep, over the limit of ${settings.maxDepth} (--max-depth)`);
      for (const rule of active) {
        if (rule.stage === 'html' && (!rule.formats || rule.formats.includes(format!))) rule.apply(dom, contextFor(rule, ctxBase, removed, warnings));
        checkBudget();
      }
      return htmlToBlocks(dom, { maxDepth: settings.maxDepth });
    };
    if (format === 'wp-export' || format === 'html-fragment' || format === 'html-page') {
      const depth = estimateDepth(body, settings.maxDepth);
      if (depth > settings.maxDepth) throw new InputError('too-deep', `HTML nests more than ${settings.maxDepth} levels deep (--max-depth)`);
    }
    switch (format) {
      case 'wp-export':
        blocks = runHtml(parseHtml(body));
        break;
      case 'html-fragment':
      case 'html-page': {
        // a whole page or a fragment: decided on the parsed tree, not on the first tags
        const dom = parseHtml(closeRunawayTitle(body));
        liftHeadContent(dom);
        format = isWholePage(dom) ? 'html-page' : 'html-fragment';
        ctxBase.format = format;
        if (format === 'html-page') offerPageMetadata(readPageMetadata(dom, options.titleSites), meta);
        blocks = runHtml(dom);
        break;
      }
      case 'markdown':
        blocks = parseMarkdown(body, 'markdown');
        break;
      default:
        blocks = parseMarkdown(body, 'text');
    }
    // what every rule's output is made into below (empty blocks out, adjacent quotes merged): a fixed point of that
    blocks = lintShapes(mergeQuotes(blocks.filter(nonEmpty)));
    // each block's words, kept for the count of the output: a block no rule changed is mostly rendered as it is
    const blockWordCounts = new Map<Block, number>();
    let wordsBefore = 0;
    for (const b of blocks) {
      const w = blockWords(b);
      blockWordCounts.set(b, w);
      wordsBefore += w;
    }
    // lines a raw-text rule removed whole (the content-zone model on text) count among the words removed
    if (raw.length < normalized.length * 0.95 && (format === 'text' || format === 'markdown')) wordsBefore = Math.max(wordsBefore, wordCount(normalized));

    // 3. block rules, in registry order, repeated until nothing changes: a rule that looks at the last block
    //    must see what is last once the others are done, so that cleaning the output again changes nothing
    const textRules = active.filter((r) => r.stage === 'text' && (!r.formats || r.formats.includes(format!)));
    const contexts = textRules.map((rule) => contextFor(rule, ctxBase, removed, warnings));
    // Rules are pure functions of the blocks (and of the title, which only the headline rule reads and offers), and
    // an unchanged block stays the same object. So a pass after the first can stop after the last rule that changed
    // anything in the pass before, once nothing has changed in it: every rule after that one would see exactly the
    // blocks it left unchanged last time. (test/fixpoint.test.ts checks this against running every rule.)
    let lastChange = textRules.length - 1;
    for (let pass = 0; pass < MAX_PASSES; pass++) {
      let changedAt = -1;
      for (let r = 0; r < textRules.length; r++) {
        if (pass > 0 && changedAt < 0 && r > lastChange && !confirmEveryRule) break;
        const before = blocks;
        const recorded = removed.length;
        const out = (textRules[r] as Extract<Rule, { stage: 'text' }>).apply(blocks, contexts[r]!);
        if (sameObjects(before, out)) {
          // the blocks as they were (already filtered and merged): only a recorded removal counts as a change
          if (removed.length !== recorded) changedAt = r;
        } else {
          // quotes that end up adjacent read back as one quote: merge them now, so the rules see what a re-read sees
          blocks = mergeQuotes(out.filter(nonEmpty));
          if (removed.length !== recorded || !sameBlocks(before, blocks)) changedAt = r;
          else blocks = before;
        }
        checkBudget();
      }
      if (changedAt < 0) break;
      lastChange = changedAt;
    }

    // 4. render and finish the metadata
    checkBudget();
    const parts = renderedParts(blocks);
    const joined = parts.map((p) => p.markdown).join('\n\n');
    const markdownBody = nfc(joined);
    // words never run across the blank lines between blocks, so the body's count is the sum of its blocks' counts;
    // a paragraph rendered as its own text was counted before the rules ran
    let words = 0;
    if (markdownBody === joined) {
      for (const { block, markdown } of parts) {
        const known = block.type === 'paragraph' && markdown === block.text ? blockWordCounts.get(block) : undefined;
        words += known ?? wordCount(markdown);
      }
    } else words = wordCount(markdownBody);
    if (!markdownBody.trim()) {
      return fail(format, { code: 'no-article', message: 'no article text is left after cleaning (everything matched boilerplate rules)' }, removed, warnings);
    }
    if (wordsBefore > 0 && 1 - words / wordsBefore > settings.reviewRemovedShare) {
      meta.flag('needs_review');
      warnings.push({ code: 'much-removed', message: `cleaning removed ${Math.round((1 - words / wordsBefore) * 100)}% of the words` });
    }
    if (words < settings.reviewMinWords) {
      meta.flag('needs_review');
      warnings.push({ code: 'short', message: `only ${words} words are left` });
    }
    checkBudget();
    const metadata: Metadata = {
      ...normalizeStrings(finishMetadata(meta, markdownBody)),
      words,
      format,
      ...(options.encoding ? { encoding: options.encoding } : {}),
      ...(options.path ? { input: options.path } : {}),
      hash: createHash('sha256').update(markdownBody).digest('hex').slice(0, 16),
    };
    const ordered = orderedMetadata(metadata);
    return {
      markdown: `${renderFrontMatter(ordered)}\n${markdownBody}\n`,
      body: markdownBody,
      metadata: ordered,
      format,
      removed,
      warnings,
      error: null,
    };
  } catch (e) {
    if (e instanceof InputError) return fail(format, { code: e.code, message: e.message }, removed, warnings);
    if (e instanceof RangeError && /call stack/i.test(e.message)) {
      return fail(format, { code: 'too-deep', message: 'the document nests too deeply to process' }, removed, warnings);
    }
    if (e instanceof Error && e.name === 'ConfigError') throw e;
    return fail(format, { code: 'internal', message: `internal error: ${e instanceof Error ? e.message : String(e)}` }, removed, warnings);
  } finally {
    endBudget();
    endDocument();
  }
}

/** The rules left on by a --disable list, worked out once per list. */
const activeByDisable = new Map<string, Rule[]>();

function activeRules(disable: readonly string[]): Rule[] {
  const key = disable.join('\n');
  let active = activeByDisable.get(key);
  if (active === undefined) {
    const off = disabledRuleIds(disable); // throws for an unknown rule: nothing is remembered then
    active = allRules.filter((r) => !off.has(r.id));
    if (activeByDisable.size >= 64) activeByDisable.clear();
    activeByDisable.set(key, active);
  }
  return active;
}

/** The same block objects in the same order. */
function sameObjects(a: Block[], b: Block[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** The same blocks: the same objects, or (for a rule that rebuilt unchanged blocks) the same content. */
function sameBlocks(a: Block[], b: Block[]): boolean {
  return sameObjects(a, b) || JSON.stringify(a) === JSON.stringify(b);
}

let confirmEveryRule = false;
/** Testing hook: make every pass after the first run every rule (the reference the shortcut is tested against). */
export function setConfirmEveryRule(on: boolean): void {
  confirmEveryRule = on;
}

/** Passes of the block rules at most (the second one normally finds nothing). */
const MAX_PASSES = 4;

function nonEmpty(b: Block): boolean {
  switch (b.type) {
    case 'paragraph':
    case 'heading':
    case 'quote':
    case 'code':
      return b.text.trim().length > 0;
    case 'list':
      return b.items.some((i) => i.text.trim());
    case 'table':
      return b.rows.length > 0;
    default:
      return true;
  }
}

function blockWords(b: Block): number {
  switch (b.type) {
    case 'paragraph':
    case 'heading':
    case 'quote':
    case 'code':
      return wordCount(b.text);
    case 'list':
      return b.items.reduce((n, i) => n + wordCount(i.text), 0);
    case 'table':
      return b.rows.reduce((n, r) => n + r.reduce((m, c) => m + wordCount(c), 0), 0);
    default:
      return 0;
  }
}

function normalizeStrings(m: Metadata): Metadata {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(m)) {
    if (typeof v === 'string') out[k] = nfc(asFrontMatterText(v));
    else if (Array.isArray(v)) out[k] = v.map((x) => (typeof x === 'string' ? nfc(asFrontMatterText(x)) : x)).filter((x) => x !== '');
    else out[k] = v;
  }
  return out as Metadata;
}

/** A page's own metadata (JSON-LD, Open Graph, <meta>, <title>, <time>, bylines, <html lang>), below front matter. */
function offerPageMetadata(page: PageMetadata, meta: MetaCollector): void {
  const t = TRUST.openGraph;
  for (const key of ['title', 'date', 'publisher', 'url', 'section', 'language', 'image', 'description', 'source'] as const) {
    meta.offer(key, page[key], t);
  }
  // co-authors of one byline are all its authors
  meta.offer('author', page.author, t);
  if (page.authors && page.authors.length > 1) meta.add('contributors', page.authors.map((a) => `${a} (byline)`));
  meta.add('tags', page.tags ?? []);
}

export type { Rule };
