/**
 * A temporary file without a name: opened for reading and writing in a fresh folder of the system's temporary
 * folder, then the folder removed, so that the open file lives on only through its descriptor and nothing is left
 * behind however the process ends. The spill files of a run (report entries, verified pairs, report details, index
 * features) are such files.
 */
import { mkdtempSync, openSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** Opens a nameless temporary file (`prefix` names its short-lived folder); returns its descriptor. */
export function openUnlinkedFile(prefix: string): number {
  const dir = mkdtempSync(path.join(tmpdir(), `newsclean-${prefix}-`));
  try {
    return openSync(path.join(dir, 'data'), 'w+', 0o600);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
