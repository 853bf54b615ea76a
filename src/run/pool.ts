/**
 * A pool of worker threads that clean documents in parallel. Each task has a hard time budget: a worker that
 * overruns it is terminated and replaced, and the document gets the error `timeout` — the only way to stop a
 * synchronous computation in JavaScript. A worker that dies (out of memory, crash) fails only its document.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { CleanResult, FileError } from '../types.js';
import type { Settings } from '../settings.js';
import type { WorkerRequest } from './worker.js';
import type { DedupOptions, DocSketch } from '../dedup/index.js';

export interface PoolResult {
  result: CleanResult;
  sketch?: DocSketch;
}

interface Task {
  id: number;
  bytes: Uint8Array;
  path: string;
  resolve: (r: PoolResult) => void;
}

interface Slot {
  worker: Worker;
  /** The worker has loaded its code: time budgets start counting only then. */
  ready: boolean;
  task: Task | null;
  timer: NodeJS.Timeout | null;
}

function workerUrl(): URL {
  const here = new URL('./worker.js', import.meta.url);
  if (existsSync(fileURLToPath(here))) return here;
  // running from the TypeScript sources (tests): use the compiled worker
  return new URL('../../dist/run/worker.js', import.meta.url);
}

function failed(error: FileError): CleanResult {
  return { markdown: null, body: '', metadata: {}, format: null, removed: [], warnings: [], error };
}

export class CleanPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Task[] = [];
  private nextId = 0;
  private closed = false;

  constructor(
    readonly size: number,
    private readonly settings: Settings,
    private readonly dedup: DedupOptions | undefined = undefined,
    private readonly memoryMb = 2048,
  ) {
    for (let i = 0; i < size; i++) this.slots.push(this.spawn());
  }

  private spawn(): Slot {
    const worker = new Worker(workerUrl(), {
      resourceLimits: { maxOldGenerationSizeMb: this.memoryMb, stackSizeMb: 16 },
      stdout: false,
      stderr: false,
    });
    worker.unref();
    const slot: Slot = { worker, ready: false, task: null, timer: null };
    worker.on('message', (msg: { id: number; result: CleanResult; sketch?: DocSketch } | { ready: true }) => {
      if ('ready' in msg) {
        slot.ready = true;
        this.pump();
      } else if (slot.task && slot.task.id === msg.id) this.finish(slot, msg.sketch ? { result: msg.result, sketch: msg.sketch } : { result: msg.result });
    });
    worker.on('error', (e: Error & { code?: string }) => {
      const oom = e.code === 'ERR_WORKER_OUT_OF_MEMORY';
      this.replace(slot, failed(oom ? { code: 'too-large', message: `cleaning ran out of memory (${this.memoryMb} MB per worker)` } : { code: 'internal', message: `internal error: ${e.message}` }));
    });
    worker.on('exit', () => {
      if (slot.task) this.replace(slot, failed({ code: 'internal', message: 'the worker cleaning this file stopped unexpectedly' }));
    });
    return slot;
  }

  /** Cleans (and signs) one document; never rejects (problems come back as the result's error). */
  clean(bytes: Uint8Array, path: string): Promise<PoolResult> {
    if (this.closed) return Promise.resolve({ result: failed({ code: 'internal', message: 'pool closed' }) });
    return new Promise((resolve) => {
      this.queue.push({ id: this.nextId++, bytes, path, resolve });
      this.pump();
    });
  }

  private pump(): void {
    for (const slot of this.slots) {
      if (!slot.ready || slot.task || this.queue.length === 0) continue;
      const task = this.queue.shift()!;
      slot.task = task;
      slot.worker.ref();
      slot.timer = setTimeout(() => {
        this.replace(slot, failed({ code: 'timeout', message: `cleaning took longer than ${this.settings.timeoutMs} ms (--timeout)` }));
      }, this.settings.timeoutMs);
      const msg: WorkerRequest = { id: task.id, bytes: task.bytes, path: task.path, settings: this.settings, ...(this.dedup ? { dedup: this.dedup } : {}) };
      const buf = task.bytes.buffer;
      const transferable = buf instanceof ArrayBuffer && task.bytes.byteOffset === 0 && task.bytes.byteLength === buf.byteLength;
      slot.worker.postMessage(msg, transferable ? [buf] : []);
    }
  }

  private finish(slot: Slot, result: PoolResult): void {
    const task = slot.task;
    if (slot.timer) clearTimeout(slot.timer);
    slot.task = null;
    slot.timer = null;
    slot.worker.unref();
    task?.resolve(result);
    this.pump();
  }

  /** Ends a stuck or dead worker, answers its task, and puts a fresh worker in its place. */
  private replace(slot: Slot, failure: CleanResult): void {
    const result: PoolResult = { result: failure };
    const task = slot.task;
    if (slot.timer) clearTimeout(slot.timer);
    slot.task = null;
    slot.timer = null;
    const old = slot.worker;
    old.removeAllListeners();
    void old.terminate();
    const i = this.slots.indexOf(slot);
    if (i >= 0 && !this.closed) this.slots[i] = this.spawn();
    task?.resolve(result);
    this.pump();
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const t of this.queue.splice(0)) t.resolve({ result: failed({ code: 'internal', message: 'pool closed' }) });
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }
}
