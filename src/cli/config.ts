/**
 * The configuration file: `newsclean.config.json`, `.yaml`/`.yml` or `.toml` (or a `"newsclean"` key in
 * package.json), found from the working folder upward by lilconfig, or named with `--config FILE`. It holds any
 * option of the command line under its long name (`drop-duplicates: true`, `threshold: 0.8`, `disable: [NC204]`;
 * camelCase works too; `--no-X` options as `X: false`). The command line wins over the file; an unknown key, or a
 * value the option would refuse, is a usage error that names the key and the file.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { lilconfig, type Loader } from 'lilconfig';
import YAML from 'yaml';
import { parse as parseToml } from 'smol-toml';
import type { Command, Option } from 'commander';
import { ConfigError } from '../errors.js';

export const CONFIG_NAMES = ['newsclean.config.json', 'newsclean.config.yaml', 'newsclean.config.yml', 'newsclean.config.toml'];

/** Options that make no sense in a file: they act once, or they name the file itself. */
const NOT_IN_FILE = new Set(['config', 'printConfig', 'help', 'version', 'listRules']);

const yamlLoader: Loader = (_file, content) => YAML.parse(content);
const tomlLoader: Loader = (_file, content) => parseToml(content);
const jsonLoader: Loader = (file, content) => {
  try {
    return JSON.parse(content);
  } catch (e) {
    throw new Error(`${path.basename(file)}: ${(e as Error).message}`);
  }
};

export interface LoadedConfig {
  /** Absolute path of the file read, or null when there is none. */
  file: string | null;
  values: Record<string, unknown>;
}

/** Finds and reads the configuration (the named file, or the nearest one from `cwd` upward). */
export async function loadConfig(cwd: string, explicit?: string): Promise<LoadedConfig> {
  const loaders = { '.json': jsonLoader, '.yaml': yamlLoader, '.yml': yamlLoader, '.toml': tomlLoader };
  const explorer = lilconfig('newsclean', { searchPlaces: [...CONFIG_NAMES, 'package.json'], loaders });
  try {
    if (explicit) {
      const file = path.resolve(cwd, explicit);
      const ext = path.extname(file).toLowerCase();
      const loader = loaders[ext as keyof typeof loaders];
      if (!loader) throw new ConfigError(`--config ${explicit}: the file must end in .json, .yaml, .yml or .toml`);
      const content = await readFile(file, 'utf8').catch((e: NodeJS.ErrnoException) => {
        throw new ConfigError(`--config ${explicit}: cannot read it (${e.code ?? e.message})`);
      });
      return { file, values: asObject(await loader(file, content), file) };
    }
    const found = await explorer.search(cwd);
    if (!found || found.isEmpty) return { file: found?.filepath ?? null, values: {} };
    return { file: found.filepath, values: asObject(found.config, found.filepath) };
  } catch (e) {
    if (e instanceof ConfigError) throw e;
    throw new ConfigError(`configuration: ${(e as Error).message}`);
  }
}

function asObject(v: unknown, file: string): Record<string, unknown> {
  if (v === null || v === undefined) return {};
  if (typeof v !== 'object' || Array.isArray(v)) throw new ConfigError(`${file}: the configuration must be a table of options`);
  return v as Record<string, unknown>;
}

const camel = (s: string): string => s.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
const kebab = (s: string): string => s.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

/** The program's options by every name a file may use for them: `drop-duplicates`, `dropDuplicates`. */
function optionsByKey(program: Command): Map<string, Option> {
  const byKey = new Map<string, Option>();
  for (const o of program.options) {
    const attr = o.attributeName();
    if (NOT_IN_FILE.has(attr)) continue;
    byKey.set(attr, o);
    byKey.set(kebab(attr), o);
  }
  return byKey;
}

function closest(key: string, names: string[]): string | null {
  let best: string | null = null;
  let bestD = Infinity;
  for (const n of names) {
    const d = distance(key, n);
    if (d < bestD) (bestD = d), (best = n);
  }
  return best !== null && bestD <= Math.max(2, Math.floor(key.length / 3)) ? best : null;
}
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return row[b.length]!;
}

/**
 * Sets every option the file holds and the command line did not give. Values go through the option's own parser
 * (sizes, ranges, comma lists), so a file is checked exactly as the command line is.
 */
export function applyConfig(program: Command, config: LoadedConfig): void {
  if (!config.file) return;
  const where = path.basename(config.file);
  const byKey = optionsByKey(program);
  const kebabNames = [...new Set([...byKey.values()].map((o) => kebab(o.attributeName())))].sort();
  for (const [key, raw] of Object.entries(config.values)) {
    const option = byKey.get(key) ?? byKey.get(camel(key));
    if (!option) {
      const hint = closest(kebab(key), kebabNames);
      throw new ConfigError(`${where}: unknown option "${key}"${hint ? ` (did you mean "${hint}"?)` : ''}`);
    }
    const attr = option.attributeName();
    if (program.getOptionValueSource(attr) === 'cli') continue;
    program.setOptionValueWithSource(attr, valueFor(option, key, raw, where), 'config');
  }
}

function valueFor(option: Option, key: string, raw: unknown, where: string): unknown {
  const takesValue = option.required || option.optional;
  const bad = (what: string): never => {
    throw new ConfigError(`${where}: "${key}" ${what}`);
  };
  if (!takesValue) {
    if (typeof raw !== 'boolean') bad('must be true or false');
    // a negatable flag (--no-dedup) is stored under its positive name: dedup: false
    return raw;
  }
  const parse = option.parseArg as ((v: string, prev: unknown) => unknown) | undefined;
  const list = Array.isArray(raw) ? raw : [raw];
  if (!Array.isArray(raw) && (raw === null || typeof raw === 'object')) bad('must be a value, not a table');
  let value: unknown = Array.isArray(option.defaultValue) ? [] : undefined;
  for (const item of list) {
    if (item === null || typeof item === 'object') bad('must hold plain values');
    try {
      value = parse ? parse(String(item), value) : String(item);
    } catch (e) {
      bad((e as Error).message.replace(/^error: /, ''));
    }
  }
  if (Array.isArray(raw) && !Array.isArray(option.defaultValue) && list.length !== 1) bad('takes one value');
  return value;
}

/** The resolved settings, as `--print-config` shows them: each option's value and where it came from. */
export function resolvedConfig(program: Command, config: LoadedConfig): { config: string | null; options: Record<string, { value: unknown; from: string }> } {
  const options: Record<string, { value: unknown; from: string }> = {};
  for (const o of program.options) {
    const attr = o.attributeName();
    if (NOT_IN_FILE.has(attr) || attr === 'color') continue;
    const from = program.getOptionValueSource(attr) ?? 'default';
    options[kebab(attr)] = { value: program.getOptionValue(attr) ?? null, from };
  }
  return { config: config.file, options };
}
