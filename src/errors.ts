import type { ErrorCode } from './types.js';

/** A problem with one input file: reported per file, never fatal to a batch. */
export class InputError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string) {
    super(message);
    this.name = 'InputError';
    this.code = code;
  }
}

/** Bad options or settings: the caller's mistake, reported once (CLI exit code 2). */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}
