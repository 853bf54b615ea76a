/**
 * newsclean — library API. The CLI is a thin layer over these functions; none of them prints or exits.
 *
 *   cleanText(text, { path })      one document from text → Markdown + metadata + what was removed
 *   cleanBytes(bytes, { path })    the same from raw bytes (encoding detected)
 *   cleanFile(path)                the same from a file
 *   findNearDuplicates(docs)       near-duplicate and overlap pairs, clusters
 *   indexedNearDuplicates(docs, index)  the same against a persistent index (openIndex: a folder, or redis://)
 *   run({ inputs, out })           a whole batch: walk, clean, write, dedup, report
 */
import { readFile } from 'node:fs/promises';
import { cleanBytes, cleanText, type CleanOptions } from './pipeline/clean.js';
import type { CleanResult } from './types.js';

export type * from './types.js';
export { cleanText, cleanBytes, type CleanOptions } from './pipeline/clean.js';
export { detectFormat } from './pipeline/detect.js';
export { run, type RunOptions, type RunReport, type DocumentReport } from './run/index.js';
export {
  findNearDuplicates, SketchIndex, SketchPool, createSketcher, sketch, verifyCandidates, verifyCandidatesParallel, startVerifyWorkers,
  clusterDuplicates, defaultCanonicalCompare, resolveDedupOptions, DEFAULT_DEDUP_OPTIONS, DedupOptionsError,
  indexedNearDuplicates, openIndex, openDirectoryIndex, verifyDirectoryIndex, IndexConfigError, parseShard, parseWindow, shardOf, inShard,
} from './dedup/index.js';
export type {
  DedupDoc, DedupReport, DedupStats, DupPair, DupPassage, DupCluster, DedupOptions, FindNearDuplicatesOptions,
  DocRank, DocSketch, SketchBatch, CandidateSet, LoadedText, LoadText, TextLoaderModule, CanonicalCompare,
  ParallelVerifyOptions, VerifyWorkers,
  NearDupIndex, IndexStats, IndexParams, CompactResult, OpenIndexOptions, Shard,
  IndexedDoc, IndexedDocRef, IndexedDocResult, IndexedCluster, IndexedOptions, IndexedPair, IndexedReport, IndexedStats,
} from './dedup/index.js';
export { rules, disabledRuleIds, findRule, defineRule } from './rules/index.js';
export type { Rule, RuleInfo, RuleContext, Stage } from './rules/index.js';
export { defaultSettings, resolveSettings, type Settings } from './settings.js';
export { decodeBytes, sniffDeclaredCharset, looksBinary, fixText, fixTextDetailed } from './encoding/index.js';
export type { DecodeResult, Repair } from './encoding/index.js';
export { parseDate, normalizeDate } from './metadata/dates.js';
export { detectLanguage, normalizeLanguageTag } from './metadata/language.js';
export { TRUST } from './metadata/collector.js';
export { jsonReport, writeJsonReport } from './report/json.js';
export { extractArticle, isWholePage, pageText, DEFAULT_MIN_CHARS } from './extract/index.js';
export type { ExtractOptions, ExtractResult } from './extract/index.js';
export { readPageMetadata } from './metadata/html-meta.js';
export type { PageMetadata } from './metadata/html-meta.js';
export { InputError, ConfigError } from './errors.js';
export { VERSION } from './version.js';

/** Reads and cleans one file. Read errors come back as the result's `error`, like every other input problem. */
export async function cleanFile(path: string, options: CleanOptions = {}): Promise<CleanResult> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return {
      markdown: null, body: '', metadata: {}, format: null, removed: [], warnings: [],
      error: { code: code === 'EISDIR' ? 'not-a-file' : 'unreadable', message: `cannot read ${path}: ${code ?? String(e)}` },
    };
  }
  return cleanBytes(bytes, { path, ...options });
}

export { cleanText as clean };
