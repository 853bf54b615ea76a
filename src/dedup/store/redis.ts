/**
 * The Redis backend: one index on a Redis or Valkey server (standalone, not a cluster), shared by any number of
 * workers on any number of machines. Key layout and scripts: redis-scripts.ts.
 *
 * Every operation is a server-side script (or a plain read), so what a worker sees is always a consistent index:
 * a document is looked up and inserted in one atomic step, and a worker that is killed loses only the documents it
 * had not yet sent. There is nothing to commit.
 *
 * Client: ioredis (see docs/index.md for the comparison with node-redis).
 */
import { createHash } from 'node:crypto';
import { Redis } from 'ioredis';
import { bandKeys } from '../lsh.js';
import { createMinHasher } from '../minhash.js';
import { shingleHashes } from '../hash.js';
import { winnowHashes } from '../winnow.js';
import { checkCompatible, IndexConfigError, parseParams, type IndexParams } from './params.js';
import { decodeRecord, recordWhen } from './record.js';
import { BOILERPLATE, LOOKUP_INSERT, MARK_BOILERPLATE, POSTINGS, REMOVE, ROOTS, UNION } from './redis-scripts.js';
import type { CompactOptions, CompactResult, IndexEntry, IndexStats, LookupResult, NearDupIndex, StoredDoc } from './types.js';

interface Buckets {
  b: number;
  f: number;
  h: number;
  p: number;
}

/** Bits of bucket numbers for an expected number of documents: about a hundred fields per bucket when it is reached. */
export function bucketBits(expectedDocuments: number, bands: number): Buckets {
  const bits = (fields: number): number => Math.max(4, Math.min(24, Math.ceil(Math.log2(Math.max(1, fields) / 100))));
  return { b: bits(expectedDocuments * bands), f: bits(expectedDocuments * 90), h: bits(expectedDocuments), p: bits(expectedDocuments / 2) };
}

/** Documents per script call: each is atomic; a call of many blocks the server for the others meanwhile. */
const DOCS_PER_CALL = 64;
const DAY_MS = 86_400_000;

const u32s = (a: Uint32Array): Buffer => {
  const b = Buffer.allocUnsafe(a.length * 4);
  for (let i = 0; i < a.length; i++) b.writeUInt32LE(a[i]!, i * 4);
  return b;
};
const readU32s = (b: Buffer): Uint32Array => {
  const out = new Uint32Array(b.length >>> 2);
  for (let i = 0; i < out.length; i++) out[i] = b.readUInt32LE(i * 4);
  return out;
};

class Script {
  readonly sha: string;
  constructor(readonly source: string) {
    this.sha = createHash('sha1').update(source).digest('hex');
  }
}
const SCRIPTS = {
  lookupInsert: new Script(LOOKUP_INSERT),
  postings: new Script(POSTINGS),
  boilerplate: new Script(BOILERPLATE),
  markBoilerplate: new Script(MARK_BOILERPLATE),
  roots: new Script(ROOTS),
  union: new Script(UNION),
  remove: new Script(REMOVE),
};

export interface RedisIndexOptions {
  prefix?: string;
  /** Sizes the buckets when the index is created (default 1,000,000). */
  expectedDocuments?: number;
}

export class RedisIndex implements NearDupIndex {
  readonly backend = 'redis' as const;
  private readonly head: Buffer;
  private readonly limits: Buffer;

  constructor(
    readonly location: string,
    readonly params: IndexParams,
    private readonly client: Redis,
    private readonly prefix: string,
    private readonly buckets: Buckets,
  ) {
    this.head = Buffer.from([buckets.b, buckets.f, buckets.h, buckets.p]);
    const l = Buffer.alloc(12);
    l.writeUInt32LE(params.maxFingerprintDf, 0);
    l.writeUInt32LE(params.boilerplateMinDf, 4);
    l.writeUInt32LE(params.minSharedFingerprints, 8);
    this.limits = l;
  }

  private async run(s: Script, args: Array<string | Buffer>): Promise<unknown> {
    try {
      return await this.client.callBuffer('EVALSHA', [s.sha, 0, ...args]);
    } catch (e) {
      if (!String((e as Error).message).startsWith('NOSCRIPT')) throw e;
      return this.client.callBuffer('EVAL', [s.source, 0, ...args]);
    }
  }

  private key(kind: string, rest: Buffer | string = ''): Buffer {
    return Buffer.concat([Buffer.from(this.prefix + kind, 'utf8'), Buffer.isBuffer(rest) ? rest : Buffer.from(rest, 'utf8')]);
  }

