/**
 * Worker thread: reads, cleans, writes and signs the files it is sent (in batches), and reports their outcomes in
 * batches. Before each file it notes in shared memory which file it is on and since when, for the pool's watchdog.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { Settings } from '../settings.js';
import { createSketcher, type DedupOptions, type DocSketch } from '../dedup/index.js';
import { processTask, type FileOutcome, type FileTask } from './task.js';
import { cleanText } from '../pipeline/clean.js';

export interface WorkerSetup {
  settings: Settings;
  /** Dedup options: bodies are signed in this thread too. */
  dedup?: DedupOptions;
}

/** The file id a worker notes when it is between files. */
export const IDLE = -1;

/** Outcomes are reported at least this often (ms) while a batch is worked through. */
const REPORT_EVERY_MS = 20;

/**
 * Cleans two small documents (plain text and a whole page) once, before the worker says it is ready: the first
 * document a fresh thread cleans pays for compiling the cleaner and building its tables, which on a busy machine
 * takes a good part of a second. Paid here, it never counts against the time budget of a real file (the file after
 * a replaced worker above all).
 */
function warmUp(settings: Settings): void {
  const para = 'The city council approved the new transport budget on Tuesday after a long debate that lasted into the evening.';
  try {
    cleanText(`Council approves budget\n\nBy Jane Doe\n\n${para}\n\n${para}\n`, { settings });
    cleanText(`<html><head><title>Council approves budget</title></head><body><nav><a href="/">Home</a></nav><article><h1>Council approves budget</h1><p>${para}</p><p>${para}</p></article></body></html>`, { settings });
  } catch {
    // a warm-up that fails changes nothing: the real files give their own answers
  }
}

/** Buffers of a sketch that can be moved (not copied) to the main thread. */
export function sketchTransfer(sk: DocSketch): ArrayBuffer[] {
  const out: ArrayBuffer[] = [];
  for (const a of [sk.signature, sk.fingerprints]) {
    if (a.buffer instanceof ArrayBuffer && a.byteOffset === 0 && a.byteLength === a.buffer.byteLength && !out.includes(a.buffer)) out.push(a.buffer);
  }
  return out;
}

if (parentPort) {
  const port = parentPort;
  const setup = workerData as WorkerSetup & { progress: SharedArrayBuffer };
  const current = new Int32Array(setup.progress, 0, 1);
  const since = new Float64Array(setup.progress, 8, 1);
  const sketcher = setup.dedup ? createSketcher(setup.dedup) : null;
  let done: FileOutcome[] = [];
  let transfer: ArrayBuffer[] = [];
  let reported = Date.now();
  const report = (): void => {
    if (done.length > 0) port.postMessage(done, transfer);
    done = [];
    transfer = [];
    reported = Date.now();
  };
  warmUp(setup.settings);
  port.postMessage({ ready: true });
  port.on('message', (tasks: FileTask[]) => {
    for (const task of tasks) {
      const now = Date.now();
      if (now - reported >= REPORT_EVERY_MS) report();
      // the start time first, then the id: the watchdog reads the id first, so it never pairs a new id with an old time
      since[0] = now;
      Atomics.store(current, 0, task.id);
      const outcome = processTask(task, setup.settings, sketcher);
      done.push(outcome);
      if (outcome.sketch) transfer.push(...sketchTransfer(outcome.sketch));
    }
    Atomics.store(current, 0, IDLE);
    report();
  });
}
