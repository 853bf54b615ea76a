/**
 * Index windows and worker shards: the two options a daily pipeline and a set of workers give as text.
 *
 * A window (`90d`, `12w`, `36h`) bounds what a run is matched against: earlier documents whose article date (else
 * their indexing time) is older than the window are not paired, and `compact` drops them for good.
 *
 * A shard (`k/N`, 0 ≤ k < N) is a worker's share of the inputs: an input belongs to shard k when the first four bytes
 * of the SHA-256 of its path (relative to the input folder, with `/` separators), read as a number, leave k when
 * divided by N. The same path gives the same shard on every machine, and the N shards together take every input once.
 */
import { createHash } from 'node:crypto';
import { IndexConfigError } from './params.js';

const UNIT_MS: Record<string, number> = { h: 3_600_000, d: 86_400_000, w: 7 * 86_400_000 };

/** Milliseconds of a window given as `<n>h`, `<n>d` or `<n>w` (a number is taken as milliseconds). */
export function parseWindow(window: string | number): number {
  if (typeof window === 'number') {
    if (Number.isFinite(window) && window > 0) return window;
  } else {
    const m = /^\s*(\d+(?:\.\d+)?)\s*([hdw])\s*$/i.exec(window);
    if (m) {
      const ms = Number(m[1]) * UNIT_MS[m[2]!.toLowerCase()]!;
      if (ms > 0) return ms;
    }
  }
  throw new IndexConfigError(`an index window is a positive number of hours, days or weeks, like 90d, 12w or 36h; got ${JSON.stringify(window)}`);
}

export interface Shard {
  /** This worker's shard, 0 ≤ index < count. */
  index: number;
  count: number;
}

/** Parses `k/N` (0 ≤ k < N). */
export function parseShard(text: string): Shard {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  if (m) {
    const index = Number(m[1]);
    const count = Number(m[2]);
    if (count >= 1 && index < count && count <= 1_000_000) return { index, count };
  }
  throw new IndexConfigError(
    `a shard is k/N with 0 ≤ k < N (the worker's number and the number of workers, e.g. 0/4 … 3/4); got ${JSON.stringify(text)}`,
  );
}

/** The shard (0 … count−1) an input path belongs to. */
export function shardOf(inputPath: string, count: number): number {
  const p = inputPath.replace(/\\/g, '/');
  const h = createHash('sha256').update(p, 'utf8').digest();
  return h.readUInt32BE(0) % count;
}

export function inShard(inputPath: string, shard: Shard): boolean {
  return shard.count === 1 || shardOf(inputPath, shard.count) === shard.index;
}
