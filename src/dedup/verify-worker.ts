/**
 * Worker-thread entry of `verifyCandidatesParallel`: loads the texts of a task's
 * documents through the caller's loader module, prepares them, and verifies the
 * task's pairs.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { ResolvedDedupOptions } from './options.js';
import { prepareLoaded, verifyPair, type LoadedText, type TextLoaderModule, type VerifySetup, type VerifyTask, type VerifyTaskResult } from './verify.js';

// the thread starts before the candidates are known: their options and common fingerprints come first, as message 0
const { loader } = workerData as { loader: TextLoaderModule };
let options: ResolvedDedupOptions | null = null;
let common: Uint32Array = new Uint32Array(0);
const loaded = import(loader.module).then((mod: Record<string, unknown>) => {
  const fn = mod[loader.export ?? 'loadText'];
  if (typeof fn !== 'function') throw new TypeError(`${loader.module} has no function export ${loader.export ?? 'loadText'}`);
  return fn as (id: string, data: unknown, taskData: unknown, at: number) => LoadedText | Promise<LoadedText>;
});

parentPort!.on('message', async (message: (VerifyTask | VerifySetup) & { id: number }) => {
  if (message.id === 0) {
    ({ options, common } = message as VerifySetup);
    return;
  }
  const task = message as VerifyTask & { id: number };
  const o = options;
  const fingerprints = common;
  try {
    if (!o) throw new Error('a verify task came before the verify options');
    const load = await loaded;
    const texts = await Promise.all(task.ids.map((id, at) => load(id, loader.data, task.data, at)));
    const docs = texts.map((loaded, x) => prepareLoaded(task.ids[x]!, loaded, o));
    const pairs: VerifyTaskResult['pairs'] = [];
    const swapped = new Uint8Array(task.a.length);
    for (let x = 0; x < task.a.length; x++) {
      const da = docs[task.a[x]!]!;
      const db = docs[task.b[x]!]!;
      if (db.id < da.id) {
        swapped[x] = 1;
        pairs.push(verifyPair(db, da, o, fingerprints));
      } else pairs.push(verifyPair(da, db, o, fingerprints));
    }
    const result: VerifyTaskResult = { pairs, swapped };
    parentPort!.postMessage({ id: task.id, result }, [swapped.buffer]);
  } catch (err) {
    parentPort!.postMessage({ id: task.id, error: err instanceof Error ? (err.stack ?? err.message) : String(err) });
  }
});
