#!/usr/bin/env node
// Write a labelled generated corpus to a folder, for trying `dedup` on files:
//
//   node bench/gen/corpus.mjs --docs 2000 [--seed 1] --out /tmp/corpus
//
// Writes <id>.md (one cleaned article body each) and labels.json: every document's
// family and kind, and the planted pairs (variant with its original, two full
// variants of one story, quote controls) with the kind each should be reported as.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { CorpusGenerator } from '../../dist/dedup/index.js';

const { values } = parseArgs({
  options: { docs: { type: 'string', default: '1000' }, seed: { type: 'string', default: '1' }, out: { type: 'string' } },
});
if (!values.out) {
  process.stderr.write('usage: node bench/gen/corpus.mjs --docs N [--seed S] --out DIR\n');
  process.exit(2);
}
const gen = new CorpusGenerator({ docs: Number(values.docs), seed: Number(values.seed) });
mkdirSync(values.out, { recursive: true });
const documents = [];
for (let i = 0; i < gen.docs; i++) {
  writeFileSync(join(values.out, `${gen.id(i)}.md`), gen.text(i));
  documents.push(gen.label(i));
}
writeFileSync(join(values.out, 'labels.json'), JSON.stringify({ seed: gen.seed, documents, pairs: gen.plantedPairs() }, null, 1) + '\n');
process.stdout.write(`wrote ${gen.docs} documents and labels.json to ${values.out}\n`);
