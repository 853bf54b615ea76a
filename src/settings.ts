import { ConfigError } from './errors.js';

/** Every tunable of a cleaning run, with its default. */
export interface Settings {
  /** Rules switched off, by id (`NC201`), name (`syndication-header`) or tag (`tag:credits`). */
  disable: string[];
  /** Largest input file read, in bytes; larger files get the error `too-large`. */
  maxFileSize: number;
  /** Deepest HTML nesting accepted; deeper documents get the error `too-deep`. */
  maxDepth: number;
  /** Time budget for cleaning one file, in milliseconds; over it the file gets the error `timeout`. */
  timeoutMs: number;
  /** Warn (and set `needs_review`) when rules removed more than this share of the words. */
  reviewRemovedShare: number;
  /** Warn (and set `needs_review`) when fewer words than this remain. */
  reviewMinWords: number;
}

export const defaultSettings: Readonly<Settings> = Object.freeze({
  disable: [],
  maxFileSize: 50 * 1024 * 1024,
  maxDepth: 10_000,
  timeoutMs: 30_000,
  reviewRemovedShare: 0.4,
  reviewMinWords: 50,
});

function positive(name: string, value: unknown, integer: boolean): number {
  const n = typeof value === 'string' ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isFinite(n) || n <= 0 || (integer && !Number.isInteger(n))) {
    throw new ConfigError(`${name} must be a positive ${integer ? 'whole ' : ''}number (got ${String(value)})`);
  }
  return n;
}

/** Merges user settings over the defaults and validates them once. Throws ConfigError. */
export function resolveSettings(partial: Partial<Settings> = {}): Settings {
  const s: Settings = { ...defaultSettings, disable: [...defaultSettings.disable] };
  if (partial.disable !== undefined) {
    if (!Array.isArray(partial.disable) || partial.disable.some((d) => typeof d !== 'string')) {
      throw new ConfigError('disable must be a list of rule ids, names or tag:NAME');
    }
    s.disable = partial.disable.map((d) => d.trim()).filter(Boolean);
  }
  if (partial.maxFileSize !== undefined) s.maxFileSize = positive('maxFileSize', partial.maxFileSize, true);
  if (partial.maxDepth !== undefined) s.maxDepth = positive('maxDepth', partial.maxDepth, true);
  if (partial.timeoutMs !== undefined) s.timeoutMs = positive('timeoutMs', partial.timeoutMs, true);
  if (partial.reviewRemovedShare !== undefined) {
    const v = partial.reviewRemovedShare;
    if (typeof v !== 'number' || !(v > 0 && v <= 1)) throw new ConfigError('reviewRemovedShare must be in (0, 1]');
    s.reviewRemovedShare = v;
  }
  if (partial.reviewMinWords !== undefined) s.reviewMinWords = positive('reviewMinWords', partial.reviewMinWords, true);
  return s;
}
