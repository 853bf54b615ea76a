/** Worker thread: cleans one document per message. Spawned by the pool in ./pool.ts. */
import { parentPort } from 'node:worker_threads';
import { cleanBytes } from '../pipeline/clean.js';
import type { Settings } from '../settings.js';

export interface WorkerRequest {
  id: number;
  bytes: Uint8Array;
  path: string;
  settings: Settings;
}

parentPort?.postMessage({ ready: true });
parentPort?.on('message', (msg: WorkerRequest) => {
  const result = cleanBytes(msg.bytes, { path: msg.path, settings: msg.settings });
  parentPort!.postMessage({ id: msg.id, result });
});
