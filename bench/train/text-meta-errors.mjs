#!/usr/bin/env node
// Author and date errors of the plain-text cleaner on the development pages, by class: for every page with a true
// author or date and each rendering, what the cleaner gave against the truth, whether (and where, and in what shape)
// a line of the rendering shows the value.
//
//   npm run build && node bench/train/text-meta-errors.mjs [--fold fit|heldout|all] [--field author|date] [--verbose]
//
// Classes (one per page, rendering and field):
//   right              the cleaner's value matches (score.mjs authorMatches / dateMatches)
//   altered:KIND       a line shows the value and the cleaner took a value from it, changed: agency (an agency or
//                      outlet glued to the name), extra (other words kept: a role, a date), part (fewer names than
//                      the byline holds), other
//   wrong:WHERE        the cleaner gave another value and a line shows the true one; WHERE is where the true line
//                      stands (as for shown)
//   shown:SHAPE@WHERE  no value given and a line shows it. SHAPE of that line —
//                        author: by (a "By X" line), posted-by ("Posted/Written by X"), by-inline (a "by X" inside
//                        a longer line), name-date ("X | date", "X - date"), name-role ("X, Staff Writer"), alone
//                        (the name alone on its line), name-list, other;
//                        date: alone, prefixed ("Posted/Published/Updated …"), with-byline, numeric, in-line (inside
//                        a longer line), other —
//                      and WHERE against the model's decision: above-title, title-to-first (between the headline and
//                      the article's first line), in-article (within 6 lines under the first line), below (farther
//                      down), no-title (the model found none), no-model (the model did not act on the text)
//   wrong-absent       the cleaner gave another value; no line shows the true one
//   absent             no line of the rendering shows the value (relative dates, a date only in the page's metadata)
import path from 'node:path';
import { loadSplit, loadTruth, renderings, root, setDir } from './pages.mjs';

const args = process.argv.slice(2);
const opt = (name, dflt) => (args.includes(name) ? args[args.indexOf(name) + 1] : dflt);
const fold = opt('--fold', 'fit');
const only = opt('--field', null);
const verbose = args.includes('--verbose');
const { cleanText } = await import(path.join(root, 'dist/index.js'));
const { scoreText, THRESHOLD } = await import(path.join(root, 'dist/model/zones.js'));
const { articleLines, hasChrome, mayHaveChrome } = await import(path.join(root, 'dist/model/decide.js'));
const { parseDate } = await import(path.join(root, 'dist/metadata/dates.js'));
const { canonicalAgency } = await import(path.join(root, 'dist/metadata/names.js'));
const { authorMatches, dateMatches, personNames } = await import(path.join(setDir, 'score.mjs'));

/** Lower-case letter and digit words, accents removed (as the scorer compares names). */
const words = (s) => (String(s).normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []);
const hasSeq = (hay, needle) => {
  if (!needle.length) return false;
  outer: for (let i = 0; i + needle.length <= hay.length; i++) {
    for (let k = 0; k < needle.length; k++) if (hay[i + k] !== needle[k]) continue outer;
    return true;
  }
  return false;
};

