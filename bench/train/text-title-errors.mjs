#!/usr/bin/env node
// Title errors of the plain-text cleaner on the development pages, by class: for every page with a true title and
// each rendering, what the cleaner gave against the truth, and whether (and where) a line of the rendering shows the
// title at all.
//
//   npm run build && node bench/train/text-title-errors.mjs [--fold fit|heldout|all] [--browser NAME] [--verbose]
//
// Classes (one per page and rendering):
//   right            the cleaner's title matches (score.mjs titleMatches)
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
import { browserText, installedBrowsers, loadSplit, loadTruth, renderings, root, setDir } from './pages.mjs';

const args = process.argv.slice(2);
const opt = (name, dflt) => (args.includes(name) ? args[args.indexOf(name) + 1] : dflt);
const fold = opt('--fold', 'fit');
const verbose = args.includes('--verbose');
// --browser NAME: the renderings of another text browser (bench/train/pages.mjs BROWSERS) instead of the set's
const browser = opt('--browser', null);
const other = browser ? installedBrowsers().find((b) => b.name === browser) : null;
if (browser && !other) throw new Error(`--browser ${browser}: not one of ${installedBrowsers().map((b) => b.name).join(', ')}`);
const textsOf = (id) => (other ? [{ variant: other.name, text: browserText(other, id) }] : renderings(id));
const { cleanText } = await import(path.join(root, 'dist/index.js'));
const { scoreText, THRESHOLD } = await import(path.join(root, 'dist/model/zones.js'));
const { articleLines, hasChrome, mayHaveChrome } = await import(path.join(root, 'dist/model/decide.js'));
const { headlineCandidates, lineBlocks } = await import(path.join(root, 'dist/model/header.js'));
const { functionWords } = await import(path.join(root, 'dist/model/lines.js'));
const { titleMatches, stripSiteSuffix } = await import(path.join(setDir, 'score.mjs'));

const norm = (s) => String(s).normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
const split = loadSplit();
const pages = loadTruth().filter((t) => t.title && (fold === 'all' || (split[t.id]?.fold ?? 'fit') === fold));
const counts = new Map();
const list = [];
for (const t of pages) {
  for (const r of textsOf(t.id)) {
    const res = cleanText(r.text, { path: `${t.id}.txt` });
    const got = res.metadata?.title;
    let cls;
    let where = '';
    const lines = r.text.replace(/\r\n?/g, '\n').split('\n');
    const strip = (l) => l.replace(/\[[^\]]{0,80}\]/g, ' ').replace(/^\s*(?:[^\p{L}\p{N}\s"'“‘([]{1,2}|o)\s+/u, '').trim();
    const matching = [];
    for (let i = 0; i < lines.length; i++) {
      const a = strip(lines[i]);
      if (a && titleMatches(a, t.title)) matching.push(i);
      else if (a && i + 1 < lines.length && strip(lines[i + 1]) && titleMatches(`${a} ${strip(lines[i + 1])}`, t.title)) matching.push(i);
    }
    const scored = mayHaveChrome(r.text) ? scoreText(r.text) : null;
    const acts = scored && hasChrome(scored, THRESHOLD);
    if (got && titleMatches(got, t.title)) cls = 'right';
    else if (!acts) {
      cls = matching.length ? 'no-model-shown' : 'no-model-absent';
      if (matching.length) where = `match at line ${matching.join(',')}`;
    } else if (matching.length) {
      const first = articleLines(scored, THRESHOLD).first;
      const cands = headlineCandidates(scored.doc.units, first, scored.p, functionWords(scored.doc.language), lineBlocks(scored.doc));
      const inWin = cands.some((c) => titleMatches(c.text, t.title));
      const firstLine = scored.doc.units[first]?.index ?? -1;
      where = `match at line ${matching.join(',')}, article from line ${firstLine}`;
      if (inWin) {
        // the title given is a matching candidate cut down (a part kept, a suffix taken for a site's name)
        const g = got ? norm(got) : '';
        const picked = g.split(' ').length >= 3 && cands.some((c) => titleMatches(c.text, t.title) && (norm(c.text).startsWith(g) || norm(c.text).endsWith(g)));
        cls = picked ? 'picked-altered' : 'window-wrong';
      } else cls = 'outside-window';
    } else {
      const tn = norm(stripSiteSuffix(t.title) ?? t.title);
      const full = norm(t.title);
      const hit = lines.findIndex((l) => {
        const n = norm(l);
        return n.length >= 8 && (n.includes(tn) || n.includes(full) || (tn.startsWith(n) && n.split(' ').length >= 3));
      });
      if (hit >= 0) {
        cls = 'partial-line';
        where = `line ${hit}: ${JSON.stringify(lines[hit].trim().slice(0, 120))}`;
      } else cls = 'absent';
    }
    const k = `${r.variant} ${cls}`;
    counts.set(k, (counts.get(k) ?? 0) + 1);
    list.push(`${r.variant} ${cls.padEnd(15)} ${t.id}: got ${JSON.stringify(got ?? null)} want ${JSON.stringify(t.title)} ${where}`);
  }
}
console.log(`fold ${fold}: ${pages.length} pages with a title`);
for (const [k, n] of [...counts].sort()) console.log(`${k.padEnd(28)} ${n}`);
if (verbose) for (const l of list.sort()) console.log(l);
