// Mojibake repair: text that was UTF-8, decoded with a single-byte code page
// (windows-1252, Latin-1, windows-1250/1251/1253/1254/1257, ISO-8859-2,
// MacRoman, cp437), possibly more than once, possibly only in places, and
// possibly with bytes lost on the way (turned into `?` or U+FFFD, or 0xA0
// turned into a space).
//
// 1. Segments. The text is cut into runs of characters that some code page
//    makes of a high byte, bridged over a `?` or a space that may stand for
//    a lost byte. A run is looked at only when it holds the start of a UTF-8
//    sequence in some code page, so clean text costs a regex scan.
// 2. Units. For each such code page the segment is read back as bytes and
//    parsed as UTF-8 into units: a lead byte and its continuation bytes
//    (lossy units, with a lost byte, become U+FFFD; a unit that took a space
//    for a lost 0xA0 may give the word break back; CESU-8 pairs are joined).
// 3. Choice. Decoding every unit of each code page is scored with the text
//    model (charmodel.ts), per-unit penalties and the code page's prior;
//    where nothing wins clearly, partial choices are explored by greedy
//    descent and the best candidates followed down further levels (mojibake
//    applied twice can look worse half-undone). A repair must beat the
//    segment as it is by a margin; a segment that still holds undecodable
//    lead/continuation pairs after all levels is left alone.
// 4. Text-level evidence. Segments are decided again with their neighbours'
//    repairs in place; code pages established by several wide wins are
//    favoured in the rest of the text; C1 controls in the text shun code
//    pages that would not have left them; a narrow win (the text as it was
//    is plausible too) stands only beside a wide win of the same code page
//    in its sentence.
// 5. Rounds. The whole repair is repeated on its output until nothing
//    changes, so fixText is idempotent; C1 controls left over are read as
//    windows-1252 at the very end, then one more round.
//
// Decisions are memoised by segment and context classes, and the work per
// call is capped in proportion to the input's length.
import { singleByteCharsets, windows1252High, type SingleByteCharset } from './charsets.js';
import { CONTEXT, K, SPLIT_MIN, UNKNOWN_CONTEXT, classOf, isLetter, spanBoundaryCost, spanCost, spanInnerCost } from './charmodel.js';

export interface Repair {
  /** Index of the replaced span in the input (UTF-16 code units). */
  index: number;
  /** The replaced text. */
  from: string;
  /** Its replacement. */
  to: string;
}

// Tunable costs, in the text model's units.
const UNIT_COST = 0.3; // each decoded unit
const LOSSY_COST = 0.5; // a unit with a U+FFFD for a lost byte: it becomes one U+FFFD
const QMARK_COST = 1.2; // each `?` read as a lost byte (the unit becomes U+FFFD)
const LOSSY_LONG_BONUS = 1.5; // a three- or four-byte sequence that lost only its last byte
const SPACE_A0_COST = 0.8; // each space read as byte 0xA0
const SPACE_A0_FAVOURED_COST = 0.2; // the same, in a code page established in the text
const SYMBOL_ISLAND_COST = 3; // a sign decoded from signs, with no letter or digit near
const DANGLING_LEAD_COST = 2.5; // a lead character left undecoded beside repaired text
const MARGIN = 0.5; // a repair must win by at least this much
const LONG_UNIT_BONUS = 2;
const RARE_PRIOR = 3.5; // code pages this unlikely restore no lost 0xA0 from a space
const WEAK_MARGIN = 2.5; // a repair winning by less than this needs support from the rest of the text // a complete three- or four-byte unit in a favoured code page
const CLEAR_WIN = 8; // decoding all units wins by this much: partial choices are hardly explored
const MAX_LEVELS = 4; // mojibake applied up to this many times
const MAX_SEGMENT = 160; // longer runs are cut into pieces of this size
// A code page that repaired other segments of the same text is more likely:
// its prior drops by this much (not below FAVOURED_PRIOR).
const FAVOUR_MIN_SEGMENTS = 2;
const FAVOUR_DISCOUNT = 4;
const FAVOURED_PRIOR = 0;
// A text holding C1 controls was not decoded with a code page that gives those
// bytes printable characters (windows-1250 puts ź at 0x9F, ISO-8859-2 a
// control): such code pages pay this much more for the whole text.
const SHUN_COST = 3;
const C1_EVIDENCE_DISCOUNT = 1;
const SHUN_SHIFT = 16;
const NO_A0 = 1 << 30; // in the favour bits: no space is read as a lost 0xA0

// Work budget, in characters scored, per call: a fixed allowance plus so much
// per input character. Ordinary text, even badly broken, uses a small part of
// it; adversarial input (long runs of random accented letters and signs)
// stops being repaired once it is spent, which keeps the time linear.
const BUDGET_BASE = 500_000;
const BUDGET_PER_CHAR = 150;
let budget = 0;
// Lookahead below a candidate costs this many repairOnce calls at most per segment.
const LOOKAHEAD_CALLS = 48;
let lookaheadLeft = 0;

const LOST = 0x100; // virtual byte: U+FFFD, a byte lost earlier

/** String.fromCodePoint(...cps), without spreading the array when every code point is a BMP one. */
function codePointsToString(cps: number[]): string {
  if (cps.length > 4096) return String.fromCodePoint(...cps);
  for (let i = 0; i < cps.length; i++) {
    const c = cps[i] as number;
    if (!(c >= 0 && c <= 0xffff)) return String.fromCodePoint(...cps);
  }
  return String.fromCharCode.apply(null, cps);
}
const BARRIER = -1; // virtual byte: not encodable in this code page

interface Tables {
  charsets: SingleByteCharset[];
  /** Per BMP code point: bit per charset where it encodes to a lead byte C2–F4. */
  lead: Uint16Array;
  /** Per BMP code point: bit per charset where it encodes to a continuation byte 80–BF. */
  cont: Uint16Array;
  /** Per BMP code point: bit per charset where it encodes to a two-byte lead C2–DF. */
  lead2: Uint16Array;
  /**
   * Per BMP code point: bit per charset where it encodes to a two-byte lead
   * whose sequence with 0xA0 is a common character (à, Š, Ơ, Π, Р, נ, a
   * no-break space …): only then can a space after it stand for a lost 0xA0.
   */
  leadA0: Uint16Array;
  /** Per BMP code point: bit per charset where it encodes to a three-byte lead E0–EF. */
  lead3: Uint16Array;
  /** Per BMP code point: bit per charset where it encodes to a four-byte lead F0–F4. */
  lead4: Uint16Array;
  /** Per BMP code point: some charset encodes it to a high byte. */
  high: Uint8Array;
  /** Per BMP code point: the most continuation bytes it needs as a lead byte in any charset (0-3). */
  need: Uint8Array;
  all: number;
  c1: Uint16Array;
  /** Per C1 control U+0080+i: bit per charset (other than windows-1252) that gives that byte a printable character. */
  c1Defined: Uint16Array;
  /** Charsets that give no byte 0x80–0x9F a printable character (ISO-8859-2). */
  isoLike: number;
  /** Per charset id: bit of the windows code page with the same letters (ISO-8859-2 → windows-1250). */
  rivalOf: number[];
}

let tables: Tables | undefined;

/** An ISO code page and the windows code page that has the same letters at other bytes. */
const RIVALS: Record<string, string> = { 'iso-8859-2': 'windows-1250' };

/** Whether a character completed by a lost 0xA0 is common enough to restore from a space. */
function commonWithA0(cp: number): boolean {
  const c = classOf(cp);
  return c === K.LLOW || c === K.LUP || c === K.GREEK || c === K.CYR || c === K.HEB || c === K.ARAB || c === K.NBSP;
}

function getTables(): Tables {
  if (tables) return tables;
  const charsets = singleByteCharsets();
  const lead = new Uint16Array(0x10000);
  const cont = new Uint16Array(0x10000);
  const lead2 = new Uint16Array(0x10000);
  const lead3 = new Uint16Array(0x10000);
  const leadA0 = new Uint16Array(0x10000);
  const lead4 = new Uint16Array(0x10000);
  const high = new Uint8Array(0x10000);
  const need = new Uint8Array(0x10000);
  for (const cs of charsets) {
    const bit = 1 << cs.id;
    for (let cp = 0x80; cp < 0x10000; cp++) {
      const b = cs.encode[cp] ?? 0;
      if (b === 0) continue;
      high[cp] = 1;
      if (b >= 0xc2 && b <= 0xf4) {
        lead[cp] = (lead[cp] ?? 0) | bit;
        if (b < 0xe0) {
          lead2[cp] = (lead2[cp] ?? 0) | bit;
          // Not for Mac OS Roman and cp437, whose leads include the dashes and quotes of clean text.
          if (cs.prior < RARE_PRIOR && commonWithA0(((b & 0x1f) << 6) | 0x20)) leadA0[cp] = (leadA0[cp] ?? 0) | bit;
        }
        else if (b < 0xf0) lead3[cp] = (lead3[cp] ?? 0) | bit;
        else lead4[cp] = (lead4[cp] ?? 0) | bit;
        need[cp] = Math.max(need[cp] ?? 0, b < 0xe0 ? 1 : b < 0xf0 ? 2 : 3);
      } else if (b >= 0x80 && b <= 0xbf) {
        cont[cp] = (cont[cp] ?? 0) | bit;
      }
    }
  }
  high[0xfffd] = 1;
  const all = (1 << charsets.length) - 1;
  const c1Defined = new Uint16Array(32);
  for (const cs of charsets) {
    if (cs.name === 'windows-1252') continue; // also stands for Latin-1, which keeps the C1 controls
    for (let i = 0; i < 32; i++) if ((cs.high[i] ?? 0) !== 0x80 + i) c1Defined[i] = (c1Defined[i] ?? 0) | (1 << cs.id);
  }
  cont[0xfffd] = all;
  let isoLike = 0;
  for (const cs of charsets) {
    let defines = false;
    for (let i = 0; i < 32; i++) if ((cs.high[i] ?? 0) !== 0x80 + i) defines = true;
    if (!defines) isoLike |= 1 << cs.id;
  }
  const rivalOf = charsets.map((cs) => {
    const rival = charsets.find((other) => other.name === RIVALS[cs.name]);
    return rival ? 1 << rival.id : 0;
  });
  tables = { charsets, lead, cont, lead2, leadA0, lead3, lead4, high, need, all, c1: windows1252High(), c1Defined, isoLike, rivalOf };
  return tables;
}

