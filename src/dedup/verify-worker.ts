/**
 * Worker-thread entry of `verifyCandidatesParallel`: loads the texts of a task's
 * documents through the caller's loader module, prepares them, and verifies the
 * task's pairs.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { ResolvedDedupOptions } from './options.js';
import { prepareLoaded, verifyPair, type LoadedText, type TextLoaderModule, type VerifyTask, type VerifyTaskResult } from './verify.js';

const { options, common, loader } = workerData as { options: ResolvedDedupOptions; common: Uint32Array; loader: TextLoaderModule };
const loaded = import(loader.module).then((mod: Record<string, unknown>) => {
  const fn = mod[loader.export ?? 'loadText'];
  if (typeof fn !== 'function') throw new TypeError(`${loader.module} has no function export ${loader.export ?? 'loadText'}`);
  return fn as (id: string, data: unknown, taskData: unknown, at: number) => LoadedText | Promise<LoadedText>;
});

parentPort!.on('message', async (task: VerifyTask & { id: number }) => {
  try {
    const load = await loaded;
    const texts = await Promise.all(task.ids.map((id, at) => load(id, loader.data, task.data, at)));
    const docs = texts.map((loaded, x) => prepareLoaded(task.ids[x]!, loaded, options));
    const pairs: VerifyTaskResult['pairs'] = [];
    const swapped = new Uint8Array(task.a.length);
    for (let x = 0; x < task.a.length; x++) {
      const da = docs[task.a[x]!]!;
      const db = docs[task.b[x]!]!;
      if (db.id < da.id) {
        swapped[x] = 1;
        pairs.push(verifyPair(db, da, options, common));
      } else pairs.push(verifyPair(da, db, options, common));
    }
    const result: VerifyTaskResult = { pairs, swapped };
    parentPort!.postMessage({ id: task.id, result }, [swapped.buffer]);
  } catch (err) {
    parentPort!.postMessage({ id: task.id, error: err instanceof Error ? (err.stack ?? err.message) : String(err) });
  }
});
