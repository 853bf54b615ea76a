/**
 * A worker-thread pool that signs batches of texts on all cores (node:worker_threads).
 * Each worker builds its own sketcher from the same resolved options, and sends each
 * batch back as five typed arrays whose buffers are transferred, not copied. Sketches
 * depend only on the text and the options, so 1 and N threads give identical results.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { resolveDedupOptions, type DedupOptions, type ResolvedDedupOptions } from './options.js';
import type { SketchBatch } from './sketch.js';
import type { SketchTask } from './sketch-worker.js';

export interface TimedSketchBatch extends SketchBatch {
  /** Milliseconds the worker spent generating texts (generated batches only). */
  generateMs: number;
  /** Milliseconds the worker spent tokenizing, shingling and signing. */
  sketchMs: number;
}

type Pending = { resolve: (b: TimedSketchBatch) => void; reject: (e: Error) => void };
type TaskBody = SketchTask extends infer T ? (T extends SketchTask ? Omit<T, 'id'> : never) : never;

/** The compiled worker script: next to this module, or in dist/ when this module runs from src/. */
function workerUrl(): URL {
  const here = new URL('./sketch-worker.js', import.meta.url);
  if (existsSync(fileURLToPath(here))) return here;
  const built = new URL('../../dist/dedup/sketch-worker.js', import.meta.url);
  if (existsSync(fileURLToPath(built))) return built;
  throw new Error(`sketch worker script not found (looked for ${fileURLToPath(here)}); run "npm run build"`);
}

export class SketchPool {
  readonly threads: number;
  readonly options: ResolvedDedupOptions;
  private readonly workers: Worker[] = [];
  private readonly idle: Worker[] = [];
  private readonly queue: Array<{ id: number; body: TaskBody }> = [];
  private readonly pending = new Map<number, Pending>();
  private readonly busy = new Map<Worker, number>();
  private nextId = 1;
  private closed = false;

  constructor(options: DedupOptions | ResolvedDedupOptions = {}, threads = availableParallelism()) {
    if (!Number.isInteger(threads) || threads < 1) throw new RangeError(`threads must be a positive integer, got ${threads}`);
    this.threads = threads;
    this.options = resolveDedupOptions(options);
    const url = workerUrl();
    for (let t = 0; t < threads; t++) {
      const w = new Worker(url, { workerData: this.options });
      w.on('message', (msg: { id: number; batch?: SketchBatch; error?: string; generateMs?: number; sketchMs?: number }) => {
        const p = this.pending.get(msg.id);
        this.pending.delete(msg.id);
        this.busy.delete(w);
        this.idle.push(w);
        this.dispatch();
        if (!p) return;
        if (msg.error !== undefined || !msg.batch) p.reject(new Error(`sketch worker failed: ${msg.error}`));
        else p.resolve({ ...msg.batch, generateMs: msg.generateMs ?? 0, sketchMs: msg.sketchMs ?? 0 });
      });
      w.on('error', (err) => this.fail(w, err));
      w.on('exit', (code) => {
        if (!this.closed) this.fail(w, new Error(`sketch worker exited with code ${code}`));
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
      const task = this.queue.shift()!;
      this.busy.set(w, task.id);
      w.ref();
      w.postMessage({ id: task.id, ...task.body });
    }
    for (const w of this.idle) w.unref();
  }

  private run(body: TaskBody): Promise<TimedSketchBatch> {
    if (this.closed) return Promise.reject(new Error('SketchPool is closed'));
    const id = this.nextId++;
    return new Promise<TimedSketchBatch>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.queue.push({ id, body });
      this.dispatch();
    });
  }

  /** Sketch a batch of texts on the next free worker. */
  sketchBatch(texts: string[]): Promise<TimedSketchBatch> {
    return this.run({ type: 'texts', texts });
  }

  /** Sketch documents [from, to) of a generated corpus; the worker makes the texts itself. */
  sketchGenerated(corpus: { docs: number; seed: number }, from: number, to: number): Promise<TimedSketchBatch> {
    return this.run({ type: 'generate', docs: corpus.docs, seed: corpus.seed, from, to });
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}
