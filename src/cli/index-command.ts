/**
 * `newsclean index stats <dir|url>` and `newsclean index compact <dir|url> [--index-window 90d]`: what a
 * near-duplicate index holds, and rewriting it without what a window leaves out. Returns the exit code.
 */
import path from 'node:path';
import { Command, CommanderError } from 'commander';
import { openIndex, parseWindow, type IndexStats } from '../dedup/index.js';
import { ConfigError } from '../errors.js';
import { escapeForTerminal } from '../report/escape.js';
import type { CliIo } from './main.js';

const USAGE = 'newsclean index stats <dir|url> [--json] | newsclean index compact <dir|url> [--index-window <span>]';

function mb(bytes: number): string {
  return `${(bytes / 1e6).toFixed(1)} MB`;
}

function statsText(s: IndexStats): string {
  const range = (r: { first: string | null; last: string | null }): string => (r.first ? `${r.first.slice(0, 10)} … ${r.last!.slice(0, 10)}` : 'none');
  const lines = [
    `index        ${s.location} (${s.backend})`,
    `documents    ${s.documents.toLocaleString('en')}`,
    `size         ${mb(s.bytes)}${s.documents ? `, ${Math.round(s.bytesPerDocument).toLocaleString('en')} bytes per document` : ''}${s.segments !== undefined ? `, ${s.segments} segment${s.segments === 1 ? '' : 's'}` : ''}`,
    `article dates ${range(s.dates)}`,
    `indexed      ${range(s.indexed)}`,
    `boilerplate  ${s.boilerplateFingerprints.toLocaleString('en')} fingerprints`,
  ];
  return `${lines.join('\n')}\n`;
}

export async function indexCommand(io: CliIo, argv: string[]): Promise<number> {
  const usage = (message: string): number => {
    io.stderr.write(`newsclean: ${escapeForTerminal(message.replace(/\s*\n\s*/g, ' '))} (usage: ${USAGE})\n`);
    return 2;
  };
  const [action, ...rest] = argv;
  if (action !== 'stats' && action !== 'compact') return usage(`index: unknown action ${JSON.stringify(action ?? '')}`);
  const cmd = new Command(`newsclean index ${action}`).argument('<index>').exitOverride().configureOutput({ writeOut: () => undefined, writeErr: () => undefined });
  if (action === 'stats') cmd.option('--json', 'print the statistics as JSON');
  else cmd.option('--index-window <span>', 'drop documents older than this (article date, else indexing time): 90d, 12w, 36h');
  try {
    cmd.parse(rest, { from: 'user' });
  } catch (e) {
    if (e instanceof CommanderError) return usage(e.message.replace(/^error:\s*/i, ''));
    throw e;
  }
  const spec = cmd.args[0]!;
  const where = /^[a-z][a-z0-9+.-]*:\/\//i.test(spec) ? spec : path.resolve(io.cwd, spec);
  const opts = cmd.opts<{ json?: boolean; indexWindow?: string }>();
  let index;
  try {
    const windowMs = opts.indexWindow !== undefined ? parseWindow(opts.indexWindow) : undefined;
    index = await openIndex(where, { recorded: true, readOnly: action === 'stats' });
    try {
      if (action === 'stats') {
        const s = await index.stats();
        io.stdout.write(opts.json ? `${JSON.stringify(s, null, 2)}\n` : statsText(s));
      } else {
        const r = await index.compact(windowMs !== undefined ? { windowMs } : {});
        io.stdout.write(
          `compacted ${escapeForTerminal(spec)}: ${r.before.toLocaleString('en')} → ${r.after.toLocaleString('en')} documents (${r.removed.toLocaleString('en')} removed), ${mb(r.bytesBefore)} → ${mb(r.bytesAfter)}\n`,
        );
      }
    } finally {
      await index.close();
    }
  } catch (e) {
    if (e instanceof ConfigError) return usage(e.message);
    throw e;
  }
  return 0;
}
