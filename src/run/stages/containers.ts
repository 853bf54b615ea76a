/**
 * Container inputs in the run (WARC, JSONL: src/containers/): collect sniffs each input file by content, and a
 * container is listed record by record — its documents become sources (`<container>#<key>`, written to
 * `<container path>/<key>.md`), records passed over go to the skipped list with their reason, broken records are
 * sources that fail with their error. Payloads are not kept: the clean stage reads the container a second time, in
 * the same order, and hands each payload to a worker as its turn comes (`ContainerFile.take`). So a multi-GB crawl
 * never sits in memory: what is held per record is its key, as for a file its path.
 */
import { closeSync, readSync } from 'node:fs';
import path from 'node:path';
import { readContainer, sniffFile, type ContainerDocument, type ContainerItem, type ContainerOptions, type ContainerSniff, type JsonlFields } from '../../containers/index.js';
import type { FileError } from '../../types.js';
import { openForReading } from '../spool.js';
import type { InputFile, Skipped } from '../walk.js';

/** What the run reads containers with. */
export interface ContainerSettings {
  maxBytes: number;
  fields?: JsonlFields;
}

/** One container file: listed once by collect, read again by the clean stage as its documents' turns come. */
export class ContainerFile {
  private reader: AsyncGenerator<ContainerItem> | null = null;
  /** Documents read so far in the second pass. */
  private read = 0;
  private chain: Promise<unknown> = Promise.resolve();

  constructor(
    readonly abs: string,
    readonly display: string,
    readonly sniff: ContainerSniff,
    private readonly options: ContainerOptions,
  ) {}

  items(): AsyncGenerator<ContainerItem> {
    return readContainer(this.abs, this.sniff, this.options);
  }

  /**
   * The payload of the container's document number `ordinal` (0-based, counting documents only), which must have
   * the key the listing gave it. Calls must come in ordinal order (the clean stage starts its sources in order);
   * each waits for the one before.
   */
  take(ordinal: number, key: string): Promise<ContainerDocument | FileError> {
    const next = this.chain.then(() => this.advance(ordinal, key));
    this.chain = next.catch(() => undefined);
    return next;
  }

  private async advance(ordinal: number, key: string): Promise<ContainerDocument | FileError> {
    this.reader ??= this.items();
    for (;;) {
      const r = await this.reader.next();
      if (r.done) return { code: 'unreadable', message: `the container ${this.display} ended before this record (it changed since it was listed)` };
      const item = r.value;
      if (item.type !== 'document') continue;
      const n = this.read++;
      if (n < ordinal) continue;
      if (item.key !== key) return { code: 'unreadable', message: `the container ${this.display} changed since it was listed (record ${n + 1} is ${item.key})` };
      return item;
    }
  }

  /** Stops the second pass (the file is closed). */
  async close(): Promise<void> {
    await this.reader?.return(undefined);
    this.reader = null;
  }
}

/** A record of a container, as collect lists it. */
export interface ListedRecord {
  /** Unique within the container (the reader's key, with `-2`, … for a repeated one). */
  key: string;
  /** The key the reader gives it. */
  itemKey: string;
  /** Its place among the container's documents (absent for a broken record). */
  ordinal?: number;
  error?: FileError;
}

/** A file's first bytes say whether it may be a container (so that most inputs are read no further than 8 bytes). */
function mayBeContainer(abs: string): boolean {
  let fd: number;
  try {
    fd = openForReading(abs);
  } catch {
    return false;
  }
  try {
    const head = Buffer.alloc(8);
    const n = readSync(fd, head, 0, 8, 0);
    const s = head.subarray(0, n);
    if (n >= 2 && s[0] === 0x1f && s[1] === 0x8b) return true;
    const text = s.toString('latin1');
    return text.startsWith('WARC/') || text.trimStart().startsWith('{');
  } catch {
    return false;
  } finally {
    closeSync(fd);
  }
}

/** The container an input file is, or null (any other input: one document). */
export async function sniffInput(file: InputFile, settings: ContainerSettings): Promise<ContainerFile | null> {
  if (file.error || typeof file.abs !== 'string') return null;
  if (!mayBeContainer(file.abs)) return null;
  let sniff: ContainerSniff | null;
  try {
    sniff = await sniffFile(file.abs);
  } catch {
    return null; // unreadable: the clean stage reports it as for any file
  }
  if (!sniff) return null;
  return new ContainerFile(file.abs, file.display, sniff, { maxBytes: settings.maxBytes, ...(settings.fields ? { fields: settings.fields } : {}) });
}

/**
 * Lists a container: its records (documents and broken ones), given to `onRecord` in file order as they are read, and
 * what was passed over. Keys are made unique within the container (a second record with a key gets `-2`, …).
 */
export async function listContainer(c: ContainerFile, onRecord: (r: ListedRecord) => void): Promise<{ skipped: Skipped[] }> {
  const skipped: Skipped[] = [];
  const seen = new Map<string, number>();
  const unique = (raw: string): string => {
    // a key of its own: the reader's is a slice of the record's header block, which the map would keep to the end
    const key = ownCopy(raw);
    const n = (seen.get(key) ?? 0) + 1;
    seen.set(key, n);
    return n === 1 ? key : `${key}-${n}`;
  };
  let ordinal = 0;
  for await (const item of c.items()) {
    // copied into strings of their own: the reader's key and reason are slices of the record's whole header block
    // (~450 bytes), which the skipped list (one entry per image record of a crawl) would otherwise keep to the end
    if (item.type === 'skipped') skipped.push({ path: ownCopy(`${c.display}#${item.key}`), reason: ownCopy(item.reason) });
    else if (item.type === 'error') onRecord({ key: unique(item.key), itemKey: item.key, error: item.error });
    else onRecord({ key: unique(item.key), itemKey: item.key, ordinal: ordinal++ });
  }
  return { skipped };
}

/** A string of its own (not a slice of a larger one), the same text (lone surrogates included). */
function ownCopy(s: string): string {
  return JSON.parse(JSON.stringify(s)) as string;
}

/** The output folder (relative) of a container's documents: its own output path's folder plus its file name. */
export function containerOutputDir(plannedOutput: string, rel: string): string {
  const dir = path.posix.dirname(plannedOutput);
  const base = path.posix.basename(rel);
  return dir === '.' ? base : `${dir}/${base}`;
}
