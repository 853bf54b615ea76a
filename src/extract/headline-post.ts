// The headline's own post as a second candidate container.
//
// The container by expected F1 (extract.ts, pickContainerF) takes the element whose blocks add up to the most
// probable article text. On a short post that is sometimes a longer prose block elsewhere on the page: a blog's
// profile, an about box, a disclaimer, a comment section; their blocks read as prose as well as the post's do, and
// they are longer. The second candidate is anchored at the headline: the ancestor of the headline, below the
// first one it shares with the chosen container, with the best expected F1. It replaces the chosen container when
// it holds enough text besides the headline, the chosen container is away from the headline (before it, or after
// the post's own text), and its expected F1 is within a measured share of the chosen one's.
import { F_BLOCK, type Analysis } from './analyze.js';

/** Per element: Σ p·c and Σ c over the text blocks under it, `cut` where hidden or a teaser; `total` Σ p·c of the page. */
export interface ExpectedSums {
  A: Float64Array;
  B: Float64Array;
  cut: Uint8Array;
  total: number;
}

/** The expected F1 of taking element i as the article: 2·Σp·c / (Σc + Σ_page p·c). */
export function expectedF1(s: ExpectedSums, i: number): number {
  return s.B[i]! > 0 ? (2 * s.A[i]!) / (s.B[i]! + s.total) : 0;
}

/** Fewest characters the headline's post holds besides the headline. */
const POST_MIN_CHARS = 150;
/**
 * The headline's post is taken when its expected F1 is at least this share of the chosen container's (measured on the
 * fit pages: the posts taken 0.26 and above, the nearest page that would lose its article 0.20; docs/html-extraction.md).
 */
const POST_MIN_RATIO = 0.23;
/** The chosen container is away from the headline when this many characters of text lie between them. */
const FAR_CHARS = 150;

function contains(a: Analysis, u: number, v: number): boolean {
  return v >= u && v < u + a.size[u]!;
}

/**
 * Whether container ci is at the headline: it holds it, or starts after it with less than FAR_CHARS of text between
 * them (the post's title in a header, its text in the next element). True without a headline.
 */
export function atHeadline(a: Analysis, headline: number, ci: number): boolean {
  if (headline < 0 || contains(a, ci, headline)) return true;
  if (ci < headline) return false;
  let between = 0;
  for (let j = headline + a.size[headline]!; j < ci && between < FAR_CHARS; j++) between += a.ownChars[j]!;
  return between < FAR_CHARS;
}

/**
 * The headline's own post when it should replace `chosen` as the container, else `chosen`. `headline` is the element
 * holding the page's headline (or -1).
 */
export function headlinePost(a: Analysis, s: ExpectedSums, headline: number, chosen: number): number {
  if (headline < 0 || chosen < 0 || contains(a, chosen, headline)) return chosen;
  // the lowest common ancestor of the headline and the chosen container
  let l = a.parent[chosen]!;
  while (l >= 0 && !contains(a, l, headline)) l = a.parent[l]!;
  // the best ancestor of the headline below it
  let best = -1;
  let bestScore = 0;
  for (let u = headline; u >= 0 && u !== l; u = a.parent[u]!) {
    if (s.cut[u] || !(a.flags[u]! & F_BLOCK)) continue;
    const v = expectedF1(s, u);
    if (v > bestScore) {
      best = u;
      bestScore = v;
    }
  }
  if (best < 0 || s.B[best]! - a.chars[headline]! < POST_MIN_CHARS) return chosen;
  if (bestScore < POST_MIN_RATIO * expectedF1(s, chosen)) return chosen;
  if (atHeadline(a, headline, chosen)) return chosen;
  return best;
}
