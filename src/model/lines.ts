/**
 * The lines of a plain-text document (a page as a text browser shows it, a scrape, a Markdown copy) and what is
 * measured on each of them for the content-zone model (./zones.ts). Nothing here depends on one browser's habits:
 * any leading glyph followed by a space is a list marker, any short bracketed token is a placeholder (an image's
 * alt text, a button), indentation counts only relative to the document's own prose, and a line's length only
 * relative to the document's own wrap width.
 */
import { createRequire } from 'node:module';
import { guessLanguage } from '../metadata/trigrams.js';
import { HAS_UNSPACED, segmentWords } from '../text/unspaced.js';

export interface Line {
  /** Index in the document's lines. */
  index: number;
  /** The line as written (right-trimmed). */
  raw: string;
  /** Leading spaces (a tab counts 4). */
  indent: number;
  /** Starts with a list marker (any leading glyph or an item number, then a space). */
  bullet: boolean;
  /** Text without the list marker and placeholders, trimmed. */
  text: string;
  /** Length of the line as a reader sees it, indentation left out (Markdown: links as their text, no marks). */
  length: number;
  /** Short bracketed tokens (`[photo.jpg]`, `[Go]`) and form fields (`____`, `[  ]`). */
  placeholders: number;
  /** Words (runs of letters, digits and marks). */
  words: number;
  /** Index of the blank-line-separated block the line belongs to. */
  block: number;
  /** Lowercased text with runs of non-letters folded to one space: for repeats within and across documents. */
  key: string;
  /** Word statistics. */
  stop: number;
  cap: number;
  upper: number;
  num: number;
  short: number;
  chrome: number;
  /** Words of the site's own voice (English only: 0 in other languages): the reader addressed, a call to act, the site or the author named. */
  voice: number;
  /** The line opens with a capitalised call to act ("Sign up …", "Click here …", "Leave a comment"; English only). */
  imperative: boolean;
  /** Sentence-like punctuation. */
  terminal: boolean;
  colon: boolean;
  commas: number;
  sentences: number;
  separators: number;
  url: boolean;
  copyright: boolean;
  date: boolean;
  startsLower: boolean;
  startsQuote: boolean;
  /** Times the same key occurs in the document. */
  repeats: number;
}

