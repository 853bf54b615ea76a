/**
 * A one-line progress display for a terminal: the phase (reading and cleaning, near-duplicates, writing), its work
 * done with rate and time left. Written only to a TTY.
 */
import type { Writable } from 'node:stream';

export class Progress {
  private started = Date.now();
  private last = 0;
  private shown = false;
  private label = 'reading and cleaning';
  private unit = 'files';

  constructor(
    private readonly out: Writable,
    private total: number,
    private readonly width = 24,
  ) {}

  /** A new phase: its own count from 0 to `total` (0: not known yet, shown without a bar). */
  phase(label: string, total: number, unit: string): void {
    this.label = label;
    this.total = total;
    this.unit = unit;
    this.started = Date.now();
    this.update(0, true);
  }

  update(done: number, force = false): void {
    const now = Date.now();
    if (!force && now - this.last < 100 && done < this.total) return;
    this.last = now;
    if (this.total === 0) {
      this.out.write(`\r\u001b[2K${this.label}…`);
      this.shown = true;
      return;
    }
    const secs = Math.max(0.001, (now - this.started) / 1000);
    const rate = done / secs;
    const left = rate > 0 ? (this.total - done) / rate : 0;
    const filled = Math.min(this.width, Math.round((done / this.total) * this.width));
    const bar = `${'█'.repeat(filled)}${'░'.repeat(this.width - filled)}`;
    const time = done < this.total ? (rate > 0 ? `${formatSecs(left)} left` : '') : formatSecs(secs);
    this.out.write(`\r\u001b[2K${this.label} ${bar} ${done}/${this.total} ${this.unit}  ${rate.toFixed(1)}/s  ${time}`);
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