const MONTH = String.raw`(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]{0,6}\.?`;
const DATES = new RegExp(
  String.raw`(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]{0,6},?\s)?(?:${MONTH}\s\d{1,2}(?:st|nd|rd|th)?,?\s\d{4}|\d{1,2}(?:st|nd|rd|th)?\.?\s(?:of\s)?${MONTH},?\s\d{4}|\d{4}-\d{2}-\d{2}|\d{1,2}[/.]\d{1,2}[/.]\d{2,4})`,
  'gi',
);
const FR_MONTHS = { janvier: 1, février: 2, fevrier: 2, mars: 3, avril: 4, mai: 5, juin: 6, juillet: 7, août: 8, aout: 8, septembre: 9, octobre: 10, novembre: 11, décembre: 12, decembre: 12, listopadu: 11, dezembro: 12, december: 12 };
const pad = (n) => String(n).padStart(2, '0');
/** The calendar days a line shows (every date form the rendering may hold; ambiguous numeric dates both ways). */
function daysIn(line) {
  const out = [];
  for (const m of line.matchAll(DATES)) {
    const d = parseDate(m[0].replace(/(\d)(?:st|nd|rd|th)\b/, '$1').replace(/\bof\s/, '').replace(/^(\d{1,2})\.\s/, '$1 '));
    if (d?.iso) out.push(d.iso.slice(0, 10));
    else {
      const n = /^(\d{1,2})[/.](\d{1,2})[/.](\d{2,4})$/.exec(m[0]);
      if (n) {
        const y = n[3].length === 2 ? 2000 + Number(n[3]) : Number(n[3]);
        out.push(`${y}-${pad(n[2])}-${pad(n[1])}`, `${y}-${pad(n[1])}-${pad(n[2])}`);
      }
    }
  }
  // "1. listopadu 2021", "21 de dezembro de 2018", "30 avril 2015"
  for (const m of line.matchAll(/(\d{1,2})\.?\s(?:de\s)?(\p{L}+)\s(?:de\s)?(\d{4})/gu)) {
    const mo = FR_MONTHS[m[2].toLowerCase()];
    if (mo) out.push(`${m[3]}-${pad(mo)}-${pad(m[1])}`);
  }
  return out;
}
const RELATIVE = /\b(?:\d+|an?|one)\s(?:second|minute|hour|day|week|month|year)s?\sago\b|\b(?:yesterday|today)\b/i;
const dayOf = (s) => {
  const m = String(s).match(/(\d{4})-(\d{2})-(\d{2})/);
  if (m) return `${m[1]}-${m[2]}-${m[3]}`;
  const t = Date.parse(String(s));
  return Number.isFinite(t) ? new Date(t).toISOString().slice(0, 10) : null;
};
const nextDay = (d, k) => new Date(Date.parse(`${d}T00:00:00Z`) + k * 86400000).toISOString().slice(0, 10);

function authorShape(line, nameWords) {
  const t = line.trim();
  if (/^\W*(?:posted|written|published|submitted)\s+by\b/i.test(t)) return 'posted-by';
  if (/^\W*(?:by|par|por|von|di)\b/i.test(t)) return 'by';
  if (/\b(?:by|par|por|von)\s/i.test(t)) return 'by-inline';
  if (daysIn(t).length || RELATIVE.test(t)) return 'name-date';
  const w = words(t);
  const named = nameWords.reduce((a, n) => a + n.length, 0);
  if (w.length === named) return nameWords.length > 1 ? 'name-list' : 'alone';
  if (/,\s*\p{L}/u.test(t) && w.length <= named + 5) return 'name-role';
  if (w.length <= named + 3) return 'name-plus';
  return 'other';
}
function dateShape(line, authorWords) {
  const t = line.trim();
  const w = words(t);
  if (authorWords.length && authorWords.every((n) => hasSeq(w, n))) return 'with-byline';
  if (/\b(?:by)\s/i.test(t)) return 'with-byline';
  if (/^\W*(?:posted|published|updated|last updated|modified|date|dated|first published)\b/i.test(t)) return 'prefixed';
  if (w.length <= 9) return /^\W*\d{1,2}[/.]\d/.test(t) ? 'numeric' : 'alone';
  return w.length <= 25 ? 'in-line' : 'other';
}

