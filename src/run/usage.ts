/** A run that cannot start (missing inputs, an output folder that cannot be used): a usage problem, not a per-file one. */
import { ConfigError } from '../errors.js';

export class UsageError extends ConfigError {}
