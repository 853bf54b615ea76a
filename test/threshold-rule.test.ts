// The line model's threshold rule (bench/train/threshold.mjs): the trainer's curve of training page-F1 is read with
// each grid point's neighbours, so a near-tie at the top is settled by the shape of the curve around it.
import { describe, expect, it } from 'vitest';
// @ts-expect-error a plain .mjs helper of the bench scripts, without types
import { chooseThreshold } from '../bench/train/threshold.mjs';

describe('chooseThreshold', () => {
  it('settles a near-tie at the top by the neighbours (the curve of docs/text-model.md, variant B)', () => {
    // 0.6 is higher by 0.00015, but 0.55 stands on a broader shoulder (0.50 far above 0.65)
    const curve = [
      [0.45, 0.9045],
      [0.5, 0.90616],
      [0.55, 0.90656],
      [0.6, 0.90671],
      [0.65, 0.90544],
      [0.7, 0.9031],
    ];
    expect(chooseThreshold(curve).threshold).toBe(0.55);
  });

  it('keeps a clear peak', () => {
    const curve = [
      [0.4, 0.85],
      [0.45, 0.86],
      [0.5, 0.9],
      [0.55, 0.86],
      [0.6, 0.85],
    ];
    expect(chooseThreshold(curve).threshold).toBe(0.5);
  });

  it('prefers a broad plateau to a narrow spike of the same height', () => {
    const curve = [
      [0.2, 0.8],
      [0.25, 0.9],
      [0.3, 0.8],
      [0.35, 0.8],
      [0.4, 0.89],
      [0.45, 0.9],
      [0.5, 0.89],
    ];
    expect(chooseThreshold(curve).threshold).toBe(0.45);
  });

  it('reads the curve as flat beyond its ends, and takes the lower of two equal scores', () => {
    expect(chooseThreshold([[0.5, 0.9]]).threshold).toBe(0.5);
    const { threshold, smoothed } = chooseThreshold([
      [0.5, 0.9],
      [0.55, 0.9],
      [0.6, 0.6],
    ]);
    expect(threshold).toBe(0.5);
    expect(smoothed.map((x: number) => Math.round(x * 1e4) / 1e4)).toEqual([0.9, 0.8, 0.7]);
  });
});
