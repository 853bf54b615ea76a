/** Body blocks → Markdown text. Deterministic, one blank line between blocks, headings start at level 2. */
import type { Block } from '../types.js';
import { escapeBlockStart } from './escape.js';
import { safeInline } from './safe.js';
import { tick } from '../deadline.js';
import { foldSpaces } from '../text/spaces.js';
import { noReversedLinks, plainParagraph, shapeBlocks } from './lint-shape.js';

export function renderBlocks(input: Block[]): string {
  return renderedParts(input)
    .map((p) => p.markdown)
    .join('\n\n');
}

/** Each block that renders to something, with its Markdown; `renderBlocks` joins these with blank lines. */
export function renderedParts(input: Block[]): Array<{ block: Block; markdown: string }> {
  const blocks = lintShapes(mergeQuotes(input));
  const { levels } = headingPlan(blocks);
  const out: Array<{ block: Block; markdown: string }> = [];
  // two numbered lists in a row read back as one list numbered on from the first (and fail MD029): the second
  // is written with the other delimiter, `1)`, which starts a new list
  let delimiter = '.';
  blocks.forEach((block, i) => {
    tick();
    const last = out[out.length - 1]?.block;
    if (block.type === 'list' && block.ordered) delimiter = last?.type === 'list' && last.ordered && delimiter === '.' ? ')' : '.';
    const s = renderBlock(block, levels.get(i), delimiter);
    if (s) out.push({ block, markdown: s });
  });
  return out;
}

/**
 * Blocks in the kind they read as (`lint-shape.ts`): emphasis-only paragraphs, headings that end like a sentence and
 * headings that repeat a sibling's text. The cleaner applies it before its rules, so that the rules see the blocks as
 * a reader of the output will, and the renderer again on what the rules made. Unchanged blocks stay the same objects.
 */
export function lintShapes(input: Block[]): Block[] {
  const blocks = shapeBlocks(input, headingInline);
  const { demoted } = headingPlan(blocks);
  if (demoted.size === 0) return blocks;
  return blocks.map((b, i) => (demoted.has(i) && b.type === 'heading' ? { type: 'paragraph', text: plainParagraph(b.text) } : b));
}

/**
 * Body headings' levels, 2…6, starting at 2 and never jumping by more than one; and the headings that repeat the text
 * of an earlier heading under the same parent, which are rendered as paragraphs (read the way markdownlint's MD024
 * with `siblings_only` reads them: a demoted heading leaves the outline as it was).
 */
function headingPlan(blocks: Block[]): { levels: Map<number, number>; demoted: Set<number> } {
  const levels = new Map<number, number>();
  const demoted = new Set<number>();
  const source = [...new Set(blocks.flatMap((b) => (b.type === 'heading' ? [b.level] : [])))].sort((a, b) => a - b);
  const rank = new Map(source.map((l, i) => [l, Math.min(6, i + 2)]));
  let prev = 1;
  const known: Array<Set<string>> = [new Set(), new Set()];
  blocks.forEach((b, i) => {
    if (b.type !== 'heading') return;
    let level = rank.get(b.level) ?? 2;
    if (level > prev + 1) level = prev + 1;
    const text = headingInline(b.text);
    if (level <= prev && known[level]!.has(text)) {
      demoted.add(i);
      return;
    }
    for (let l = level + 1; l < known.length; l++) known[l] = new Set();
    while (known.length <= level) known.push(new Set());
    known[level]!.add(text);
    levels.set(i, level);
    prev = level;
  });
  return { levels, demoted };
}