  async lookupInsert(entries: readonly IndexEntry[]): Promise<LookupResult[]> {
    const out: LookupResult[] = [];
    for (let s = 0; s < entries.length; s += DOCS_PER_CALL) {
      const part = entries.slice(s, s + DOCS_PER_CALL);
      const args: Array<string | Buffer> = [this.prefix, this.head, this.limits, String(Date.now()), String(part.length)];
      for (const e of part) {
        args.push(Buffer.from(e.identity), u32s(e.bands), u32s(e.fingerprints), Buffer.from(e.record.buffer, e.record.byteOffset, e.record.byteLength));
        args.push(Buffer.from(String(Math.floor(e.when / DAY_MS))));
      }
      const reply = (await this.run(SCRIPTS.lookupInsert, args)) as Array<Buffer | number>;
      for (let d = 0; d < part.length; d++) {
        const kb = reply[d * 4] as Buffer;
        const known = reply[d * 4 + 1] === 1;
        const cb = reply[d * 4 + 2] as Buffer;
        const wb = reply[d * 4 + 3] as Buffer;
        const n = cb.length / 9;
        const rows: Array<[number, number, number]> = [];
        for (let i = 0; i < n; i++) rows.push([cb.readUInt32LE(i * 9), cb[i * 9 + 4]!, cb.readUInt32LE(i * 9 + 5)]);
        rows.sort((x, y) => x[0] - y[0]);
        out.push({
          key: kb.readUInt32LE(0),
          known,
          candidates: Uint32Array.from(rows, (r) => r[0]),
          via: Uint8Array.from(rows, (r) => r[1]),
          shared: Uint32Array.from(rows, (r) => r[2]),
          watched: readU32s(wb),
        });
      }
    }
    return out;
  }

  async postings(fingerprints: Uint32Array): Promise<Array<Uint32Array | null>> {
    const out: Array<Uint32Array | null> = [];
    for (let s = 0; s < fingerprints.length; s += 8192) {
      const part = fingerprints.subarray(s, s + 8192);
      const reply = (await this.run(SCRIPTS.postings, [this.prefix, this.head, u32s(part)])) as Buffer[];
      for (const b of reply) out.push(b.length === 1 ? null : readU32s(b).sort());
    }
    return out;
  }

  async boilerplate(fingerprints: Uint32Array): Promise<Uint32Array> {
    const found: number[] = [];
    const distinct = Uint32Array.from(new Set(fingerprints));
    for (let s = 0; s < distinct.length; s += 65536) {
      const reply = (await this.run(SCRIPTS.boilerplate, [this.prefix, this.head, u32s(distinct.subarray(s, s + 65536))])) as Buffer;
      for (const f of readU32s(reply)) found.push(f);
    }
    return Uint32Array.from(found).sort();
  }

  async markBoilerplate(fingerprints: Uint32Array): Promise<void> {
    if (fingerprints.length > 0) await this.run(SCRIPTS.markBoilerplate, [this.prefix, this.head, u32s(fingerprints)]);
  }

  async load(keys: readonly number[]): Promise<Array<StoredDoc | null>> {
    const out: Array<StoredDoc | null> = [];
    for (let s = 0; s < keys.length; s += 1024) {
      const part = keys.slice(s, s + 1024);
      if (part.length === 0) continue;
      const kb = part.map((k) => {
        const b = Buffer.alloc(4);
        b.writeUInt32LE(k);
        return this.key('d', b);
      });
      const reply = await this.client.mgetBuffer(...kb);
      reply.forEach((r, i) => out.push(r ? decodeRecord(part[i]!, r) : null));
    }
    return out;
  }

  async roots(keys: readonly number[]): Promise<Uint32Array> {
    if (keys.length === 0) return new Uint32Array(0);
    const reply = (await this.run(SCRIPTS.roots, [this.prefix, this.head, u32s(Uint32Array.from(keys))])) as Buffer;
    return readU32s(reply);
  }

  async union(pairs: ReadonlyArray<readonly [number, number]>): Promise<void> {
    if (pairs.length === 0) return;
    const flat = new Uint32Array(pairs.length * 2);
    pairs.forEach(([a, b], i) => {
      flat[i * 2] = a;
      flat[i * 2 + 1] = b;
    });
    await this.run(SCRIPTS.union, [this.prefix, this.head, u32s(flat)]);
  }

  async commit(): Promise<void> {
    // every script has taken effect on the server when it returned
  }

  private async dayKeys(): Promise<Array<[number, Buffer]>> {
    const out: Array<[number, Buffer]> = [];
    let cursor = '0';
    const match = `${this.prefix}w*`;
    do {
      const [next, keys] = (await this.client.callBuffer('SCAN', [cursor, 'MATCH', match, 'COUNT', '1000'])) as [Buffer, Buffer[]];
      cursor = next.toString();
      for (const k of keys) {
        const day = Number(k.subarray(Buffer.byteLength(this.prefix) + 1).toString());
        if (Number.isInteger(day)) out.push([day, k]);
      }
    } while (cursor !== '0');
    return out.sort((a, b) => a[0] - b[0]);
  }

