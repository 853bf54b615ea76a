/**
 * The run's first pass for template text: every plain-text, Markdown and HTML input is read, decoded as the cleaner
 * decodes it, and its lines hashed into a TemplateIndex (a whole page's lines are its block elements' texts,
 * ./html-lines.ts); the answer is, per input, the hashes of its template lines (handed to the cleaner as
 * CleanOptions.templates). JSON and unreadable inputs are passed over.
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
  if (paths.filter(Boolean).length < TEMPLATE_MIN_DOCS) return new Map();
  const index = new TemplateIndex();
  const docOf: number[] = [];
  const inputOf: number[] = [];
  paths.forEach((p, i) => {
    if (!p) return;
    // read as the cleaner reads (its access time left alone where the system allows it)
    const bytes = readInputSync(p, maxFileSize);
    if (!(bytes instanceof Uint8Array) || bytes.length === 0) return;
    const text = inputText(bytes);
    if (text === null) return;
    const format = detectFormat(text);
    const html = format === 'html-page' || format === 'html-fragment' || format === 'wp-export';
    if (html ? !kinds.html : (format !== 'text' && format !== 'markdown') || !kinds.text) return;
    // a plain text the line model reads at another width (../model/unwrap.ts) is looked up by those lines too
    const fitted = format === 'text' ? fitWidth(text) : null;
    docOf[i] = index.add(html ? htmlBlockLines(text) : fitted ? `${text}\n${fitted}` : text);
    inputOf[docOf[i]!] = i;
  });
  const out = new Map<number, number[]>();
  for (const [doc, hashes] of index.templates()) out.set(inputOf[doc]!, hashes);
  return out;
}

/**
 * The run's hook: the template lines of each input of the run (inputs with an error are passed over), by the
 * input's position (with `wholeRun`, one shard's, decided over every file of the run); empty when NC005 and NC223 are
 * disabled or the run has fewer than TEMPLATE_MIN_DOCS inputs.
 */
export function runTemplates(
  sources: { length: number; failed(i: number): boolean; isRecord(i: number): boolean; abs(i: number): FsPath },
  settings: Settings,
  wholeRun?: { paths: ReadonlyArray<FsPath | null>; source: ReadonlyMap<number, number> },
): Map<number, number[]> {
  // NC005 reads the template lines of plain text and Markdown, NC223 those of whole pages
  const off = disabledRuleIds(settings.disable);
  const kinds = { text: !off.has('NC005'), html: !off.has('NC223') };
  if (!kinds.text && !kinds.html) return new Map();
  if (wholeRun) {
    // one shard of a run: the lines are counted over every file of the run, so that N shards clean as one run
    const out = new Map<number, number[]>();
    for (const [i, hashes] of templateLines(wholeRun.paths, settings.maxFileSize, kinds)) {
      const k = wholeRun.source.get(i);
      if (k !== undefined) out.set(k, hashes);
    }
    return out;
  }
  // documents inside containers (WARC, JSONL) are passed over: their payloads are HTML or records, not text lines
  const paths = Array.from({ length: sources.length }, (_, i) => (sources.failed(i) || sources.isRecord(i) ? null : sources.abs(i)));
  return templateLines(paths, settings.maxFileSize, kinds);
}
