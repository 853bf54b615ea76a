/**
 * The persistent near-duplicate index and its backends (memory, directory, Redis): see types.ts for what an index
 * answers, and docs/index.md for the layouts and guarantees.
 */
export type { CompactOptions, CompactResult, IndexEntry, IndexStats, LookupResult, NearDupIndex, StoredDoc } from './types.js';
export { checkCompatible, indexParams, IndexConfigError, INDEX_FORMAT, TOKENIZER_VERSION } from './params.js';
export type { IndexParams } from './params.js';
export { decodeRecord, encodeRecord, recordWhen } from './record.js';
export { openDirectoryIndex, verifyDirectoryIndex } from './directory.js';
export type { OpenDirectoryOptions } from './directory.js';
export { openIndex, isRedisUrl } from './open.js';
export type { OpenIndexOptions } from './open.js';
export { parseShard, parseWindow, shardOf, inShard } from './window.js';
export type { Shard } from './window.js';