interface Unit {
  start: number; // index into the segment's code points
  end: number;
  out: number; // decoded code point
  penalty: number;
  /** Three or four real bytes: strong evidence of mojibake. */
  long: boolean;
  /** The unit took a space for its last byte (a lost 0xA0) and gives the space back after its character. */
  space: boolean;
}

/** The code point a C1 control becomes when read as windows-1252 (others unchanged). */
function c1View(cp: number, c1: Uint16Array | null): number {
  if (c1 && cp >= 0x80 && cp < 0xa0) return c1[cp - 0x80] ?? cp;
  return cp;
}

/**
 * Set when parseUnits reads a character of the context (left or right of the
 * segment): its result then holds only in that context and is not kept in
 * the segment's plan.
 */
let contextRead = false;

function letterOrDigitNear(left: number[], seg: number[], right: number[], start: number, end: number): boolean {
  for (let k = start - 2; k < end + 2; k++) {
    if (k >= start && k < end) continue;
    if (k < 0 || k >= seg.length) contextRead = true;
    const cp = k < 0 ? left[left.length + k] : k >= seg.length ? right[k - seg.length] : seg[k];
    const c = classOf(cp ?? 0x20);
    if (isLetter(c) || c === K.DIGIT) return true;
  }
  return false;
}

function isNonLatinLetter(cp: number): boolean {
  const c = classOf(cp);
  return isLetter(c) && c !== K.LLOW && c !== K.LUP && c !== K.LRARE && c !== K.ALOW && c !== K.AUP && c !== K.MODL;
}

const VOWELS = /^[aeiouyàáâãäåæèéêëìíîïòóôõöøùúûüýÿœăâêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]$/i;

/**
 * Whether a character restored from a lead and a space (a lost 0xA0) keeps a
 * word break after it. Scrapers that turn a no-break space into a space also
 * collapse the space that followed: "à la" became "Ã\u00a0 la", then "Ã la".
 * Capitals (Š, Ơ, Р, Π), a no-break space and letters that never end a word
 * (Hebrew נ) take the next letters as their own word; a small letter (à)
 * keeps the break unless what follows cannot be a word by itself: two
 * letters at most and no vowel ("Thà nh" is "Thành", "às"), or one of the
 * vowels that end Vietnamese syllables after à ("vào", "này"). Signs (†)
 * keep the break.
 */
function keepsWordBreak(cp: number, seg: number[], right: number[], from: number): boolean {
  const c = classOf(cp);
  if (c === K.NBSP || c === K.SPACE) return false;
  const at = (k: number) => {
    if (k >= seg.length) contextRead = true;
    return k < seg.length ? seg[k] : right[k - seg.length];
  };
  const first = at(from);
  // Another space, punctuation or the end: the break is there already.
  if (first === undefined) return false;
  const fc = first === UNKNOWN_CONTEXT ? K.LUP : classOf(first);
  if (fc !== K.DIGIT && !isLetter(fc)) return false;
  if (!isLetter(c)) return c !== K.MARK && c !== K.ODIGIT && c !== K.DIGIT;
  const ch = String.fromCodePoint(cp);
  if (ch === ch.toUpperCase() || c !== K.LLOW) return false;
  if (first === UNKNOWN_CONTEXT || fc === K.DIGIT) return true;
  let word = '';
  let k = from;
  for (; word.length < 4; k++) {
    const next = at(k);
    if (next === undefined) break;
    // A character that may be mojibake itself counts as a vowel.
    if (next === UNKNOWN_CONTEXT) word += 'a';
    else if (isLetter(classOf(next))) word += String.fromCodePoint(next);
    else break;
  }
  const after = at(k);
  // An elided article or preposition (l’, d’, qu’) is a word of its own.
  if (after === 0x2019 || after === 0x27) return true;
  // Portuguese contracts à with aquele, aquela, aquilo: àquele, àquilo.
  if (cp === 0xe0 && /^qu[ei]l/.test(word)) return false;
  if (word.length <= 2 && ![...word].some((x) => VOWELS.test(x))) return false;
  if (word.length === 1 && 'oiyu'.includes(word.toLowerCase())) return false;
  return true;
}

/** A Latin letter, or a character that is a continuation byte in some code page (what mojibake is made of). */
function isLatinLetterOrCont(cp: number, t: Tables): boolean {
  const c = classOf(cp);
  return c === K.ALOW || c === K.AUP || c === K.LLOW || c === K.LUP || (cp < 0x10000 && (t.cont[cp] ?? 0) !== 0 && cp !== 0xfffd);
}

/** Whether the character at seg[k] (or in the right context after the segment) is a Latin letter or a digit. */
function latinLetterAfter(seg: number[], right: number[], k: number): boolean {
  if (k >= seg.length) contextRead = true;
  const c = classOf((k < seg.length ? seg[k] : right[k - seg.length]) ?? 0x20);
  return c === K.ALOW || c === K.AUP || c === K.LLOW || c === K.LUP || c === K.DIGIT;
}

/** Whether the character before seg[j] (in the segment or its left context) is a Latin letter or mojibake. */
function gluedToLetter(seg: number[], left: number[], j: number, t: Tables): boolean {
  if (j === 0) contextRead = true;
  const before = j > 0 ? seg[j - 1] : left[left.length - 1];
  return isLatinLetterOrCont(before ?? 0x20, t);
}

function lossyFffd(vb: Int16Array, j: number, need: number): boolean {
  for (let t = 1; t <= need; t++) if (vb[j + t] === LOST) return true;
  return false;
}

interface Parse {
  units: Unit[];
  /** Positions of lead bytes (in this code page) that no unit starts at. */
  strayLeads: number[];
}

let vbScratch = new Int16Array(256);
// The stray leads of a parse that has none (shared, never added to).
const NO_STRAY_LEADS: number[] = [];

// The last parse, in reused arrays: its units (start, end, decoded code
// point, penalty, long, space) and stray leads. Most parses of a segment
// give a reading that is merged with or part of an earlier one; only a
// reading that is kept is made into objects (parseFromScratch).
let uStart = new Int32Array(64);
let uEnd = new Int32Array(64);
let uOut = new Int32Array(64);
let uPenalty = new Float64Array(64);
let uLong = new Uint8Array(64);
let uSpace = new Uint8Array(64);
let strayScratch = new Int32Array(64);
let strayCount = 0;

/** Parse seg as UTF-8 read back through cs into the scratch arrays; returns the number of units. */
function parseUnits(seg: number[], cs: SingleByteCharset, left: number[], right: number[], spacesAsA0: boolean, t: Tables, favoured: boolean): number {
  const enc = cs.encode;
  const n = seg.length;
  if (vbScratch.length < n + 4) vbScratch = new Int16Array((n + 4) * 2);
  if (uStart.length < n) {
    const size = n * 2;
    uStart = new Int32Array(size);
    uEnd = new Int32Array(size);
    uOut = new Int32Array(size);
    uPenalty = new Float64Array(size);
    uLong = new Uint8Array(size);
    uSpace = new Uint8Array(size);
    strayScratch = new Int32Array(size);
  }
  const vb = vbScratch;
  vb[n] = BARRIER;
  vb[n + 1] = BARRIER;
  vb[n + 2] = BARRIER;
  vb[n + 3] = BARRIER;
  for (let i = 0; i < n; i++) {
    const cp = seg[i] ?? 0;
    if (cp < 0x80) vb[i] = cp;
    else if (cp === 0xfffd) vb[i] = LOST;
    else {
      const b = cp < 0x10000 ? (enc[cp] ?? 0) : 0;
      vb[i] = b === 0 ? BARRIER : b;
    }
  }
  let count = 0;
  let surrogates = false;
  strayCount = 0;
  let j = 0;
  while (j < n) {
    const b0 = vb[j] ?? BARRIER;
    if (b0 < 0xc2 || b0 > 0xf4) {
      j++;
      continue;
    }
    const need = b0 < 0xe0 ? 1 : b0 < 0xf0 ? 2 : 3;
    if (j + need >= n) {
      strayScratch[strayCount++] = j;
      j++;
      continue;
    }
    let ok = true;
    let lossy = false;
    let qmarks = 0;
    let spaces = 0;
    let real = 0;
    let cp = need === 1 ? b0 & 0x1f : need === 2 ? b0 & 0x0f : b0 & 0x07;
    for (let k = 1; k <= need; k++) {
      const c = vb[j + k] ?? BARRIER;
      let bits: number;
      if (c >= 0x80 && c <= 0xbf) {
        bits = c & 0x3f;
        real++;
        if (k === 1) {
          // Shortest form and range of the second byte.
          if ((b0 === 0xe0 && c < 0xa0) || (b0 === 0xf0 && c < 0x90) || (b0 === 0xf4 && c > 0x8f)) {
            ok = false;
            break;
          }
        }
      } else if (c === LOST) {
        lossy = true;
        bits = 0;
      } else if (c === 0x3f) {
        lossy = true;
        qmarks++;
        bits = 0;
      } else if (c === 0x20 && spacesAsA0 && k === need && (need > 1 || ((t.leadA0[seg[j] ?? 0] ?? 0) >> cs.id) & 1)) {
        spaces++;
        bits = 0x20;
        if (k === 1 && (b0 === 0xe0 || b0 === 0xf0)) {
          ok = false;
          break;
        }
      } else {
        ok = false;
        break;
      }
      cp = (cp << 6) | bits;
    }
    // A unit needs at least one real continuation byte, or a U+FFFD, or to be
    // two bytes long: a lead byte followed only by `?` and spaces is no evidence.
    const bare = real === 0 && !lossyFffd(vb, j, need);
    // A lead letter of another script than Latin and a space ("В ", a Russian
    // word) is none either, unless glued to a Latin letter ("dГ©jГ  vu"), or
    // the code page is established in the text and a Latin word follows
    // ("Г la gare" is "à la gare").
    const otherScriptWord =
      bare && spaces > 0 && isNonLatinLetter(seg[j] ?? 0) && !gluedToLetter(seg, left, j, t) && !(favoured && latinLetterAfter(seg, right, j + 2) && isLetter(classOf(cp)));
    if (!ok || (bare && need > 1) || otherScriptWord) {
      strayScratch[strayCount++] = j;
      j++;
      continue;
    }
    let penalty = UNIT_COST + spaces * (favoured ? SPACE_A0_FAVOURED_COST : SPACE_A0_COST);
    // Three or four bytes that make a sign (a box-drawing character, an
    // arrow, a dingbat), in a code page the text is already known to be
    // broken with, hardly happen by chance; the text model alone finds signs
    // among letters expensive.
    if (favoured && need >= 2 && real === need && !isLetter(classOf(cp))) penalty -= LONG_UNIT_BONUS;
    if (lossy) {
      cp = 0xfffd;
      penalty += LOSSY_COST + qmarks * QMARK_COST;
      // A three- or four-byte sequence whose lead and first continuation byte
      // are there and only the last byte is lost ("â€?", "â€\ufffd") is as
      // strong a trace as a whole one.
      const last = vb[j + need];
      if (need >= 2 && real === need - 1 && (last === 0x3f || last === LOST)) penalty -= LOSSY_LONG_BONUS;
    }
    if (!isLetter(classOf(cp))) {
      let signsOnly = true;
      for (let k = j; k <= j + need; k++) if (isLetter(classOf(seg[k] ?? 0x20))) signsOnly = false;
      if (signsOnly && !letterOrDigitNear(left, seg, right, j, j + 1 + need)) penalty += SYMBOL_ISLAND_COST;
    }
    uStart[count] = j;
    uEnd[count] = j + 1 + need;
    uOut[count] = cp;
    uPenalty[count] = penalty;
    uLong[count] = need >= 2 && real === need ? 1 : 0;
    uSpace[count] = spaces > 0 && vb[j + need] === 0x20 && keepsWordBreak(cp, seg, right, j + need + 1) ? 1 : 0;
    if (cp >= 0xd800 && cp <= 0xdfff) surrogates = true;
    count++;
    j += 1 + need;
  }
  if (!surrogates) return count;
  // Surrogates (CESU-8, "modified UTF-8"): pair them up, drop lone ones (in place: w <= u).
  let w = 0;
  for (let u = 0; u < count; u++) {
    const out = uOut[u] as number;
    if (out >= 0xd800 && out <= 0xdfff) {
      if (out < 0xdc00 && u + 1 < count && uStart[u + 1] === uEnd[u] && (uOut[u + 1] as number) >= 0xdc00 && (uOut[u + 1] as number) <= 0xdfff) {
        uStart[w] = uStart[u] as number;
        uEnd[w] = uEnd[u + 1] as number;
        uOut[w] = 0x10000 + ((out - 0xd800) << 10) + ((uOut[u + 1] as number) - 0xdc00);
        uPenalty[w] = (uPenalty[u] as number) + (uPenalty[u + 1] as number);
        uLong[w] = 0;
        uSpace[w] = 0;
        w++;
        u++;
      }
      continue;
    }
    uStart[w] = uStart[u] as number;
    uEnd[w] = uEnd[u] as number;
    uOut[w] = out;
    uPenalty[w] = uPenalty[u] as number;
    uLong[w] = uLong[u] as number;
    uSpace[w] = uSpace[u] as number;
    w++;
  }
  return w;
}

