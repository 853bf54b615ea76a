// The line model's decision threshold, chosen on the trainer's curve of training page-F1 over a grid of thresholds.
//
// The curve is flat near its top (0.55 and 0.6 within 0.0002 of each other on the committed features), so the plain
// arg-max flips between neighbours whenever the model's input changes a little, and the whole cleaner moves with it.
// The rule reads the curve smoothed instead: each grid point scores the mean of its own F1 and its two neighbours'
// (at the grid's ends the end point stands in for its missing neighbour, as if the curve went on flat), and the
// threshold with the best smoothed score wins; on a tie, the lower threshold. A threshold whose neighbours fall away steeply loses to one on a broad shoulder of the curve, and a
// tie of two neighbours is settled by the points on either side of them, which a small change of the input moves
// much less than it moves the tie itself.

/**
 * @param {ReadonlyArray<readonly [number, number]>} curve [threshold, training page-F1], thresholds in rising order
 *   on an even grid
 * @returns {{ threshold: number, smoothed: number[] }} the chosen threshold and each point's smoothed score
 */
export function chooseThreshold(curve) {
  if (!curve.length) throw new Error('chooseThreshold: empty curve');
  const f = (i) => curve[Math.min(curve.length - 1, Math.max(0, i))][1];
  const smoothed = curve.map((_, i) => (f(i - 1) + f(i) + f(i + 1)) / 3);
  let best = 0;
  for (let i = 1; i < curve.length; i++) if (smoothed[i] > smoothed[best] + 1e-9) best = i;
  return { threshold: curve[best][0], smoothed };
}
