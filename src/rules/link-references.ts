/**
 * Numbered links and their reference list (NC007): text browsers asked for a dump with their defaults (`lynx -dump`,
 * `elinks -dump`, w3m with link numbers) write a number before every link — `[12]Sport`, `according to
 * [52]People.com` — and list the numbers' addresses under a "References" heading at the end. The numbers are the
 * browser's, not the page's: they cut the words they stand beside into other tokens, and the list is a page of
 * addresses that no reader counts as the article.
 *
 * A text shows the convention when it ends with such a list — a "References" heading, then nothing but numbered
 * entries (each an address, or a link's title with its address on the next line) and the browsers' "Visible links" /
 * "Hidden links" sub-headings, nearly every entry with an address — and when the text before it holds bracketed
 * numbers for at least half of the list's visible entries, nearly all of them written right before a link's text
 * (`[8]port authority`, not `in [8].`). Then the list goes, and so does the first bracketed
 * mark of each number the list holds (a page laid out in columns side by side numbers its links out of order); a
 * second `[2]` — a footnote mark after the link numbered 2 — stays. A document's own numbered list of sources under
 * "References" has no addresses for every entry, or no matching marks, and stays.
 *
 * Converters to plain text write a link's address in brackets right after its text instead (html-to-text by default:
 * `the port authority [https://port.example/plan] said`, an image as its address in brackets, a relative link as its
 * path, a mail link as its address): the addresses cut the sentence's words apart and are no reader's text. A text
 * shows that convention when it holds at least MIN_INLINE_ADDRESSES of them; then each goes with the space before
 * it, and a line left empty goes too. A text that quotes an address or two in brackets is left as it is.
 *
 * elinks also writes the page's `<link>` elements (feeds, canonical address, previous and next posts) as the text's
 * first lines, `Link: [1]RSS Feed (alternate)`; a run of such lines at the very start of a text goes as well (the
 * headline model took one for the title).
 */
import { defineRule, type RuleContext } from './define-rule.js';

/** The list's heading, alone on its line ("References", "References:"). */
const HEADING = /^[ \t]*References:?[ \t]*$/gm;
/** One entry: `12. http://…` (lynx, elinks) or `[12] http://…` (w3m); elinks may give a link's title instead. */
const ENTRY = /^[ \t]*(?:(\d+)\.|\[(\d+)\])[ \t]+(\S.*?)[ \t]*$/;
/** An address: `http://…`, `file:///…`, `mailto:…`, `javascript:…` (browsers write a query's spaces as they are). */
const ADDRESS = /^(?:[a-z][a-z0-9+.-]*:\/\/|(?:mailto|javascript|tel|data|news):)/i;
/** Sub-headings lynx and elinks put inside the list; links after "Hidden links" have no mark in the text. */
const SUBHEAD = /^[ \t]*(Visible|Hidden) links:?[ \t]*$/i;
/** Entries with an address, of all entries: a document's own list of sources under "References" has fewer. */
const MIN_ADDRESS_SHARE = 0.8;
/** Marks in the text, of the list's visible entries, before a text is taken to number its links. */
const MIN_MARKED_SHARE = 0.5;
const MARKER = /\[(\d{1,5})\]/g;
/**
 * The lines elinks writes first for the page's `<link>` elements (`Link: [1]RSS Feed (alternate)`, `Link: canonical`):
 * a relation or a title, never an address (a scraper's `Link: https://…` header line is the article's address).
 */