/** The parse in the scratch arrays (count units) as objects. */
function parseFromScratch(count: number): Parse {
  const units: Unit[] = [];
  for (let u = 0; u < count; u++) {
    units.push({ start: uStart[u] as number, end: uEnd[u] as number, out: uOut[u] as number, penalty: uPenalty[u] as number, long: uLong[u] === 1, space: uSpace[u] === 1 });
  }
  let strayLeads = NO_STRAY_LEADS;
  if (strayCount > 0) {
    strayLeads = [];
    for (let k = 0; k < strayCount; k++) strayLeads.push(strayScratch[k] as number);
  }
  return { units, strayLeads };
}

let allOnScratch = new Int32Array(256);

/** seg with every unit of the scratch parse decoded (render with every unit chosen), in allOnScratch; returns its length. */
function renderScratch(seg: number[], count: number): number {
  if (allOnScratch.length < 2 * seg.length) allOnScratch = new Int32Array(4 * seg.length);
  const out = allOnScratch;
  let n = 0;
  let pos = 0;
  for (let u = 0; u < count; u++) {
    for (; pos < (uStart[u] as number); pos++) out[n++] = seg[pos] ?? 0x20;
    out[n++] = uOut[u] as number;
    if (uSpace[u] === 1) out[n++] = 0x20;
    pos = uEnd[u] as number;
  }
  for (; pos < seg.length; pos++) out[n++] = seg[pos] ?? 0x20;
  return n;
}

/** Whether every unit of the scratch parse (count units) is a unit of q (same place, same character): a partial reading of it. */
function scratchSubParse(count: number, q: Parse): boolean {
  if (count >= q.units.length) return false;
  let k = 0;
  for (let u = 0; u < count; u++) {
    const start = uStart[u] as number;
    while (k < q.units.length && (q.units[k] as Unit).start < start) k++;
    const v = q.units[k];
    if (!v || v.start !== start || v.end !== uEnd[u] || v.out !== uOut[u]) return false;
  }
  return true;
}

/** Build the output of a choice of units (1 = decode) between the context code points. */
function render(seg: number[], units: Unit[], choice: Uint8Array, left: number[], right: number[], c1: Uint16Array | null): number[] {
  const out: number[] = [...left];
  let pos = 0;
  for (let u = 0; u < units.length; u++) {
    const unit = units[u] as Unit;
    if (choice[u]) {
      for (; pos < unit.start; pos++) out.push(c1View(seg[pos] ?? 0x20, c1));
      out.push(unit.out);
      if (unit.space) out.push(0x20);
      pos = unit.end;
    }
  }
  for (; pos < seg.length; pos++) out.push(c1View(seg[pos] ?? 0x20, c1));
  for (const r of right) out.push(r);
  return out;
}

/** Penalties of a choice: per decoded unit, and for lead characters left undecoded beside decoded ones. */
function choicePenalty(p: Parse, choice: Uint8Array): number {
  let cost = 0;
  let any = false;
  for (let u = 0; u < p.units.length; u++) {
    const unit = p.units[u] as Unit;
    if (choice[u]) {
      cost += unit.penalty;
      any = true;
    }
  }
  if (!any) return 0;
  let stray = p.strayLeads.length;
  for (let u = 0; u < p.units.length; u++) if (!choice[u]) stray++;
  return cost + stray * DANGLING_LEAD_COST;
}

let scratch = new Int32Array(512);

/** Cost of a choice of units of seg rendered between the context code points, scored in a reused buffer. */
function renderedCost(seg: number[], units: Unit[], choice: Uint8Array | null, left: number[], right: number[], c1: Uint16Array): number {
  const need = left.length + seg.length + right.length;
  if (scratch.length < need) scratch = new Int32Array(need * 2);
  const buf = scratch;
  let n = 0;
  for (let i = 0; i < left.length; i++) buf[n++] = left[i] ?? 0x20;
  let pos = 0;
  if (choice) {
    for (let u = 0; u < units.length; u++) {
      const unit = units[u] as Unit;
      if (choice[u]) {
        for (; pos < unit.start; pos++) buf[n++] = c1View(seg[pos] ?? 0x20, c1);
        buf[n++] = unit.out;
        if (unit.space) buf[n++] = 0x20;
        pos = unit.end;
      }
    }
  }
  for (; pos < seg.length; pos++) buf[n++] = c1View(seg[pos] ?? 0x20, c1);
  const to = n;
  for (let i = 0; i < right.length; i++) buf[n++] = right[i] ?? 0x20;
  budget -= n;
  return spanCost(buf, left.length, to, n);
}

// How far a change can move costs: isolation looks CONTEXT characters away
// from characters that are themselves up to CONTEXT away from the change.
const REACH = CONTEXT * 2;

/**
 * Cost of the output around unit u only (enough characters on both sides
 * that everything the unit's choice can influence is inside), for comparing
 * the two choices of u.
 */
let localScratch = new Int32Array(256);

function localCost(seg: number[], p: Parse, choice: Uint8Array, left: number[], right: number[], c1: Uint16Array, u: number): number {
  const unit = p.units[u] as Unit;
  let from = Math.max(0, unit.start - REACH);
  let to = Math.min(seg.length, unit.end + REACH);
  for (const v of p.units) {
    if (v.end > from && v.start < from) from = v.start;
    if (v.start < to && v.end > to) to = v.end;
  }
  const maxLen = 2 * REACH + 16 + (to - from);
  if (localScratch.length < maxLen) localScratch = new Int32Array(maxLen * 2);
  const out = localScratch;
  let n = 0;
  const missingLeft = REACH - (unit.start - from);
  if (from === 0 && missingLeft > 0) for (let i = Math.max(0, left.length - missingLeft); i < left.length; i++) out[n++] = left[i] ?? 0x20;
  let inner = 0;
  let innerEnd = 0;
  let pos = from;
  for (let k = 0; k < p.units.length; k++) {
    const v = p.units[k] as Unit;
    if (v.start < from || v.start >= to) continue;
    if (k === u) {
      for (; pos < v.start; pos++) out[n++] = c1View(seg[pos] ?? 0x20, c1);
      inner = n;
      if (choice[k]) {
        out[n++] = v.out;
        if (v.space) out[n++] = 0x20;
        pos = v.end;
      } else {
        for (; pos < v.end; pos++) out[n++] = c1View(seg[pos] ?? 0x20, c1);
      }
      innerEnd = n;
    } else if (choice[k]) {
      for (; pos < v.start; pos++) out[n++] = c1View(seg[pos] ?? 0x20, c1);
      out[n++] = v.out;
      if (v.space) out[n++] = 0x20;
      pos = v.end;
    }
  }
  for (; pos < to; pos++) out[n++] = c1View(seg[pos] ?? 0x20, c1);
  const missingRight = REACH - (to - unit.end);
  if (to === seg.length && missingRight > 0) for (let i = 0; i < Math.min(missingRight, right.length); i++) out[n++] = right[i] ?? 0x20;
  budget -= n;
  return spanCost(out, inner, innerEnd, n);
}