/** A heading's inline Markdown: a trailing run of # would read back as the closing sequence, so it is escaped, never dropped. */
function headingInline(text: string): string {
  return noReversedLinks(safeInline(linkBareUrls(foldSpaces(text).trim().replace(/(^|\s)(#+)$/, '$1\\$2'))));
}

/**
 * Inline text that starts a paragraph or a list item, made safe, with bare addresses linked and its start escaped so
 * that it stays what it is on re-reading (`hash`: a leading `#` escaped too, which linters read as a heading). A code
 * span that would hold markup is written out as text by the inline pass and can leave white space in front, which a
 * reader drops: the text then starts at its first character, escaped again.
 */
function startInline(text: string, hash: boolean): string {
  const escStart = (t: string): string => (hash ? escapeBlockStart(t).replace(/^#/, '\\#') : escapeBlockStart(t));
  const out = noReversedLinks(safeInline(linkBareUrls(escStart(text))));
  const start = out.trimStart();
  return start === out ? out : escStart(start);
}

function renderBlock(b: Block, level?: number, delimiter = '.'): string {
  switch (b.type) {
    case 'paragraph': {
      // whatever a rule left at the start of a paragraph must not turn it into another block on re-reading;
      // "#hashtag" reads as a heading without its space to linters, so its hash is escaped too
      return startInline(b.text.trim(), true);
    }
    case 'heading':
      return `${'#'.repeat(level ?? 2)} ${headingInline(b.text)}`;
    case 'list': {
      const counters: number[] = [];
      const columns: number[] = [0];
      // depths relative to the list's shallowest item, and never more than one level below the item before: a list
      // always starts at the margin and nests one step at a time (markdownlint MD007), whatever indentation the
      // source had (text browsers indent whole lists; HTML may skip a level)
      const base = b.items.reduce((m, it) => Math.min(m, Math.max(0, it.depth)), Infinity);
      let prev = -1;
      return b.items
        .map((it) => {
          tick();
          const depth = Math.min(Math.max(0, it.depth) - base, prev + 1);
          prev = depth;
          counters.length = depth + 1;
          counters[depth] = (counters[depth] ?? 0) + 1;
          const marker = b.ordered ? `${counters[depth]}${delimiter}` : '-';
          // an item nests under its parent's text, whose column depends on the parent's marker (`10. ` is four wide)
          columns.length = depth + 1;
          columns[depth + 1] = columns[depth]! + marker.length + 1;
          return `${' '.repeat(columns[depth]!)}${marker} ${startInline(foldSpaces(it.text).trim(), false)}`;
        })
        .join('\n');
    }
    case 'quote':
      return b.text
        .trim()
        .split('\n')
        .map((l) => (l.trim() ? `> ${noReversedLinks(safeInline(linkBareUrls(l.trim()).replace(/^#/, '\\#')))}` : '>'))
        .join('\n');
    case 'code': {
      const longest = Math.max(2, ...[...b.text.matchAll(/`+/g)].map((m) => m[0].length));
      const fence = '`'.repeat(longest + 1);
      return `${fence}${b.lang ?? 'text'}\n${b.text.replace(/\s+$/, '')}\n${fence}`;
    }
    case 'table': {
      const cell = (c: string): string => noReversedLinks(safeInline(linkBareUrls(foldSpaces(c).replace(/(?<!\\)\|/g, '\\|').trim())));
      const rows = b.rows.map((r) => {
        tick();
        // an empty cell is one space, as in the rest of the row's `| text |` (markdownlint MD060, compact style)
        return `|${r.map((c) => ` ${cell(c)} `.replace(/^  $/, ' ')).join('|')}|`;
      });
      const sep = `| ${b.rows[0]!.map(() => '---').join(' | ')} |`;
      return [rows[0]!, sep, ...rows.slice(1)].join('\n');
    }
    case 'rule':
      return '---';
  }
}

/** Block quotes that follow each other become one quote with several paragraphs (a blank line between two quotes is ambiguous). */
export function mergeQuotes(blocks: Block[]): Block[] {
  const out: Block[] = [];
  // a run of quotes is joined once at its end (joining at each step copied the growing text: n quotes cost n²)
  let run: Block[] = [];
  const endRun = (): void => {
    if (run.length === 1) out.push(run[0]!);
    else if (run.length > 1) out.push({ type: 'quote', text: run.map((q) => (q as { text: string }).text.trim()).join('\n\n') });
    run = [];
  };
  for (const b of blocks) {
    if (b.type === 'quote') run.push(b);
    else {
      endRun();
      out.push(b);
    }
  }
  endRun();
  return out;
}

/** A link's title after its destination: `"…"`, `'…'` or `(…)`. */
const LINK_TITLE = String.raw`(?:\s+(?:"[^"]{0,500}"|'[^']{0,500}'|\([^()]{0,500}\)))?`;
/**
 * A link's text: no brackets, but an image (a linked image `[![alt](src "title")](href)`). Other brackets inside a
 * link's text (`[[48]](…)`, a citation mark) are not taken as a link here, as before: written after another link,
 * markdownlint reads `(…)[[48]` as a reversed link, and the bare URLs in them are linked instead.
 */
const LINK_TEXT = String.raw`(?:[^[\]]|!\[[^[\]]{0,1000}\]\([^()\s]{0,2000}${LINK_TITLE}\)){0,1000}`;
/** A link's destination: `<…>`, or no spaces and parentheses only in balanced pairs (`/wiki/Mercury_(planet)`). */
const LINK_DEST = String.raw`(?:<[^<>\n]{0,2000}>|(?:[^()\s]|\([^()\s]{0,500}\)){0,2000})`;
/** Inline spans a URL must not be linked inside: code spans, links and images (text, target, title) and autolinks. */
const PROTECTED = new RegExp(String.raw`\`[^\`]{0,2000}\`|!?\[${LINK_TEXT}\]\(\s*${LINK_DEST}${LINK_TITLE}\s*\)|<[^<>\s]{1,2000}>`, 'g');
/** A URL character: not white space or a character that ends URLs in text; a backslash only as an escape of `_*.-\`. */
const URL_CHAR = String.raw`(?:[^\s<>()[\]\`\\]|\\[_*.\\-])`;
const BARE = new RegExp(
  String.raw`\bhttps?:\/\/${URL_CHAR}{1,2000}|\bwww\.[\w-]{1,63}(?:\.[\w-]{1,63}){1,8}(?:\/${URL_CHAR}{0,2000})?|[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){1,8}\b|\bwww\.(?=\S)`,
  'g',
);

/**
 * Bare URLs and e-mail addresses become Markdown links (`[url](url)`): the text stays the same, no HTML is added, and
 * linters stop reading them as bare URLs. URLs inside code, links and autolinks are left alone.
 */
export function linkBareUrls(text: string): string {
  if (!(text.includes('://') || text.includes('www.') || text.includes('@')) || text.length > 100_000) return text;
  let out = '';
  let from = 0;
  PROTECTED.lastIndex = 0;
  for (const m of text.matchAll(PROTECTED)) {
    out += linkPlain(text.slice(from, m.index)) + m[0];
    from = (m.index ?? 0) + m[0].length;
  }
  return out + linkPlain(text.slice(from));
}

function linkPlain(text: string): string {
  BARE.lastIndex = 0;
  return text.replace(BARE, (raw: string) => {
    // a `www.` that is not followed by a domain here (`www.\*.com`) is still linked by GFM readers: its dot is escaped
    if (raw.length === 4) return `${raw.slice(0, 3)}\\.`;
    const url = raw.replace(/(?:[.,;:!?'"’”*_]|\\[_*.])+$/, '');
    if (!url || url.length < 4) return raw;
    const rest = raw.slice(url.length);
    const plainUrl = url.replace(/\\([_*.\\-])/g, '$1');
    const target = url.includes('@') && !/^https?:/i.test(url) ? `mailto:${plainUrl}` : /^www\./i.test(url) ? `http://${plainUrl}` : plainUrl;
    return `[${url}](${target.replace(/[()\s<>]/g, (c) => encodeURIComponent(c))})${rest}`;
  });
}
