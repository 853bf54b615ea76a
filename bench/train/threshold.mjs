// The line model's decision threshold, chosen on the trainer's curve of training page-F1 over a grid of thresholds.
//
// The curve is flat near its top (0.55 and 0.6 within 0.0002 of each other on the committed features), so the plain
// arg-max flips between neighbours whenever the model's input changes a little, and the whole cleaner moves with it.
// The rule reads the curve smoothed instead: each grid point scores the mean of the F1 at the points within `reach`
// grid steps of it (at the grid's ends the end point stands in for the missing ones, as if the curve went on flat),
// and the threshold with the best smoothed score wins; on a tie, the lower threshold. Two neighbours that tie at the
// top are then told apart by the points around them (how fast the curve falls on either side), which a small change
// of the input moves much less than it moves the tie itself. With the trainer's grid (0.05) and reach 2, the choice
// between 0.55 and 0.6 is decided by 0.0005 of smoothed F1 on the committed features and on the refit of
// docs/text-model.md's variant B, where the plain arg-max is decided by 0.0001 (reach 1: 0.0002 and 0.00001).

/**
 * @param {ReadonlyArray<readonly [number, number]>} curve [threshold, training page-F1], thresholds in rising order
 *   on an even grid
 * @param {number} [reach] grid steps read on either side of each point
 * @returns {{ threshold: number, smoothed: number[] }} the chosen threshold and each point's smoothed score
 */
export function chooseThreshold(curve, reach = 2) {
  if (!curve.length) throw new Error('chooseThreshold: empty curve');
  const f = (i) => curve[Math.min(curve.length - 1, Math.max(0, i))][1];
  const smoothed = curve.map((_, i) => {
    let sum = 0;
    for (let d = -reach; d <= reach; d++) sum += f(i + d);
    return sum / (2 * reach + 1);
  });
  let best = 0;
  for (let i = 1; i < curve.length; i++) if (smoothed[i] > smoothed[best] + 1e-9) best = i;
  return { threshold: curve[best][0], smoothed };
}
