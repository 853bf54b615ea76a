/**
 * Worker-thread entry of `verifyCandidatesParallel`: loads the texts of a task's
 * documents through the caller's loader module, prepares them, and verifies the
 * task's pairs.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { ResolvedDedupOptions } from './options.js';
import { prepareLoaded, verifyPair, type LoadedText, type PreparedDoc, type TextLoaderModule, type VerifySetup, type VerifyTask, type VerifyTaskResult } from './verify.js';

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
    // documents ids[from .. to), prepared, in their places
    const docs: Array<PreparedDoc | undefined> = new Array(task.ids.length);
    const prepare = async (from: number, to: number): Promise<void> => {
      const ids = task.ids.slice(from, to);
      const texts = await Promise.all(ids.map((id, x) => load(id, loader.data, task.data, from + x)));
      texts.forEach((loaded, x) => (docs[from + x] = prepareLoaded(ids[x]!, loaded, o)));
    };
    const pairs: VerifyTaskResult['pairs'] = [];
    const swapped = new Uint8Array(task.a.length);
    const check = (from: number, to: number): void => {
      for (let x = from; x < to; x++) {
        const da = docs[task.a[x]!]!;
        const db = docs[task.b[x]!]!;
        if (db.id < da.id) {
          swapped[x] = 1;
          pairs.push(verifyPair(db, da, o, fingerprints));
        } else pairs.push(verifyPair(da, db, o, fingerprints));
      }
    };
    // segment 0 stays loaded; each later segment is loaded, its pairs verified, and let go (see VerifyTask.segments)
    const segments = task.segments ?? Uint32Array.of(0, task.ids.length);
    const pairSegments = task.pairSegments ?? Uint32Array.of(0, task.a.length);
    for (let s = 0; s + 1 < segments.length; s++) {
      await prepare(segments[s]!, segments[s + 1]!);
      check(pairSegments[s]!, pairSegments[s + 1]!);
      if (s > 0) docs.fill(undefined, segments[s]!, segments[s + 1]!);
    }
    const result: VerifyTaskResult = { pairs, swapped };
    parentPort!.postMessage({ id: task.id, result }, [swapped.buffer]);
  } catch (err) {
    parentPort!.postMessage({ id: task.id, error: err instanceof Error ? (err.stack ?? err.message) : String(err) });
  }
});
