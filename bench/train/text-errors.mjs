#!/usr/bin/env node
// Where the content-zone model loses on the plain-text renderings, by class: each page that is not clean (word 4-gram
// F1 < 0.9 of the lines the model keeps) has its wrongly kept and wrongly dropped words sorted by where they stand
// against the true article (its first and last article line, labelled as bench/train/text-zones.mjs labels them):
//
//   kept before      chrome kept above the article's first line (menus with paragraphs, teasers)
//   kept after       chrome kept below the article's last line (reader comments, teasers, footers)
//   kept inside      chrome kept between the article's lines (captions, inline teasers)
//   dropped inside   article lines dropped (captions, subheads, short paragraphs, whole parts)
//   wrong block      the article lost (recall < 0.3): another block kept in its place
//   not acted        the model left the text alone (too little it scores as chrome)
//
// A page's class is its largest share; words are counted per true word (page-equivalents), as the scorer averages
// pages. Diagnostics for development: fit pages unless --fold says otherwise.
//
// Renderings by other text browsers (bench/train/pages.mjs BROWSERS: elinks, links, html2text, turndown …, never
// fitted on) are read as the rule reads them: the format as detected, a text wrapped far from the model's width
// wrapped again first, Markdown measured as the text it shows.
//
//   npm run build && node bench/train/text-errors.mjs [--fold fit|heldout|all] [--only lynx|w3m|elinks|links|html2text|turndown|…]
//                                                     [--browsers] [--list CLASS] [--top N]
import path from 'node:path';
import { browserText, installedBrowsers, loadSplit, loadTruth, renderings, root, setDir } from './pages.mjs';
import { unitCoverage } from './common.mjs';

const args = process.argv.slice(2);
const opt = (name, dflt) => (args.includes(name) ? args[args.indexOf(name) + 1] : dflt);
const fold = opt('--fold', 'fit');
const only = opt('--only', null);
const list = opt('--list', null);
const top = Number(opt('--top', '8'));
const { scoreText, THRESHOLD } = await import(path.join(root, 'dist/model/zones.js'));
const { modelInput } = await import(path.join(root, 'dist/model/paragraphs.js'));
const { detectFormat } = await import(path.join(root, 'dist/pipeline/detect.js'));
const browsers = installedBrowsers().filter((b) => (only ? b.name === only : args.includes('--browsers')));
/** The page's renderings: the set's own, then the other browsers' asked for. */
function allRenderings(id) {
  const own = renderings(id);
  const other = browsers.map((b) => ({ variant: b.name, text: browserText(b, id) })).filter((r) => r.text);
  return [...own, ...other];
}
const { articleLines, hasChrome } = await import(path.join(root, 'dist/model/decide.js'));
const { tokenize, units: ngrams, matchUnits, pageScores } = await import(path.join(setDir, 'score.mjs'));

const split = loadSplit();
const pages = loadTruth().filter((t) => fold === 'all' || (split[t.id]?.fold ?? 'fit') === fold);

/** Per unit: article (1) or not (0), as the trainer labels lines, and its token count. */
function labels(doc, body) {
  const { tokCount, covCount } = unitCoverage(doc, ngrams(tokenize(body), 4), tokenize);
  return { y: Array.from(tokCount, (c, j) => (c > 0 && covCount[j] / c >= 0.5 ? 1 : 0)), tok: tokCount };
}

const CLASSES = ['kept before', 'kept after', 'kept inside', 'dropped inside', 'wrong block', 'not acted'];
function newStats() {
  return { pages: 0, clean: 0, formats: {}, words: Object.fromEntries(CLASSES.map((c) => [c, 0])), count: Object.fromEntries(CLASSES.map((c) => [c, 0])), byClass: Object.fromEntries(CLASSES.map((c) => [c, []])) };
}
const stats = new Map();
for (const t of pages) {
  const trueWords = tokenize(t.body).length || 1;
  for (const r of allRenderings(t.id)) {
    if (only && r.variant !== only) continue;
    const format = detectFormat(r.text.replace(/\r\n?/g, '\n'));
    if (format !== 'text' && format !== 'markdown') {
      const s = stats.get(r.variant) ?? newStats();
      stats.set(r.variant, s);
      s.pages++;
      s.formats[format] = (s.formats[format] ?? 0) + 1;
      continue;
    }
    const input = modelInput(r.text, format);
    const s = stats.get(r.variant) ?? newStats();
    stats.set(r.variant, s);
    s.pages++;
    if (format === 'markdown') s.formats.markdown = (s.formats.markdown ?? 0) + 1;
    const scored = scoreText(input, { markdown: format === 'markdown' });
    const acted = hasChrome(scored, THRESHOLD);
    const keepLine = acted ? articleLines(scored, THRESHOLD).keep : null;
    const { doc } = scored;
    const keep = doc.units.map((u) => (keepLine ? keepLine[u.index] : true));
    const kept = doc.units.filter((_, j) => keep[j]).map((u) => u.text).join('\n');
    const sc = pageScores(matchUnits(ngrams(tokenize(t.body), 4), ngrams(tokenize(kept), 4)));
    if ((sc.f1 ?? 0) >= 0.9) {
      s.clean++;
      continue;
    }
    const { y, tok } = labels(doc, t.body);
    const first = y.indexOf(1);
    const last = y.lastIndexOf(1);
    const loss = Object.fromEntries(CLASSES.map((c) => [c, 0]));
    if (!acted) loss['not acted'] = 1 - (sc.f1 ?? 0);
    else if ((sc.recall ?? 0) < 0.3) loss['wrong block'] = 1 - (sc.f1 ?? 0);
    else {
      for (let j = 0; j < y.length; j++) {
        const w = tok[j] / trueWords;
        if (keep[j] && !y[j]) loss[first < 0 || j < first ? 'kept before' : j > last ? 'kept after' : 'kept inside'] += w;
        else if (!keep[j] && y[j]) loss['dropped inside'] += w;
      }
    }
    let cls = CLASSES[0];
    for (const c of CLASSES) if (loss[c] > loss[cls]) cls = c;
    s.count[cls]++;
    for (const c of CLASSES) s.words[c] += loss[c];
    s.byClass[cls].push(`${t.id} F1 ${(sc.f1 ?? 0).toFixed(3)} P ${(sc.precision ?? 0).toFixed(3)} R ${(sc.recall ?? 0).toFixed(3)} ${CLASSES.filter((c) => loss[c] > 0.005).map((c) => `${c} ${loss[c].toFixed(2)}`).join(', ')}`);
  }
}
console.log(`fold ${fold}, ${pages.length} pages; line model's kept lines (threshold ${THRESHOLD})`);
for (const [v, s] of [...stats].sort()) {
  const formats = Object.entries(s.formats).map(([f, n]) => `${f} ${n}`).join(', ');
  console.log(`\n${v}: ${s.pages} pages, clean ${(s.clean / s.pages).toFixed(3)}, not clean ${s.pages - s.clean}${formats ? ` (detected: ${formats}; not text nor Markdown counted as not clean)` : ''}`);
  console.log('class            pages  page-equivalents (wrong words per true word, summed)');
  for (const c of CLASSES) console.log(`${c.padEnd(16)} ${String(s.count[c]).padStart(5)}  ${s.words[c].toFixed(1).padStart(6)}`);
  const lst = list ? [list] : [];
  for (const c of lst) console.log(`-- ${c}\n${s.byClass[c].slice(0, top).join('\n')}`);
}
