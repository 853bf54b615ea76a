/**
 * A deterministic generator of labelled news-like corpora, for tests and the benchmark.
 *
 * Articles (~570 words, a headline line and 10–14 paragraphs) come from a small
 * sentence grammar over pseudo-words made from syllables, with per-topic vocabulary,
 * so nothing is copied from real articles. Each article belongs to a *family*: an
 * original and its planted variants:
 *
 * - `wire`     the same story in another outlet's header and footer lines
 * - `headline` a new headline
 * - `reorder`  the body paragraphs in another order
 * - `excerpt`  a contiguous run of paragraphs holding 30–60 % of the words
 * - `reword`   2–12 % of the words replaced by other words
 * - compositions of two or three of these (kind `wire+excerpt`, …)
 *
 * Controls: `quote` families are two *different* articles that carry the same long
 * quote (45–70 words); they must come out as `overlap`, never `duplicate`. Outlet
 * boilerplate (a header and a footer line per outlet) is shared by thousands of
 * unrelated articles and must not create pairs.
 *
 * Any document can be regenerated from its index alone (`text(i)`), so a corpus of a
 * million documents never has to be held in memory; the plan costs 9 bytes a document.
 */
import { hash2 } from './hash.js';

/**
 * Small, fast seeded PRNG (sfc32, 128-bit state) returning floats in [0, 1). The
 * state is filled from the seed through a hash, so nearby seeds give unrelated
 * streams (a counter-based generator such as mulberry32 would give shifted copies).
 */
export function seededRandom(seed: number): () => number {
  let a = hash2(seed, 0x9e3779b9) | 0;
  let b = hash2(seed, 0x7f4a7c15) | 0;
  let c = hash2(seed, 0xbb67ae85) | 0;
  let d = 1;
  const next = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 12; i++) next();
  return next;
}

export const VARIANT_OPS = ['wire', 'headline', 'reorder', 'excerpt', 'reword'] as const;
export type VariantOp = (typeof VARIANT_OPS)[number];

/** Role of a document in its family: 0 = original, 255 = quote control, else a bit set of ops. */
const ROLE_ORIGINAL = 0;
const ROLE_QUOTE = 255;
const OP_BIT: Record<VariantOp, number> = { wire: 1, headline: 2, reorder: 4, excerpt: 8, reword: 16 };

export interface CorpusOptions {
  docs: number;
  seed?: number;
}

export interface DocLabel {
  index: number;
  id: string;
  family: number;
  /** `original`, `quote` (control) or the variant kind, e.g. `excerpt+reword`. */
  kind: string;
}

export interface PlantedPair {
  a: string;
  b: string;
  /** The variant kind of the non-original member, `sibling` for two full variants, or `quote`. */
  kind: string;
  expect: 'duplicate' | 'overlap';
}

interface Vocab {
  general: string[];
  verbs: string[];
  adjectives: string[];
  first: string[];
  last: string[];
  places: string[];
  orgs: string[];
  topics: string[][];
  outlets: Array<{ name: string; header: string; footer: string }>;
}

const ONSETS = ['b', 'br', 'c', 'ch', 'd', 'dr', 'f', 'g', 'gr', 'h', 'j', 'k', 'l', 'm', 'n', 'p', 'pr', 'r', 's', 'st', 't', 'tr', 'v', 'w', 'z', 'sh', 'pl', 'cl'];
const NUCLEI = ['a', 'e', 'i', 'o', 'u', 'ai', 'ea', 'ou', 'io', 'ei'];
const CODAS = ['', '', 'n', 'r', 's', 'l', 'm', 'nd', 'st', 'k', 'th', 'rt', 'x'];

function makeWords(rand: () => number, count: number, minSyl: number, maxSyl: number, taken: Set<string>): string[] {
  const out: string[] = [];
  while (out.length < count) {
    const syl = minSyl + Math.floor(rand() * (maxSyl - minSyl + 1));
    let w = '';
    for (let s = 0; s < syl; s++) {
      w += ONSETS[Math.floor(rand() * ONSETS.length)]! + NUCLEI[Math.floor(rand() * NUCLEI.length)]!;
      if (s === syl - 1 || rand() < 0.3) w += CODAS[Math.floor(rand() * CODAS.length)]!;
    }
    if (taken.has(w)) continue;
    taken.add(w);
    out.push(w);
  }
  return out;
}

