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
const { COMMENT_HEAD } = await import(path.join(root, 'dist/model/features.js'));
const { framesComment } = await import(path.join(root, 'dist/model/segments.js'));

// --kinds: what the wrongly kept and wrongly dropped lines of the pages not clean are, by shape (a diagnostic,
// not the model: generic shapes only). Kept chrome: reader comments (at or below a comment head or a framing
// line under the article), share / sign-up / interface lines, footers (copyright, legal), captions (photo
// credits, image placeholders), list or link-list items (a list marker, or a short line that does not end like a
// sentence: related stories, menus), prose (a sentence-ending line of 8+ words: teasers, other articles, an
// about box), other. Dropped article lines: the header moved to metadata is not counted here (the decision's
// header lines are), short lines (subheads, under 8 words, no sentence end), list items, captions, prose.
const kinds = args.includes('--kinds');
const SHARE = /\b(?:share|tweet|facebook|twitter|linkedin|pinterest|whatsapp|e-?mail|subscribe|newsletter|sign[ -]?(?:up|in)|log ?in|register|follow|print|download|advertis\w*|cookies?|read more|continue reading|click here)\b/i;
const FOOTER = /©|\(c\)|\bcopyright\b|all rights reserved|privacy|terms of (?:use|service)|contact us|about us/i;
const CAPTION = /\b(?:photo|image|picture|credit|getty|reuters|afp|shutterstock|illustration|caption|video)\b/i;
let blockOf = new Map();
function blockStats(doc) {
  blockOf = new Map();
  for (const u of doc.units) {
    const b = blockOf.get(u.block) ?? { words: 0, stop: 0, lines: 0, bullets: 0 };
    b.words += u.words; b.stop += u.stop; b.lines++; if (u.bullet) b.bullets++;
    blockOf.set(u.block, b);
  }
}
const inProse = (u) => { const b = blockOf.get(u.block); return b.words >= 15 && b.stop >= 0.25 * b.words && b.bullets * 2 < b.lines && b.words / b.lines >= 6; };
const inList = (u) => { const b = blockOf.get(u.block); return u.bullet || b.bullets * 2 >= b.lines || b.words / b.lines < 6; };
function keptKind(u, inComments) {
  if (inComments) return 'comments';
  if (FOOTER.test(u.text)) return 'footer';
  if (u.words <= 15 && SHARE.test(u.text)) return 'share/sign-up';
  if (u.placeholders > 0 || (u.words <= 25 && CAPTION.test(u.text))) return 'caption';
  if (inProse(u)) return 'prose';
  if (inList(u)) return 'list/links';
  return 'other';
}
function droppedKind(u) {
  if (u.placeholders > 0 || (u.words <= 25 && CAPTION.test(u.text))) return 'caption';
  if (inProse(u)) return 'prose';
  if (u.bullet) return 'list item';
  if (blockOf.get(u.block).words < 15) return 'short block (subhead, label, line alone)';
  return 'other';
}
const kindStats = new Map(); // variant -> Map(class/kind -> [lines, loss])
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
    // the comment section: from the first comment head or framing line below the article's start on
    let commentsFrom = y.length;
    if (first >= 0) for (let j = first + 1; j < y.length; j++) {
      const u = doc.units[j];
      if ((u.words <= 10 && !u.terminal && COMMENT_HEAD.test(u.text)) || framesComment(u)) {
        if (j > last || y.slice(j).filter(Boolean).length * 4 < y.slice(first, j).filter(Boolean).length) { commentsFrom = j; break; }
      }
    }
    blockStats(doc);
    const truthComments = first >= 0 && y.slice(commentsFrom).some(Boolean) && commentsFrom < last;
    const kmap = kindStats.get(r.variant) ?? new Map();
    kindStats.set(r.variant, kmap);
    if (kinds && truthComments) { const e = kmap.get('pages whose truth keeps reader comments') ?? [0, 0]; e[0]++; e[1] += 1 - (sc.f1 ?? 0); kmap.set('pages whose truth keeps reader comments', e); }
    const kindLoss = new Map();
    if (!acted) loss['not acted'] = 1 - (sc.f1 ?? 0);
    else if ((sc.recall ?? 0) < 0.3) loss['wrong block'] = 1 - (sc.f1 ?? 0);
    else {
      for (let j = 0; j < y.length; j++) {
        const w = tok[j] / trueWords;
        if (keep[j] && !y[j]) {
          const c = first < 0 || j < first ? 'kept before' : j > last ? 'kept after' : 'kept inside';
          loss[c] += w;
          const k = `${c}: ${keptKind(doc.units[j], j >= commentsFrom)}`;
          kindLoss.set(k, (kindLoss.get(k) ?? 0) + w);
        } else if (!keep[j] && y[j]) {
          loss['dropped inside'] += w;
          const k = `dropped inside: ${droppedKind(doc.units[j])}`;
          kindLoss.set(k, (kindLoss.get(k) ?? 0) + w);
        }
      }
    }
    let cls = CLASSES[0];
    for (const c of CLASSES) if (loss[c] > loss[cls]) cls = c;
    if (kinds) {
      // pages by their largest kind (within any class), and the loss summed over every page's kinds
      let top = null;
      for (const [k, v] of kindLoss) if (!top || v > kindLoss.get(top)) top = k;
      if (cls === 'wrong block' || cls === 'not acted') top = cls;
      for (const [k, v] of kindLoss) { const e = kmap.get(k) ?? [0, 0]; e[1] += v; kmap.set(k, e); }
      if (top) { const e = kmap.get(top) ?? [0, 0, []]; e[2] ??= []; e[2].push(`${t.id} F1 ${(sc.f1 ?? 0).toFixed(3)} P ${(sc.precision ?? 0).toFixed(3)} R ${(sc.recall ?? 0).toFixed(3)}`); e[0]++; if (cls === 'wrong block' || cls === 'not acted') e[1] += loss[cls]; kmap.set(top, e); }
    }
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
  if (kinds) {
    console.log('kind (class: shape)                          pages  page-equivalents');
    for (const [k, [n, w, ex]] of [...(kindStats.get(v) ?? [])].sort((a, b) => b[1][1] - a[1][1])) {
      console.log(`${k.padEnd(44)} ${String(n).padStart(5)}  ${w.toFixed(1).padStart(6)}`);
      if (opt('--list-kind', null) === k) console.log((ex ?? []).slice(0, top).map((x) => `    ${x}`).join('\n'));
    }
  }
  const lst = list ? [list] : [];
  for (const c of lst) console.log(`-- ${c}\n${s.byClass[c].slice(0, top).join('\n')}`);
}