/** Greedy descent over which units to decode, from a starting choice. */
function descend(seg: number[], p: Parse, start: Uint8Array, left: number[], right: number[], c1: Uint16Array): Uint8Array {
  const choice = start.slice();
  const passes = p.units.length > 8 ? 1 : 3;
  for (let pass = 0; pass < passes; pass++) {
    let improved = false;
    for (let u = 0; u < p.units.length; u++) {
      const before = localCost(seg, p, choice, left, right, c1, u) + choicePenalty(p, choice);
      choice[u] = choice[u] ? 0 : 1;
      const after = localCost(seg, p, choice, left, right, c1, u) + choicePenalty(p, choice);
      if (after < before - 1e-9) improved = true;
      else choice[u] = choice[u] ? 0 : 1;
    }
    if (!improved) break;
  }
  // The caller scores the choice as a candidate; the characters of scoring
  // the whole choice are counted against the budget here all the same (the
  // budget's measure of a descent), so that the work allowed per call, and
  // mojibakeWork(), do not depend on how a descent is computed.
  let n = left.length + seg.length + right.length;
  for (let u = 0; u < p.units.length; u++) {
    const unit = p.units[u] as Unit;
    if (choice[u]) n += 1 + (unit.space ? 1 : 0) - (unit.end - unit.start);
  }
  budget -= n;
  return choice;
}

/**
 * Code pages in which the segment holds the start of a UTF-8 sequence: a lead
 * character followed by a continuation character, or a two-byte lead followed
 * by a space (a lost 0xA0) or `?` (a lost byte), or a lead, `?` and a
 * continuation character.
 */
function candidateCharsets(seg: ArrayLike<number>, t: Tables): number {
  let mask = 0;
  for (let i = 0; i + 1 < seg.length; i++) {
    const a = seg[i] ?? 0;
    if (a < 0x80 || a > 0xffff) continue;
    const l = t.lead[a] ?? 0;
    if (l === 0) continue;
    const b = seg[i + 1] ?? 0;
    if (b === 0x20) mask |= t.leadA0[a] ?? 0;
    else if (b === 0x3f) {
      mask |= t.lead2[a] ?? 0;
      const c = seg[i + 2] ?? 0;
      if (c < 0x10000) mask |= l & (t.cont[c] ?? 0);
    } else if (b < 0x10000) mask |= l & (t.cont[b] ?? 0);
  }
  return mask;
}

/** candidateCharsets of text[s..e), read straight from the string. */
function candidateCharsetsIn(text: string, s: number, e: number, t: Tables): number {
  let mask = 0;
  for (let i = s; i + 1 < e; i++) {
    const a = text.charCodeAt(i);
    if (a < 0x80) continue;
    const l = t.lead[a] ?? 0;
    if (l === 0) continue;
    const b = text.charCodeAt(i + 1);
    if (b === 0x20) mask |= t.leadA0[a] ?? 0;
    else if (b === 0x3f) {
      mask |= t.lead2[a] ?? 0;
      if (i + 2 < e) mask |= l & (t.cont[text.charCodeAt(i + 2)] ?? 0);
    } else mask |= l & (t.cont[b] ?? 0);
  }
  return mask;
}

function segmentCost(seg: number[], left: number[], right: number[], c1: Uint16Array): number {
  return renderedCost(seg, [], null, left, right, c1);
}

interface Step {
  seg: number[];
  /** Cost of the segment after this step and any further levels, penalties included. */
  cost: number;
  /** The segment after all further levels. */
  final: number[];
  /** Bit mask of the code pages used on the way. */
  used: number;
  /** How much cheaper than the segment as it was. */
  margin: number;
  /** This level decodes a unit of three or four real bytes. */
  long: boolean;
  /** candidateCharsets(final), or -1 when not worked out. */
  outMask: number;
}

/**
 * One level of repair of a segment, looking ahead through the levels below
 * (mojibake applied twice can look worse half-undone than not undone at all).
 * Returns undefined when nothing beats leaving the segment as it is.
 */
// Steps already worked out for the segment being decided, by content and depth.
const steps = new Map<string, Step | null>();

function repairOnce(seg: number[], left: number[], right: number[], t: Tables, depth: number, favour: number, allowed: number, spacesAsA0: boolean, text?: string): Step | undefined {
  // The top level is asked once per segment and level: nothing to remember.
  if (depth === MAX_LEVELS) return repairOnceUncached(seg, left, right, t, depth, favour, allowed, spacesAsA0, text);
  const segText = codePointsToString(seg);
  const key = depth + ':' + allowed + ':' + (spacesAsA0 ? 1 : 0) + ':' + segText;
  const known = steps.get(key);
  if (known !== undefined) return known ?? undefined;
  const step = repairOnceUncached(seg, left, right, t, depth, favour, allowed, spacesAsA0, segText);
  steps.set(key, step ?? null);
  return step;
}

let allOnes = new Uint8Array(256).fill(1);

// Candidates of one level that are followed down to the levels below.
const LOOKAHEAD_WIDTH = 3;

interface Candidate {
  out: number[];
  cost: number;
  penalty: number;
  used: number;
  /** Decodes a unit of three or four real bytes. */
  long: boolean;
  /** How much of its prior the favour of its code page took off. */
  favoured: number;
  /** candidateCharsets(out), or -1 when not worked out yet. */
  outMask: number;
}

function anyLong(units: Unit[]): boolean {
  for (let u = 0; u < units.length; u++) if ((units[u] as Unit).long) return true;
  return false;
}

/** Whether a holds the code points of allOnScratch[0, n). */
function sameAsScratch(a: number[], n: number): boolean {
  if (a.length !== n) return false;
  for (let i = 0; i < n; i++) if (a[i] !== allOnScratch[i]) return false;
  return true;
}

/**
 * The prior of a code page in a text whose C1 controls shun some code pages
 * (favour >>> SHUN_SHIFT): C1 controls that the windows code page of the
 * same letters would not have left (windows-1250 for ISO-8859-2) are
 * evidence for the ISO one.
 */
function plainPriorOf(cs: SingleByteCharset, favour: number, t: Tables): number {
  const shunned = favour >>> SHUN_SHIFT;
  return cs.prior + ((shunned >> cs.id) & 1 ? SHUN_COST : 0) - ((t.isoLike >> cs.id) & 1 && (shunned & (t.rivalOf[cs.id] ?? 0)) !== 0 ? C1_EVIDENCE_DISCOUNT : 0);
}

/** The prior, less the favour of a code page established in the text. */
function priorOf(cs: SingleByteCharset, favour: number, t: Tables): number {
  return plainPriorOf(cs, favour, t) - ((favour >> cs.id) & 1 ? Math.min(FAVOUR_DISCOUNT, cs.prior - FAVOURED_PRIOR) : 0);
}

/**
 * A reading of a segment in one code page with every unit decoded, and what
 * the text model needs to score it: the same in every context the segment is
 * met in.
 */
interface Reading {
  cs: SingleByteCharset;
  parse: Parse;
  /** The segment with every unit decoded. */
  out: number[];
  /** Code pages that give the same reading. */
  same: number;
  allOnPenalty: number;
  /** What the text model scores: out with undecoded C1 controls read as windows-1252. */
  scored: Int32Array;
  /** spanInnerCost of scored between contexts; NaN until the plan is used again. */
  inner: number;
  long: boolean;
  /** candidateCharsets(out): code pages in which the reading holds the start of a sequence. */
  outMask: number;
  /** The lowest prior of the code pages that give the reading, with and without their favour. */
  prior: number;
  plain: number;
  /** Every unit's lead starts a unit: decoding all of them can be a clear win. */
  noStray: boolean;
  /** out as a string, once partial choices were explored in some context (else undefined). */
  key: string | undefined;
}

/**
 * The work on a segment that does not depend on its context: the code pages
 * worth a look, the complete reading in each (identical readings and readings
 * that are part of an earlier one merged), and the segment as the text model
 * scores it. A segment met in many contexts (a broken word repeated through a
 * text) is parsed once; each context then costs the scoring of its
 * boundaries.
 */
interface Plan {
  mask: number;
  readings: Reading[];
  keep: Int32Array;
  keepInner: number;
  /** Times the plan was scored in a context. */
  uses: number;
  /** Kept for other contexts (no parse read the context). */
  kept: boolean;
  /** No reading holds the start of a sequence in any code page: no level below, nothing for a later round. */
  quiet: boolean;
}

// The plan of the first level of the segment being decided, when its memo
// slot knows it (firstPlan), and the plan that level used (firstPlanUsed),
// for the slot to keep.
let firstPlan: Plan | undefined;
let firstPlanUsed: Plan | undefined;

/** Plans by favour bits, allowed code pages and 0xA0 reading, then by segment. */
const plans = new Map<number, Map<string, Plan>>();
let planCount = 0;
const PLAN_LIMIT = 20000;

/** seg as the text model scores it with the chosen units decoded (every unit when choice is null). */
function scoredOf(seg: number[], units: Unit[], all: boolean, c1: Uint16Array): Int32Array {
  let n = seg.length;
  if (all) for (const u of units) n += 1 + (u.space ? 1 : 0) - (u.end - u.start);
  const out = new Int32Array(n);
  let k = 0;
  let pos = 0;
  if (all) {
    for (const unit of units) {
      for (; pos < unit.start; pos++) out[k++] = c1View(seg[pos] ?? 0x20, c1);
      out[k++] = unit.out;
      if (unit.space) out[k++] = 0x20;
      pos = unit.end;
    }
  }
  for (; pos < seg.length; pos++) out[k++] = c1View(seg[pos] ?? 0x20, c1);
  return out;
}

