/**
 * The texts behind the report's side-by-side views: the one part of the HTML report that reads files. The run keeps
 * no input text and records removals as shortened texts, so the chosen inputs are read again (opened as the run
 * opens them: read-only, without moving their access time) and cleaned again with the same settings — cleaning is
 * deterministic, so the body is the run's body — this time recording each removed text whole. The front matter shown
 * is the run's final metadata (with the duplicate cluster), rendered as the written file has it.
 */
import path from 'node:path';
import type { DocumentReport, RunReport } from '../../run/index.js';
import type { Settings } from '../../settings.js';
import type { Removal } from '../../types.js';
import type { ResolvedDedupOptions } from '../../dedup/index.js';
import { readInputSync } from '../../run/task.js';
import { decodeBytes, looksBinary, sniffDeclaredCharset } from '../../encoding/index.js';
import { cleanText } from '../../pipeline/clean.js';
import { renderFrontMatter } from '../../markdown/front-matter.js';
import { nfc } from '../../text/nfc.js';
import { locateRemovals, type Mark } from './locate.js';
import { PassageFinder, type PassageRanges } from './passages.js';
import { DEFAULT_LIMITS, documentOrder, pairOrder, topFilesPerRule, type EmbedLimits, type RuleTop } from './select.js';

/** One document's texts for the side-by-side view. */
export interface DocText {
  /** The input as the cleaner read it (decoded, LF line ends, NFC), cut at the input cap. */
  input: string;
  /** Characters of the input left out by the cap. */
  inputCut: number;
  /** The Markdown file: front matter from the run's final metadata, then the body; empty when none was made. */
  markdown: string;
  /** Where the body starts in `markdown`. */
  bodyStart: number;
  /** What each rule removed, texts whole, in the order the run recorded them. */
  removed: Removal[];
  /** Where the removals are in `input`. */
  marks: Mark[];
}

export interface ReportTexts {
  /** By document index. */
  docs: Map<number, DocText>;
  /** By pair index: the shared passages as character ranges in the two bodies. */
  pairs: Map<number, PassageRanges>;
  /** Per rule id: the files where it removed most. */
  tops: Map<string, RuleTop>;
  limits: EmbedLimits;
  /** Characters of text embedded. */
  textChars: number;
}

export interface TextSourceOptions {
  cwd: string;
  settings: Settings;
  /** The run's near-duplicate options (null when the stage was off). */
  dedup: ResolvedDedupOptions | null;
  limits?: Partial<EmbedLimits>;
}

/** Reads and cleans one input again; null when its bytes cannot be had or are not text. */
export function loadDocText(doc: DocumentReport, cwd: string, settings: Settings, inputCap: number): DocText | null {
  const bytes = readInputSync(path.resolve(cwd, doc.input), settings.maxFileSize);
  if (!(bytes instanceof Uint8Array) || bytes.length === 0 || looksBinary(bytes).binary) return null;
  const declared = sniffDeclaredCharset(bytes);
  const decoded = decodeBytes(bytes, declared ? { declared } : {});
  // what the cleaner works on (pipeline/clean.ts): LF line ends, no byte-order mark, NFC
  const lf = decoded.text.includes('\r') ? decoded.text.replace(/\r\n?/g, '\n') : decoded.text;
  const whole = nfc(lf.charCodeAt(0) === 0xfeff ? lf.slice(1) : lf);
  const result = cleanText(decoded.text, { path: doc.input, settings, encoding: decoded.encoding, fullRemovals: true });
  const input = whole.length > inputCap ? whole.slice(0, inputCap) : whole;
  let markdown = '';
  let bodyStart = 0;
  if (result.markdown !== null) {
    const fm = `${renderFrontMatter(doc.metadata)}\n`;
    markdown = `${fm}${result.body}\n`;
    bodyStart = fm.length;
  }
  const marks = locateRemovals(input, result.format, result.removed);
  return { input, inputCut: whole.length - input.length, markdown, bodyStart, removed: result.removed, marks };
}

/** Gathers the texts the report embeds, in the order of `select.ts`, while the budget lasts. */
export function gatherTexts(report: RunReport, options: TextSourceOptions): ReportTexts {
  const limits: EmbedLimits = { ...DEFAULT_LIMITS, ...options.limits };
  const tops = topFilesPerRule(report, limits.topPerRule);
  const docs = new Map<number, DocText>();
  const failedToLoad = new Set<number>();
  let textChars = 0;
  const index = new Map<string, number>();
  report.documents.forEach((d, i) => index.set(d.input, i));
  const load = (i: number): DocText | null => {
    const have = docs.get(i);
    if (have) return have;
    if (failedToLoad.has(i) || textChars >= limits.textBudget) return null;
    const t = loadDocText(report.documents[i]!, options.cwd, options.settings, limits.inputCap);
    if (!t) {
      failedToLoad.add(i);
      return null;
    }
    docs.set(i, t);
    textChars += t.input.length + t.markdown.length;
    return t;
  };
  const order = documentOrder(report, tops, limits.failedCap);
  for (const i of order.first) load(i);
  const pairs = new Map<number, PassageRanges>();
  const finder = options.dedup ? new PassageFinder(options.dedup) : null;
  const bodyOf = (t: DocText): string => t.markdown.slice(t.bodyStart, -1);
  const addPair = (p: number, loadDocs: boolean): void => {
    const pair = report.pairs[p]!;
    const ia = index.get(pair.a);
    const ib = index.get(pair.b);
    if (ia === undefined || ib === undefined || !finder) return;
    const a = loadDocs ? load(ia) : docs.get(ia);
    const b = loadDocs ? load(ib) : docs.get(ib);
    if (!a || !b || !a.markdown || !b.markdown) return;
    pairs.set(p, finder.ranges(pair, bodyOf(a), bodyOf(b)));
  };
  if (options.dedup) {
    const thresholds = { jaccard: options.dedup.jaccardThreshold, containment: options.dedup.containmentThreshold };
    for (const p of pairOrder(report, thresholds, limits.pairCap)) {
      if (textChars >= limits.textBudget) break;
      addPair(p, true);
    }
  }
  for (const i of order.failed) load(i);
  for (const i of order.rest) {
    if (textChars >= limits.textBudget) break;
    load(i);
  }
  // every other pair whose two texts ended up embedded gets its passages too (they are small), up to a cap
  for (let p = 0; p < report.pairs.length && pairs.size < limits.passageCap; p++) if (!pairs.has(p)) addPair(p, false);
  return { docs, pairs, tops, limits, textChars };
}
