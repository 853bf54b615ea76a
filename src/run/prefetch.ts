/**
 * Read-ahead of the inputs. A worker reads each file synchronously when it reaches it, so a file that is not in the
 * system's page cache stalls its cleaning for the disk's latency (milliseconds per file on a busy virtual disk), one
 * file at a time per worker. While the workers clean, the prefetcher reads the beginning of the next files on the
 * I/O thread pool, several at a time, so that their pages are in the cache when the workers get to them (the kernel
 * reads a small file whole on its first read). What it reads is thrown away; errors are left for the worker's own
 * read to report.
 *
 * Reading ahead costs system time of its own (a second open, read and close per file, and the thread pool's
 * hand-offs), which a corpus already in the page cache would pay for nothing. So it runs only while the workers'
 * reads are slow: the workers time each read, and the prefetcher, off at first, turns on when the median of
 * PROBE_FILES reads is over SLOW_READ_US, stays on for ON_FILES files, then probes again with reading ahead off.
 * (The median, as a read of a cached file that waits for a busy core now and then can take a few hundred µs.)
 * Files are opened as the workers open them: read-only, non-blocking (a FIFO put in a file's place cannot block), never
 * through a link, without touching the access time where the system allows it.
 */
import { close, open, read } from 'node:fs';
import { NOATIME, READ_FLAGS } from './spool.js';
/** Bytes read from the start of each file: the kernel's read-ahead brings in the rest of a typical article. */
const CHUNK = 64 * 1024;
/** Reads timed while reading ahead is off, before deciding. */
export const PROBE_FILES = 32;
/**
 * Reads slower than this (µs) at the median are not served from the page cache. Measured in 10k runs: with the corpus
 * cached, reads took 31 µs at the median and the slowest window of 32 had a median of 98 µs; with the corpus evicted
 * from the cache, 170 µs at the median (141 µs at the first quartile, 379 µs on average).
 */
export const SLOW_READ_US = 120;
/** Files read ahead, once on, before probing again. */
export const ON_FILES = 2048;

export class Prefetcher {
  private next = 0;
  private limit = 0;
  private inFlight = 0;
  private readonly buffers: Buffer[] = [];
  /** Files read ahead so far (opened, whether or not the read succeeded). */
  fetched = 0;
  private waiting: Array<() => void> = [];
  /** Reading ahead until this file index (exclusive); probing when at or past it. */
  private onUntil = 0;
  private readonly probe: number[] = [];
  /** The first probe is thrown away: reads are slow while the workers start up. */
  private warmedUp = false;
  private current = 0;

  /**
   * @param paths the inputs in the order they will be read (null for an entry not to read)
   * @param ahead how many files past the one being started are kept fetched
   * @param concurrency reads in flight at most
   */
  constructor(
    private readonly paths: { readonly length: number; at(i: number): string | Buffer | null | undefined },
    private readonly ahead = 96,
    private readonly concurrency = 8,
  ) {}

  /** Whether it is reading ahead now. */
  get active(): boolean {
    return this.current < this.onUntil;
  }

  /** File `i` is being started: while reading ahead, the files up to `i + ahead` are fetched. */
  reached(i: number): void {
    this.current = i;
    if (i >= this.onUntil) return;
    const limit = Math.min(this.paths.length, i + 1 + this.ahead);
    if (limit > this.limit) this.limit = limit;
    if (this.next <= i) this.next = i + 1;
    this.pump();
  }

  /** A worker's read of one input took `us` microseconds (timed while reading ahead is off). */
  observe(us: number): void {
    if (this.current < this.onUntil) return;
    this.probe.push(us);
    if (this.probe.length < PROBE_FILES) return;
    this.probe.sort((a, b) => a - b);
    const median = this.probe[PROBE_FILES >> 1]!;
    this.probe.length = 0;
    if (!this.warmedUp) {
      this.warmedUp = true;
      return;
    }
    if (median > SLOW_READ_US) {
      this.onUntil = this.current + ON_FILES;
      this.reached(this.current);
    }
  }

  /** Resolves once every file asked for so far has been read ahead (at once when none is in flight). */
  settled(): Promise<void> {
    if (this.inFlight === 0) return Promise.resolve();
    return new Promise((resolve) => {
      this.waiting.push(resolve);
    });
  }

  /** Fetches nothing more; resolves once the reads in flight are done. */
  stop(): Promise<void> {
    this.limit = 0;
    this.onUntil = 0;
    return this.settled();
  }

  private pump(): void {
    while (this.inFlight < this.concurrency && this.next < this.limit) {
      const p = this.paths.at(this.next++);
      if (p === null || p === undefined) continue;
      this.inFlight++;
      this.fetch(p, NOATIME);
    }
  }

  private fetch(file: string | Buffer, noatime: number): void {
    const buf = this.buffers.pop() ?? Buffer.allocUnsafe(CHUNK);
    const done = (): void => {
      this.buffers.push(buf);
      this.inFlight--;
      this.pump();
      if (this.inFlight === 0) {
        const waiting = this.waiting;
        this.waiting = [];
        for (const resolve of waiting) resolve();
      }
    };
    open(file, READ_FLAGS | noatime, (err, fd) => {
      if (err) {
        // O_NOATIME is refused for files of other owners: such a file is opened plainly
        if (err.code === 'EPERM' && noatime !== 0) {
          this.buffers.push(buf);
          this.fetch(file, 0);
          return;
        }
        done();
        return;
      }
      this.fetched++;
      read(fd, buf, 0, CHUNK, 0, () => close(fd, done));
    });
  }
}