  async stats(): Promise<IndexStats> {
    const [docs, nboiler, first, last] = await Promise.all([
      this.client.get(this.prefix + 'docs'),
      this.client.get(this.prefix + 'nboiler'),
      this.client.hget(this.prefix + 'meta', 'firstIndexed'),
      this.client.hget(this.prefix + 'meta', 'lastIndexed'),
    ]);
    const info = await this.client.info('memory');
    const used = Number(/used_memory:(\d+)/.exec(info)?.[1] ?? 0);
    const days = await this.dayKeys();
    const n = Number(docs ?? 0);
    const day = (d: number | undefined): string | null => (d === undefined ? null : new Date(d * DAY_MS).toISOString().slice(0, 10));
    return {
      location: this.location,
      backend: 'redis',
      documents: n,
      bytes: used,
      bytesPerDocument: n ? used / n : 0,
      // days of the window: article dates where known, else indexing days
      dates: { first: day(days[0]?.[0]), last: day(days[days.length - 1]?.[0]) },
      indexed: { first: first ? new Date(Number(first)).toISOString() : null, last: last ? new Date(Number(last)).toISOString() : null },
      boilerplateFingerprints: Number(nboiler ?? 0),
      params: this.params,
    };
  }

  /**
   * Drops the documents older than the window (by their window day): each one's postings are recomputed from its
   * token hashes and removed. Without a window there is nothing to rewrite on a server: it reports the counts.
   */
  async compact(options: CompactOptions = {}): Promise<CompactResult> {
    const before = Number((await this.client.get(this.prefix + 'docs')) ?? 0);
    const bytesBefore = (await this.stats()).bytes;
    if (options.windowMs !== undefined) {
      const cutoff = (options.now ?? Date.now()) - options.windowMs;
      const p = this.params;
      const hasher = createMinHasher({ numPerm: p.numPerm, seed: p.seed });
      for (const [day, dk] of await this.dayKeys()) {
        if ((day + 1) * DAY_MS > cutoff) continue;
        const list = await this.client.getBuffer(dk);
        const keys = list ? Array.from(readU32s(list)) : [];
        for (const doc of await this.load(keys)) {
          if (!doc || recordWhen(doc) >= cutoff) continue;
          const sh = shingleHashes(doc.tokens, p.shingleSize);
          const bands = sh.length ? bandKeys(hasher.signature(sh), p.lshBands, p.lshRows) : new Uint32Array(0);
          const fps = sh.length ? winnowHashes(sh, p.winnowWindow) : new Uint32Array(0);
          const kb = Buffer.alloc(4);
          kb.writeUInt32LE(doc.key);
          await this.run(SCRIPTS.remove, [this.prefix, this.head, kb, Buffer.from(doc.identity), u32s(bands), u32s(fps)]);
        }
        await this.client.del(dk);
      }
    }
    const after = Number((await this.client.get(this.prefix + 'docs')) ?? 0);
    return { before, after, removed: before - after, bytesBefore, bytesAfter: (await this.stats()).bytes };
  }

  async close(): Promise<void> {
    await this.client.quit().catch(() => this.client.disconnect());
  }
}

/** Connects, and creates the index's metadata when the prefix holds none (or checks the parameters recorded there). */
export async function openRedisIndex(url: string, params: IndexParams | null, options: RedisIndexOptions = {}): Promise<RedisIndex> {
  const prefix = options.prefix ?? 'nc:';
  const shown = url.replace(/\/\/[^@/]*@/, '//***@');
  const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 2, enableOfflineQueue: true, retryStrategy: (n) => (n > 3 ? null : 100 * n) });
  client.on('error', () => {
    // reported by the command that fails
  });
  try {
    await client.connect();
  } catch (e) {
    client.disconnect();
    throw new IndexConfigError(`cannot reach the index server ${shown}: ${(e as Error).message}`);
  }
  try {
    const meta = prefix + 'meta';
    if (params) {
      const buckets = bucketBits(options.expectedDocuments ?? 1_000_000, params.lshBands);
      await client.hsetnx(meta, 'params', JSON.stringify(params));
      await client.hsetnx(meta, 'buckets', JSON.stringify(buckets));
      await client.hsetnx(meta, 'created', new Date().toISOString());
    }
    const [p, b] = await client.hmget(meta, 'params', 'buckets');
    if (!p || !b) throw new IndexConfigError(`no index at ${shown} (no ${meta})`);
    const stored = parseParams(p, `${shown} ${meta}`);
    if (params) checkCompatible(stored, params, `the index ${shown}`);
    const buckets = JSON.parse(b) as Buckets;
    return new RedisIndex(shown, stored, client, prefix, buckets);
  } catch (e) {
    client.disconnect();
    throw e;
  }
}
