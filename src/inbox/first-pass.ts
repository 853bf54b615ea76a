/**
 * The run's first pass for template text: every plain-text, Markdown and HTML input is read, decoded as the cleaner
 * decodes it, and its lines hashed into a TemplateIndex (a whole page's lines are its block elements' texts,
 * ./html-lines.ts); the answer is, per input, the hashes of its template lines (handed to the cleaner as
 * CleanOptions.templates); every whole page's <title> is added to a TitleSiteIndex, whose site names each page is
 * cleaned with (CleanOptions.titleSites). JSON and unreadable inputs are passed over.
 */
import { decodeBytes, looksBinary, sniffDeclaredCharset } from '../encoding/decode.js';
import { detectFormat } from '../pipeline/detect.js';
import { nfc } from '../text/nfc.js';
import { readInputSync } from '../run/task.js';
import type { FsPath } from '../run/names.js';
import { disabledRuleIds } from '../rules/index.js';
import type { Settings } from '../settings.js';
import { TEMPLATE_MIN_DOCS, TemplateIndex } from './templates.js';
import { htmlBlockLines } from './html-lines.js';
import { fitWidth } from '../model/unwrap.js';
import { TitleSiteIndex, pageTitle } from './title-sites.js';
import type { InputHints } from './hints.js';

export { inputHints, type InputHints } from './hints.js';

/** The text of an input as the cleaner sees it before its rules (decoded, line ends unified, NFC), or null. */
export function inputText(bytes: Uint8Array): string | null {
  if (looksBinary(bytes).binary) return null;
  const declared = sniffDeclaredCharset(bytes);
  const text = decodeBytes(bytes, declared ? { declared } : {}).text;
  const lf = text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text;
  return nfc(lf.charCodeAt(0) === 0xfeff ? lf.slice(1) : lf);
}

/**
 * Template lines of a run's inputs: for each input path (by its position in `paths`) that has any, the hashes of its
 * lines found in several different articles. Fewer than TEMPLATE_MIN_DOCS inputs: none.
 */
export function templateLines(
  paths: readonly (FsPath | null)[],
  maxFileSize: number,
  kinds: { text: boolean; html: boolean } = { text: true, html: true },
): Map<number, number[]> {
  const out = new Map<number, number[]>();
  for (const [i, h] of inboxPass(paths, maxFileSize, { ...kinds, titles: false })) if (h.templates) out.set(i, h.templates);
  return out;
}

/**
 * The first pass over a run's inputs: for each input path (by its position in `paths`), its template lines (lines
 * found in several different articles: ./templates.ts) and, for whole pages, the site names its title shows
 * (./title-sites.ts). Fewer than TEMPLATE_MIN_DOCS inputs: none.
 */
export function inboxPass(
  paths: readonly (FsPath | null)[],
  maxFileSize: number,
  kinds: { text: boolean; html: boolean; titles: boolean },
): Map<number, InputHints> {
  if (paths.filter(Boolean).length < TEMPLATE_MIN_DOCS) return new Map();
  const index = new TemplateIndex();
  const titles = new TitleSiteIndex();
  const docOf: number[] = [];
  const inputOf: number[] = [];
  const pageOf: number[] = [];
  paths.forEach((p, i) => {
    if (!p) return;
    // read as the cleaner reads (its access time left alone where the system allows it)
    const bytes = readInputSync(p, maxFileSize);
    if (!(bytes instanceof Uint8Array) || bytes.length === 0) return;
    const text = inputText(bytes);
    if (text === null) return;
    const format = detectFormat(text);
    const html = format === 'html-page' || format === 'html-fragment' || format === 'wp-export';
    if (kinds.titles && format === 'html-page') pageOf[titles.add(pageTitle(text))] = i;
    if (html ? !kinds.html : (format !== 'text' && format !== 'markdown') || !kinds.text) return;
    // a plain text the line model reads at another width (../model/unwrap.ts) is looked up by those lines too
    const fitted = format === 'text' ? fitWidth(text) : null;
    // (and, for the headline of a plain text or Markdown, its lines with the line before each: TemplateIndex.add)
    docOf[i] = index.add(html ? htmlBlockLines(text) : fitted ? `${text}\n${fitted}` : text, !html);
    inputOf[docOf[i]!] = i;
  });
  const out = new Map<number, InputHints>();
  for (const [doc, hashes] of index.templates()) out.set(inputOf[doc]!, { templates: hashes });
  for (const [page, names] of titles.sites()) {
    const i = pageOf[page]!;
    out.set(i, { ...out.get(i), titleSites: names });
  }
  return out;
}

/**
 * The run's hook: what the first pass finds for each input of the run (inputs with an error are passed over), by the
 * input's position (with `wholeRun`, one shard's, decided over every file of the run); empty when NC005, NC223 and
 * the titles' site names are all off, or the run has fewer than TEMPLATE_MIN_DOCS inputs.
 */
export function runInboxPass(
  sources: { length: number; failed(i: number): boolean; isRecord(i: number): boolean; abs(i: number): FsPath },
  settings: Settings,
  wholeRun?: { paths: ReadonlyArray<FsPath | null>; source: ReadonlyMap<number, number> },
): Map<number, InputHints> {
  // NC005 reads the template lines of plain text and Markdown, NC223 those of whole pages
  const off = disabledRuleIds(settings.disable);
  const kinds = { text: !off.has('NC005'), html: !off.has('NC223'), titles: true };
  if (wholeRun) {
    // one shard of a run: the inputs are read over every file of the run, so that N shards clean as one run
    const out = new Map<number, InputHints>();
    for (const [i, hints] of inboxPass(wholeRun.paths, settings.maxFileSize, kinds)) {
      const k = wholeRun.source.get(i);
      if (k !== undefined) out.set(k, hints);
    }
    return out;
  }
  // documents inside containers (WARC, JSONL) are passed over: their payloads are HTML or records, not text lines
  const paths = Array.from({ length: sources.length }, (_, i) => (sources.failed(i) || sources.isRecord(i) ? null : sources.abs(i)));
  return inboxPass(paths, settings.maxFileSize, kinds);
}
