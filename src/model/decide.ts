/**
 * From the model's scores to the article's lines: which lines stay, which go (in whole runs, each with its score),
 * and the header lines above the article that stay for the headline, byline and date rules.
 */
import type { Scored } from './zones.js';
import type { Line } from './lines.js';
import { labelKind } from '../rules/patterns.js';

export interface Removed {
  /** The removed lines, joined by newlines. */
  text: string;
  /** The highest article probability among them. */
  score: number;
}

export interface Decision {
  text: string;
  removed: Removed[];
  /** Kept flag per line of the document. */
  keep: boolean[];
}

/** The fewest article words a document keeps: below that the best run of lines is kept instead. */
const MIN_KEPT_WORDS = 25;
/** How far above the article's first line the header lines are looked for. */
const HEADER_REACH = 12;

/** Lines that hold no words: blank lines stay (they separate paragraphs), rules, placeholders and form fields go. */
function wordless(l: Line): 'blank' | 'junk' {
  return l.raw.trim() === '' ? 'blank' : 'junk';
}

export function articleLines({ doc, p }: Scored, threshold: number): Decision {
  const { lines, units } = doc;
  const keep = new Array<boolean>(lines.length).fill(false);
  const unitKeep = new Array<boolean>(units.length).fill(false);
  let keptWords = 0;
  for (let j = 0; j < units.length; j++) {
    if (p[j]! >= threshold) {
      unitKeep[j] = true;
      keptWords += units[j]!.words;
    }
  }
  // a document with an article never comes out empty: keep its densest run when the model keeps too little
  if (keptWords < Math.min(MIN_KEPT_WORDS, doc.totalWords)) {
    const [from, to] = bestRun(units, p);
    for (let j = from; j <= to; j++) unitKeep[j] = true;
  }
  // the header: the byline and date lines just above the article's first line, and the headline above them
  const first = unitKeep.indexOf(true);
  if (first > 0) {
    const top = units[first]!.index;
    for (let j = first - 1; j >= 0 && top - units[j]!.index <= HEADER_REACH; j--) {
      const u = units[j]!;
      const kind = headerKind(u);
      if (kind === 'byline' || kind === 'date' || labelKind(u.text)) unitKeep[j] = true;
      else if (kind === 'headline') {
        unitKeep[j] = true;
        break;
      } else if (u.words > 25) break;
    }
  }
  for (let j = 0; j < units.length; j++) if (unitKeep[j]) keep[units[j]!.index] = true;
  for (const l of lines) if (l.words === 0 && wordless(l) === 'blank') keep[l.index] = true;

  const removed: Removed[] = [];
  const out: string[] = [];
  const unitOf = new Map<number, number>();
  units.forEach((u, j) => unitOf.set(u.index, j));
  let run: string[] = [];
  let runScore = 0;
  const flush = (): void => {
    if (run.length) removed.push({ text: run.join('\n'), score: runScore });
    run = [];
    runScore = 0;
  };
  for (const l of lines) {
    if (keep[l.index]) {
      if (l.raw.trim()) flush();
      out.push(l.raw);
      continue;
    }
    // a removed line leaves a blank line, so that the lines around it do not join into one paragraph
    if (out.length && out[out.length - 1]!.trim() !== '') out.push('');
    const j = unitOf.get(l.index);
    run.push(l.raw.trim());
    if (j !== undefined) runScore = Math.max(runScore, p[j]!);
  }
  flush();
  return { text: out.join('\n'), removed, keep };
}

/** The run of units with the largest sum of (p − ½·max p) weighted by words: the article's core. */
function bestRun(units: readonly Line[], p: Float64Array): [number, number] {
  let pMax = 0;
  for (let j = 0; j < p.length; j++) if (p[j]! > pMax) pMax = p[j]!;
  let best = -Infinity;
  let from = 0;
  let bestFrom = 0;
  let bestTo = -1;
  let cur = 0;
  for (let j = 0; j < units.length; j++) {
    const s = (p[j]! - 0.5 * pMax) * Math.log1p(units[j]!.words);
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
  return bestTo < 0 ? [0, units.length - 1] : [bestFrom, bestTo];
}

const BYLINE = /^(?:by|written by|posted by|words by|story by|reported by|von|par|por|di)\s+\S/i;

/** What a line above the article may be: its headline, its byline, its date, or none of these. */
export function headerKind(u: Line): 'headline' | 'byline' | 'date' | null {
  if (u.bullet || u.placeholders > 0 || u.url) return null;
  if (BYLINE.test(u.text) && u.words <= 16) return 'byline';
  if (u.date && u.words <= 12) return 'date';
  if (u.words < 3 || u.words > 25) return null;
  if (u.chrome / u.words > 0.3 || u.separators > 1 || u.repeats > 2) return null;
  return !/[.,;:]$/.test(u.text) ? 'headline' : null;
}
