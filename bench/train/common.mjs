// What the development-page scripts of bench/train share: the project's root, the pages set beside it, and the
// command line's `--name value` options.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const setDir = path.resolve(root, '../shared/bench/pages');
export const args = process.argv.slice(2);
/** The value after option `name` on the command line, or `fallback`. */
export const opt = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
