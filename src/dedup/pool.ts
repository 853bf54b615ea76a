/**
 * Worker-thread pools (node:worker_threads).
 *
 * `SketchPool` signs batches of texts on all cores: each worker builds its own
 * sketcher from the same resolved options and sends each batch back as five typed
 * arrays whose buffers are transferred, not copied. Sketches depend only on the text
 * and the options, so 1 and N threads give identical results.
 *
 * `WorkerPool` is the small task queue under it (and under the parallel verifier):
 * one task per idle worker, results matched to tasks by number.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker, type ResourceLimits } from 'node:worker_threads';
import { resolveDedupOptions, type DedupOptions, type ResolvedDedupOptions } from './options.js';
import type { SketchBatch } from './sketch.js';
import type { SketchTask } from './sketch-worker.js';

/** A compiled worker script: next to this module, or in dist/ when this module runs from src/. */
export function workerScript(name: string): URL {
  const here = new URL(`./${name}`, import.meta.url);
  if (existsSync(fileURLToPath(here))) return here;
  const built = new URL(`../../dist/dedup/${name}`, import.meta.url);
  if (existsSync(fileURLToPath(built))) return built;
  throw new Error(`worker script not found (looked for ${fileURLToPath(here)}); run "npm run build"`);
}

type Pending<Out> = { resolve: (r: Out) => void; reject: (e: Error) => void };

export class WorkerPool<In extends object, Out> {
  readonly threads: number;
  private readonly workers: Worker[] = [];
  private readonly idle: Worker[] = [];
  private readonly queue: Array<{ id: number; task: In; transfer: ArrayBuffer[] }> = [];
  private readonly pending = new Map<number, Pending<Out>>();
  private readonly busy = new Map<Worker, number>();
  private nextId = 1;
  private closed = false;

  /** `resourceLimits`: each worker's heap limits (Node's `Worker` option). */
  constructor(script: URL, workerData: unknown, threads = availableParallelism(), resourceLimits?: ResourceLimits) {
    if (!Number.isInteger(threads) || threads < 1) throw new RangeError(`threads must be a positive integer, got ${threads}`);
    this.threads = threads;
    for (let t = 0; t < threads; t++) {
      const w = new Worker(script, { workerData, ...(resourceLimits ? { resourceLimits } : {}) });
      w.on('message', (msg: { id: number; result?: Out; error?: string }) => {
        const p = this.pending.get(msg.id);
        this.pending.delete(msg.id);
        this.busy.delete(w);
        this.idle.push(w);
        this.dispatch();
        if (!p) return;
        if (msg.error !== undefined) p.reject(new Error(`worker task failed: ${msg.error}`));
        else p.resolve(msg.result as Out);
      });
      w.on('error', (err) => this.fail(w, err));
      w.on('exit', (code) => {
        if (!this.closed) this.fail(w, new Error(`worker exited with code ${code}`));
      });
      w.unref();
      this.workers.push(w);
      this.idle.push(w);
    }
  }

  private fail(w: Worker, err: Error): void {
    const id = this.busy.get(w);
    if (id !== undefined) {
      this.pending.get(id)?.reject(err);
      this.pending.delete(id);
    }
  }

  private dispatch(): void {
    while (this.idle.length > 0 && this.queue.length > 0) {
      const w = this.idle.pop()!;
      const job = this.queue.shift()!;
      this.busy.set(w, job.id);
      w.ref();
      w.postMessage({ id: job.id, ...job.task }, job.transfer);
    }
    for (const w of this.idle) w.unref();
  }

  /**
   * Sends `message` (with id 0, which no task has) to every worker. A worker gets it before any task run after this
   * call: each worker's messages arrive in the order they were sent.
   */
  broadcast(message: object): void {
    if (this.closed) throw new Error('worker pool is closed');
    for (const w of this.workers) w.postMessage({ ...message, id: 0 });
  }

  /** Run a task on the next free worker. */
  run(task: In, transfer: ArrayBuffer[] = []): Promise<Out> {
    if (this.closed) return Promise.reject(new Error('worker pool is closed'));
    const id = this.nextId++;
    return new Promise<Out>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.queue.push({ id, task, transfer });
      this.dispatch();
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}

export interface TimedSketchBatch extends SketchBatch {
  /** Milliseconds the worker spent generating texts (generated batches only). */
  generateMs: number;
  /** Milliseconds the worker spent tokenizing, shingling and signing. */
  sketchMs: number;
}

type TaskBody = SketchTask extends infer T ? (T extends SketchTask ? Omit<T, 'id'> : never) : never;

export class SketchPool {
  readonly options: ResolvedDedupOptions;
  private readonly pool: WorkerPool<TaskBody, TimedSketchBatch>;

  constructor(options: DedupOptions | ResolvedDedupOptions = {}, threads = availableParallelism()) {
    this.options = resolveDedupOptions(options);
    this.pool = new WorkerPool(workerScript('sketch-worker.js'), this.options, threads);
  }

  get threads(): number {
    return this.pool.threads;
  }

  /** Sketch a batch of texts on the next free worker. */
  sketchBatch(texts: string[]): Promise<TimedSketchBatch> {
    return this.pool.run({ type: 'texts', texts });
  }

  /** Sketch documents [from, to) of a generated corpus; the worker makes the texts itself. */
  sketchGenerated(corpus: { docs: number; seed: number }, from: number, to: number): Promise<TimedSketchBatch> {
    return this.pool.run({ type: 'generate', docs: corpus.docs, seed: corpus.seed, from, to });
  }

  close(): Promise<void> {
    return this.pool.close();
  }
}
