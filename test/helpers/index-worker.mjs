// A worker process for the index tests: indexes documents of a generated corpus into an index and prints one JSON
// line per reported pair (after its cluster links are recorded), then one line {"done": …}.
//
//   node index-worker.mjs <index> <docs> <seed> <batchSize> [--shard k/N] [--from i] [--to j] [--chunk n] [--prefix p]
import { CorpusGenerator, indexedNearDuplicates, openIndex, parseShard, inShard } from '../../dist/dedup/index.js';

const [spec, docsArg, seedArg, batchArg, ...rest] = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = rest.indexOf(`--${name}`);
  return i >= 0 ? rest[i + 1] : dflt;
};
const gen = new CorpusGenerator({ docs: Number(docsArg), seed: Number(seedArg) });
const shard = parseShard(opt('shard', '0/1'));
const from = Number(opt('from', '0'));
const to = Number(opt('to', docsArg));
const batchSize = Number(batchArg);
const chunkSize = Number(opt('chunk', '64'));
const ids = [];
for (let i = from; i < to; i++) if (inShard(gen.id(i), shard)) ids.push(i);
const index = await openIndex(spec, { redis: { prefix: opt('prefix', 'nc:'), expectedDocuments: 10000 } });
const write = (o) => process.stdout.write(JSON.stringify(o) + '\n');
let batches = 0;
for (let b = 0; b < ids.length; b += batchSize) {
  const docs = ids.slice(b, b + batchSize).map((i) => ({ id: gen.id(i), text: gen.text(i), input: `in/${gen.id(i)}.txt`, output: `out/${gen.id(i)}.md` }));
  await indexedNearDuplicates(docs, index, {
    chunkSize,
    keepPairs: false,
    onPair: (p) => write({ pair: [p.a, p.b], kind: p.kind, jaccard: p.jaccard, containment: p.containment, sharedTokens: p.sharedTokens }),
  });
  batches++;
  write({ committed: b + docs.length });
}
await index.close();
write({ done: ids.length, batches });
