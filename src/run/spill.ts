/**
 * A spill file: records (JSON values) appended to an unlinked temporary file and read back by position. The run
 * keeps its report entries and its verified pairs here instead of in memory, so that its memory grows by a few bytes
 * per document or pair, not by the entry (metadata, what was removed, warnings, passages). The file has no name:
 * nothing is left behind, however the run ends.
 */
import { closeSync, readSync, writeSync } from 'node:fs';
import { openUnlinkedFile } from './unlinked-file.js';

/** Bytes gathered before one write. */
const WRITE_BUFFER = 1 << 16;

export class Spill<T = unknown> {
  private fd: number;
  /** Bytes in the file, and after it those still in `pending`. */
  private written = 0;
  private pending: Buffer[] = [];
  private pendingBytes = 0;

  constructor() {
    this.fd = openUnlinkedFile('spill');
  }

  /** Appends a record; returns where it is (offset, length). */
  put(value: T): [number, number] {
    if (this.fd < 0) throw new Error('a spill file was used after it was closed');
    const bytes = Buffer.from(JSON.stringify(value), 'utf8');
    const at = this.written + this.pendingBytes;
    this.pending.push(bytes);
    this.pendingBytes += bytes.length;
    if (this.pendingBytes >= WRITE_BUFFER) this.flush();
    return [at, bytes.length];
  }

  private flush(): void {
    if (this.pendingBytes === 0) return;
    const all = this.pending.length === 1 ? this.pending[0]! : Buffer.concat(this.pending, this.pendingBytes);
    let n = 0;
    while (n < all.length) n += writeSync(this.fd, all, n, all.length - n, this.written + n);
    this.written += all.length;
    this.pending = [];
    this.pendingBytes = 0;
  }

  get(offset: number, length: number): T {
    if (this.fd < 0) throw new Error('a spill file was read after it was closed');
    if (offset + length > this.written) this.flush();
    const buf = Buffer.allocUnsafe(length);
    let n = 0;
    while (n < length) {
      const got = readSync(this.fd, buf, n, length - n, offset + n);
      if (got === 0) throw new Error('a spill file was cut short');
      n += got;
    }
    return JSON.parse(buf.toString('utf8')) as T;
  }

  close(): void {
    if (this.fd < 0) return;
    closeSync(this.fd);
    this.fd = -1;
  }
}

/** Arrays read from a spill, with the spill they read from; a spill is closed when the last of them is collected. */
const holders = new WeakMap<object, Spill>();
const users = new Map<Spill, number>();
const registry = new FinalizationRegistry<Spill>((spill) => {
  const n = (users.get(spill) ?? 1) - 1;
  if (n > 0) users.set(spill, n);
  else {
    users.delete(spill);
    spill.close();
  }
});

/**
 * A read-only array of `at.length` entries, entry `k` read from the spill (record at `at[k]`, `len[k]` bytes) when it
 * is asked for, a new copy each time. The spill is closed by `closeSpilled`, or once every array reading from it is
 * collected.
 */
export function spilledArray<T>(spill: Spill<T>, at: Float64Array, len: Uint32Array): T[] {
  const n = at.length;
  const index = (p: string | symbol): number => {
    if (typeof p !== 'string') return -1;
    const k = Number(p);
    return Number.isInteger(k) && k >= 0 && k < n && String(k) === p ? k : -1;
  };
  const array = new Proxy(new Array<T>(n), {
    get(target, p, receiver) {
      const k = index(p);
      return k >= 0 ? spill.get(at[k]!, len[k]!) : Reflect.get(target, p, receiver);
    },
    has(target, p) {
      return index(p) >= 0 || Reflect.has(target, p);
    },
    set() {
      return false;
    },
    getOwnPropertyDescriptor(target, p) {
      const k = index(p);
      return k >= 0 ? { value: spill.get(at[k]!, len[k]!), writable: false, enumerable: true, configurable: true } : Reflect.getOwnPropertyDescriptor(target, p);
    },
    ownKeys(target) {
      return [...Array.from({ length: n }, (_, k) => String(k)), ...Reflect.ownKeys(target)];
    },
  });
  holders.set(array, spill as Spill);
  users.set(spill as Spill, (users.get(spill as Spill) ?? 0) + 1);
  registry.register(array, spill as Spill);
  return array;
}

/** Closes the spill an array of `spilledArray` reads from (every array reading from it then throws); nothing for another array. */
export function closeSpilled(array: readonly unknown[]): void {
  holders.get(array)?.close();
}
