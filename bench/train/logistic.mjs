// Weighted logistic regression with an L2 penalty, by Newton's method (the training commands of the text models).

/**
 * Fits weights and a bias (the last number) to rows of `dims` numbers, labels y (0/1) and row weights w. The
 * gradient is exact; the curvature is summed over every `stride`-th row (scaled up), which makes the steps nearly
 * Newton's at a fraction of the cost. Deterministic: fixed iterations, rows in the order given.
 */
export function fitLogistic(rows, y, w, dims, { lambda = 1e-2, iterations = 10, stride = 1 } = {}) {
  const LAMBDA = lambda;
  const HESSIAN_STRIDE = stride;
  const d = dims + 1;
  const beta = new Float64Array(d);
  for (let it = 0; it < iterations; it++) {
    const H = new Float64Array(d * d);
    const g = new Float64Array(d);
    for (let i = 0; i < rows.length; i++) {
      const x = rows[i];
      let z = beta[dims];
      for (let a = 0; a < dims; a++) z += beta[a] * x[a];
      const p = 1 / (1 + Math.exp(-z));
      const r = w[i] * (p - y[i]);
      for (let a = 0; a < dims; a++) g[a] += r * x[a];
      g[dims] += r;
      // the curvature from every HESSIAN_STRIDE-th row (scaled up): the gradient is exact, the steps nearly Newton's
      if (i % HESSIAN_STRIDE !== 0) continue;
      const s = HESSIAN_STRIDE * w[i] * Math.max(p * (1 - p), 1e-6);
      for (let a = 0; a < dims; a++) {
        const xa = x[a];
        if (xa === 0) continue;
        const sa = s * xa;
        for (let b = 0; b <= a; b++) H[a * d + b] += sa * x[b];
        H[dims * d + a] += sa;
      }
      H[dims * d + dims] += s;
    }
    // the bias (the last number) is not penalised
    if (newtonStep(H, g, beta, d, dims, LAMBDA) < 1e-7) break;
  }
  return beta;
}

/**
 * One Newton step of a fit by L2-penalised likelihood: `H` (d × d) holds the curvature in its lower triangle, which
 * is mirrored; the penalty `lambda` is added for the first `penalised` weights; `beta` moves by the solved step.
 * Returns the largest change of a weight.
 */
function newtonStep(H, g, beta, d, penalised, lambda) {
  for (let a = 0; a < d; a++) for (let b = 0; b < a; b++) H[b * d + a] = H[a * d + b];
  for (let a = 0; a < penalised; a++) {
    H[a * d + a] += lambda;
    g[a] += lambda * beta[a];
  }
  const step = solve(H, g, d);
  let change = 0;
  for (let a = 0; a < d; a++) {
    beta[a] -= step[a];
    change = Math.max(change, Math.abs(step[a]));
  }
  return change;
}

/** Solves H x = g (H symmetric positive definite) by Cholesky decomposition. */
function solve(H, g, d) {
  const L = new Float64Array(d * d);
  for (let i = 0; i < d; i++) {
    for (let j = 0; j <= i; j++) {
      let s = H[i * d + j];
      for (let k = 0; k < j; k++) s -= L[i * d + k] * L[j * d + k];
      L[i * d + j] = i === j ? Math.sqrt(Math.max(s, 1e-12)) : s / L[j * d + j];
    }
  }
  const z = new Float64Array(d);
  for (let i = 0; i < d; i++) {
    let s = g[i];
    for (let k = 0; k < i; k++) s -= L[i * d + k] * z[k];
    z[i] = s / L[i * d + i];
  }
  const x = new Float64Array(d);
  for (let i = d - 1; i >= 0; i--) {
    let s = z[i];
    for (let k = i + 1; k < d; k++) s -= L[k * d + i] * x[k];
    x[i] = s / L[i * d + i];
  }
  return x;
}


/**
 * Fits weights (no bias: it cancels) so that within each group of rows the highest-scoring row is a positive one:
 * conditional logit (softmax over the group's rows), maximising each group's probability of its positive rows, times
 * the group's weight, with an L2 penalty. `groups` is a list of { rows, y, w }. Newton's method with the curvature of
 * the softmax over all the group's rows (an upper bound when a group has several positives, so steps stay safe).
 * Deterministic: fixed iterations, groups in the order given.
 */
export function fitSoftmax(groups, dims, { lambda = 1e-2, iterations = 25 } = {}) {
  const d = dims;
  const beta = new Float64Array(d);
  const mean = new Float64Array(d);
  const meanPos = new Float64Array(d);
  for (let it = 0; it < iterations; it++) {
    const H = new Float64Array(d * d);
    const g = new Float64Array(d);
    for (const grp of groups) {
      const n = grp.rows.length;
      if (n < 2 || !grp.y.includes(1)) continue;
      const z = new Float64Array(n);
      let top = -Infinity;
      for (let i = 0; i < n; i++) {
        let s = 0;
        const x = grp.rows[i];
        for (let a = 0; a < d; a++) s += beta[a] * x[a];
        z[i] = s;
        if (s > top) top = s;
      }
      let sum = 0;
      let sumPos = 0;
      for (let i = 0; i < n; i++) {
        z[i] = Math.exp(z[i] - top);
        sum += z[i];
        if (grp.y[i]) sumPos += z[i];
      }
      mean.fill(0);
      meanPos.fill(0);
      const w = grp.w;
      for (let i = 0; i < n; i++) {
        const p = z[i] / sum;
        const x = grp.rows[i];
        const q = grp.y[i] ? z[i] / sumPos : 0;
        for (let a = 0; a < d; a++) {
          const xa = x[a];
          if (xa === 0) continue;
          mean[a] += p * xa;
          meanPos[a] += q * xa;
          const s = w * p * xa;
          for (let b = 0; b <= a; b++) H[a * d + b] += s * x[b];
        }
      }
      for (let a = 0; a < d; a++) {
        g[a] += w * (mean[a] - meanPos[a]);
        if (mean[a] === 0) continue;
        for (let b = 0; b <= a; b++) H[a * d + b] -= w * mean[a] * mean[b];
      }
    }
    if (newtonStep(H, g, beta, d, d, lambda) < 1e-7) break;
  }
  return beta;
}
