import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { tempDir } from './tree.js';

/** The redis-server (or valkey-server) binary on PATH, or null. */
export function redisServerBinary(): string | null {
  for (const name of ['redis-server', 'valkey-server']) {
    const r = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' });
    const p = r.stdout.trim();
    if (r.status === 0 && p && existsSync(p)) return p;
  }
  return null;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

export interface RedisServer {
  url: string;
  port: number;
  stop(): Promise<void>;
}

/** Starts a server on 127.0.0.1 on a free port, with its files in a temporary folder and no persistence. */
export async function startRedis(): Promise<RedisServer> {
  const bin = redisServerBinary();
  if (!bin) throw new Error('redis-server is not installed (Debian: apt-get install -y redis-server; .ci/run installs it)');
  const dir = tempDir('newsclean-redis-');
  for (let attempt = 0; attempt < 5; attempt++) {
    const port = await freePort();
    const child: ChildProcess = spawn(
      bin,
      ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'no', '--protected-mode', 'yes', '--logfile', path.join(dir, 'log')],
      { stdio: 'ignore' },
    );
    const up = await new Promise<boolean>((resolve) => {
      const deadline = Date.now() + 10_000;
      const probe = (): void => {
        if (child.exitCode !== null) return resolve(false);
        const r = spawnSync('redis-cli', ['-h', '127.0.0.1', '-p', String(port), 'ping'], { encoding: 'utf8' });
        if (r.stdout?.trim() === 'PONG') return resolve(true);
        if (Date.now() > deadline) return resolve(false);
        setTimeout(probe, 50);
      };
      probe();
    });
    if (!up) {
      child.kill('SIGKILL');
      continue;
    }
    return {
      url: `redis://127.0.0.1:${port}/0`,
      port,
      stop: () =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null) return resolve();
          child.once('exit', () => resolve());
          child.kill('SIGTERM');
          setTimeout(() => child.kill('SIGKILL'), 5000).unref();
        }),
    };
  }
  throw new Error('could not start redis-server');
}
