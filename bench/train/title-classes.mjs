// The class of a plain-text rendering's title error: where (if anywhere) a line of the rendering shows the wanted
// title, and whether the headline model saw it. Shared by text-title-errors.mjs (true titles) and title-proxy.mjs
// --text (the Dragnet headline proxy).
//
// Classes (one per page and rendering):
//   right            the cleaner's title matches
//   site-suffix      (proxy only) the title given is the headline with more around it that the set's rule cuts
//                    (a site's name after a separator): right under score.mjs titleMatches, not equal
//   picked-altered   a line that matches was picked, but the title given differs (a later stage changed it)
//   window-wrong     a matching line is among the headline candidates; another one was picked (or none)
//   outside-window   a matching line is in the rendering, not among the candidates
//   no-model-shown   the model did not act on the text (too little chrome; the title came from the named rules),
//                    and a line shows the title
//   no-model-absent  the same, and no line shows the title
//   partial-line     no line matches, but a line holds the title's words in order with more around them, or a
//                    line is the title's first part (wrapped, or cut)
//   absent           no line of the rendering shows the title
import path from 'node:path';
import { root, setDir } from './pages.mjs';

const { scoreText, THRESHOLD } = await import(path.join(root, 'dist/model/zones.js'));
const { articleLines, hasChrome, mayHaveChrome } = await import(path.join(root, 'dist/model/decide.js'));
const { headlineCandidates, lineBlocks } = await import(path.join(root, 'dist/model/header.js'));
const { functionWords } = await import(path.join(root, 'dist/model/lines.js'));
const { titleMatches, stripSiteSuffix } = await import(path.join(setDir, 'score.mjs'));

export const norm = (s) => String(s ?? '').normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
/** A line as the candidates read it: lynx's link markers and a list glyph left out. */
const strip = (l) => l.replace(/\[[^\]]{0,80}\]/g, ' ').replace(/^\s*(?:[^\p{L}\p{N}\s"'“‘([]{1,2}|o)\s+/u, '').trim();

/**
 * The class of the title `got` the cleaner gave for rendering `text` against the wanted title `want`.
 * `exact`: right only when equal after normalisation (the proxy's rule); otherwise the set's titleMatches.
 * Returns { cls, where } (where: the matching lines, the article's first line, or the partial line).
 */
export function titleClass(text, got, want, { exact = false } = {}) {
  const matches = (s) => (exact ? norm(s) === norm(want) || titleMatches(s, want) : titleMatches(s, want));
  if (got && (exact ? norm(got) === norm(want) : titleMatches(got, want))) return { cls: 'right', where: '' };
  if (got && exact && titleMatches(got, want)) return { cls: 'site-suffix', where: '' };
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const matching = [];
  for (let i = 0; i < lines.length; i++) {
    const a = strip(lines[i]);
    if (a && matches(a)) matching.push(i);
    else if (a && i + 1 < lines.length && strip(lines[i + 1]) && matches(`${a} ${strip(lines[i + 1])}`)) matching.push(i);
  }
  const scored = mayHaveChrome(text) ? scoreText(text) : null;
  const acts = scored && hasChrome(scored, THRESHOLD);
  if (!acts) return matching.length ? { cls: 'no-model-shown', where: `match at line ${matching.join(',')}` } : { cls: 'no-model-absent', where: '' };
  if (matching.length) {
    const first = articleLines(scored, THRESHOLD).first;
    const cands = headlineCandidates(scored.doc.units, first, scored.p, functionWords(scored.doc.language), lineBlocks(scored.doc));
    const firstLine = scored.doc.units[first]?.index ?? -1;
    const where = `match at line ${matching.join(',')}, article from line ${firstLine}`;
    if (!cands.some((c) => matches(c.text))) return { cls: 'outside-window', where };
    // the title given is a matching candidate cut down (a part kept, a suffix taken for a site's name)
    const g = got ? norm(got) : '';
    const picked = g.split(' ').length >= 3 && cands.some((c) => matches(c.text) && (norm(c.text).startsWith(g) || norm(c.text).endsWith(g)));
    return { cls: picked ? 'picked-altered' : 'window-wrong', where };
  }
  const tn = norm(stripSiteSuffix(want) ?? want);
  const full = norm(want);
  const hit = lines.findIndex((l) => {
    const n = norm(l);
    return n.length >= 8 && (n.includes(tn) || n.includes(full) || (tn.startsWith(n) && n.split(' ').length >= 3));
  });
  if (hit >= 0) return { cls: 'partial-line', where: `line ${hit}: ${JSON.stringify(lines[hit].trim().slice(0, 120))}` };
  return { cls: 'absent', where: '' };
}
