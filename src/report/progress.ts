/** A one-line progress display for a terminal: files done, rate, time left. Written only to a TTY. */
import type { Writable } from 'node:stream';

export class Progress {
  private readonly started = Date.now();
  private last = 0;
  private shown = false;

  constructor(
    private readonly out: Writable,
    private readonly total: number,
    private readonly width = 24,
  ) {}

  update(done: number, force = false): void {
    const now = Date.now();
    if (!force && now - this.last < 100 && done < this.total) return;
    this.last = now;
    const secs = Math.max(0.001, (now - this.started) / 1000);
    const rate = done / secs;
    const left = rate > 0 ? (this.total - done) / rate : 0;
    const filled = this.total ? Math.round((done / this.total) * this.width) : this.width;
    const bar = `${'█'.repeat(filled)}${'░'.repeat(this.width - filled)}`;
    this.out.write(`\r\u001b[2K${bar} ${done}/${this.total} files  ${rate.toFixed(1)} files/s  ${done < this.total ? `${formatSecs(left)} left` : `${formatSecs(secs)}`}`);
    this.shown = true;
  }

  /** Clears the line (before another message, or at the end). */
  clear(): void {
    if (this.shown) this.out.write('\r\u001b[2K');
    this.shown = false;
  }
}

function formatSecs(s: number): string {
  if (s < 60) return `${Math.ceil(s)}s`;
  const m = Math.floor(s / 60);
  return m < 60 ? `${m}m${String(Math.ceil(s % 60)).padStart(2, '0')}s` : `${Math.floor(m / 60)}h${String(m % 60).padStart(2, '0')}m`;
}
