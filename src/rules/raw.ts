/** Raw-text rules (NC0xx): run on the decoded text before it is parsed. */
import { defineRule } from './define-rule.js';
import { fixTextDetailed } from '../encoding/index.js';

export const mojibake = defineRule({
  id: 'NC001',
  name: 'mojibake',
  stage: 'raw',
  tags: ['encoding'],
  description: 'Repairs UTF-8 text that was decoded as windows-1252/latin-1 and similar (canâ€™t → can’t).',
  apply(text, ctx) {
    const { text: fixed, repairs } = fixTextDetailed(text);
    for (const r of repairs.slice(0, 50)) ctx.removed(`${r.from} → ${r.to}`, 'repaired');
    if (repairs.length > 50) ctx.removed(`… and ${repairs.length - 50} more repairs`, 'repaired');
    return fixed;
  },
});

// C0 controls except tab and newline, DEL, C1 controls, zero-width space, stray BOMs, interlinear annotation marks.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u200b\ufeff\ufff9-\ufffb]+/g;

export const controlCharacters = defineRule({
  id: 'NC002',
  name: 'control-characters',
  stage: 'raw',
  tags: ['encoding'],
  description: 'Removes control characters, zero-width spaces and stray byte-order marks.',
  apply(text, ctx) {
    let count = 0;
    const out = text.replace(CONTROL, (m) => {
      count += m.length;
      return '';
    });
    if (count > 0) ctx.removed(`${count} control character${count === 1 ? '' : 's'}`);
    return out;
  },
});

const AD_ONE = String.raw`\[(?:ad_\d{1,3}|source_link|matched_content|original_title|original_link|keyword|author_name|the_content)\]`;
/** A marker, or a run of markers separated by spaces, taken as one unit. */
const AD_TOKEN = new RegExp(`${AD_ONE}(?:[ \t]{0,20}${AD_ONE}){0,50}`, 'g');
const TAG = /<\/?[a-z][a-z0-9]{0,10}\b[^<>]{0,300}>/gi;

/**
 * Removes a template marker only where it stands as markup: alone on its line (HTML tags aside) or touching an
 * HTML tag (`<br>[ad_2]`). A marker inside a sentence — an article about shortcodes — is the article's text.
 */
export function stripAdMarkers(text: string, onRemove: (marker: string) => void): string {
  if (!text.includes('[')) return text;
  const bodyAt = frontMatterEnd(text);
  const lines = text.slice(bodyAt).split('\n');
  let changed = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (!line.includes('[') || line.length > 100_000) continue;
    AD_TOKEN.lastIndex = 0;
    if (!AD_TOKEN.test(line)) continue;
    const alone = !line.replace(AD_TOKEN, '').replace(TAG, '').trim();
    const next = line.replace(AD_TOKEN, (m, at: number) => {
      const touchesTag = tagEndsBefore(line, at) || tagStartsAfter(line, at + m.length);
      if (!alone && !touchesTag) return m;
      onRemove(m);
      return '';
    });
    if (next !== line) {
      lines[i] = alone ? next.trim() : next;
      changed = true;
    }
  }
  return changed ? text.slice(0, bodyAt) + lines.join('\n') : text;
}

const TAG_END = /<\/?[A-Za-z][A-Za-z0-9]{0,10}\b[^<>]{0,300}>$/;
const TAG_START = /^<\/?[A-Za-z]/;

/** True when, spaces aside, an HTML tag ends right before index `at` (a Markdown quote's `>` is not a tag). */
function tagEndsBefore(line: string, at: number): boolean {
  let k = at - 1;
  while (k >= 0 && (line[k] === ' ' || line[k] === '\t')) k--;
  return k >= 0 && line[k] === '>' && TAG_END.test(line.slice(Math.max(0, k - 320), k + 1));
}

/** True when, spaces aside, an HTML tag starts at index `from`. */
function tagStartsAfter(line: string, from: number): boolean {
  let k = from;
  while (k < line.length && (line[k] === ' ' || line[k] === '\t')) k++;
  return line[k] === '<' && TAG_START.test(line.slice(k, k + 3));
}

/** Offset where the body starts after a closed front-matter fence (0 when there is none). */
function frontMatterEnd(text: string): number {
  if (!text.startsWith('---')) return 0;
  const open = text.indexOf('\n');
  if (open < 0 || text.slice(0, open).trim().replace(/^---\s*[\w-]*$/, '') !== '') return 0;
  const close = /\n(?:---|\.\.\.)[ \t]*(?:\n|$)/.exec(text.slice(open));
  return close ? open + close.index + close[0].length : 0;
}

export const adMarkers = defineRule({
  id: 'NC003',
  name: 'ad-markers',
  stage: 'raw',
  tags: ['ads', 'template'],
  description: 'Removes auto-blogging template markers ([ad_1], [ad_2], [source_link]) standing as markup; a marker quoted inside a sentence stays.',
  apply(text, ctx) {
    return stripAdMarkers(text, (m) => ctx.removed(m));
  },
});

export const rawRules = [mojibake, controlCharacters, adMarkers] as const;