function buildPlan(seg: number[], left: number[], right: number[], t: Tables, favour: number, allowed: number, spacesAsA0: boolean): { plan: Plan; contextual: boolean } {
  const mask = candidateCharsets(seg, t) & allowed;
  const readings: Reading[] = [];
  contextRead = false;
  if (mask !== 0) {
    for (const cs of t.charsets) {
      if ((mask & (1 << cs.id)) === 0) continue;
      const count = parseUnits(seg, cs, left, right, spacesAsA0, t, ((favour >> cs.id) & 1) === 1);
      if (count === 0) continue;
      // Every unit decoded, in a reused buffer (render with every unit chosen).
      const outLength = renderScratch(seg, count);
      // An earlier code page gave the same text: one candidate, with the lower prior of the two.
      let earlier: Reading | undefined;
      for (const x of readings) {
        if (sameAsScratch(x.out, outLength)) {
          earlier = x;
          break;
        }
      }
      if (earlier) {
        earlier.same |= 1 << cs.id;
        continue;
      }
      // Some of the units of an earlier code page's complete reading, and
      // nothing else: a partial reading of it, explored with it if need be.
      let partOfEarlier = false;
      for (const x of readings) {
        if (x.parse.strayLeads.length === 0 && scratchSubParse(count, x.parse)) {
          partOfEarlier = true;
          break;
        }
      }
      if (partOfEarlier) continue;
      const parse = parseFromScratch(count);
      const out: number[] = [];
      for (let i = 0; i < outLength; i++) out.push(allOnScratch[i] as number);
      // Every unit decoded: a shared buffer of ones (read only up to units.length).
      if (allOnes.length < parse.units.length) allOnes = new Uint8Array(parse.units.length * 2).fill(1);
      readings.push({
        cs,
        parse,
        out,
        same: 1 << cs.id,
        allOnPenalty: choicePenalty(parse, allOnes),
        scored: scoredOf(seg, parse.units, true, t.c1),
        inner: NaN,
        long: anyLong(parse.units),
        outMask: candidateCharsets(out, t),
        prior: Infinity,
        plain: Infinity,
        noStray: parse.strayLeads.length === 0,
        key: undefined,
      });
    }
  }
  for (const r of readings) {
    for (const other of t.charsets) {
      if (((r.same >> other.id) & 1) === 0) continue;
      r.prior = Math.min(r.prior, priorOf(other, favour, t));
      r.plain = Math.min(r.plain, plainPriorOf(other, favour, t));
    }
  }
  let quiet = true;
  for (const r of readings) if ((r.outMask & t.all) !== 0) quiet = false;
  const plan: Plan = { mask, readings, keep: readings.length > 0 ? scoredOf(seg, [], false, t.c1) : new Int32Array(0), keepInner: NaN, uses: 0, kept: false, quiet };
  return { plan, contextual: contextRead };
}

/** The plan of a segment (key: its text), kept unless a parse read the context. */
function planFor(seg: number[], key: string | undefined, left: number[], right: number[], t: Tables, favour: number, allowed: number, spacesAsA0: boolean, first: boolean): Plan {
  // The first level of the segment being decided: its plan may be known by its memo slot.
  if (first && firstPlan) return firstPlan;
  const plan = lookUpPlan(seg, key, left, right, t, favour, allowed, spacesAsA0);
  if (first && plan.kept) firstPlanUsed = plan;
  return plan;
}

function lookUpPlan(seg: number[], key: string | undefined, left: number[], right: number[], t: Tables, favour: number, allowed: number, spacesAsA0: boolean): Plan {
  const group = favour * 2048 + allowed * 2 + (spacesAsA0 ? 1 : 0);
  const text = key ?? codePointsToString(seg);
  let byText = plans.get(group);
  const known = byText?.get(text);
  if (known) return known;
  const { plan, contextual } = buildPlan(seg, left, right, t, favour, allowed, spacesAsA0);
  if (!contextual) {
    plan.kept = true;
    if (planCount >= PLAN_LIMIT) {
      plans.clear();
      planCount = 0;
      byText = undefined;
    }
    if (!byText) plans.set(group, (byText = new Map()));
    byText.set(text, plan);
    planCount++;
  }
  return plan;
}

/**
 * Cost of x scored between the context code points, as renderedCost: the
 * whole span, or its inner part (known) plus its boundaries.
 */
function scoredCost(x: Int32Array, inner: number, left: number[], right: number[]): number {
  const need = left.length + x.length + right.length;
  if (scratch.length < need) scratch = new Int32Array(need * 2);
  const buf = scratch;
  let n = 0;
  for (let i = 0; i < left.length; i++) buf[n++] = left[i] ?? 0x20;
  // A loop: TypedArray.prototype.set costs more than it copies for a few elements.
  for (let i = 0; i < x.length; i++) buf[n++] = x[i] as number;
  const to = n;
  for (let i = 0; i < right.length; i++) buf[n++] = right[i] ?? 0x20;
  budget -= n;
  if (inner === inner) return inner + spanBoundaryCost(buf, left.length, to, n);
  return spanCost(buf, left.length, to, n);
}

/** spanInnerCost of x between contexts of CONTEXT characters, or NaN for a span too short to gain from it. */
function innerOf(x: Int32Array): number {
  if (x.length < SPLIT_MIN) return NaN;
  const n = x.length + 2 * CONTEXT;
  const buf = new Int32Array(n).fill(0x20);
  buf.set(x, CONTEXT);
  return spanInnerCost(buf, CONTEXT, CONTEXT + x.length, n);
}

// Costs of the complete readings of the segment being looked at (read before any lookahead reuses it).
let allOnCosts = new Float64Array(16);

/** Stable sort by cost (the order Array.prototype.sort gives with (x, y) => x.cost - y.cost). */
function sortByCost(candidates: Candidate[]): void {
  for (let i = 1; i < candidates.length; i++) {
    const c = candidates[i] as Candidate;
    let j = i - 1;
    while (j >= 0 && (candidates[j] as Candidate).cost - c.cost > 0) {
      candidates[j + 1] = candidates[j] as Candidate;
      j--;
    }
    candidates[j + 1] = c;
  }
}

function repairOnceUncached(seg: number[], left: number[], right: number[], t: Tables, depth: number, favour: number, allowed: number, spacesAsA0: boolean, key?: string): Step | undefined {
  if (budget <= 0) return undefined;
  const firstLevel = depth === MAX_LEVELS && key !== undefined;
  // The first level's plan, when its memo slot knows it, holds the segment's candidate code pages (all allowed there).
  if (firstLevel && firstPlan ? firstPlan.mask === 0 : (candidateCharsets(seg, t) & allowed) === 0) return undefined;
  const plan = planFor(seg, key, left, right, t, favour, allowed, spacesAsA0, firstLevel);
  const readings = plan.readings;
  if (readings.length === 0) return undefined;
  // From its second use on, the inside of each reading is scored once.
  if (plan.uses++ === 1) {
    plan.keepInner = innerOf(plan.keep);
    for (const r of readings) r.inner = innerOf(r.scored);
  }
  const candidates: Candidate[] = [];
  // First every unit of each code page decoded; then partial choices, only
  // where decoding everything is not already a clear win somewhere.
  if (allOnCosts.length < readings.length) allOnCosts = new Float64Array(readings.length * 2);
  let bestAllOn = Infinity;
  for (let ri = 0; ri < readings.length; ri++) {
    const r = readings[ri] as Reading;
    const allOnCost = scoredCost(r.scored, r.inner, left, right) + r.allOnPenalty;
    allOnCosts[ri] = allOnCost;
    if (r.noStray) bestAllOn = Math.min(bestAllOn, allOnCost);
  }
  const keepCost = scoredCost(plan.keep, plan.keepInner, left, right);
  const clearWinner = bestAllOn + CLEAR_WIN < keepCost;
  if (clearWinner && plan.quiet) return quietWinner(readings, keepCost, favour, depth === MAX_LEVELS);
  // Readings already among the candidates, when partial choices are explored.
  const seen = clearWinner ? undefined : new Set<string>();
  if (seen) for (const r of readings) seen.add((r.key ??= codePointsToString(r.out)));
  for (let ri = 0; ri < readings.length; ri++) {
    const { cs, parse, allOnPenalty, out, same, prior, plain } = readings[ri] as Reading;
    const allOnCost = allOnCosts[ri] as number;
    const units = parse.units;
    // Decoding every unit: its cost is known already; the prior is the lowest of the code pages that agree.
    // It counts as used by all of them.
    candidates.push({
      out,
      cost: allOnCost + prior,
      penalty: prior + allOnPenalty,
      used: same,
      long: (readings[ri] as Reading).long,
      favoured: Math.max(0, plain - prior),
      outMask: (readings[ri] as Reading).outMask,
    });
    // Partial choices only where no code page wins clearly by decoding everything.
    if (!seen) continue;
    const choices: Uint8Array[] = [descend(seg, parse, new Uint8Array(units.length).fill(1), left, right, t.c1)];
    if (units.length > 1 && units.length <= 8) choices.push(descend(seg, parse, new Uint8Array(units.length), left, right, t.c1));
    for (const choice of choices) {
      if (!choice.some((x) => x === 1)) continue;
      const partial = render(seg, units, choice, [], [], null);
      const key = codePointsToString(partial);
      if (seen.has(key)) continue;
      seen.add(key);
      const penalty = priorOf(cs, favour, t) + choicePenalty(parse, choice);
      candidates.push({
        out: partial,
        cost: segmentCost(partial, left, right, t.c1) + penalty,
        penalty,
        used: 1 << cs.id,
        long: units.some((u, i) => u.long && choice[i] === 1),
        favoured: plainPriorOf(cs, favour, t) - priorOf(cs, favour, t),
        outMask: -1,
      });
    }
  }
  if (candidates.length === 0) return undefined;
  if (candidates.length > 1) sortByCost(candidates);
  let best: Step | undefined;
  let bestCost = Infinity;
  const first = (candidates[0] as Candidate).cost;
  for (let k = 0; k < candidates.length; k++) {
    const c = candidates[k] as Candidate;
    let cost = c.cost;
    let final = c.out;
    let used = c.used;
    // Mojibake applied twice can look worse half-undone than not undone at
    // all: follow the most promising candidates down the next levels (those
    // still holding the start of a sequence).
    if (depth > 1 && k < LOOKAHEAD_WIDTH && lookaheadLeft > 0 && c.cost < first + CLEAR_WIN && ((c.outMask >= 0 ? c.outMask : candidateCharsets(c.out, t)) & (c.used | 1)) !== 0) {
      lookaheadLeft--;
      // Below a level, the same code page again, or windows-1252/Latin-1.
      // A space in decoded text was a space already: no more 0xA0 restoring.
      const further = repairOnce(c.out, left, right, t, depth - 1, favour, c.used | 1, false);
      if (further && further.cost + c.penalty < cost) {
        cost = further.cost + c.penalty;
        final = further.final;
        used |= further.used;
      }
    }
    // A repair must win by MARGIN, or merely win in a code page established in the text.
    const margin = c.used & favour & 0xffff ? 0 : MARGIN;
    if (cost < bestCost && cost < keepCost - margin) {
      bestCost = cost;
      // The margin that tells a wide win from a narrow one leaves the favour out.
      best = { seg: c.out, cost, final, used, margin: keepCost - cost - c.favoured, long: c.long, outMask: -1 };
    }
  }
  return best;
}

