/**
 * The content-zone model's features. Stage one reads each line and its surroundings (the line's own shape, its
 * block, the lines beside it, where it stands in the document); the context stages read the probabilities the
 * stage before gave to the lines around it (smoothing in the manner of jusText and boilerpipe, learned instead of
 * hand-set): how much article the lines before and after hold, and whether the line stands inside the densest run
 * of article text. Every feature is a number of about unit size; the names are the weights' keys.
 */
import type { Doc, Line } from './lines.js';

export const LOCAL_FEATURES = [
  'words_1_2', 'words_3_5', 'words_6_10', 'words_11_20', 'words_21_plus', 'log_words', 'length_of_width',
  'function_words', 'capitalised', 'all_caps', 'numbers', 'short_lower', 'chrome_words', 'title_case_short',
  'terminal', 'colon', 'commas', 'sentences', 'separators', 'url', 'copyright', 'date', 'starts_lower',
  'starts_quote', 'bullet', 'placeholder', 'indent_more', 'indent_less', 'indent_none', 'repeated', 'long_prose',
  'block_log_words', 'block_lines', 'block_bullets', 'block_terminal', 'block_function_words', 'first_in_block',
  'last_in_block', 'window_log_words', 'window_function_words', 'window_terminal', 'window_bullets',
  'prev_log_words', 'prev_terminal', 'prev_function_words', 'next_log_words', 'next_terminal', 'next_function_words',
  'blank_before', 'blank_after', 'position', 'position_sq', 'doc_log_words', 'seen_before', 'prose_here',
  'prose_before', 'prose_after', 'prose_share_before', 'prose_share_after', 'comment_cue', 'reply_cue',
  'cues_before', 'cue_distance',
] as const;

/**
 * A line that opens a section of reader comments ("45 comments", "Comments (408)", "Leave a Reply", "Комментарии",
 * "热门评论"): the word at word boundaries (`\b` knows ASCII letters only, so the Cyrillic word is bounded by any
 * letter or digit), or in a script written without spaces.
 */
export const COMMENT_HEAD = /\b(?:comments?|responses?|replies|reactions|discussion|kommentare?|commentaires?|comentarios?|commenti|reacties|komentarze?)\b|(?<![\p{L}\p{N}])коммент\p{L}*|评论|評論|コメント/iu;
/** A line that frames one comment ("Rand says:", "Reply", "Deidre Reply:", "Report abuse"). */
export const REPLY = /(?:\b(?:says|said|wrote|writes)\s*:?$)|^(?:reply|antworten|répondre|responder|rispondi)\b|\breply\s*:?$|\b(?:report abuse|permalink|flag)\b/i;

export const CONTEXT_FEATURES = [
  'logit', 'prev1', 'prev2_4', 'prev5_15', 'next1', 'next2_4', 'next5_15', 'mass_before', 'mass_after',
  'mass_before_sq', 'mass_after_sq', 'in_run', 'before_run', 'after_run', 'run_share', 'block_mean', 'block_min',
  'block_max', 'below_max', 'in_rel_run', 'before_rel_run', 'after_rel_run',
] as const;

const clip = (x: number, hi: number): number => (x > hi ? hi : x);

