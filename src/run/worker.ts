/** Worker thread: reads, cleans, writes and signs the files it is sent, one outcome message per file. */
import { parentPort, workerData } from 'node:worker_threads';
import type { Settings } from '../settings.js';
import { createSketcher, type DedupOptions, type DocSketch } from '../dedup/index.js';
import { processTask, type FileTask } from './task.js';

export interface WorkerSetup {
  settings: Settings;
  /** Dedup options: bodies are signed in this thread too. */
  dedup?: DedupOptions;
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
  const setup = workerData as WorkerSetup;
  const sketcher = setup.dedup ? createSketcher(setup.dedup) : null;
  parentPort.postMessage({ ready: true });
  parentPort.on('message', (task: FileTask) => {
    const outcome = processTask(task, setup.settings, sketcher);
    parentPort!.postMessage(outcome, outcome.sketch ? sketchTransfer(outcome.sketch) : []);
  });
}
