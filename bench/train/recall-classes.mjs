#!/usr/bin/env node
// Where the words are that a page's output misses, on the pages of a fold whose recall is under a bar (0.9). The
// scorer's own units (word 4-grams of the truth, with their counts) that the final Markdown lacks are found in the
// page's words, in document order; a word of the page is covered when a 4-gram of the output holds it. Each missed
// unit goes to the first word under it that the output does not cover, and is classed by that word's element: its
// block, the chosen container, the extractor's drops (hints, flags, its rules' notes) and the text rules after it. A
// class's size is the sum over the pages of its share of the page's true units, so a page's classes add up to its
// 1 − R and the table to Σ (1 − R).
//
//   npm run build && node bench/train/recall-classes.mjs [--only fit|heldout] [--below 0.9] [--show CLASS]
//     [--list CLASS] [--json FILE]
// --show prints the lost blocks of every class whose name contains CLASS (page, share, text); --list its pages.
import { readFileSync, writeFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { opt, root, readTruth, setDir } from './common.mjs';

const only = opt('--only', 'fit');
const below = Number(opt('--below', '0.9'));
const show = opt('--show', null);
const list = opt('--list', null);
const jsonOut = opt('--json', null);
const imp = (p) => import(pathToFileURL(path.join(root, 'dist', p)).href);
const lib = await imp('index.js');
const { parseHtml } = await imp('html/dom.js');
const { traceExtraction } = await imp('extract/extract.js');
const { pageText } = await imp('extract/text.js');
const A = await imp('extract/analyze.js');
const { markdownToText } = await import('./md-text.mjs');
const sc = await import(pathToFileURL(path.join(setDir, 'score.mjs')).href);
const split = JSON.parse(readFileSync(path.join(root, 'bench/data/pages-split.json'), 'utf8'));
const COMMENTS = /comment|repl(y|ies)|respons|discuss|disqus/i;
const LISTISH = new Set(['li', 'dd', 'dt', 'td', 'th', 'tr', 'table', 'ul', 'ol', 'dl']);
const norm = (s) => s.replace(/\s+/g, ' ').trim();
// a byline or a post's filing line by its words: "By Jane Doe", "Posted by jdoe at 6:43 PM", "Published Nov. 7, 2012"
const BYLINE_LINE = /^(?:(?:posted|written|published|filed|updated|submitted)\b|by\s)/i;
const key4 = (t, i) => `${t[i]} ${t[i + 1]} ${t[i + 2]} ${t[i + 3]}`;

const sums = new Map();
const pageClasses = new Map();
const shown = new Set();
const add = (cls, id, w, text) => {
  let s = sums.get(cls);
  if (!s) sums.set(cls, (s = { pe: 0, pages: new Map() }));
  s.pe += w;
  s.pages.set(id, (s.pages.get(id) ?? 0) + w);
  let pc = pageClasses.get(id);
  if (!pc) pageClasses.set(id, (pc = new Map()));
  pc.set(cls, (pc.get(cls) ?? 0) + w);
  if (show && text !== undefined && cls.includes(show)) console.log(`  ${cls} [${id} ${w.toFixed(3)}] ${norm(text).slice(0, 170)}`);
};

let nPages = 0;
let nLow = 0;
let sumLow = 0;
for (const t of readTruth()) {
  if ((split[t.id]?.fold ?? 'fit') !== only) continue;
  nPages++;
  const html = gunzipSync(readFileSync(path.join(setDir, 'html', `${t.id}.html.gz`))).toString('utf8');
  const r = lib.cleanText(html, { path: `${t.id}.html` });
  const body = r.error ? '' : markdownToText(r.body ?? '');
  const tU = sc.units(sc.tokenize(t.body), 4);
  const oU = sc.units(sc.tokenize(body), 4);
  const { recall } = sc.pageScores(sc.matchUnits(tU, oU));
  if (recall === null || recall >= below) continue;
  nLow++;
  sumLow += 1 - recall;
  let total = 0;
  const missed = new Map();
  for (const [k, c] of tU) {
    total += c;
    const m = c - Math.min(c, oU.get(k) ?? 0);
    if (m > 0) missed.set(k, m);
  }

  const doc = parseHtml(html);
  const tr = traceExtraction(doc);
  const a = tr.analysis;
  const ci = tr.container;
  const n = a.els.length;
  const idx = new Map(a.els.map((e, i) => [e, i]));
  const blockOf = new Int32Array(n);
  for (let i = 0; i < n; i++) blockOf[i] = a.flags[i] & A.F_BLOCK ? i : a.parent[i] >= 0 ? blockOf[a.parent[i]] : -1;
  // the page's words in document order, each with the element whose text holds it
  const toks = [];
  const owner = [];
  const text = new Map();
  const st = [doc];
  while (st.length) {
    const node = st.pop();
    if (node.type === 'text') {
      const pi = idx.get(node.parent);
      if (pi === undefined || a.flags[pi] & A.F_SKIP) continue;
      for (const w of sc.tokenize(node.data)) {
        toks.push(w);
        owner.push(pi);
      }
      const b = blockOf[pi];
      text.set(b, (text.get(b) ?? '') + node.data);
      continue;
    }
    if (node.type === 'comment' || node.type === 'directive' || node.type === 'script' || node.type === 'style') continue;
    const ch = node.children ?? [];
    for (let i = ch.length - 1; i >= 0; i--) st.push(ch[i]);
  }
  // which words an output covers: a 4-gram of the output holds them
  const exText = tr.result.root ? pageText(tr.result.root) : '';
  const exU = sc.units(sc.tokenize(exText), 4);
  const cover = (bag, run) => {
    const c = new Uint8Array(toks.length);
    for (let i = 0; i + 4 <= toks.length; i++) if (bag.has(key4(toks, i))) c.fill(1, i, i + 4);
    // a run of under four words between covered ones (a block of one to three words): covered when the output holds it
    for (let i = 0; i < toks.length; ) {
      if (c[i]) {
        i++;
        continue;
      }
      let j = i;
      while (j < toks.length && !c[j] && owner[j] === owner[i]) j++;
      if (j - i < 4 && run.includes(` ${toks.slice(i, j).join(' ')} `)) c.fill(1, i, j);
      i = Math.max(j, i + 1);
    }
    return c;
  };
  const outCov = cover(oU, ` ${sc.tokenize(body).join(' ')} `);
  const exCov = cover(exU, ` ${sc.tokenize(exText).join(' ')} `);
  const blockKeeps = new Set();
  for (let i = 0; i < toks.length; i++) if (outCov[i]) blockKeeps.add(blockOf[owner[i]]);

  // the truth's opening lines: its first three lines of under 120 characters (the headline, a byline, a date line)
  const opening = [];
  for (const line of t.body.split(/\r?\n/)) {
    if (!line.trim()) continue;
    if (line.trim().length >= 120 || opening.length === 3) break;
    opening.push(line);
  }
  const openWords = new Set(sc.tokenize(opening.join(' ')));
  const blockWords = (b) => sc.tokenize(text.get(b) ?? '');
  const inOpening = (b) => {
    const w = blockWords(b);
    return w.length > 0 && w.filter((x) => openWords.has(x)).length >= 0.8 * w.length;
  };
  const named = (i) => {
    for (let j = i; j >= 0; j = a.parent[j]) {
      const at = a.els[j].attribs ?? {};
      if (COMMENTS.test(`${at.class ?? ''} ${at.id ?? ''}`)) return true;
    }
    return false;
  };
  // a byline or date element (by markup or class) of under 160 characters at or above the word, up to its block's parent
  const bylineMarked = (e, b) => {
    const stop = b >= 0 ? a.parent[b] : -1;
    for (let j = e; j >= 0 && j !== stop; j = a.parent[j]) {
      if (a.chars[j] >= 160) continue;
      if (a.flags[j] & (A.F_AUTHOR | A.F_TIME)) return true;
      if (/^(byline|date|dateline)\b/.test(a.negReason.get(j) ?? '')) return true;
    }
    return false;
  };
  const inside = (c, i) => c >= 0 && i >= c && i < c + a.size[c];
  // the container's share of the truth (under 0.3: a wrong container, not text beside the right one)
  let inCount = 0;
  for (let i = 0; i + 4 <= toks.length; i++) if (inside(ci, owner[i]) && tU.has(key4(toks, i))) inCount++;
  const cRecall = inCount / Math.max(1, total);
  const notes = (r.removed ?? []).map((x) => ({
    id: x.id,
    what: `${x.id === 'NC100' ? '' : `${x.id} ${x.rule}: `}${x.action.replace(/^removed \(|\)$/g, '').replace(/^boilerplate by class\/id\/tag: /, 'class/id hint ').replace(/[:(].*$/, '').replace(/ \d\.\d+$/, '').trim()}`,
    text: norm(x.text).replace(/…$/, ''),
  }));
  const noteFor = (tx, extractor) =>
    notes.find((x) => (x.id === 'NC100') === extractor && x.text.length >= 8 && (tx.includes(x.text.slice(0, 60)) || x.text.includes(tx.slice(0, 60))));

  const classOf = new Map();
  const classify = (e, extractorKept) => {
    const ck = `${e}/${extractorKept}`;
    if (classOf.has(ck)) return classOf.get(ck);
    const b = blockOf[e];
    const tx = norm(text.get(b) ?? '');
    const heading = b >= 0 && a.flags[b] & A.F_HEADING;
    const short = tx.length < 120;
    let cls;
    if (b < 0) cls = 'not in a block (text outside the body)';
    else if ((heading || short) && inOpening(b)) cls = "convention: headline, byline or date line at the truth's start";
    else if ((tx.length < 160 && BYLINE_LINE.test(tx)) || bylineMarked(e, b)) cls = 'convention: a byline or date line elsewhere in the truth';
    else if (r.error) cls = `page refused (${r.error.code})`;
    else if (named(e)) cls = 'reader comments kept in the truth (comment-named element)';
    else if (extractorKept) {
      const hit = noteFor(tx, false);
      cls = `inside, a rule after the extractor: ${hit ? hit.what : 'unmatched'}`;
    } else if (inside(ci, e)) {
      let why = '';
      let at = -1;
      for (let j = e; j >= ci && !why; j = a.parent[j]) {
        at = j;
        if (a.flags[j] & A.F_HIDDEN) why = 'hidden element';
        else if (a.neg[j]) why = `class/id hint (${(a.negReason.get(j) ?? '').replace(/[:(].*$/, '').trim()})`;
        else if (a.card[j]) why = 'teaser card';
        else if (a.flags[j] & A.F_CAPTION) why = 'caption';
        else if (a.flags[j] & (A.F_TIME | A.F_AUTHOR)) why = 'byline or date flag';
        else if (a.flags[j] & A.F_NOTICE) why = 'notice';
      }
      if (!why) {
        const hit = noteFor(tx, true);
        at = b;
        if (hit) why = hit.what;
        else if (heading) why = 'heading';
        else why = 'other';
      }
      // an inline element dropped inside a block the output keeps
      const partial = at >= 0 && !(a.flags[at] & A.F_BLOCK) && blockKeeps.has(b);
      cls = `inside the container, dropped${partial ? ' (an inline element of a kept block)' : ''}: ${why}`;
    } else if (ci < 0) cls = 'outside: no container (JSON-LD body)';
    else {
      let up = 0;
      for (let c = ci; c >= 0 && !inside(c, b); c = a.parent[c]) up++;
      let kind = heading ? 'heading' : short ? 'short line' : 'prose';
      for (let j = b; j >= 0 && kind !== 'caption'; j = a.parent[j]) if (a.flags[j] & A.F_CAPTION) kind = 'caption';
      if (kind !== 'caption' && LISTISH.has(a.els[b].name)) kind = 'list or table';
      const where = cRecall < 0.3 ? 'a wrong container' : up <= 1 ? 'sibling' : up <= 3 ? '2-3 levels up' : 'further';
      let hint = '';
      for (let j = b; j >= 0 && !hint; j = a.parent[j]) if (a.neg[j]) hint = `, under a ${a.neg[j] === 2 ? 'strong' : 'weak'} hint`;
      cls = `outside the container: ${where}, ${b < ci ? 'before' : 'after'}, ${kind}${hint}`;
    }
    classOf.set(ck, cls);
    return cls;
  };

  const left = new Map(missed);
  // a unit the output holds, fewer times than the truth: the truth repeats a passage (an article copied twice)
  let repeated = 0;
  for (const [k, m] of missed) {
    if (!oU.has(k)) continue;
    repeated += m;
    left.delete(k);
  }
  const lost = new Map();
  for (let i = 0; i + 4 <= toks.length; i++) {
    const k = key4(toks, i);
    const m = left.get(k);
    if (!m) continue;
    let j = i;
    while (j < i + 4 && outCov[j]) j++;
    if (j === i + 4) continue; // every word covered: a unit the output joins otherwise (counted below)
    left.set(k, m - 1);
    const ck = classify(owner[j], exCov[j] === 1);
    let l = lost.get(ck);
    if (!l) lost.set(ck, (l = { n: 0, blocks: new Map() }));
    l.n++;
    const b = blockOf[owner[j]];
    l.blocks.set(b, (l.blocks.get(b) ?? 0) + 1);
  }
  let commentLost = 0;
  for (const [cls, l] of lost) {
    if (cls.startsWith('reader comments')) commentLost += l.n;
    if (show && cls.includes(show)) for (const [b, c] of l.blocks) if (!shown.has(`${t.id}/${b}`)) {
      shown.add(`${t.id}/${b}`);
      console.log(`  ${cls} [${t.id} ${(c / total).toFixed(3)}] ${norm(text.get(b) ?? '').slice(0, 170)}`);
    }
    add(cls, t.id, l.n / total);
  }
  if (repeated) add("the truth holds a passage more often than the page's article (a truth copied twice)", t.id, repeated / total);
  // a truth that keeps the reader comments (a tenth of it or more): the words across the comments' blocks are theirs
  const commentTruth = commentLost >= 0.1 * total;
  let onPage = 0;
  let rest = 0;
  const pageU = sc.units(toks, 4);
  for (const [k, m] of left) {
    if (m <= 0) continue;
    if (pageU.has(k)) onPage += m;
    else rest += m;
    if (show && 'block boundaries'.includes(show) && !commentTruth) console.log(`  [${t.id}] ${pageU.has(k) ? 'on page' : 'not on page'}: ${k}`);
  }
  if (commentTruth && onPage + rest) add('reader comments kept in the truth (words across their blocks)', t.id, (onPage + rest) / total);
  else {
    if (onPage) add('words the output holds, joined otherwise (block boundaries)', t.id, onPage / total);
    if (rest) add("truth text not on the page as one run (block boundaries, alt text, the annotator's edits)", t.id, rest / total);
  }
}

// coarse classes
const GROUPS = [
  ["convention: headline, byline or date line at the truth's start (front matter here; not to fix)", /^convention: headline/],
  ['convention: a byline or date line elsewhere in the truth (front matter here; not to fix)', /^convention: a byline/],
  ['reader comments kept in the truth', /^reader comments/],
  ['outside the container, beside it (sibling, 2-3 levels up): prose', /^outside the container: (sibling|2-3 levels up), \w+, prose$/],
  ['outside the container, beside it: prose under a class hint', /^outside the container: (sibling|2-3 levels up), \w+, prose, under/],
  ['outside the container, beside it: short lines and headings', /^outside the container: (sibling|2-3 levels up), \w+, (short line|heading)/],
  ['outside the container, beside it: lists and tables', /^outside the container: (sibling|2-3 levels up), \w+, list/],
  ['outside the container, beside it: captions', /^outside the container: (sibling|2-3 levels up), \w+, caption/],
  ['outside the container, further away', /^outside the container: further/],
  ['a wrong container (it holds under 0.3 of the truth)', /^outside the container: a wrong/],
  ['inside, an inline element of a kept block dropped', /^inside the container, dropped \(an inline/],
  ['inside, dropped: caption', /^inside the container, dropped: (caption|class\/id hint \(caption)/],
  ['inside, dropped: link density', /^inside the container, dropped: link density/],
  ['inside, dropped: teaser card', /^inside the container, dropped: teaser/],
  ['inside, dropped: a class/id hint', /^inside the container, dropped: class/],
  ['inside, dropped: another rule of the extractor', /^inside the container, dropped/],
  ['inside, a rule after the extractor', /^inside, a rule after/],
  ['page refused', /^page refused/],
  ['the truth repeats a passage', /^the truth holds/],
  ['block boundaries, text the page does not hold as one run', /^(words the output|truth text not|not in a block)/],
];
const group = (c) => GROUPS.find(([, re]) => re.test(c))?.[0] ?? c;
const total = [...sums.values()].reduce((x, s) => x + s.pe, 0);
console.log(`${nPages} ${only} pages; ${nLow} with recall < ${below}, Σ(1 − R) ${sumLow.toFixed(2)} (attributed ${total.toFixed(2)})`);
console.log(`${'class'.padEnd(100)} ${'Σ(1−R)'.padStart(7)} ${'pages'.padStart(5)}  worst`);
const main = new Map();
for (const [, pc] of pageClasses) {
  const g = new Map();
  for (const [c, w] of pc) g.set(group(c), (g.get(group(c)) ?? 0) + w);
  const top = [...g].sort((x, y) => y[1] - x[1])[0];
  if (top) main.set(top[0], (main.get(top[0]) ?? 0) + 1);
}
for (const [c, s] of [...sums].sort((x, y) => y[1].pe - x[1].pe)) {
  if (s.pe < 0.05) continue;
  const top = [...s.pages].sort((x, y) => y[1] - x[1]).slice(0, 4);
  console.log(`${c.padEnd(100)} ${s.pe.toFixed(2).padStart(7)} ${String(s.pages.size).padStart(5)}  ${top.map(([id, x]) => `${id.replace('dragnet-', '')} ${x.toFixed(2)}`).join(', ')}`);
}
console.log(`\nby class (pages: with a loss of the class; main: pages whose largest loss it is):\n${'class'.padEnd(100)} ${'Σ(1−R)'.padStart(7)} ${'pages'.padStart(5)} ${'main'.padStart(5)}`);
const out = [];
for (const [g] of GROUPS) {
  let pe = 0;
  const pg = new Set();
  for (const [c, s] of sums) {
    if (group(c) !== g) continue;
    pe += s.pe;
    for (const id of s.pages.keys()) pg.add(id);
  }
  out.push({ class: g, pe, pages: pg.size, main: main.get(g) ?? 0 });
  console.log(`${g.padEnd(100)} ${pe.toFixed(2).padStart(7)} ${String(pg.size).padStart(5)} ${String(main.get(g) ?? 0).padStart(5)}`);
}
if (jsonOut) writeFileSync(jsonOut, JSON.stringify({ pages: Object.fromEntries([...pageClasses].map(([id, m]) => [id, Object.fromEntries(m)])), classes: out }, null, 1));
if (list) for (const [c, s] of sums) if (c.includes(list)) console.log(c + '\n' + [...s.pages].sort((x, y) => y[1] - x[1]).map(([id, x]) => `  ${id} ${x.toFixed(3)}`).join('\n'));