/** Stage one: one row per unit (line with words), LOCAL_FEATURES.length numbers each. */
export function localFeatures(doc: Doc): Float64Array[] {
  const { units, width, proseIndent, totalWords, lines } = doc;
  const n = units.length;
  // block aggregates (blocks are numbered in order)
  const nb = n ? units[n - 1]!.block + 1 : 0;
  const blockWords = new Float64Array(nb);
  const blockLines = new Float64Array(nb);
  const blockBullets = new Float64Array(nb);
  const blockTerminal = new Float64Array(nb);
  const blockStop = new Float64Array(nb);
  for (const u of units) {
    blockWords[u.block]! += u.words;
    blockLines[u.block]!++;
    if (u.bullet) blockBullets[u.block]!++;
    if (u.terminal) blockTerminal[u.block]!++;
    blockStop[u.block]! += u.stop;
  }
  // prose in the manner of jusText: a block of enough words with enough function words
  const prose = new Uint8Array(n);
  for (let j = 0; j < n; j++) {
    const u = units[j]!;
    const bw = blockWords[u.block]!;
    prose[j] = bw >= 15 && blockStop[u.block]! / bw >= 0.25 && u.words >= 4 ? 1 : 0;
  }
  const proseWords = new Float64Array(n + 1);
  for (let j = 0; j < n; j++) proseWords[j + 1] = proseWords[j]! + (prose[j] ? units[j]!.words : 0);
  const proseTotal = proseWords[n]! || 1;
  const lastProse = new Int32Array(n);
  const nextProse = new Int32Array(n);
  for (let j = 0, last = -1; j < n; j++) {
    lastProse[j] = last;
    if (prose[j]) last = j;
  }
  for (let j = n - 1, next = -1; j >= 0; j--) {
    nextProse[j] = next;
    if (prose[j]) next = j;
  }
  // comment cues, and how many stood before each unit once the first prose was passed
  const cue = new Uint8Array(n);
  const replyCue = new Uint8Array(n);
  for (let j = 0; j < n; j++) {
    const u = units[j]!;
    if (u.words <= 8 && COMMENT_HEAD.test(u.text)) cue[j] = 1;
    if (u.words <= 12 && REPLY.test(u.text)) replyCue[j] = 1;
  }
  const seen = new Set<string>();
  const rows: Float64Array[] = [];
  let cues = 0;
  let lastCue = -1;
  let proseSeen = false;
  let before = 0;
  const docLog = Math.log1p(totalWords) / 8;
  for (let j = 0; j < n; j++) {
    const u = units[j]!;
    const w = u.words;
    const f = new Float64Array(LOCAL_FEATURES.length);
    let k = 0;
    f[k++] = w <= 2 ? 1 : 0;
    f[k++] = w >= 3 && w <= 5 ? 1 : 0;
    f[k++] = w >= 6 && w <= 10 ? 1 : 0;
    f[k++] = w >= 11 && w <= 20 ? 1 : 0;
    f[k++] = w > 20 ? 1 : 0;
    f[k++] = Math.log1p(w) / 3;
    f[k++] = clip(u.length / width, 1.5);
    f[k++] = u.stop / w;
    f[k++] = u.cap / w;
    f[k++] = u.upper / w;
    f[k++] = u.num / w;
    f[k++] = u.short / w;
    f[k++] = u.chrome / w;
    f[k++] = w <= 8 && u.cap / w >= 0.6 ? 1 : 0;
    f[k++] = u.terminal ? 1 : 0;
    f[k++] = u.colon ? 1 : 0;
    f[k++] = clip((u.commas / w) * 5, 2);
    f[k++] = clip(u.sentences / 3, 2);
    f[k++] = clip(u.separators / 2, 2);
    f[k++] = u.url ? 1 : 0;
    f[k++] = u.copyright ? 1 : 0;
    f[k++] = u.date ? 1 : 0;
    f[k++] = u.startsLower ? 1 : 0;
    f[k++] = u.startsQuote ? 1 : 0;
    f[k++] = u.bullet ? 1 : 0;
    f[k++] = u.placeholders > 0 ? 1 : 0;
    const di = u.indent - proseIndent;
    f[k++] = di > 0 ? clip(di / 6, 2) : 0;
    f[k++] = di < 0 ? 1 : 0;
    f[k++] = u.indent === 0 ? 1 : 0;
    f[k++] = u.repeats > 1 ? 1 : 0;
    f[k++] = w >= 12 && u.stop / w >= 0.25 ? 1 : 0;
    const bw = blockWords[u.block]!;
    const bl = blockLines[u.block]!;
    f[k++] = Math.log1p(bw) / 5;
    f[k++] = clip(Math.log1p(bl) / 3, 2);
    f[k++] = blockBullets[u.block]! / bl;
    f[k++] = blockTerminal[u.block]! / bl;
    f[k++] = blockStop[u.block]! / bw;
    const prevLine = lines[u.index - 1];
    const nextLine = lines[u.index + 1];
    f[k++] = prevLine === undefined || prevLine.block !== u.block ? 1 : 0;
    f[k++] = nextLine === undefined || nextLine.block !== u.block ? 1 : 0;
    // window of two units either side
    let ww = 0;
    let ws = 0;
    let wt = 0;
    let wb = 0;
    let wn = 0;
    for (let d = -2; d <= 2; d++) {
      const v = units[j + d];
      if (!v) continue;
      ww += v.words;
      ws += v.stop;
      wt += v.terminal ? 1 : 0;
      wb += v.bullet ? 1 : 0;
      wn++;
    }
    f[k++] = Math.log1p(ww) / 5;
    f[k++] = ws / ww;
    f[k++] = wt / wn;
    f[k++] = wb / wn;
    const p = units[j - 1];
    const q = units[j + 1];
    f[k++] = p ? Math.log1p(p.words) / 3 : 0;
    f[k++] = p?.terminal ? 1 : 0;
    f[k++] = p ? p.stop / p.words : 0;
    f[k++] = q ? Math.log1p(q.words) / 3 : 0;
    f[k++] = q?.terminal ? 1 : 0;
    f[k++] = q ? q.stop / q.words : 0;
    f[k++] = prevLine !== undefined && prevLine.words === 0 && !prevLine.raw.trim() ? 1 : 0;
    f[k++] = nextLine !== undefined && nextLine.words === 0 && !nextLine.raw.trim() ? 1 : 0;
    const pos = totalWords ? (before + w / 2) / totalWords : 0;
    f[k++] = pos;
    f[k++] = pos * pos;
    f[k++] = docLog;
    f[k++] = u.key.length >= 20 && seen.has(u.key) ? 1 : 0;
    if (u.key.length >= 20) seen.add(u.key);
    f[k++] = prose[j]!;
    f[k++] = lastProse[j]! < 0 ? 2 : clip(Math.log1p(j - lastProse[j]!) / 3, 2);
    f[k++] = nextProse[j]! < 0 ? 2 : clip(Math.log1p(nextProse[j]! - j) / 3, 2);
    f[k++] = proseWords[j]! / proseTotal;
    f[k++] = (proseTotal - proseWords[j + 1]!) / proseTotal;
    f[k++] = cue[j]!;
    f[k++] = replyCue[j]!;
    f[k++] = clip(Math.log1p(cues) / 2, 2);
    f[k++] = lastCue < 0 ? 0 : 2 - clip(Math.log1p(j - lastCue) / 3, 2);
    if (prose[j]) proseSeen = true;
    if (proseSeen && (cue[j] || replyCue[j])) {
      cues++;
      lastCue = j;
    }
    before += w;
    rows.push(f);
  }
  return rows;
}

