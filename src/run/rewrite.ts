/**
 * Writing spooled files once their front matter is final. Loads no cleaning code: the threads that run it start
 * quickly.
 */
import { closeAll, readSpooled, type Spooled } from './spool.js';
import { writeAtomicSync } from './write.js';

/** A file to write once its front matter is final, from its spooled body. */
export interface Rewrite {
  target: string;
  frontMatter: string;
  /** Where the body was spooled. */
  spooled: Spooled;
}

/** Writes the files atomically; returns the error of each one that failed, by its index. */
export function rewriteAll(items: Rewrite[]): Array<[number, string]> {
  const errors: Array<[number, string]> = [];
  // each spool file is opened once for the whole batch
  const open = new Map<string, number>();
  try {
    items.forEach((item, i) => {
      try {
        writeAtomicSync(item.target, `${item.frontMatter}\n${readSpooled(item.spooled, open)}\n`);
      } catch (e) {
        errors.push([i, (e as NodeJS.ErrnoException).code ?? (e as Error).message]);
      }
    });
  } finally {
    closeAll(open);
  }
  return errors;
}