const split = loadSplit();
const fields = only ? [only] : ['author', 'date'];
const pages = loadTruth().filter((t) => fields.some((f) => t[f]) && (fold === 'all' || (split[t.id]?.fold ?? 'fit') === fold));
const counts = new Map();
const totals = new Map();
const list = [];
for (const t of pages) {
  for (const r of renderings(t.id)) {
    const res = cleanText(r.text, { path: `${t.id}.txt` });
    const lines = r.text.replace(/\r\n?/g, '\n').split('\n');
    const scored = mayHaveChrome(r.text) ? scoreText(r.text) : null;
    const acts = scored && hasChrome(scored, THRESHOLD);
    let titleLine = -1;
    let firstLine = -1;
    if (acts) {
      const d = articleLines(scored, THRESHOLD);
      firstLine = scored.doc.units[d.first]?.index ?? -1;
      if (d.header.title) titleLine = scored.doc.units[d.header.title.unit].index;
    }
    const where = (i) => {
      if (!acts) return 'no-model';
      if (i > firstLine + 6) return 'below';
      if (i >= firstLine) return 'in-article';
      if (titleLine < 0) return 'no-title';
      return i < titleLine ? 'above-title' : 'title-to-first';
    };
    /** Of the lines that show a value, the one nearest the article's first line (or the first one). */
    const nearest = (hits) => {
      if (!hits.length) return -1;
      const anchor = firstLine >= 0 ? firstLine : 0;
      return hits.reduce((a, b) => (Math.abs(b - anchor) < Math.abs(a - anchor) ? b : a));
    };
    const trueNames = [...personNames(t.author ?? '')].map((n) => n.split(' '));
    for (const field of fields) {
      if (!t[field]) continue;
      const got = res.metadata?.[field];
      let cls;
      let at = -1;
      if (field === 'author') {
        const hits = [];
        for (let i = 0; i < lines.length; i++) {
          const w = words(`${lines[i]} ${lines[i + 1] ?? ''}`);
          if (trueNames.every((n) => hasSeq(w, n)) && trueNames.some((n) => hasSeq(words(lines[i]), n.slice(0, 1)))) hits.push(i);
        }
        at = nearest(hits);
        if (authorMatches(got, t.author)) cls = 'right';
        else if (got) {
          const gw = words(got);
          const overlap = trueNames.some((n) => hasSeq(gw, n));
          if (overlap && at >= 0) {
            const extra = gw.length > trueNames.reduce((a, n) => a + n.length, 0);
            const agency = String(got).split(/[,|/–—-]|\s+/).some((p) => canonicalAgency(p.trim()));
            cls = `altered:${agency ? 'agency' : !trueNames.every((n) => hasSeq(gw, n)) ? 'part' : extra ? 'extra' : 'other'}`;
          } else cls = at >= 0 ? `wrong:${where(at)}` : 'wrong-absent';
        } else cls = at >= 0 ? `shown:${authorShape(lines[at], trueNames)}@${where(at)}` : 'absent';
      } else {
        const day = dayOf(t[field]);
        const near = [day, nextDay(day, -1), nextDay(day, 1)];
        const hits = [];
        for (let i = 0; i < lines.length; i++) if (daysIn(lines[i]).some((d) => near.includes(d))) hits.push(i);
        at = nearest(hits);
        if (dateMatches(got, t[field])) cls = 'right';
        else if (got) cls = at >= 0 ? `wrong:${where(at)}` : 'wrong-absent';
        else if (at >= 0) cls = `shown:${dateShape(lines[at], trueNames)}@${where(at)}`;
        else cls = lines.some((l) => RELATIVE.test(l)) ? 'absent-relative' : 'absent';
      }
      const k = `${field} ${r.variant} ${cls}`;
      counts.set(k, (counts.get(k) ?? 0) + 1);
      totals.set(`${field} ${r.variant}`, (totals.get(`${field} ${r.variant}`) ?? 0) + 1);
      const shown = at >= 0 ? ` line ${at} (title ${titleLine}, first ${firstLine}): ${JSON.stringify(lines[at].trim().slice(0, 110))}` : '';
      list.push(`${field} ${r.variant} ${cls.padEnd(28)} ${t.id}: got ${JSON.stringify(got ?? null)} want ${JSON.stringify(t[field])}${shown}`);
    }
  }
}
console.log(`fold ${fold}: ${pages.length} pages with an author or a date`);
for (const [k, n] of totals) {
  const right = counts.get(`${k} right`) ?? 0;
  console.log(`${k.padEnd(14)} right ${right}/${n} (${(right / n).toFixed(3)})`);
}
for (const [k, n] of [...counts].sort()) console.log(`  ${k.padEnd(44)} ${n}`);
if (verbose) for (const l of list.sort()) console.log(l);
