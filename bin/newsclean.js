#!/usr/bin/env node
// newsclean command line: a thin shell over the library (dist/ is built by `npm install` / `npm run build`).
import { setFlagsFromString } from 'node:v8';

// Every heap of the process (this thread's and the worker threads') may grow by 50 % over what was live after its last
// full collection, where V8 otherwise lets a heap that allocates fast grow to several times that: over a long run (a
// 1 GB crawl) the threads kept 100 MB more garbage than over a short one. More full collections, the same work; see
// docs/formats.md, "Memory on a big crawl". Set here, for this process only: the library leaves V8's flags alone.
setFlagsFromString('--heap-growing-percent=50');

let main;
try {
  ({ main } = await import('../dist/cli/main.js'));
} catch (e) {
  if (e && e.code === 'ERR_MODULE_NOT_FOUND') {
    process.stderr.write('newsclean: the package is not built yet; run `npm install` or `npm run build` first\n');
    process.exit(2);
  }
  throw e;
}
// A reader that stops early (`newsclean … --jsonl | head`) is not an error: stop quietly.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e) => {
    if (e && e.code === 'EPIPE') process.exit(0);
    throw e;
  });
}
const controller = new AbortController();
let interrupts = 0;
process.on('SIGINT', () => {
  interrupts += 1;
  if (interrupts > 1) process.exit(130);
  process.stderr.write('\nnewsclean: interrupted: stopping at the next safe point and writing what was cleaned (Ctrl-C again to stop at once)\n');
  controller.abort();
});
try {
  process.exitCode = await main({
    argv: process.argv.slice(2),
    cwd: process.cwd(),
    env: process.env,
    stdout: process.stdout,
    stderr: process.stderr,
    signal: controller.signal,
    stdin: () => process.stdin,
  });
} catch (e) {
  process.stderr.write(`newsclean: internal error: ${e && e.stack ? e.stack : e}\n`);
  process.exitCode = 2;
}