const WORD = /[\p{L}\p{N}][\p{L}\p{N}\p{M}]*(?:['’.-][\p{L}\p{N}][\p{L}\p{N}\p{M}]*)*/gu;
/** A list marker: one or two glyphs that are not letters, digits, quotes or brackets, or an item number, then a space. */
const BULLET = /^(?:[^\p{L}\p{N}\s"'“‘”’«»‹›([{¿¡$€£¥#@]{1,2}|o|\d{1,3}[.)]|[a-z][.)]|#|@)\s+(?=\S)/u;
/** Short bracketed tokens: image placeholders, buttons, checkboxes, link numbers. */
const PLACEHOLDER = /\[[^[\]\n]{0,80}\]|_{3,}|\(\s?\)/g;
const TERMINAL = /[.!?…。！？]["”’»)\]」』）]*$/;
const SENTENCE_BREAK = /[.!?]["”’)]?\s+["“‘(]?\p{Lu}|[。！？][」』”’）]?\s*(?=[^\s」』”’）])/gu;
const SEPARATOR = /\s[|>»·•/]\s|\s[-–—]\s(?=\S)|\s::\s/g;
const URLISH = /https?:\/\/|www\.|\b[\w-]+\.(?:com|org|net|co\.uk|gov|edu|io)\b|\S@\S/i;
const COPYRIGHT = /©|\(c\)\s*\d{4}|\bcopyright\b|all rights reserved/i;
const MONTHS = String.raw`(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]{0,6}\.?`;
const DATE = new RegExp(String.raw`\b(?:${MONTHS}\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}|\d{1,2}(?:st|nd|rd|th)?\s+${MONTHS},?\s+\d{4}|\d{4}-\d{2}-\d{2}|\d{1,2}[/.]\d{1,2}[/.]\d{2,4}|\d{1,2}:\d{2}\s*(?:[ap]\.?m\.?)?)`, 'i');

/**
 * Generic interface words of web pages (English and a few other languages): a feature, one among many, never a
 * rule by itself.
 */
const CHROME_WORDS: ReadonlySet<string> = new Set(
  (
    'share shares shared tweet tweets facebook twitter linkedin pinterest reddit whatsapp email e-mail print comment ' +
    'comments reply replies login log sign signup subscribe subscription newsletter newsletters advertisement advertise ' +
    'ad ads sponsored related read more home menu search next previous prev back top copyright rights reserved privacy ' +
    'policy terms cookie cookies follow tags tag posted permalink contact about click here view gallery photos video ' +
    'videos loading watch popular trending archive archives rss feed feeds register account password submit cancel ' +
    'skip navigation nav sitemap faq help jobs careers recommended sections section topics categories category likes ' +
    'like tweet embed continue page pages of comentarios compartir inicio suchen teilen startseite kommentare partager ' +
    'accueil rechercher commentaires condividi cerca commenti ' +
    // Chinese and Japanese, as the word segmenter cuts them (../text/unspaced.ts)
    '评论 評論 分享 登录 登錄 注册 註冊 首页 首頁 搜索 推荐 推薦 更多 相关 相關 热门 熱門 订阅 訂閱 关注 關注 下载 下載 广告 廣告 ' +
    '返回 收藏 打印 版权 版權 コメント シェア ログイン ホーム 検索 関連 人気 ランキング 広告 一覧 メニュー ツイート'
  ).split(' '),
);

/** A word of a site's interface (lower-cased): share, comments, email, next, previous … */
export function isInterfaceWord(lower: string): boolean {
  return CHROME_WORDS.has(lower);
}

/**
 * The site's own voice under an article, English only (docs/text-model.md, "The site's own voice (round 4)"): words
 * that stand at least 3.5 times as often (per word) in the prose-like lines under the fitted articles as in the
 * articles, and are no interface words already; and the calls to act that open such a line. Read by the tail step's
 * sentence test (`tailVoice`), never a rule by itself.
 */
const VOICE_WORDS: ReadonlySet<string> = new Set(
  ('yours please join visit leave enter submit add discuss below updates tips welcome author blog editor writer ' +
    'columnist reporter post posts covering via').split(' '),
);
const IMPERATIVE: ReadonlySet<string> = new Set(
  ('sign click follow subscribe join visit leave email e-mail please get enter read share add submit check download ' +
    'send find watch stay discuss like').split(' '),
);

const requireCjs = createRequire(import.meta.url);
let stopLists: Record<string, string[]> | null = null;
const stopSets = new Map<string, ReadonlySet<string>>();
/** franc's answer → the stopword package's key, where the two differ. */
const STOP_KEY: Readonly<Record<string, string>> = { arb: 'ara', cmn: 'zho', pes: 'fas', zlm: 'msa', swh: 'swa', nob: 'nob', ind: 'ind' };

/** The function words of a language (ISO 639-3), English when the language has no list. Loaded on first use. */
export function functionWords(code: string): ReadonlySet<string> {
  const key = STOP_KEY[code] ?? code;
  let set = stopSets.get(key);
  if (set === undefined) {
    stopLists ??= requireCjs('stopword') as Record<string, string[]>;
    const list = Array.isArray(stopLists[key]) ? stopLists[key]! : stopLists.eng!;
    set = new Set(list.map((w) => w.toLowerCase()));
    stopSets.set(key, set);
  }
  return set;
}

/** The language of the document's longest lines (ISO 639-3), `eng` when too little text to tell. */
export function documentLanguage(lines: readonly string[]): string {
  const long = lines.filter((l) => l.length >= 60).sort((a, b) => b.length - a.length || (a < b ? -1 : a > b ? 1 : 0));
  let sample = '';
  for (const l of long) {
    if (sample.length > 600) break;
    sample += ` ${l.trim()}`;
  }
  if (sample.length < 100) return 'eng';
  const code = guessLanguage(sample, 20);
  return code === 'und' ? 'eng' : code;
}

export interface Doc {
  lines: Line[];
  /** Lines with words, in order (the units the model decides on). */
  units: Line[];
  language: string;
  /** The document's wrap width: the 95th percentile of the lengths of lines of eight words or more. */
  width: number;
  /** The usual indentation of its prose lines. */
  proseIndent: number;
  totalWords: number;
  /** Read as Markdown (its blank lines are its block syntax). */
  markdown: boolean;
}

/** A link's title after its address: `"…"` or `'…'`, with escaped quotes inside (`"Link to \"Headline\""`). */
const MD_TITLE = String.raw`(?:\s+(?:"(?:[^"\\\n]|\\.){0,300}"|'(?:[^'\\\n]|\\.){0,300}'))?`;
const MD_IMAGE = new RegExp(String.raw`!\[[^[\]\n]{0,300}\]\([^()\s]{0,2000}` + MD_TITLE + String.raw`\)`, 'g');
const MD_LINK = new RegExp(String.raw`\[([^[\]\n]{0,300})\]\([^()\s]{0,2000}` + MD_TITLE + String.raw`\)`, 'g');
const MD_HEADING = /^#{1,6}\s+/;
/** A linked image once its image is a placeholder: `[[image]](href)`, the image as a reader sees it. */
const MD_LINKED_IMAGE = new RegExp(String.raw`\[\[image\]\]\([^()\s]{0,2000}` + MD_TITLE + String.raw`\)`, 'g');
/**
 * The two ends of a link whose text spans lines (`[` at a line's end, `](href)` opening a later line: an anchor around
 * a block, as HTML-to-Markdown converters write it): marks, not words.
 */
const MD_LINK_OPEN = /\[$/;
const MD_LINK_CLOSE = new RegExp(String.raw`^\]\([^()\s]{0,2000}` + MD_TITLE + String.raw`\)`);

/** A Markdown line as the text a reader sees: images as placeholders, links as their text, no emphasis marks. */
function markdownSurface(body: string): string {
  let t = body;
  if (t.startsWith('](')) t = t.replace(MD_LINK_CLOSE, '');
  if (t.endsWith('[') && !t.endsWith('\\[')) t = t.replace(MD_LINK_OPEN, '');
  if (t.includes('](')) t = t.replace(MD_IMAGE, '[image]').replace(MD_LINKED_IMAGE, '[image]').replace(MD_LINK, '$1');
  if (t.includes('**') || t.includes('__')) t = t.replace(/\*\*|__/g, '');
  return t.replace(/\\([\\`*_{}[\]()#+\-.!<>|~])/g, '$1');
}

/** Splits a text into lines and measures each (`markdown`: the lines are Markdown, measured as the text they show). */
export function readLines(text: string, options: { markdown?: boolean } = {}): Doc {
  const markdown = options.markdown === true;
  const rawLines = text.split('\n');
  const language = documentLanguage(rawLines);
  const stops = functionWords(language);
  const lines: Line[] = [];
  let block = 0;
  let blank = true;
  const keyCount = new Map<string, number>();
  for (let i = 0; i < rawLines.length; i++) {
    const raw = rawLines[i]!.replace(/\s+$/, '');
    const body = raw.trimStart();
    if (!body) {
      if (!blank) block++;
      blank = true;
      lines.push(emptyLine(i, raw, block));
      continue;
    }
    blank = false;
    let indent = 0;
    for (let k = 0; k < raw.length && (raw[k] === ' ' || raw[k] === '\t' || raw[k] === '\u00a0'); k++) indent += raw[k] === '\t' ? 4 : 1;
    const heading = markdown ? MD_HEADING.exec(body) : null;
    const shown = markdown ? markdownSurface(heading ? body.slice(heading[0].length) : body) : body;
    const bm = heading ? null : BULLET.exec(shown);
    let text = bm ? shown.slice(bm[0].length) : shown;
    let placeholders = 0;
    if (text.includes('[') || text.includes('_') || text.includes('(')) {
      text = text.replace(PLACEHOLDER, () => {
        placeholders++;
        return ' ';
      });
    }
    text = text.replace(/\s+/g, ' ').trim();
    const line: Line = {
      ...emptyLine(i, raw, block),
      indent,
      bullet: bm !== null,
      text,
      length: markdown ? shown.trim().length : body.length,
      placeholders,
    };
    measure(line, stops, language === 'eng');
    if (line.key) keyCount.set(line.key, (keyCount.get(line.key) ?? 0) + 1);
    lines.push(line);
  }
  let totalWords = 0;
  const units: Line[] = [];
  const lengths: number[] = [];
  const indents = new Map<number, number>();
  for (const l of lines) {
    if (l.words === 0) continue;
    units.push(l);
    totalWords += l.words;
    l.repeats = keyCount.get(l.key) ?? 1;
    if (l.words >= 8) {
      lengths.push(markdown ? l.indent + l.length : l.raw.length);
      indents.set(l.indent, (indents.get(l.indent) ?? 0) + l.words);
    }
  }
  lengths.sort((a, b) => a - b);
  const width = lengths.length ? Math.max(40, lengths[Math.min(lengths.length - 1, Math.floor(lengths.length * 0.95))]!) : 80;
  let proseIndent = 0;
  let best = -1;
  for (const [k, n] of [...indents].sort((a, b) => a[0] - b[0])) {
    if (n > best) {
      best = n;
      proseIndent = k;
    }
  }
  return { lines, units, language, width, proseIndent, totalWords, markdown };
}

function emptyLine(index: number, raw: string, block: number): Line {
  return {
    index, raw, indent: 0, bullet: false, text: '', length: 0, placeholders: 0, words: 0, block, key: '',
    stop: 0, cap: 0, upper: 0, num: 0, short: 0, chrome: 0, voice: 0, imperative: false,
    terminal: false, colon: false, commas: 0, sentences: 0, separators: 0,
    url: false, copyright: false, date: false, startsLower: false, startsQuote: false, repeats: 0,
  };
}

function measure(l: Line, stops: ReadonlySet<string>, english: boolean): void {
  const t = l.text;
  if (!t) return;
  let words = 0;
  for (const w of lineWords(t)) {
    words++;
    const lower = w.toLowerCase();
    if (stops.has(lower)) l.stop++;
    if (CHROME_WORDS.has(lower)) l.chrome++;
    if (english) {
      if (VOICE_WORDS.has(lower)) l.voice++;
      if (words === 1 && lower !== w && IMPERATIVE.has(lower)) l.imperative = true;
    }
    const c = w.charCodeAt(0);
    if (c >= 48 && c <= 57) l.num++;
    else if (lower !== w) {
      l.cap++;
      if (w.length >= 2 && w.toUpperCase() === w) l.upper++;
    }
    if (w.length <= 3 && lower === w && !(c >= 48 && c <= 57)) l.short++;
  }
  l.words = words;
  if (words === 0) return;
  l.key = t.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
  l.terminal = TERMINAL.test(t);
  l.colon = t.endsWith(':');
  for (let k = 0; k < t.length; k++) {
    const c = t.charCodeAt(k);
    if (c === 44 || c === 0xff0c || c === 0x3001) l.commas++; // , ， 、
  }
  l.sentences = count(t, SENTENCE_BREAK);
  l.separators = count(` ${t} `, SEPARATOR);
  l.url = URLISH.test(t);
  l.copyright = COPYRIGHT.test(t);
  l.date = DATE.test(t);
  l.startsLower = /^\p{Ll}/u.test(t);
  l.startsQuote = /^["“‘«„]/.test(t);
}

/** A line's words: letter runs, and those of scripts written without spaces cut by the word segmenter. */
function lineWords(t: string): string[] {
  const runs = t.match(WORD) ?? [];
  if (!HAS_UNSPACED.test(t)) return runs;
  const out: string[] = [];
  for (const w of runs) {
    if (HAS_UNSPACED.test(w)) for (const x of segmentWords(w)) out.push(x); // no spread: a token may hold 100,000 words
    else out.push(w);
  }
  return out;
}

function count(s: string, re: RegExp): number {
  re.lastIndex = 0;
  let n = 0;
  while (re.exec(s) !== null) n++;
  return n;
}