const PAGE_LINKS = /^(?:[ \t]*\n)*(?:[ \t]*Link: (?![A-Za-z][A-Za-z0-9+.-]*:\/\/|www\.)\S[^\n]*(?:\n|$))+(?:[ \t]*\n)*/;
/** What follows a browser's mark: the link's text (a word, a quote, an image's or a field's placeholder). */
const LINK_TEXT = /^[^\s.,;:!?)\]]/u;
/** Marks followed by a link's text, of all marks: a text's own citation marks (`as shown in [1].`) have few. */
const MIN_GLUED_SHARE = 0.8;
/** A mark between a word (or its closing punctuation) and the next word stands for a space. */
const BEFORE_WORD = /[\p{L}\p{N}.,;:!?)\]»”’'"]$/u;
const STARTS_WORD = /^[\p{L}\p{N}"“‘'(]/u;

/**
 * An address in brackets as converters write it after a link's text: a scheme's (`https://…`, `javascript:void(0)`,
 * `data:…`), a path (`/news/a`, `../a`, `./a`, `?page=2`, `#top`) or a mail address; no space inside.
 */
const INLINE_ADDRESS = /\[(?:[a-z][a-z0-9+.-]{1,20}:[^\s[\]]{1,2000}|(?:\/|\.\.?\/|[?#])[^\s[\]]{0,2000}|[^\s@[\]]{1,64}@[^\s@[\]]{1,255}\.[a-z]{2,24})\](?!\()/gi;
/** Bracketed addresses a text holds before it is taken to write every link's address after its text. */
const MIN_INLINE_ADDRESSES = 3;

interface ReferenceList {
  /** Where the heading's line starts. */
  at: number;
  /** The highest entry number. */
  last: number;
  /** Entries before a "Hidden links" sub-heading. */
  visible: number;
}

/** The reference list the text ends with, or null. */
function referenceList(text: string): ReferenceList | null {
  for (const m of text.matchAll(HEADING)) {
    let entries = 0;
    let visible = 0;
    let addresses = 0;
    let last = 0;
    let hidden = false;
    let open = false; // the last entry has no address yet
    let ok = true;
    for (const line of text.slice(m.index + m[0].length).split('\n')) {
      const trimmed = line.trim();
      if (!trimmed) continue;
      const sub = SUBHEAD.exec(line);
      if (sub) {
        hidden = sub[1]!.toLowerCase() === 'hidden';
        continue;
      }
      const e = ENTRY.exec(line);
      if (!e) {
        if (ADDRESS.test(trimmed)) {
          // an entry's address under its title (elinks), or a long one's second line
          if (open) addresses++;
          open = false;
          continue;
        }
        ok = false;
        break;
      }
      entries++;
      if (!hidden) visible++;
      open = !ADDRESS.test(e[3]!);
      if (!open) addresses++;
      last = Math.max(last, Number(e[1] ?? e[2]));
    }
    if (ok && entries && addresses >= MIN_ADDRESS_SHARE * entries) return { at: m.index, last, visible };
  }
  return null;
}

export const linkReferences = defineRule({
  id: 'NC007',
  name: 'link-references',
  stage: 'raw',
  tags: ['text-browser'],
  formats: ['text'],
  description:
    'Plain text dumped by a text browser with its link numbers (`[12]Sport`) and their "References" list at the end: the list and the numbers that count the links go; a text without the list is left as it is. A text that writes every link\'s address in brackets after its text (`port authority [https://…]`, html-to-text\'s default) loses the addresses. The `Link: …` lines elinks writes first for the page\'s <link> elements go too.',
  apply(text, ctx) {
    let rest = text;
    const head = PAGE_LINKS.exec(text);
    if (head && text.slice(head[0].length).trim()) {
      ctx.removed(head[0].trim(), "removed (the page's <link> elements)");
      rest = text.slice(head[0].length);
    }
    return inlineAddresses(numberedLinks(rest, ctx), ctx);
  },
});

/** `text` without the addresses a converter wrote in brackets after its links' texts, when it writes them. */
function inlineAddresses(text: string, ctx: RuleContext): string {
  if (!text.includes('[')) return text;
  INLINE_ADDRESS.lastIndex = 0;
  let n = 0;
  while (n < MIN_INLINE_ADDRESSES && INLINE_ADDRESS.exec(text) !== null) n++;
  if (n < MIN_INLINE_ADDRESSES) return text;
  // matchAll below starts where the count stopped otherwise
  INLINE_ADDRESS.lastIndex = 0;
  let count = 0;
  let first = '';
  const out = text
    .split('\n')
    .map((line) => {
      if (!line.includes('[')) return line;
      // each address with the spaces before it (cut here: a pattern that opened on them would scan a long run of
      // spaces again from each of its positions)
      let next = '';
      let from = 0;
      for (const m of line.matchAll(INLINE_ADDRESS)) {
        if (!count++) first = m[0];
        let k = m.index;
        while (k > from && (line[k - 1] === ' ' || line[k - 1] === '\t')) k--;
        next += line.slice(from, k);
        from = m.index + m[0].length;
      }
      next = from ? next + line.slice(from) : line;
      return next === line || next.trim() ? next : null;
    })
    .filter((line) => line !== null)
    .join('\n');
  ctx.removed(count > 1 ? `${first.slice(0, 80)} (and ${count - 1} more)` : first, 'removed (link addresses)');
  return out;
}

/** `text` without its browser's link numbers and reference list, when it shows them. */
function numberedLinks(text: string, ctx: RuleContext): string {
  if (!text.includes('References')) return text;
  const list = referenceList(text);
  if (!list) return text;
  const before = text.slice(0, list.at);
  const marks: number[] = []; // offsets of the marks that number the links
  const seen = new Set<number>();
  for (const m of before.matchAll(MARKER)) {
    const k = Number(m[1]);
    if (k < 1 || k > list.last || seen.has(k)) continue;
    seen.add(k);
    marks.push(m.index);
  }
  if (!marks.length || marks.length < MIN_MARKED_SHARE * list.visible) return text;
  // a browser writes its mark right before the link's text; a citation mark stands before a space or a stop
  const glued = marks.filter((at) => LINK_TEXT.test(before.slice(before.indexOf(']', at) + 1, before.indexOf(']', at) + 2))).length;
  if (glued < MIN_GLUED_SHARE * marks.length) return text;
  let out = '';
  let from = 0;
  for (const at of marks) {
    const end = before.indexOf(']', at) + 1;
    const glue = BEFORE_WORD.test(before.slice(Math.max(0, at - 1), at)) && STARTS_WORD.test(before.slice(end, end + 1));
    out += before.slice(from, at) + (glue ? ' ' : '');
    from = end;
  }
  out += before.slice(from);
  const first = before.slice(marks[0]).split('\n')[0]!.slice(0, 40);
  ctx.removed(text.slice(list.at).trim(), 'removed (link reference list)');
  ctx.removed(marks.length > 1 ? `${first} (and ${marks.length - 1} more)` : first, 'removed (link numbers)');
  return out.replace(/\s+$/, '\n');
}