/**
 * The choice of repairOnceUncached where a complete reading wins clearly and
 * no reading holds the start of a sequence (no partial choices, no level
 * below): the cheapest reading that beats the segment as it was, without
 * building the candidates (the same as sorting them by cost, stably, and
 * taking the first that wins).
 */
// The step of the first level, read by decideSegment before the next call (kept by nobody): one object for all.
const topStep: Step = { seg: [], cost: 0, final: [], used: 0, margin: 0, long: false, outMask: -1 };

function quietWinner(readings: Reading[], keepCost: number, favour: number, top: boolean): Step | undefined {
  let best = -1;
  let bestCost = Infinity;
  for (let ri = 0; ri < readings.length; ri++) {
    const r = readings[ri] as Reading;
    const cost = (allOnCosts[ri] as number) + r.prior;
    const margin = r.same & favour & 0xffff ? 0 : MARGIN;
    if (cost < bestCost && cost < keepCost - margin) {
      best = ri;
      bestCost = cost;
    }
  }
  if (best < 0) return undefined;
  const r = readings[best] as Reading;
  const margin = keepCost - bestCost - Math.max(0, r.plain - r.prior);
  // Levels below the first are remembered in steps: a step of their own.
  if (!top) return { seg: r.out, cost: bestCost, final: r.out, used: r.same, margin, long: r.long, outMask: r.outMask };
  topStep.seg = r.out;
  topStep.cost = bestCost;
  topStep.final = r.out;
  topStep.used = r.same;
  topStep.margin = margin;
  topStep.long = r.long;
  topStep.outMask = r.outMask;
  return topStep;
}

/** Adjacent lead/continuation pairs that windows-1252 or Latin-1 would decode: what is left of mojibake. */
function residualPairs(seg: number[], t: Tables): number {
  let n = 0;
  for (let i = 0; i + 1 < seg.length; i++) {
    const a = seg[i] ?? 0;
    const b = seg[i + 1] ?? 0;
    if (a > 0xffff || b > 0xffff) continue;
    if ((t.lead[a] ?? 0) & 1 && (t.cont[b] ?? 0) & 1 && b !== 0xfffd) n++;
  }
  return n;
}

// The context of the segment being decided, filled in place (repairSegment
// keeps no reference to them).
const leftScratch: number[] = [0x20, 0x20, 0x20, 0x20];
const rightScratch: number[] = [0x20, 0x20, 0x20, 0x20];

function codePointsBefore(text: string, index: number, count: number, out: number[] = new Array<number>(count)): number[] {
  // Filled from the end (the same array as unshifting each code point).
  let k = count;
  let i = index;
  while (k > 0) {
    if (i <= 0) {
      out[--k] = 0x20;
      continue;
    }
    const lo = text.charCodeAt(i - 1);
    if (lo >= 0xdc00 && lo <= 0xdfff && i >= 2) {
      const hi = text.charCodeAt(i - 2);
      if (hi >= 0xd800 && hi <= 0xdbff) {
        out[--k] = ((hi - 0xd800) << 10) + (lo - 0xdc00) + 0x10000;
        i -= 2;
        continue;
      }
    }
    out[--k] = lo;
    i--;
  }
  return out;
}

function codePointsAfter(text: string, index: number, count: number, out: number[] = new Array<number>(count)): number[] {
  let i = index;
  for (let k = 0; k < count; k++) {
    if (i >= text.length) {
      out[k] = 0x20;
      continue;
    }
    const cp = text.codePointAt(i) ?? 0x20;
    out[k] = cp;
    i += cp > 0xffff ? 2 : 1;
  }
  return out;
}

// Decisions depend only on the segment and the classes of the characters
// around it, so they are memoised: news text repeats the same few broken
// sequences (`â€™`, `â€œ`, `Ã©`) thousands of times.
const MEMO_LIMIT = 20000;
interface Decision {
  text: string;
  used: number;
  /** Won by a wide margin: neighbours' repairs or a favoured code page will not change it. */
  clear?: boolean;
  /**
   * Won by a narrow margin: the segment as it was is plausible too ("IRMÃ…",
   * "Å\u00a0i"). Kept only where other segments of the text, repaired by a
   * wide margin, show the same code page.
   */
  weak?: boolean;
}
// Keyed by the favour bits and the segment (a number per pair, in memo),
// then the classes of the context (CONTEXT on each side, six bits each: 24
// bits per side), in an open-addressing table of typed arrays (no object per
// lookup); memoSize counts the decisions, and all are forgotten at
// MEMO_LIMIT.
const memo = new Map<number, Map<string, number>>();
let memoSize = 0;
let memoSlots = 0;
const MEMO_BITS = 16; // 65,536 places for at most MEMO_LIMIT decisions
const MEMO_MASK = (1 << MEMO_BITS) - 1;
// Per place: generation, segment number, left classes, right classes (one cache line holds them).
const memoKeys = new Int32Array(4 << MEMO_BITS);
const memoValue: Array<Decision | null> = new Array<Decision | null>(1 << MEMO_BITS).fill(null);
// A place is taken when its generation is the current one: forgetting everything is one increment.
let generation = 1;

// Per memo slot (favour bits and segment): the plan of the segment's first
// level and its code units, for the next context it is decided in.
let slotPlans: Array<Plan | undefined> = [];
let slotCodes: Array<number[] | undefined> = [];
// The code units of the segment being decided, when its slot knows them, then as decideSegment made them.
let codes: number[] | undefined;

// Decisions by the reading they keep (an array of a plan, or of a level below),
// shared by every context that decides the same way.
const decisionsOf = new Map<number[], Decision[]>();

function forgetDecisions(): void {
  decisionsOf.clear();
  slotPlans = [];
  slotCodes = [];
  memo.clear();
  memoSize = 0;
  memoSlots = 0;
  generation++;
}

/** The place of (slot, left, right) in the table: where it is, or the free place where it goes. */
function memoPlace(slot: number, l: number, r: number): number {
  let h = (Math.imul(slot, 0x9e3779b1) ^ Math.imul(l, 0x85ebca77) ^ Math.imul(r, 0xc2b2ae3d)) >>> (32 - MEMO_BITS);
  while (memoKeys[4 * h] === generation) {
    if (memoKeys[4 * h + 1] === slot && memoKeys[4 * h + 2] === l && memoKeys[4 * h + 3] === r) return h;
    h = (h + 1) & MEMO_MASK;
  }
  return h;
}

let charsScored = 0;

/** Characters scored by the text model since the caches were last cleared: a measure of work that does not depend on the machine's load. */
export function mojibakeWork(): number {
  return charsScored;
}

/** Forget memoised decisions (for benchmarks that must not profit from an earlier call). */
export function clearMojibakeCaches(): void {
  charsScored = 0;
  forgetDecisions();
  steps.clear();
  plans.clear();
  planCount = 0;
}

/**
 * How a character next to a segment is read: C1 controls as windows-1252, and
 * an accented capital that windows-1252 mojibake starts with (Â–ß) as unknown,
 * since it may be broken itself.
 */
function contextView(cp: number, t: Tables): number {
  if (cp >= 0x80 && cp < 0xa0) return c1View(cp, t.c1);
  if (cp >= 0xc2 && cp <= 0xdf && cp !== 0xd7) return UNKNOWN_CONTEXT;
  return cp;
}

/** C1 controls read as windows-1252 (the five bytes it leaves undefined stay), one repair per run. */
function readC1(text: string, t: Tables): { text: string; repairs: Repair[] } {
  const repairs: Repair[] = [];
  const out = text.replace(/[\u0080-\u009f]+/g, (run, index: number) => {
    let to = '';
    for (let i = 0; i < run.length; i++) to += String.fromCharCode(c1View(run.charCodeAt(i), t.c1));
    if (to !== run) repairs.push({ index, from: run, to });
    return to;
  });
  return { text: out, repairs };
}

/** Decide a segment, given the text around it (raw code points). */
function repairSegment(before: string, rawLeft: number[], rawRight: number[], t: Tables, favour: number): Decision | undefined {
  const left = rawLeft;
  const right = rawRight;
  // Classes of the context, six bits each (there are fewer than 64).
  let lc = 0;
  for (let i = 0; i < left.length; i++) {
    left[i] = contextView(left[i] ?? 0x20, t);
    lc = lc * 64 + classOf(left[i] ?? 0x20);
  }
  let rc = 0;
  for (let i = 0; i < right.length; i++) {
    right[i] = contextView(right[i] ?? 0x20, t);
    rc = rc * 64 + classOf(right[i] ?? 0x20);
  }
  const favourKey = (favour & 0xffff) * 0x10000 + (favour >>> SHUN_SHIFT);
  let bySegment = memo.get(favourKey);
  let slot = bySegment?.get(before);
  if (slot !== undefined) {
    const at = memoPlace(slot, lc, rc);
    if (memoKeys[4 * at] === generation) return memoValue[at] ?? undefined;
  }
  if (budget <= 0) return undefined;
  firstPlan = slot !== undefined ? slotPlans[slot] : undefined;
  firstPlanUsed = undefined;
  codes = slot !== undefined ? slotCodes[slot] : undefined;
  const result = decideSegment(before, left, right, t, favour);
  firstPlan = undefined;
  // A decision cut short by the budget is not remembered.
  if (budget > 0) {
    if (memoSize >= MEMO_LIMIT) {
      forgetDecisions();
      bySegment = undefined;
      slot = undefined;
    }
    if (!bySegment) memo.set(favourKey, (bySegment = new Map()));
    if (slot === undefined) bySegment.set(before, (slot = memoSlots++));
    if (firstPlanUsed) slotPlans[slot] = firstPlanUsed;
    slotCodes[slot] = codes;
    const at = memoPlace(slot, lc, rc);
    memoKeys[4 * at] = generation;
    memoKeys[4 * at + 1] = slot;
    memoKeys[4 * at + 2] = lc;
    memoKeys[4 * at + 3] = rc;
    memoValue[at] = result ?? null;
    memoSize++;
  }
  return result;
}

