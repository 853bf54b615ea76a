/**
 * One entry point for every backend: `openIndex("memory" | <folder> | "redis://host:port/db", options)`.
 */
import { DedupOptionsError, resolveDedupOptions, type DedupOptions } from '../options.js';
import { openDirectoryIndex } from './directory.js';
import { LocalIndex, memoryStorage } from './local.js';
import { indexParams, IndexConfigError, type IndexParams } from './params.js';
import type { NearDupIndex } from './types.js';

export interface OpenIndexOptions {
  /** The run's near-duplicate settings; the index must have been built with the same ones. */
  dedup?: DedupOptions;
  /**
   * Open with the parameters the index records, whatever they are (for `stats` and `compact`); an index that does
   * not exist yet is then an error.
   */
  recorded?: boolean;
  /** Directory: no lock, no commits (for `stats`). */
  readOnly?: boolean;
  /** Redis: key prefix (default "nc:"), and the expected number of documents the buckets are sized for. */
  redis?: { prefix?: string; expectedDocuments?: number };
}

export function isRedisUrl(spec: string): boolean {
  return /^rediss?:\/\//i.test(spec);
}

export async function openIndex(spec: string, options: OpenIndexOptions = {}): Promise<NearDupIndex> {
  if (typeof spec !== 'string' || spec.trim() === '') throw new IndexConfigError('an index is a folder, "memory", or a redis:// URL');
  let params: IndexParams | null = null;
  if (!options.recorded) {
    try {
      params = indexParams(resolveDedupOptions(options.dedup ?? {}));
    } catch (e) {
      if (e instanceof DedupOptionsError) throw new IndexConfigError(e.message);
      throw e;
    }
  }
  if (spec === 'memory') {
    if (!params) throw new IndexConfigError('a memory index has no recorded parameters');
    return new LocalIndex(params, memoryStorage(), [], 1);
  }
  if (isRedisUrl(spec)) {
    const { openRedisIndex } = await import('./redis.js');
    return openRedisIndex(spec, params, options.redis ?? {});
  }
  return openDirectoryIndex(spec, params, { readOnly: options.readOnly ?? false });
}