const cap = (w: string): string => w.charAt(0).toUpperCase() + w.slice(1);

function buildVocab(seed: number): Vocab {
  const rand = seededRandom(hash2(seed, 0x766f6361));
  const taken = new Set<string>();
  const general = makeWords(rand, 6000, 1, 3, taken);
  const verbs = makeWords(rand, 1500, 1, 2, taken);
  const adjectives = makeWords(rand, 1500, 2, 3, taken);
  const first = makeWords(rand, 800, 2, 2, taken).map(cap);
  const last = makeWords(rand, 3000, 2, 3, taken).map(cap);
  const places = makeWords(rand, 1500, 2, 3, taken).map(cap);
  const orgs = makeWords(rand, 800, 1, 2, taken).map(cap);
  const topics: string[][] = [];
  for (let t = 0; t < 400; t++) topics.push(makeWords(rand, 90, 2, 3, taken));
  const outletWords = makeWords(rand, 400, 2, 3, taken);
  const outlets: Vocab['outlets'] = [];
  for (let o = 0; o < 12; o++) {
    const w = (i: number): string => outletWords[(o * 31 + i) % outletWords.length]!;
    const name = `The ${cap(w(0))} ${cap(w(1))}`;
    outlets.push({
      name,
      header: `${name} | ${cap(w(2))} news and ${w(3)} from ${cap(w(4))} and the ${w(5)} ${w(6)} region`,
      footer:
        `Copyright ${name}. All rights reserved. This material may not be published, broadcast, rewritten or ` +
        `redistributed without permission. Follow ${name} for more ${w(7)} and ${w(8)} news, ` +
        `and write to our ${w(9)} desk with your ${w(10)} tips.`,
    });
  }
  return { general, verbs, adjectives, first, last, places, orgs, topics, outlets };
}

const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/**
 * Sentence templates. Slots: N noun, S plural noun, T topic noun, A adjective,
 * V verb (past), B verb (base), P person, L place, O organisation, D day, M month,
 * X number. Fixed wording is kept short so unrelated articles rarely share long runs.
 */
const TEMPLATES = [
  'P said on D that the A T would B the N in L.',
  'The O V X S after the A N in L, officials said.',
  'According to the O, the T V by X percent in M.',
  '"We will B the N and B every A T," P told reporters in L.',
  'Officials in L V the A S on D, saying the T had V the N.',
  'P, a A N at the O, V that S from L could B A T.',
  'The T is expected to B the N of L before M.',
  'Critics of the O V the N, arguing that the A T V S in L.',
  'It remained unclear whether the T would B the A N.',
  'In M the O V X S to L, P said.',
  'The A N V the T and the S of L for X days.',
  'P and P V the A T during a meeting in L on D.',
  'Residents of L V A S as the T V the N.',
  'The O has V A S over the T since M.',
  'One spokesperson for the O V to B the A N.',
  'Some X S were V in L, the O said in a statement.',
  'The T had V A N among S and S in L.',
  'P V the T as A and V the O to B its S.',
  'Analysts at the O expect the N to B the A T by M.',
  'The A S of L V the T on D.',
  'Talks between the O and the O V the A N of the T.',
  '"The T is A and the S are A," said P, who V the N.',
  'Earlier, P had V a A N about the S of L.',
  'The N V after X S V the A T near L.',
];

