/**
 * A pool of worker threads that read, clean, write and sign files in parallel. Each worker holds up to two files
 * so that it never waits for the main thread between them. Each file has a hard time budget, counted from the
 * moment its worker reaches it: a worker that overruns it is terminated and replaced, the file gets the error
 * `timeout` (the only way to stop a synchronous computation in JavaScript), and the files queued behind it go to
 * the new worker. A worker that dies (out of memory, crash) fails only the file it was on.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { FileError } from '../types.js';
import type { Settings } from '../settings.js';
import type { DedupOptions } from '../dedup/index.js';
import type { FileOutcome, FileTask } from './task.js';
import type { WorkerSetup } from './worker.js';

/** Files handed to one worker at a time: the one it works on and the next. */
const DEPTH = 2;

interface Pending {
  task: FileTask;
  resolve: (r: FileOutcome) => void;
}

interface Slot {
  worker: Worker;
  /** The worker has loaded its code: time budgets start counting only then. */
  ready: boolean;
  /** Files sent to this worker, in the order it takes them; the first is the one it works on. */
  tasks: Pending[];
  timer: NodeJS.Timeout | null;
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
  private readonly setup: WorkerSetup;

  constructor(
    readonly size: number,
    private readonly settings: Settings,
    dedup: DedupOptions | undefined = undefined,
    private readonly memoryMb = 2048,
  ) {
    this.setup = { settings, ...(dedup ? { dedup } : {}) };
    for (let i = 0; i < size; i++) this.slots.push(this.spawn());
  }

  private spawn(): Slot {
    const worker = new Worker(workerUrl('worker.js'), {
      workerData: this.setup,
      resourceLimits: { maxOldGenerationSizeMb: this.memoryMb, stackSizeMb: 16 },
      stdout: false,
      stderr: false,
    });
    worker.unref();
    const slot: Slot = { worker, ready: false, tasks: [], timer: null };
    worker.on('message', (msg: FileOutcome | { ready: true }) => {
      if ('ready' in msg) {
        slot.ready = true;
        this.pump();
      } else if (slot.tasks[0]?.task.id === msg.id) this.finish(slot, msg);
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
      this.pump();
    });
  }

  private startTimer(slot: Slot): void {
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = null;
    if (slot.tasks.length === 0) return;
    slot.timer = setTimeout(() => {
      this.replace(slot, { code: 'timeout', message: `cleaning took longer than ${this.settings.timeoutMs} ms (--timeout)` });
    }, this.settings.timeoutMs);
  }

  private pump(): void {
    for (const slot of this.slots) {
      if (!slot.ready) continue;
      while (slot.tasks.length < DEPTH && this.queue.length > 0) {
        const p = this.queue.shift()!;
        slot.tasks.push(p);
        if (slot.tasks.length === 1) {
          slot.worker.ref();
          this.startTimer(slot);
        }
        slot.worker.postMessage(p.task);
      }
    }
  }

  private finish(slot: Slot, outcome: FileOutcome): void {
    const done = slot.tasks.shift()!;
    // the next file's budget starts now: the worker moves on to it at once
    this.startTimer(slot);
    if (slot.tasks.length === 0) slot.worker.unref();
    done.resolve(outcome);
    this.pump();
  }

  /** Ends a stuck or dead worker, fails the file it was on, and gives the files queued behind it to a fresh worker. */
  private replace(slot: Slot, error: FileError): void {
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = null;
    const [current, ...waiting] = slot.tasks;
    slot.tasks = [];
    const old = slot.worker;
    old.removeAllListeners();
    void old.terminate();
    const i = this.slots.indexOf(slot);
    if (i >= 0 && !this.closed) this.slots[i] = this.spawn();
    this.queue.unshift(...waiting);
    current?.resolve(failed(current.task.id, error));
    this.pump();
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const p of this.queue.splice(0)) p.resolve(failed(p.task.id, { code: 'internal', message: 'pool closed' }));
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }
}
