/** Worker thread: cleans one document per message and, when asked, signs its body for near-duplicate detection. */
import { parentPort } from 'node:worker_threads';
import { cleanBytes } from '../pipeline/clean.js';
import type { Settings } from '../settings.js';
import { createSketcher, type DedupOptions, type DocSketch, type Sketcher } from '../dedup/index.js';

export interface WorkerRequest {
  id: number;
  bytes: Uint8Array;
  path: string;
  settings: Settings;
  /** Dedup options: the body is sketched in this thread too. */
  dedup?: DedupOptions;
}

let sketcher: { key: string; s: Sketcher } | null = null;

export function sketchFor(body: string, dedup: DedupOptions): DocSketch {
  const key = JSON.stringify(dedup);
  if (!sketcher || sketcher.key !== key) sketcher = { key, s: createSketcher(dedup) };
  return sketcher.s.sketch(body);
}

/** Buffers of a sketch that can be moved (not copied) to the main thread. */
export function sketchTransfer(sk: DocSketch): ArrayBuffer[] {
  const out: ArrayBuffer[] = [];
  for (const a of [sk.signature, sk.fingerprints]) {
    if (a.buffer instanceof ArrayBuffer && a.byteOffset === 0 && a.byteLength === a.buffer.byteLength && !out.includes(a.buffer)) out.push(a.buffer);
  }
  return out;
}

parentPort?.postMessage({ ready: true });
parentPort?.on('message', (msg: WorkerRequest) => {
  const result = cleanBytes(msg.bytes, { path: msg.path, settings: msg.settings });
  const sketch = msg.dedup && result.markdown !== null ? sketchFor(result.body, msg.dedup) : undefined;
  parentPort!.postMessage({ id: msg.id, result, sketch }, sketch ? sketchTransfer(sketch) : []);
});