function decideSegment(before: string, left: number[], right: number[], t: Tables, favour: number): Decision | undefined {
  let original = codes;
  if (!original) {
    original = [];
    for (let i = 0; i < before.length; i++) original.push(before.charCodeAt(i));
    codes = original;
  }
  let seg = original;
  let changed = false;
  let used = 0;
  let clear = true;
  let weak = false;
  // Map.clear makes a new table: only when there is something to forget.
  if (steps.size > 0) steps.clear();
  for (let round = 0; round < MAX_LEVELS; round++) {
    lookaheadLeft = LOOKAHEAD_CALLS;
    const step = repairOnce(seg, left, right, t, MAX_LEVELS, favour, t.all, round === 0 && (favour & NO_A0) === 0, round === 0 ? before : undefined);
    if (!step) break;
    seg = step.final;
    used |= step.used;
    changed = true;
    if (step.margin < CLEAR_WIN) clear = false;
    if (step.margin < WEAK_MARGIN && !step.long) weak = true;
    // A reading that holds no start of a sequence in any code page: the next round finds nothing.
    if (step.outMask >= 0 && (step.outMask & t.all) === 0) break;
  }
  // The same reading decided the same way in another context: the same decision.
  const known = changed ? decisionsOf.get(seg) : undefined;
  if (known) {
    for (const d of known) if (d.used === used && d.clear === clear && d.weak === weak) return d.text === before ? undefined : d;
  }
  if (changed && !known && residualPairs(seg, t) >= 2) {
    seg = original;
    changed = false;
    used = 0;
  }
  // C1 controls of a segment left as it was are read at the very end (see
  // fixTextDetailed): until then they are evidence of the code page.
  if (!changed) return undefined;
  const final = seg;
  let c1 = false;
  for (let i = 0; i < seg.length; i++) if ((seg[i] as number) >= 0x80 && (seg[i] as number) < 0xa0) c1 = true;
  if (c1) seg = seg.map((cp) => c1View(cp, t.c1));
  const out = codePointsToString(seg);
  const decision: Decision = { text: out, used, clear, weak };
  if (known) known.push(decision);
  else decisionsOf.set(final, [decision]);
  if (out === before) return undefined;
  return decision;
}

let segmentStart: RegExp | undefined;

/** A global regex matching any character that can start a segment. */
function segmentStartRe(t: Tables): RegExp {
  if (segmentStart) return segmentStart;
  let cls = '';
  let cp = 0x80;
  const hex = (n: number) => '\\u' + n.toString(16).padStart(4, '0');
  while (cp < 0x10000) {
    if (t.high[cp] !== 1) {
      cp++;
      continue;
    }
    const from = cp;
    while (cp + 1 < 0x10000 && t.high[cp + 1] === 1) cp++;
    cls += from === cp ? hex(from) : hex(from) + '-' + hex(cp);
    cp++;
  }
  segmentStart = new RegExp('[' + cls + ']', 'g');
  return segmentStart;
}

function isSegmentChar(c: number, t: Tables): boolean {
  return c >= 0x80 && (t.high[c] ?? 0) === 1;
}

/**
 * Whether the space or `?` at position `at` can stand for the last byte of a
 * sequence begun just before it, in some code page: a two-byte lead right
 * before it, or a three- or four-byte lead followed by continuation
 * characters (`?` may stand for any byte of a sequence, a space only for
 * the last, a lost 0xA0). A letter of another script than Latin followed by
 * a space is a word of its own ("В Москве") unless it is glued to a letter
 * before it ("dГ©jГ  vu").
 */
function sequenceOpen(text: string, from: number, at: number, t: Tables): boolean {
  const space = text.charCodeAt(at) === 0x20;
  const a = text.charCodeAt(at - 1);
  if (at - 1 >= from && ((space ? t.leadA0[a] : t.lead2[a]) ?? 0) !== 0) {
    if (!space || !isNonLatinLetter(a)) return true;
    const before = at - 2 >= 0 ? text.charCodeAt(at - 2) : 0x20;
    if (isLatinLetterOrCont(before, t)) return true;
    const after = classOf(at + 1 < text.length ? text.charCodeAt(at + 1) : 0x20);
    if (after === K.ALOW || after === K.LLOW) return true;
  }
  let conts = t.all;
  for (let k = 1; k <= 3 && at - k >= from; k++) {
    const c = text.charCodeAt(at - k);
    if (k >= 2) {
      const leads = k === 2 ? (t.lead3[c] ?? 0) : (t.lead4[c] ?? 0);
      if ((leads & conts) !== 0) return true;
      if (!space && ((t.lead3[c] ?? 0) | (t.lead4[c] ?? 0)) & conts) return true;
    }
    if (c === 0x3f) continue;
    conts &= t.cont[c] ?? 0;
    if (conts === 0) break;
  }
  if (!space && at - 1 >= from && ((t.lead3[a] ?? 0) | (t.lead4[a] ?? 0)) !== 0) return true;
  return false;
}

interface Span {
  s: number;
  e: number;
}

/** Segments of text worth a look, in order. */
function findSegments(text: string, t: Tables): Span[] {
  const spans: Span[] = [];
  const n = text.length;
  const startRe = segmentStartRe(t);
  let i = 0;
  while (i < n) {
    startRe.lastIndex = i;
    // test, not exec: no match array; the pattern matches one code unit, just before lastIndex.
    if (!startRe.test(text)) break;
    const s = startRe.lastIndex - 1;
    let e = s;
    for (;;) {
      while (e < n && e - s < MAX_SEGMENT && isSegmentChar(text.charCodeAt(e), t)) e++;
      if (e - s >= MAX_SEGMENT && e < n && isSegmentChar(text.charCodeAt(e), t)) {
        // Cut a long run just before a lead character, so that the cut
        // splits no sequence in the common cases.
        let cut = e;
        while (cut > e - 3 && (t.lead[text.charCodeAt(cut)] ?? 0) === 0) cut--;
        if ((t.lead[text.charCodeAt(cut)] ?? 0) !== 0 && cut > s) e = cut;
      } else if (e < n && e - s < MAX_SEGMENT) {
        const b = text.charCodeAt(e);
        if ((b === 0x20 || b === 0x3f) && sequenceOpen(text, s, e, t)) {
          e++;
          if (e < n && isSegmentChar(text.charCodeAt(e), t)) continue;
        }
      }
      break;
    }
    // Only a segment holding the start of a UTF-8 sequence in some code page can be repaired.
    if (e - s > 1 && candidateCharsetsIn(text, s, e, t) !== 0) spans.push({ s, e });
    i = e;
  }
  return spans;
}

type Decisions = Array<Decision | undefined>;

/** Text before segment k as it reads with the current decisions (at least `need` code units). */
function textBefore(text: string, spans: Span[], decisions: Decisions, k: number, need: number): string {
  let out = '';
  let j = k;
  let pos = (spans[k] as Span).s;
  while (out.length < need && pos > 0) {
    const prev = j > 0 ? (spans[j - 1] as Span) : undefined;
    const gapStart = prev ? prev.e : 0;
    out = text.slice(Math.max(gapStart, pos - need), pos) + out;
    if (out.length >= need || !prev) break;
    out = (decisions[j - 1]?.text ?? text.slice(prev.s, prev.e)) + out;
    pos = prev.s;
    j--;
  }
  return out;
}

/** Text after segment k as it reads with the current decisions. */
function textAfter(text: string, spans: Span[], decisions: Decisions, k: number, need: number): string {
  let out = '';
  let j = k;
  let pos = (spans[k] as Span).e;
  while (out.length < need && pos < text.length) {
    const next = spans[j + 1];
    const gapEnd = next ? next.s : text.length;
    out += text.slice(pos, Math.min(gapEnd, pos + need));
    if (out.length >= need || !next) break;
    out += decisions[j + 1]?.text ?? text.slice(next.s, next.e);
    pos = next.e;
    j++;
  }
  return out;
}

/** Code pages that would not have left the C1 controls found in the text (see SHUN_COST). */
function shunned(text: string, t: Tables): number {
  let mask = 0;
  C1_RE.lastIndex = 0;
  for (let m = C1_RE.exec(text); m; m = C1_RE.exec(text)) mask |= t.c1Defined[text.charCodeAt(m.index) - 0x80] ?? 0;
  return mask;
}
const C1_RE = /[\u0080-\u009f]/g;
const C1_TEST = /[\u0080-\u009f]/;

/** Code pages used by at least `min` repairs won by more than a narrow margin. */
function establishedCodePages(decisions: Decisions, t: Tables, min: number): number {
  const counts = new Array<number>(t.charsets.length).fill(0);
  for (const d of decisions) {
    if (!d || d.weak || d.used === 0) continue;
    for (let id = 0; id < counts.length; id++) if ((d.used >> id) & 1) counts[id] = (counts[id] ?? 0) + 1;
  }
  let mask = 0;
  for (let id = 0; id < counts.length; id++) if ((counts[id] ?? 0) >= min) mask |= 1 << id;
  return mask;
}

