import path from 'node:path';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const FIXTURES = path.join(ROOT, 'fixtures');
export const BIN = path.join(ROOT, 'bin/newsclean.js');
/** ../shared beside the project (benchmarks and public data), when present. */
export const SHARED = path.resolve(ROOT, '../shared');
export const HAS_SHARED = existsSync(path.join(SHARED, 'seeds'));