/** A context stage: the unit's own logit and the probabilities around it. */
export function contextFeatures(doc: Doc, logits: Float64Array): Float64Array[] {
  const { units } = doc;
  const n = units.length;
  const p = new Float64Array(n);
  for (let j = 0; j < n; j++) p[j] = 1 / (1 + Math.exp(-logits[j]!));
  // expected article words before and after each unit
  const mass = new Float64Array(n + 1);
  for (let j = 0; j < n; j++) mass[j + 1] = mass[j]! + p[j]! * units[j]!.words;
  const total = mass[n]! || 1;
  // the densest run: the span with the largest sum of (p - 0.5) × log words
  const [bestFrom, bestTo] = densestRun(units, p, 0.5);
  const runWords = bestTo >= bestFrom ? (mass[bestTo + 1]! - mass[bestFrom]!) / total : 0;
  // the densest run again, measured against the document's own best line
  let maxLogit = -Infinity;
  for (let j = 0; j < n; j++) if (logits[j]! > maxLogit) maxLogit = logits[j]!;
  const pMax = 1 / (1 + Math.exp(-maxLogit));
  const [relFrom, relTo] = densestRun(units, p, 0.5 * pMax);
  // block aggregates of p (blocks are numbered in order)
  const nb = n ? units[n - 1]!.block + 1 : 0;
  const bSum = new Float64Array(nb);
  const bCount = new Float64Array(nb);
  const bMin = new Float64Array(nb).fill(1);
  const bMax = new Float64Array(nb);
  for (let j = 0; j < n; j++) {
    const b = units[j]!.block;
    bSum[b]! += p[j]!;
    bCount[b]!++;
    if (p[j]! < bMin[b]!) bMin[b] = p[j]!;
    if (p[j]! > bMax[b]!) bMax[b] = p[j]!;
  }
  // mean probability of the units a..b (0 outside the document), from prefix sums
  const pre = new Float64Array(n + 1);
  for (let j = 0; j < n; j++) pre[j + 1] = pre[j]! + p[j]!;
  const avg = (a: number, b: number): number => {
    const lo = Math.max(0, a);
    const hi = Math.min(n - 1, b);
    if (hi < lo) return 0;
    return (pre[hi + 1]! - pre[lo]!) / (hi - lo + 1);
  };
  const rows: Float64Array[] = [];
  for (let j = 0; j < n; j++) {
    const f = new Float64Array(CONTEXT_FEATURES.length);
    let k = 0;
    f[k++] = clip(Math.abs(logits[j]!), 10) * Math.sign(logits[j]!) / 4;
    f[k++] = avg(j - 1, j - 1);
    f[k++] = avg(j - 4, j - 2);
    f[k++] = avg(j - 15, j - 5);
    f[k++] = avg(j + 1, j + 1);
    f[k++] = avg(j + 2, j + 4);
    f[k++] = avg(j + 5, j + 15);
    const mb = mass[j]! / total;
    const ma = (total - mass[j + 1]!) / total;
    f[k++] = mb;
    f[k++] = ma;
    f[k++] = mb * mb;
    f[k++] = ma * ma;
    f[k++] = j >= bestFrom && j <= bestTo ? 1 : 0;
    f[k++] = j < bestFrom ? clip(Math.log1p(bestFrom - j) / 3, 2) : 0;
    f[k++] = j > bestTo ? clip(Math.log1p(j - bestTo) / 3, 2) : 0;
    f[k++] = runWords;
    const b = units[j]!.block;
    f[k++] = bSum[b]! / bCount[b]!;
    f[k++] = bMin[b]!;
    f[k++] = bMax[b]!;
    f[k++] = clip(maxLogit - logits[j]!, 10) / 4;
    f[k++] = j >= relFrom && j <= relTo ? 1 : 0;
    f[k++] = j < relFrom ? clip(Math.log1p(relFrom - j) / 3, 2) : 0;
    f[k++] = j > relTo ? clip(Math.log1p(j - relTo) / 3, 2) : 0;
    rows.push(f);
  }
  return rows;
}

/** w · x + bias. */
export function dot(weights: readonly number[], bias: number, x: Float64Array): number {
  let s = bias;
  for (let i = 0; i < x.length; i++) s += weights[i]! * x[i]!;
  return s;
}

export type { Doc, Line };

/**
 * The run of units with the largest sum of (p − offset) weighted by log words (Kadane's maximum subarray): the
 * article's core. [from, to]; to is −1 when there are no units.
 */
export function densestRun(units: readonly Line[], p: Float64Array, offset: number): [number, number] {
  let best = -Infinity;
  let bestFrom = 0;
  let bestTo = -1;
  let cur = 0;
  let from = 0;
  for (let j = 0; j < units.length; j++) {
    const s = (p[j]! - offset) * Math.log1p(units[j]!.words);
    if (cur <= 0) {
      cur = s;
      from = j;
    } else cur += s;
    if (cur > best) {
      best = cur;
      bestFrom = from;
      bestTo = j;
    }
  }
  return [bestFrom, bestTo];
}
