/**
 * Worker-thread entry of the sketch pool (pool.ts): signs batches of texts, or of
 * generated documents (benchmark corpora, made by index inside the worker), and sends
 * the packed sketches back with their buffers transferred.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { CorpusGenerator } from './generate.js';
import type { ResolvedDedupOptions } from './options.js';
import { batchTransferList, createSketcher } from './sketch.js';

export type SketchTask =
  | { id: number; type: 'texts'; texts: string[] }
  | { id: number; type: 'generate'; docs: number; seed: number; from: number; to: number };

const sketcher = createSketcher(workerData as ResolvedDedupOptions);
let generator: CorpusGenerator | null = null;

parentPort!.on('message', (task: SketchTask) => {
  try {
    let texts: string[];
    let generateMs = 0;
    if (task.type === 'texts') {
      texts = task.texts;
    } else {
      const t0 = performance.now();
      if (!generator || generator.docs !== task.docs || generator.seed !== task.seed >>> 0) {
        generator = new CorpusGenerator({ docs: task.docs, seed: task.seed });
      }
      texts = [];
      for (let i = task.from; i < task.to; i++) texts.push(generator.text(i));
      generateMs = performance.now() - t0;
    }
    const t1 = performance.now();
    const batch = sketcher.sketchBatch(texts);
    const sketchMs = performance.now() - t1;
    parentPort!.postMessage({ id: task.id, result: { ...batch, generateMs, sketchMs } }, batchTransferList(batch));
  } catch (err) {
    parentPort!.postMessage({ id: task.id, error: err instanceof Error ? err.stack ?? err.message : String(err) });
  }
});
