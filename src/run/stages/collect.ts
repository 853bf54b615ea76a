/**
 * Stage 1, collect: the inputs as a list of sources, each with the output path it will have. Input arguments are
 * walked (walk.ts: a set of files, in (root, path) order), every output path is decided for the whole set before
 * anything is written (outputs.ts: injective naming), and with `--shard k/N` only this worker's share is kept.
 *
 * A source is what the clean stage reads one document from. Today it is a file on disk (`kind: 'file'`). A
 * document inside a container file (WARC, JSONL) is the next kind: its id is `<container>#<key>`, its output
 * `<container>/<key>.md`, and it is cleaned from the bytes or text the container reader gives, not from a path.
 * Adding it is adding a member to `Source` (collect expands a container file into its documents, clean.ts turns the
 * member into a task), not changing the stages after it: they know a document by its position and its `id`.
 */
import type { Shard } from '../../dedup/index.js';
import { inShard } from '../../dedup/index.js';
import { collectInputs, type InputFile, type Skipped } from '../walk.js';
import { planOutputs } from '../outputs.js';
import { UsageError } from '../usage.js';
import type { FileError } from '../../types.js';
import { containerOutputDir, listContainer, sniffInput, type ContainerFile, type ContainerSettings } from './containers.js';

/** A file on disk, cleaned from its path. */
export interface FileSource {
  kind: 'file';
  /** The document's name in the report (`input`), and its id for near-duplicates and in an index. */
  id: string;
  /** The output path, relative to the output folder with `/` separators. */
  output: string;
  /** Why the output is not named the plain way (said in the report as an `output-name` warning). */
  note?: string;
  /** Its path relative to its input folder (what `--shard` divides by). */
  rel: string;
  /** The file as the walk listed it: where to open it, the identity it must still have, or an error found already. */
  file: InputFile;
}

/** A document inside a container file (WARC, JSONL): cleaned from the payload the container gives in its turn. */
export interface RecordSource extends Omit<FileSource, 'kind'> {
  kind: 'record';
  /** `file` is the container's. */
  container: ContainerFile;
  /** The record's key (as the reader gives it) and its place among the container's documents; or its error. */
  record: { itemKey: string; ordinal?: number; error?: FileError };
}

/** Something the clean stage makes one document of. */
export type Source = FileSource | RecordSource;

export interface Collected {
  /** In (root, path) order: the order documents are reported in. */
  sources: Source[];
  /** What the walk passed over, with the reason. */
  skipped: Skipped[];
  /** The root folder of each input argument. */
  roots: string[];
  /** Inputs that may have another name (hard links, arguments, followed links): see walk.ts. */
  shared: Set<string>;
}

export interface CollectOptions {
  inputs: string[];
  cwd: string;
  /** Absolute paths never read as input (the output folder). */
  exclude: string[];
  followSymlinks: boolean;
  includeHidden: boolean;
  shard: Shard | null;
  /** How containers are read (absent: every input is one document). */
  containers?: ContainerSettings;
}

export async function collect(o: CollectOptions): Promise<Collected> {
  const walk = await collectInputs(o.inputs, { cwd: o.cwd, exclude: o.exclude, followSymlinks: o.followSymlinks, includeHidden: o.includeHidden });
  if (walk.missing.length > 0) throw new UsageError(`input not found: ${walk.missing.join(', ')}`);
  // outputs are planned over every input, so that each shard names its files as one run over all of them would
  const plan = planOutputs(walk.files, walk.roots);
  const sources: Source[] = [];
  const skipped = [...walk.skipped];
  for (const [i, file] of walk.files.entries()) {
    if (o.shard && !inShard(file.rel, o.shard)) continue;
    // a container (by content) is as many documents as it holds: see containers.ts
    const container = o.containers ? await sniffInput(file, o.containers) : null;
    if (container) {
      const listed = await listContainer(container);
      const dir = containerOutputDir(plan.paths[i]!, file.rel);
      for (const r of listed.records) {
        sources.push({
          kind: 'record',
          id: `${file.display}#${r.key}`,
          output: `${dir}/${r.key}.md`,
          rel: `${file.rel}#${r.key}`,
          file,
          container,
          record: { itemKey: r.itemKey, ...(r.ordinal !== undefined ? { ordinal: r.ordinal } : {}), ...(r.error ? { error: r.error } : {}) },
        });
      }
      skipped.push(...listed.skipped);
      continue;
    }
    const note = plan.notes.get(i);
    sources.push({ kind: 'file', id: file.display, output: plan.paths[i]!, rel: file.rel, file, ...(note ? { note } : {}) });
  }
  return { sources, skipped, roots: walk.roots, shared: walk.shared };
}
