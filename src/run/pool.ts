/**
 * A pool of worker threads that read, clean, write and sign files in parallel.
 *
 * Files go to a worker in batches, and outcomes come back in batches: one message per file each way cost as much
 * as a tenth of the cleaning (each one wakes the other thread). A worker keeps up to WINDOW files, so it never
 * waits for the main thread between them.
 *
 * Each file still has its own hard time budget, counted from the moment its worker reaches it: the worker notes in
 * shared memory which file it is on and since when, and a watchdog on the main thread reads it. A worker that
 * overruns the budget is terminated and replaced; its file gets the error `timeout` (the only way to stop a
 * synchronous computation in JavaScript), and every other file it held — those it had not reached, and those it had
 * finished but not yet reported — goes to the new worker. A worker that dies (out of memory, crash) fails only the
 * file it was on, in the same way.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { FileError } from '../types.js';
import type { Settings } from '../settings.js';
import type { DedupOptions } from '../dedup/index.js';
import type { FileOutcome, FileTask } from './task.js';
import { IDLE, type WorkerSetup } from './worker.js';

/**
 * The young generation of a cleaning worker's heap, in MB (by default V8 lets each of its two semi-spaces grow to 16 MB
 * on a 64-bit machine): a cleaning thread allocates fast and keeps little, and with the default each one's heap grew
 * towards 60–85 MB over a long run for 15–35 MB live. 16 MB keeps it nearer what is live, for more (short) scavenges
 * (docs/formats.md, "Memory on a big crawl").
 */
export const WORKER_YOUNG_MB = 16;

/** Files a worker holds at most (sent and not yet reported). */
const WINDOW = 32;
/** Files sent in one message. */
const BATCH = 16;
/** Files a run should keep handed to the pool per worker: a full window and the next batch. */
export const FILES_PER_WORKER = WINDOW + BATCH;

interface Pending {
  task: FileTask;
  resolve: (r: FileOutcome) => void;
}

interface Slot {
  worker: Worker;
  /** The worker has loaded its code: work is sent only then. */
  ready: boolean;
  /** Files sent to this worker and not yet reported, in the order it takes them. */
  tasks: Pending[];
  /** Written by the worker: [0] the id of the file it is on (IDLE when none), as Int32; [1] since when (ms), as Float64. */
  current: Int32Array;
  since: Float64Array;
}

/** A compiled worker script of this folder (from dist/ when this module runs from the TypeScript sources). */
export function workerUrl(name: string): URL {
  const here = new URL(`./${name}`, import.meta.url);
  if (existsSync(fileURLToPath(here))) return here;
  // running from the TypeScript sources (tests): use the compiled worker
  return new URL(`../../dist/run/${name}`, import.meta.url);
}

function failed(id: number, error: FileError): FileOutcome {
  return { id, status: 'failed', format: null, metadata: {}, removed: [], warnings: [], error };
}

