/** Worker thread: rewrites batches of cluster members' files with their new front matter. */
import { parentPort } from 'node:worker_threads';
import { rewriteAll, type Rewrite } from './rewrite.js';

parentPort?.on('message', (task: { id: number; items: Rewrite[] }) => {
  try {
    parentPort!.postMessage({ id: task.id, result: rewriteAll(task.items) });
  } catch (e) {
    parentPort!.postMessage({ id: task.id, error: e instanceof Error ? (e.stack ?? e.message) : String(e) });
  }
});
