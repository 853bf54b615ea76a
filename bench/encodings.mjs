#!/usr/bin/env node
// Decode the encoding fixtures with decodeBytes and compare with the manifest.
// Usage: npm run build && npm run bench:encodings
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { decodeBytes } from '../dist/encoding/index.js';

const shared = fileURLToPath(new URL('../../shared/bench/encodings/', import.meta.url));
const local = fileURLToPath(new URL('../fixtures/encoding/', import.meta.url));
const dir = existsSync(shared + 'manifest.json') ? shared : local;
const manifest = JSON.parse(readFileSync(dir + 'manifest.json', 'utf8'));

let pass = 0;
for (const entry of manifest) {
  const bytes = new Uint8Array(readFileSync(dir + entry.file));
  const r = decodeBytes(bytes);
  const ok = r.text === entry.text && entry.accept.includes(r.encoding);
  if (ok) pass++;
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${entry.file.padEnd(24)} ${r.encoding.padEnd(13)} how=${r.how.padEnd(8)} bom=${r.bom}`);
}
console.log(`encodings ${pass}/${manifest.length} (${dir === shared ? '../shared/bench/encodings' : 'fixtures/encoding'})`);
process.exitCode = pass === manifest.length ? 0 : 1;