export class CleanPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Pending[] = [];
  private nextId = 0;
  private closed = false;
  private pumpScheduled = false;
  private readonly setup: WorkerSetup;
  private readonly watchdog: NodeJS.Timeout;

  constructor(
    readonly size: number,
    private readonly settings: Settings,
    dedup: DedupOptions | undefined = undefined,
    private readonly memoryMb = 2048,
  ) {
    this.setup = { settings, ...(dedup ? { dedup } : {}) };
    for (let i = 0; i < size; i++) this.slots.push(this.spawn());
    // checked often enough that an overrun is caught within a tenth of the budget (at least every 250 ms)
    this.watchdog = setInterval(() => this.check(), Math.max(5, Math.min(250, Math.floor(settings.timeoutMs / 10))));
    this.watchdog.unref();
  }

  private spawn(): Slot {
    const shared = new SharedArrayBuffer(16);
    const current = new Int32Array(shared, 0, 1);
    const since = new Float64Array(shared, 8, 1);
    current[0] = IDLE;
    const worker = new Worker(workerUrl('worker.js'), {
      workerData: { ...this.setup, progress: shared },
      resourceLimits: { maxOldGenerationSizeMb: this.memoryMb, maxYoungGenerationSizeMb: WORKER_YOUNG_MB, stackSizeMb: 16 },
      stdout: false,
      stderr: false,
    });
    worker.unref();
    const slot: Slot = { worker, ready: false, tasks: [], current, since };
    worker.on('message', (msg: FileOutcome[] | { ready: true }) => {
      if (Array.isArray(msg)) this.finish(slot, msg);
      else {
        slot.ready = true;
        this.pump();
      }
    });
    worker.on('error', (e: Error & { code?: string }) => {
      const oom = e.code === 'ERR_WORKER_OUT_OF_MEMORY';
      this.replace(slot, oom ? { code: 'too-large', message: `cleaning ran out of memory (${this.memoryMb} MB per worker)` } : { code: 'internal', message: `internal error: ${e.message}` });
    });
    worker.on('exit', () => {
      if (slot.tasks.length > 0) this.replace(slot, { code: 'internal', message: 'the worker cleaning this file stopped unexpectedly' });
    });
    return slot;
  }

  /** Reads, cleans, writes and signs one file; never rejects (problems come back as the outcome's error). */
  process(task: Omit<FileTask, 'id'>): Promise<FileOutcome> {
    const id = this.nextId++;
    if (this.closed) return Promise.resolve(failed(id, { code: 'internal', message: 'pool closed' }));
    return new Promise((resolve) => {
      this.queue.push({ task: { ...task, id }, resolve });
      this.schedulePump();
    });
  }

  /**
   * Sends work once the current turn of the event loop is done: the files queued in one turn (one batch of outcomes
   * wakes as many callers, each of which queues its next file) go out together.
   */
  private schedulePump(): void {
    if (this.pumpScheduled) return;
    this.pumpScheduled = true;
    setImmediate(() => {
      this.pumpScheduled = false;
      this.pump();
    });
  }

  /**
   * Sends whole batches to workers with room for them (a smaller one only when fewer files are queued): a worker
   * holds between WINDOW − BATCH and WINDOW files, so it never waits, and a message carries a batch, not the one or
   * two files that room was made for.
   */
  private pump(): void {
    for (const slot of this.slots) {
      if (!slot.ready) continue;
      while (this.queue.length > 0 && WINDOW - slot.tasks.length >= Math.min(BATCH, this.queue.length)) {
        const batch = this.queue.splice(0, Math.min(BATCH, this.queue.length));
        if (slot.tasks.length === 0) slot.worker.ref();
        slot.tasks.push(...batch);
        slot.worker.postMessage(batch.map((p) => p.task));
      }
    }
  }

  private finish(slot: Slot, outcomes: FileOutcome[]): void {
    const done: Array<[Pending, FileOutcome]> = [];
    for (const outcome of outcomes) {
      const i = slot.tasks.findIndex((p) => p.task.id === outcome.id);
      if (i >= 0) done.push([slot.tasks.splice(i, 1)[0]!, outcome]);
    }
    if (slot.tasks.length === 0) slot.worker.unref();
    this.pump();
    for (const [p, outcome] of done) p.resolve(outcome);
  }

  /** The watchdog: a worker on one file for longer than the budget is replaced. */
  private check(): void {
    const now = Date.now();
    for (const slot of this.slots) {
      if (slot.tasks.length === 0) continue;
      const id = Atomics.load(slot.current, 0);
      if (id !== IDLE && now - slot.since[0]! > this.settings.timeoutMs) {
        this.replace(slot, { code: 'timeout', message: `cleaning took longer than ${this.settings.timeoutMs} ms (--timeout)` });
      }
    }
  }

  /**
   * Ends a stuck or dead worker: the file it was on fails with `error`, and the other files it held go to a fresh
   * worker (those it had finished but not reported are cleaned again: writes are atomic, so nothing is lost).
   */
  private replace(slot: Slot, error: FileError): void {
    const on = Atomics.load(slot.current, 0);
    const held = slot.tasks;
    slot.tasks = [];
    const old = slot.worker;
    old.removeAllListeners();
    void old.terminate();
    const i = this.slots.indexOf(slot);
    if (i >= 0 && !this.closed) this.slots[i] = this.spawn();
    // the file it was on; a worker that died between files fails the first one it held
    const culprit = held.find((p) => p.task.id === on) ?? held[0];
    this.queue.unshift(...held.filter((p) => p !== culprit));
    culprit?.resolve(failed(culprit.task.id, error));
    this.pump();
  }

  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.watchdog);
    for (const p of this.queue.splice(0)) p.resolve(failed(p.task.id, { code: 'internal', message: 'pool closed' }));
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }
}