/** One template word: fixed text, or a slot with the punctuation around it. */
type Piece = { fixed: string } | { pre: string; slot: string; post: string };
const PARSED: Piece[][] = TEMPLATES.map((t) =>
  t.split(' ').map((w): Piece => {
    const m = /^("?)([NSTAVBPLODMX])([^A-Za-z]*)$/.exec(w);
    return m ? { pre: m[1]!, slot: m[2]!, post: m[3]! } : { fixed: w };
  }),
);
/** Words per template (a person slot is two words). */
const TEMPLATE_WORDS = PARSED.map((t) => t.reduce((n, p) => n + ('slot' in p && p.slot === 'P' ? 2 : 1), 0));

export interface Article {
  outlet: number; // -1: none
  headline: string;
  paragraphs: string[];
}

export class CorpusGenerator {
  readonly docs: number;
  readonly seed: number;
  private readonly vocab: Vocab;
  /** Family of each document. */
  readonly familyOf: Uint32Array;
  /** Role of each document: see ROLE_*. */
  readonly roleOf: Uint8Array;
  /** First document of each family (its original); one entry per family, plus the end. */
  readonly familyStart: Uint32Array;
  readonly families: number;

  constructor({ docs, seed = 1 }: CorpusOptions) {
    if (!Number.isInteger(docs) || docs < 1) throw new RangeError(`docs must be a positive integer, got ${docs}`);
    this.docs = docs;
    this.seed = seed >>> 0;
    this.vocab = buildVocab(this.seed);
    this.familyOf = new Uint32Array(docs);
    this.roleOf = new Uint8Array(docs);
    const starts: number[] = [];
    const rand = seededRandom(hash2(this.seed, 0x706c616e));
    let i = 0;
    let f = 0;
    while (i < docs) {
      starts.push(i);
      const r = rand();
      let size: number;
      let quote = false;
      if (r < 0.55) size = 1;
      else if (r < 0.85) size = 2 + Math.floor(rand() * 3); // 1–3 variants
      else if (r < 0.97) size = 5 + Math.floor(rand() * 7); // 4–10 variants
      else if (r < 0.98) size = 21 + Math.floor(rand() * 20); // a wire story run 20–40 times
      else {
        size = 2;
        quote = true;
      }
      size = Math.min(size, docs - i);
      for (let m = 0; m < size; m++, i++) {
        this.familyOf[i] = f;
        if (quote) this.roleOf[i] = ROLE_QUOTE;
        else if (m === 0) this.roleOf[i] = ROLE_ORIGINAL;
        else this.roleOf[i] = pickOps(rand, size > 12);
      }
      f++;
    }
    starts.push(docs);
    this.familyStart = Uint32Array.from(starts);
    this.families = f;
  }

  id(index: number): string {
    return `d${String(index).padStart(7, '0')}`;
  }

  indexOf(id: string): number {
    return Number.parseInt(id.slice(1), 10);
  }

  kind(index: number): string {
    const role = this.roleOf[index]!;
    if (role === ROLE_ORIGINAL) return 'original';
    if (role === ROLE_QUOTE) return 'quote';
    return VARIANT_OPS.filter((op) => (role & OP_BIT[op]) !== 0).join('+');
  }

  label(index: number): DocLabel {
    return { index, id: this.id(index), family: this.familyOf[index]!, kind: this.kind(index) };
  }

  /** The text of document `index` (a headline line, then paragraphs separated by blank lines). */
  text(index: number): string {
    const art = this.article(index);
    const body = `${art.headline}\n\n${art.paragraphs.join('\n\n')}\n`;
    if (art.outlet < 0) return body;
    const o = this.vocab.outlets[art.outlet]!;
    return `${o.header}\n\n${body}\n${o.footer}\n`;
  }

  article(index: number): Article {
    const family = this.familyOf[index]!;
    const role = this.roleOf[index]!;
    const start = this.familyStart[family]!;
    if (role === ROLE_QUOTE) {
      // Two different articles (own topics) that share one long quote.
      const art = this.original(family * 3 + 1 + index - start);
      const quote = this.quote(family);
      const who = this.person(seededRandom(hash2(this.seed ^ index, 0x71756f74)));
      const para = index === start ? `"${quote}," ${who} said.` : `${who} told reporters: "${quote}"`;
      art.paragraphs.splice(2 + (index - start) * 3, 0, para);
      return art;
    }
    const art = this.original(family * 3);
    if (role === ROLE_ORIGINAL) return art;
    const rand = seededRandom(hash2(this.seed, index ^ 0x5a5a5a5a));
    if (role & OP_BIT.reorder) reorder(art, rand);
    if (role & OP_BIT.excerpt) excerpt(art, rand);
    if (role & OP_BIT.reword) this.reword(art, rand);
    if (role & OP_BIT.headline) art.headline = this.headline(rand);
    if (role & OP_BIT.wire) {
      let o = Math.floor(rand() * this.vocab.outlets.length);
      if (o === art.outlet) o = (o + 1) % this.vocab.outlets.length;
      art.outlet = o;
    }
    return art;
  }

  /** Labels of planted pairs among documents [from, to). */
  plantedPairs(from = 0, to = this.docs): PlantedPair[] {
    const out: PlantedPair[] = [];
    this.forEachPlantedPair((a, b, kind, expect) => out.push({ a: this.id(a), b: this.id(b), kind, expect }), from, to);
    return out;
  }

  /**
   * Every planted pair among documents [from, to), as document indices (a < b):
   * each variant with its original (kind = the variant's kind), every two full
   * (non-excerpt) variants of one story (`sibling`), and each quote control (`quote`,
   * expected `overlap`). Pairs of two excerpts are not labelled: they may or may not
   * share text.
   */
  forEachPlantedPair(
    fn: (a: number, b: number, kind: string, expect: 'duplicate' | 'overlap') => void,
    from = 0,
    to = this.docs,
  ): void {
    if (to <= from) return;
    const firstFamily = this.familyOf[from]!;
    const lastFamily = this.familyOf[to - 1]!;
    for (let f = firstFamily; f <= lastFamily; f++) {
      const s = Math.max(this.familyStart[f]!, from);
      const e = Math.min(this.familyStart[f + 1]!, to);
      const orig = this.familyStart[f]!;
      if (this.roleOf[orig] === ROLE_QUOTE) {
        if (s === orig && e === orig + 2) fn(orig, orig + 1, 'quote', 'overlap');
        continue;
      }
      for (let i = s; i < e; i++) {
        if (i === orig) continue;
        if (orig >= s) fn(orig, i, this.kind(i), 'duplicate');
        // Two full (non-excerpt) variants of one story are the same article too.
        if (this.roleOf[i]! & OP_BIT.excerpt) continue;
        for (let j = i + 1; j < e; j++) {
          if (this.roleOf[j]! & OP_BIT.excerpt) continue;
          fn(i, j, 'sibling', 'duplicate');
        }
      }
    }
  }

  /** True when documents a and b belong to one family (a story and its variants, or a quote control). */
  sameFamily(a: number, b: number): boolean {
    return this.familyOf[a] === this.familyOf[b];
  }

  /** True when the document is a quote control. */
  isQuoteControl(index: number): boolean {
    return this.roleOf[index] === ROLE_QUOTE;
  }

  /** The quote a quote-control document carries (null for other documents). */
  quoteOf(index: number): string | null {
    return this.roleOf[index] === ROLE_QUOTE ? this.quote(this.familyOf[index]!) : null;
  }

  // ---- text ---------------------------------------------------------------

  /** The last original made: variants of one story usually come one after another. */
  private lastOriginal: { key: number; art: Article } | null = null;

  private original(key: number): Article {
    let cached = this.lastOriginal;
    if (cached === null || cached.key !== key) {
      cached = { key, art: this.makeOriginal(key) };
      this.lastOriginal = cached;
    }
    const { outlet, headline, paragraphs } = cached.art;
    return { outlet, headline, paragraphs: [...paragraphs] };
  }

  private makeOriginal(key: number): Article {
    const rand = seededRandom(hash2(this.seed, key));
    const topic = this.vocab.topics[Math.floor(rand() * this.vocab.topics.length)]!;
    // A cast of names and places the story keeps coming back to.
    const cast = [this.person(rand), this.person(rand), this.person(rand)];
    const places = [pick(rand, this.vocab.places), pick(rand, this.vocab.places)];
    const orgs = [pick(rand, this.vocab.orgs), pick(rand, this.vocab.orgs)];
    const outlet = rand() < 0.6 ? Math.floor(rand() * this.vocab.outlets.length) : -1;
    const paragraphs: string[] = [];
    const target = 540 + Math.floor(rand() * 60);
    let words = 0;
    const nPara = 10 + Math.floor(rand() * 5);
    const perPara = target / nPara;
    while (words < target) {
      let p = '';
      let pw = 0;
      while (pw < perPara && words + pw < target + 10) {
        const t = Math.floor(rand() * PARSED.length);
        p += (p ? ' ' : '') + this.sentence(rand, PARSED[t]!, topic, cast, places, orgs);
        pw += TEMPLATE_WORDS[t]!;
      }
      paragraphs.push(p);
      words += pw;
    }
    return { outlet, headline: this.headline(rand, topic), paragraphs };
  }

  private sentence(
    rand: () => number,
    tpl: Piece[],
    topic: string[],
    cast: string[],
    places: string[],
    orgs: string[],
  ): string {
    const v = this.vocab;
    let out = '';
    let first = true;
    for (const piece of tpl) {
      let word: string;
      if ('fixed' in piece) {
        word = piece.fixed;
      } else {
        let w: string;
        switch (piece.slot) {
          case 'N': w = rand() < 0.35 ? pick(rand, topic) : zipf(rand, v.general); break;
          case 'S': w = (rand() < 0.35 ? pick(rand, topic) : zipf(rand, v.general)) + 's'; break;
          case 'T': w = pick(rand, topic); break;
          case 'A': w = zipf(rand, v.adjectives); break;
          case 'V': w = zipf(rand, v.verbs) + 'ed'; break;
          case 'B': w = zipf(rand, v.verbs); break;
          case 'P': w = rand() < 0.7 ? pick(rand, cast) : this.person(rand); break;
          case 'L': w = rand() < 0.6 ? pick(rand, places) : pick(rand, v.places); break;
          case 'O': w = rand() < 0.6 ? pick(rand, orgs) : pick(rand, v.orgs); break;
          case 'D': w = pick(rand, DAYS); break;
          case 'M': w = pick(rand, MONTHS); break;
          default: w = String(2 + Math.floor(rand() * 400)); break;
        }
        word = piece.pre + w + piece.post;
      }
      if (first) {
        word = word.startsWith('"') ? '"' + cap(word.slice(1)) : cap(word);
        first = false;
      }
      out += (out ? ' ' : '') + word;
    }
    return out;
  }

  private person(rand: () => number): string {
    return `${pick(rand, this.vocab.first)} ${zipf(rand, this.vocab.last)}`;
  }

  private headline(rand: () => number, topic?: string[]): string {
    const t = topic ?? this.vocab.topics[Math.floor(rand() * this.vocab.topics.length)]!;
    const v = this.vocab;
    return cap(
      `${zipf(rand, v.adjectives)} ${pick(rand, t)} ${zipf(rand, v.verbs)}s ${pick(rand, v.places)} ` +
        `as ${pick(rand, v.orgs)} ${zipf(rand, v.verbs)}s ${pick(rand, t)}s`,
    );
  }

  private quote(family: number): string {
    const rand = seededRandom(hash2(this.seed ^ 0x71756f74, family));
    const v = this.vocab;
    const topic = v.topics[Math.floor(rand() * v.topics.length)]!;
    const target = 45 + Math.floor(rand() * 26);
    const words: string[] = ['We'];
    while (words.length < target) {
      const r = rand();
      if (r < 0.25) words.push(pick(rand, topic));
      else if (r < 0.5) words.push(zipf(rand, v.general));
      else if (r < 0.65) words.push(zipf(rand, v.verbs));
      else if (r < 0.8) words.push(zipf(rand, v.adjectives));
      else words.push(pick(rand, ['the', 'and', 'of', 'to', 'we', 'our', 'will', 'not', 'in', 'that']));
    }
    return words.slice(0, target).join(' ');
  }

  /** Replace 2–12 % of the words (chosen at random) with other words; punctuation stays. */
  private reword(art: Article, rand: () => number): void {
    const rate = 0.02 + rand() * 0.1;
    const v = this.vocab.general;
    art.paragraphs = art.paragraphs.map((p) => {
      const words = p.split(' ');
      const changes = Math.round(words.length * rate);
      for (let c = 0; c < changes; c++) {
        const at = Math.floor(rand() * words.length);
        const m = /^(\W*)([A-Za-z]+)(.*)$/.exec(words[at]!);
        if (!m) continue;
        let w = v[Math.floor(rand() * v.length)]!;
        if (w === m[2]) w = v[(v.indexOf(w) + 1) % v.length]!;
        words[at] = m[1]! + w + m[3]!;
      }
      return words.join(' ');
    });
  }
}

let loaderGenerator: CorpusGenerator | null = null;

/**
 * A text loader over a generated corpus, for `verifyCandidatesParallel` (and the
 * benchmark): regenerates document `id` of the corpus `{ docs, seed }`.
 */
export function loadGeneratedText(id: string, data: { docs: number; seed: number }): string {
  if (!loaderGenerator || loaderGenerator.docs !== data.docs || loaderGenerator.seed !== data.seed >>> 0) {
    loaderGenerator = new CorpusGenerator(data);
  }
  return loaderGenerator.text(loaderGenerator.indexOf(id));
}

function pickOps(rand: () => number, bigFamily: boolean): number {
  const r = rand();
  if (bigFamily) {
    // A wire story run many times: mostly wrapped copies, often with a new headline.
    if (r < 0.5) return OP_BIT.wire;
    if (r < 0.8) return OP_BIT.wire | OP_BIT.headline;
    if (r < 0.9) return OP_BIT.wire | OP_BIT.excerpt;
    return OP_BIT.wire | OP_BIT.reword;
  }
  if (r < 0.16) return OP_BIT.wire;
  if (r < 0.28) return OP_BIT.headline;
  if (r < 0.4) return OP_BIT.reorder;
  if (r < 0.56) return OP_BIT.excerpt;
  if (r < 0.7) return OP_BIT.reword;
  // A composition of two or three operations.
  const ops = [OP_BIT.wire, OP_BIT.headline, OP_BIT.reorder, OP_BIT.excerpt, OP_BIT.reword];
  let bits = 0;
  const n = rand() < 0.7 ? 2 : 3;
  while (countBits(bits) < n) bits |= ops[Math.floor(rand() * ops.length)]!;
  return bits;
}

function countBits(x: number): number {
  let n = 0;
  for (; x; x &= x - 1) n++;
  return n;
}

function pick<T>(rand: () => number, list: readonly T[]): T {
  return list[Math.floor(rand() * list.length)]!;
}

/** Roughly Zipf-distributed choice: low indices are much more frequent. */
function zipf<T>(rand: () => number, list: readonly T[]): T {
  const u = rand();
  return list[Math.floor(list.length * u * u * u)]!;
}

function countWords(s: string): number {
  let n = 1;
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) === 32) n++;
  return n;
}

function reorder(art: Article, rand: () => number): void {
  const p = art.paragraphs;
  // Fisher–Yates, then make sure the order really changed.
  for (let i = p.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [p[i], p[j]] = [p[j]!, p[i]!];
  }
}

function excerpt(art: Article, rand: () => number): void {
  const share = 0.3 + rand() * 0.3;
  const p = art.paragraphs;
  const total = p.reduce((s, x) => s + countWords(x), 0);
  const want = total * share;
  // Usually the top of the story; sometimes a run from further down.
  const maxStart = p.length - 1;
  let start = rand() < 0.6 ? 0 : Math.floor(rand() * maxStart);
  let words = 0;
  let end = start;
  while (end < p.length && words + countWords(p[end]!) / 2 < want) words += countWords(p[end++]!);
  while (words < want * 0.8 && start > 0) words += countWords(p[--start]!);
  if (end === start) end = start + 1;
  art.paragraphs = p.slice(start, end);
}
