#!/usr/bin/env node
// Two builds of the mojibake repair compared in one process, call by call,
// on the benchmark's word salad (bench/mojibake-sets.mjs): on a shared,
// loaded machine the figures of separate runs move by a factor of two, the
// ratio of two builds timed alternately in one process much less.
//
// Usage: node --expose-gc bench/mojibake-ab.mjs A_DIST B_DIST [codepage|clean] [scripts] [calls]
//   e.g. node --expose-gc bench/mojibake-ab.mjs /tmp/before/dist dist windows-1252 cyrillic,greek,cjk 9
// Each call starts with the decision caches cleared (and a garbage
// collection when --expose-gc is given); the two builds alternate which goes
// first. Prints, per script, MB/s of CPU (medians) and B's speed-up over A
// as the ratio of the medians and of the sums; fails when the outputs differ.
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { mojibake } from './mojibake-corpus.mjs';
import { SCRIPTS, saladTexts } from './mojibake-sets.mjs';

const [aDir, bDir, cp = 'windows-1252', scriptArg = SCRIPTS.join(','), callsArg = '9'] = process.argv.slice(2);
if (!aDir || !bDir) {
  console.error('usage: node --expose-gc bench/mojibake-ab.mjs A_DIST B_DIST [codepage|clean] [scripts] [calls]');
  process.exit(2);
}
const load = async (dir) => {
  const base = pathToFileURL(resolve(dir) + '/').href;
  return {
    fix: (await import(base + 'encoding/index.js')).fixText,
    clear: (await import(base + 'encoding/mojibake.js')).clearMojibakeCaches,
  };
};
const A = await load(aDir);
const B = await load(bDir);
const want = scriptArg.split(',');
const calls = Number(callsArg);
const time = (impl, text) => {
  impl.clear();
  globalThis.gc?.();
  const t0 = process.cpuUsage();
  const out = impl.fix(text);
  const d = process.cpuUsage(t0);
  return [(d.user + d.system) / 1e6, out];
};
const median = (x) => [...x].sort((p, q) => p - q)[x.length >> 1];
for (const { script, paras } of saladTexts(120)) {
  if (!want.includes(script)) continue;
  const clean = paras.join('\n\n');
  const text = cp === 'clean' ? clean : mojibake(clean, cp);
  for (let w = 0; w < 2; w++) {
    time(A, text);
    time(B, text);
  }
  const ta = [];
  const tb = [];
  for (let r = 0; r < calls; r++) {
    const first = r % 2 === 0 ? A : B;
    const second = first === A ? B : A;
    const [t1, o1] = time(first, text);
    const [t2, o2] = time(second, text);
    if (o1 !== o2) throw new Error(`outputs differ on ${script}`);
    (first === A ? ta : tb).push(t1);
    (second === A ? ta : tb).push(t2);
  }
  const mb = Buffer.byteLength(text) / 1e6;
  const sum = (x) => x.reduce((p, q) => p + q, 0);
  console.log(
    `${cp.padEnd(13)} ${script.padEnd(12)} A ${(mb / median(ta)).toFixed(2).padStart(7)} MB/s  B ${(mb / median(tb)).toFixed(2).padStart(7)} MB/s  ` +
      `B/A medians ${(median(ta) / median(tb)).toFixed(2)}x, sums ${(sum(ta) / sum(tb)).toFixed(2)}x`,
  );
}