const SUPPORT_REACH = 400;
// A line break, or a full stop after a word (not after an initial: "Р. Иванов").
const SENTENCE_BREAK = /\n|(?<!(?:^|[\s(])\p{Lu})(?<=[\p{L}\p{N}])[.!?…](?:\s|$)/u;

/** Whether a repair won by a wide margin with a code page of decision k lies in the same sentence, within SUPPORT_REACH. */
function supportedNearby(text: string, spans: Span[], decisions: Decisions, k: number): boolean {
  const d = decisions[k] as Decision;
  const at = (spans[k] as Span).s;
  for (const dir of [-1, 1]) {
    for (let j = k + dir; j >= 0 && j < spans.length; j += dir) {
      const other = spans[j] as Span;
      const from = dir < 0 ? other.e : (spans[k] as Span).e;
      const to = dir < 0 ? at : other.s;
      if (Math.abs(other.s - at) > SUPPORT_REACH || SENTENCE_BREAK.test(text.slice(from, to))) break;
      const o = decisions[j];
      if (o && !o.weak && (o.used & d.used) !== 0) return true;
    }
  }
  return false;
}

/** The code pages used by the most repairs won by more than a narrow margin (at least FAVOUR_MIN_SEGMENTS). */
function topCodePages(decisions: Decisions, t: Tables): number {
  const counts = new Array<number>(t.charsets.length).fill(0);
  for (const d of decisions) {
    if (!d || d.weak || d.used === 0) continue;
    for (let id = 0; id < counts.length; id++) if ((d.used >> id) & 1) counts[id] = (counts[id] ?? 0) + 1;
  }
  const max = Math.max(...counts);
  let mask = 0;
  if (max >= FAVOUR_MIN_SEGMENTS) for (let id = 0; id < counts.length; id++) if (counts[id] === max) mask |= 1 << id;
  return mask;
}

const MAX_PASSES = 3;
/** Segments closer than this to a changed one are looked at again. */
const NEIGHBOURHOOD = CONTEXT * 2 + 2;

/** Stands for each repair of a round when only their number is needed (fixText). */
const UNRECORDED: Repair = { index: -1, from: '', to: '' };

function fixDetailed(text: string, inherited = 0, later = false, detailed = true): { text: string; repairs: Repair[]; established: number } {
  // all ASCII when its UTF-8 takes one byte per code unit: counted natively, many times faster than a pattern's scan
  if (Buffer.byteLength(text, 'utf8') === text.length) return { text, repairs: [], established: 0 };
  const t = getTables();
  const spans = findSegments(text, t);
  if (spans.length === 0) return { text, repairs: [], established: 0 };
  // A later round reads text repaired already: its spaces were spaces.
  const shun = (shunned(text, t) << SHUN_SHIFT) | (later ? NO_A0 : 0);
  let decisions: Decisions = spans.map((sp) =>
    repairSegment(text.slice(sp.s, sp.e), codePointsBefore(text, sp.s, CONTEXT, leftScratch), codePointsAfter(text, sp.e, CONTEXT, rightScratch), t, shun),
  );
  // Code pages that repaired several segments are favoured everywhere in the
  // text (the text was most likely broken as a whole), and every segment is
  // looked at again.
  // A later round inherits the code pages established by the earlier ones (the same text, half repaired).
  let favour = (establishedCodePages(decisions, t, FAVOUR_MIN_SEGMENTS) | inherited) & ~(shun >>> SHUN_SHIFT);
  let changed = decisions.map((d) => d !== undefined);
  if (favour !== 0) changed = changed.map(() => true);
  favour |= shun;
  // Later passes read segments next to repaired ones with those repairs in
  // place, so the words of a broken sentence support each other.
  for (let pass = 1; pass < MAX_PASSES && changed.some((x) => x); pass++) {
    const next = decisions.slice();
    const nextChanged = new Array<boolean>(spans.length).fill(false);
    for (let k = 0; k < spans.length; k++) {
      const span = spans[k] as Span;
      // A segment repaired by a wide margin with favoured code pages stays as it is.
      const d0 = decisions[k];
      const favoured = favour & 0xffff;
      if (d0?.clear && (favoured === 0 || (d0.used & ~favoured) === 0)) continue;
      let near = favoured !== 0 && pass === 1;
      for (let j = k - 1; j >= 0 && span.s - (spans[j] as Span).e < NEIGHBOURHOOD; j--) if (changed[j]) near = true;
      for (let j = k + 1; j < spans.length && (spans[j] as Span).s - span.e < NEIGHBOURHOOD; j++) if (changed[j]) near = true;
      if (!near) continue;
      const before = textBefore(text, spans, decisions, k, CONTEXT * 2);
      const after = textAfter(text, spans, decisions, k, CONTEXT * 2);
      const d = repairSegment(
        text.slice(span.s, span.e),
        codePointsBefore(before, before.length, CONTEXT, leftScratch),
        codePointsAfter(after, 0, CONTEXT, rightScratch),
        t,
        favour,
      );
      if (d?.text !== decisions[k]?.text) {
        next[k] = d;
        nextChanged[k] = true;
      }
    }
    decisions = next;
    changed = nextChanged;
  }
  // Narrow wins stand only on code pages shown by a wide win near them (in
  // the same sentence): a clean sentence or paragraph beside broken ones
  // stays as it is.
  const final = decisions;
  decisions = decisions.map((d, k) => (!d?.weak || supportedNearby(text, spans, final, k) ? d : undefined));
  const repairs: Repair[] = [];
  const parts: string[] = [];
  let last = 0;
  for (let k = 0; k < spans.length; k++) {
    const to = decisions[k]?.text;
    const span = spans[k] as Span;
    if (to === undefined) continue;
    repairs.push(detailed ? { index: span.s, from: text.slice(span.s, span.e), to } : UNRECORDED);
    parts.push(text.slice(last, span.s), to);
    last = span.e;
  }
  // A later round inherits the code page (or pages) that repaired the most
  // segments: code pages that only agreed with it on some do not count.
  const strong = topCodePages(decisions, t) | inherited;
  if (repairs.length === 0) return { text, repairs, established: strong };
  parts.push(text.slice(last));
  return { text: parts.join(''), repairs, established: strong };
}

/**
 * Merge the repairs of a later round (made on `current`, the text after the
 * earlier repairs) into repairs on the original text.
 */
function composeRepairs(original: string, earlier: Repair[], current: string, later: Repair[], result: string): Repair[] {
  // Earlier repairs as intervals of `current`.
  const intervals: Array<{ a: number; b: number }> = [];
  const earlierAt: Array<{ a: number; b: number; delta: number }> = [];
  let shift = 0;
  for (const r of earlier) {
    const a = r.index + shift;
    earlierAt.push({ a, b: a + r.to.length, delta: r.to.length - r.from.length });
    intervals.push({ a, b: a + r.to.length });
    shift += r.to.length - r.from.length;
  }
  const laterAt: Array<{ a: number; b: number; delta: number }> = [];
  for (const r of later) {
    laterAt.push({ a: r.index, b: r.index + r.from.length, delta: r.to.length - r.from.length });
    intervals.push({ a: r.index, b: r.index + r.from.length });
  }
  intervals.sort((x, y) => x.a - y.a || x.b - y.b);
  const merged: Array<{ a: number; b: number }> = [];
  for (const iv of intervals) {
    const last = merged[merged.length - 1];
    if (last && iv.a < last.b) last.b = Math.max(last.b, iv.b);
    else merged.push({ a: iv.a, b: iv.b });
  }
  // A point of `current` outside every interval maps back by the earlier
  // shifts. Points are asked in increasing order, so each map is one pass.
  const monotone = (at: Array<{ b: number; delta: number }>, sign: number) => {
    let k = 0;
    let d = 0;
    return (x: number) => {
      while (k < at.length && (at[k] as { b: number }).b <= x) d += (at[k++] as { delta: number }).delta;
      return x + sign * d;
    };
  };
  earlierAt.sort((x, y) => x.b - y.b);
  laterAt.sort((x, y) => x.b - y.b);
  const toOriginal = monotone(earlierAt, -1);
  const toResult = monotone(laterAt, 1);
  return merged.map(({ a, b }) => {
    const A = toOriginal(a);
    const B = toOriginal(b);
    return { index: A, from: original.slice(A, B), to: result.slice(toResult(a), toResult(b)) };
  });
}

const MAX_ROUNDS = 3;

/**
 * Repair mojibake (encoding repair only: quotes, dashes and HTML entities are
 * left as they are), reporting each replaced span by its index in the input.
 * Never throws.
 */
export function fixTextDetailed(text: string): { text: string; repairs: Repair[] } {
  return repairText(text, true);
}

/** Times the whole repair is run again on its own output, at most. */
const MAX_REREADS = 2;

/**
 * The repair, run again on its own output until that is read as it stands,
 * so that fixText(fixText(s)) === fixText(s): a later round of one reading
 * takes the text's spaces as spaces and inherits its code pages, and a fresh
 * reading of the repaired text may still find a broken sequence there.
 */
function repairText(text: string, detailed: boolean): { text: string; repairs: Repair[] } {
  if (typeof text !== 'string') return { text: String(text ?? ''), repairs: [] };
  let result = readOnce(text, detailed);
  for (let k = 0; k < MAX_REREADS && result.text !== text; k++) {
    const again = readOnce(result.text, detailed);
    if (again.text === result.text) break;
    result = {
      text: again.text,
      repairs: detailed ? composeRepairs(text, result.repairs, result.text, again.repairs, again.text) : [],
    };
  }
  return result;
}

/** The rounds of repair; the repairs of later rounds are mapped back to the input only when asked for. */
function readOnce(text: string, detailed: boolean): { text: string; repairs: Repair[] } {
  try {
    budget = BUDGET_BASE + BUDGET_PER_CHAR * text.length;
    const startBudget = budget;
    let { text: current, repairs, established } = fixDetailed(text, 0, false, detailed);
    let any = repairs.length > 0;
    const compose = (nextRepairs: Repair[], nextText: string) => {
      if (detailed) repairs = repairs.length === 0 ? nextRepairs : composeRepairs(text, repairs, current, nextRepairs, nextText);
      current = nextText;
      any = true;
    };
    // Repeat until nothing changes, so that fixText(fixText(s)) === fixText(s).
    for (let round = 1; round < MAX_ROUNDS && any; round++) {
      const next = fixDetailed(current, established, true, detailed);
      established = next.established;
      if (next.repairs.length === 0) break;
      compose(next.repairs, next.text);
    }
    // C1 controls left: read as windows-1252 ("\u0085" is "…"), then one
    // more round on the text as it now reads, so that fixText gives the same
    // for its own output.
    if (C1_TEST.test(current)) {
      const c1 = readC1(current, getTables());
      if (c1.repairs.length > 0) {
        compose(c1.repairs, c1.text);
        for (let round = 0; round < MAX_ROUNDS; round++) {
          const next = fixDetailed(current, established, true, detailed);
          established = next.established;
          if (next.repairs.length === 0) break;
          compose(next.repairs, next.text);
        }
      }
    }
    charsScored += startBudget - budget;
    return { text: current, repairs: detailed ? repairs : [] };
  } catch {
    return { text, repairs: [] };
  }
}

/** Repair mojibake in text; returns the text unchanged when it looks right. Never throws. */
export function fixText(text: string): string {
  return repairText(text, false).text;
}
