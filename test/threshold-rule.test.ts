// The line model's threshold rule (bench/train/threshold.mjs): the trainer's curve of training page-F1 is read with
// each grid point's neighbours, so a near-tie at the top is settled by the shape of the curve around it.
import { describe, expect, it } from 'vitest';
// @ts-expect-error a plain .mjs helper of the bench scripts, without types
import { chooseThreshold } from '../bench/train/threshold.mjs';

const grid = (fs: number[], from = 0.2) => fs.map((f, i) => [Math.round((from + i * 0.05) * 100) / 100, f]);

describe('chooseThreshold', () => {
  it('settles a near-tie at the top by the curve around it (the refit of variant B, docs/text-model.md)', () => {
    // 0.6 is higher than 0.55 by 0.00011, but the curve falls faster above 0.6 than below 0.55
    const curve = grid([0.88669, 0.89329, 0.89803, 0.90148, 0.90387, 0.90531, 0.90609, 0.90704, 0.90715, 0.90605, 0.90302, 0.89724, 0.88713]);
    const { threshold, smoothed } = chooseThreshold(curve);
    expect(threshold).toBe(0.55);
    expect(smoothed[7] - smoothed[8]).toBeGreaterThan(0.0004);
  });

  it('keeps a clear peak', () => {
    expect(chooseThreshold(grid([0.8, 0.83, 0.86, 0.88, 0.92, 0.88, 0.86, 0.83, 0.8], 0.3)).threshold).toBe(0.5);
  });

  it('prefers a broad top to a narrow spike of the same height', () => {
    const curve = grid([0.8, 0.9, 0.8, 0.8, 0.85, 0.88, 0.9, 0.88, 0.85, 0.8, 0.8]);
    expect(chooseThreshold(curve).threshold).toBe(0.5);
  });

  it('reads the curve as flat beyond its ends, and takes the lower of two equal scores', () => {
    expect(chooseThreshold([[0.5, 0.9]]).threshold).toBe(0.5);
    const { threshold, smoothed } = chooseThreshold(grid([0.9, 0.9, 0.6], 0.5));
    expect(threshold).toBe(0.5);
    expect(smoothed.map((x: number) => Math.round(x * 1e4) / 1e4)).toEqual([0.84, 0.78, 0.72]);
    expect(chooseThreshold(grid([0.9, 0.9, 0.9], 0.5)).threshold).toBe(0.5);
  });
});
