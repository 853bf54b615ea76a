/**
 * Template text across an inbox (NC005 inbox-templates): a line found verbatim in several different articles of a
 * run is the site's and goes, recorded; copies of one article are not templates of each other; a passage shared
 * inside prose stays; a run over a single file is cleaned as before.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fc, test as fcTest } from '@fast-check/vitest';
import { cleanText } from '../src/index.js';
import { hashKey, lineHash, lineHashWords, lineKey, linePairHash, TemplateIndex, textLines } from '../src/inbox/templates.js';
import { runCli } from './helpers/cli.js';
import { tempDir } from './helpers/tree.js';

const TOPICS = [
  ['council', 'budget', 'transport', 'vote', 'mayor', 'lanes'],
  ['harbour', 'fishing', 'boats', 'quota', 'skipper', 'catch'],
  ['library', 'books', 'readers', 'branch', 'opening', 'hours'],
  ['stadium', 'club', 'season', 'coach', 'league', 'fans'],
  ['hospital', 'ward', 'nurses', 'patients', 'funding', 'beds'],
];

/** An article of its own words: six paragraphs, each a few sentences about one topic. */
function article(t: number): string {
  const w = TOPICS[t % TOPICS.length]!;
  const paras: string[] = [];
  for (let p = 0; p < 6; p++) {
    paras.push(
      `The ${w[p % 6]} story number ${t}-${p} went on as the ${w[(p + 1) % 6]} and the ${w[(p + 2) % 6]} were discussed by ` +
        `officials of the ${w[(p + 3) % 6]} office in paragraph ${p} of report ${t}, who said that the ${w[(p + 4) % 6]} was ` +
        `still a matter for the ${w[(p + 5) % 6]} committee to settle later this year.`,
    );
  }
  return paras.join('\n\n');
}

const NEWSLETTER = 'The Morning Briefing is written in Riverton by the people of the valley and for the people of the valley.';
const FOOTER = ['Rail strike called off after late talks', 'New stadium plan goes to public vote', 'Water bills to rise by five percent'];
const QUOTE = '"We will not rest until every family in the valley has a safe home again," the governor said on Monday.';

function page(t: number, extra = ''): string {
  return `Headline number ${t} about the ${TOPICS[t % 5]![0]}\n\n${article(t)}${extra}\n\n${NEWSLETTER}\n\n${FOOTER.join('\n')}\n`;
}

function templatesOf(texts: string[]): Map<number, number[]> {
  const index = new TemplateIndex();
  for (const t of texts) index.add(t);
  return index.templates();
}

describe('template lines across an inbox (pure)', () => {
  it('finds a footer and a newsletter box shared by different articles, and none of their own lines', () => {
    const texts = [0, 1, 2, 3].map((t) => page(t));
    const m = templatesOf(texts);
    const want = [NEWSLETTER, ...FOOTER].map((l) => hashKey(lineKey(l)!.key)).sort();
    for (let d = 0; d < 4; d++) expect([...m.get(d)!].sort()).toEqual(want);
  });

  it('takes nothing from copies of one article (no text of their own), nor from fewer than three articles', () => {
    const copy = page(7);
    expect(templatesOf([copy, copy, copy, copy]).size).toBe(0);
    expect(templatesOf([page(0), page(1)]).size).toBe(0);
  });

  it('keys ignore glyphs, case and spacing, and skip lines of fewer than three words', () => {
    expect(lineKey('  * Sign UP for the   newsletter!')!.key).toBe(lineKey('• sign up for the newsletter')!.key);
    expect(lineKey('Home')).toBeNull();
    expect(textLines('a b c\nA  B  C\nd e\n').hashes).toHaveLength(1);
  });

  // lineHash is the one-pass form of hashKey(lineKey(line).key) that the first pass and NC005 use: it must agree on
  // every line, including letters whose lowercase is longer (İ), depends on context (final Σ) or is astral
  const reference = (l: string): [number, number] => {
    const k = lineKey(l);
    return k ? [hashKey(k.key), k.words] : [-1, -1];
  };
  const hashed = (l: string): [number, number] => {
    const h = lineHash(l);
    return h >= 0 ? [h, lineHashWords()] : [-1, -1];
  };
  it('lineHash agrees with the key on hand-picked lines', () => {
    for (const l of [
      'Sign up for our newsletter', 'İSTANBUL BÜYÜKŞEHİR Belediyesi açıkladı', 'ΟΔΥΣΣΕΑΣ ΚΑΙ ΠΗΝΕΛΟΠΗΣ ΣΤΟ ΣΠΙΤΙ', 'Straße ẞTRASSE straße',
      '𝐁𝐨𝐥𝐝 𝐭𝐞𝐱𝐭 here now', '数学 中文 日本語 テキスト', "It's 3.5% — up from 2,000", 'ǅemal ǈubljana ǋon', 'a', 'x'.repeat(2001) + ' b c',
    ]) expect(hashed(l)).toEqual(reference(l));
  });
  fcTest.prop([fc.oneof(fc.string({ maxLength: 120 }), fc.string({ unit: 'binary', maxLength: 60 }), fc.string({ unit: fc.constantFrom('a', 'Σ', 'İ', 'ß', ' ', '.', 'É', '1', '\u0307', '𝐀', 'ǅ'), maxLength: 40 }))], { numRuns: 2000 })(
    'lineHash agrees with the key on any line',
    (l) => {
      expect(hashed(l)).toEqual(reference(l));
    },
  );
});

describe('NC005 inbox-templates (cleaner)', () => {
  const texts = [0, 1, 2, 3].map((t) => page(t, t === 0 ? `\n\nAt the meeting the mayor spoke at length about the new plan and the budget.\n${QUOTE}\nThen the members of the council voted on the plan and on the budget for next year.` : t === 1 ? `\n\n${QUOTE}` : t === 2 ? `\n\nOne resident spoke about the plan for the new library and the hours it will keep.\n${QUOTE}\nThe library will open its doors to the readers of the valley in the spring.` : ''));

  it('removes the shared box and footer lines whole, each run recorded with the rule id', () => {
    const m = templatesOf(texts);
    const r = cleanText(texts[3]!, { path: 'p3.txt', templates: m.get(3)! });
    expect(r.error).toBeNull();
    expect(r.body).not.toContain('Morning Briefing');
    expect(r.body).not.toContain('Water bills to rise');
    expect(r.body).toContain('story number 3-5');
    const recs = r.removed.filter((x) => x.id === 'NC005');
    expect(recs.length).toBeGreaterThan(0);
    expect(recs.every((x) => x.rule === 'inbox-templates')).toBe(true);
    expect(recs.map((x) => x.text).join(' ')).toContain('Morning Briefing');
    expect(r.body).not.toContain('Rail strike called off');
  });

  it('keeps a quotation that several articles print inside their prose', () => {
    const m = templatesOf(texts);
    expect(m.get(0)).toContain(hashKey(lineKey(QUOTE)!.key));
    const r = cleanText(texts[0]!, { path: 'p0.txt', templates: m.get(0)! });
    expect(r.body).toContain('We will not rest until every family');
    expect(r.body).not.toContain('Morning Briefing');
  });

  it('changes nothing for a document cleaned on its own', () => {
    const alone = cleanText(texts[3]!, { path: 'p3.txt' });
    const none = cleanText(texts[3]!, { path: 'p3.txt', templates: [] });
    expect(none).toEqual(alone);
    expect(alone.body).toContain('Morning Briefing');
  });

  fcTest.prop([fc.array(fc.string({ maxLength: 80 }), { maxLength: 30 }), fc.array(fc.integer({ min: 0, max: 2 ** 32 - 1 }), { maxLength: 20 })])(
    'never throws, and every line it keeps was in the input',
    (lines, hashes) => {
      const text = lines.join('\n');
      const withAll = [...hashes, ...lines.map((l) => lineKey(l)).filter((k) => k !== null).map((k) => hashKey(k!.key))];
      const r = cleanText(text, { path: 'x.txt', templates: withAll });
      expect(r).toBeDefined();
    },
  );
});

describe('newsclean CLI: template text of a run', () => {
  it('removes the lines four articles of one folder share, and keeps them when a file is cleaned alone', async () => {
    const dir = tempDir();
    mkdirSync(path.join(dir, 'in'));
    for (let t = 0; t < 4; t++) writeFileSync(path.join(dir, 'in', `a${t}.txt`), page(t));
    const r = await runCli(['in', '-o', 'out', '--json'], { cwd: dir });
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    for (const d of report.documents) {
      expect(d.error).toBeNull();
      const md = readFileSync(path.join(dir, d.output), 'utf8');
      expect(md).not.toContain('Morning Briefing');
      expect(md).toContain('story number');
      expect(d.removed.some((x: { id: string }) => x.id === 'NC005')).toBe(true);
    }
    const one = await runCli(['in/a0.txt', '-o', 'single', '--json'], { cwd: dir });
    expect(one.code).toBe(0);
    const doc = JSON.parse(one.stdout).documents[0];
    expect(doc.removed.some((x: { id: string }) => x.id === 'NC005')).toBe(false);
    expect(readFileSync(path.join(dir, doc.output), 'utf8')).toContain('Morning Briefing');
    const off = await runCli(['in', '-o', 'off', '--json', '--disable', 'inbox-templates'], { cwd: dir });
    expect(JSON.parse(off.stdout).documents.every((d: { removed: Array<{ id: string }> }) => !d.removed.some((x) => x.id === 'NC005'))).toBe(true);
  });
});

describe('the headline with the run: a fixed line of the site above it', () => {
  // a made-up blog whose name stands above every post's headline, after the same menu line on every page
  const HEADS = ['Bigger, faster photos', 'What is in the box?', 'Usually, a lot is insufficient', 'A new path by the river'];
  const post = (t: number): string =>
    ['Home', 'News', 'Sport', 'Weather', 'Contact us', 'Sign in', '', 'The Valley Blog', '', HEADS[t]!, '', article(t), '', 'Share this story',
      'Facebook', 'Twitter', '', 'Copyright 2024 Valley Media', 'Privacy policy', ''].join('\n');

  it('counts each line after the line with words before it, lines of one or two words too', () => {
    const index = new TemplateIndex();
    for (let t = 0; t < 4; t++) index.add(post(t), true);
    const m = index.templates();
    expect(m.get(0)).toContain(linePairHash('Sign in', 'The Valley Blog'));
    expect(m.get(0)).toContain(linePairHash('Home', 'News'));
    expect(m.get(0)).not.toContain(linePairHash('The Valley Blog', HEADS[0]!));
    // without pairs the lines alone, as before
    const plain = new TemplateIndex();
    for (let t = 0; t < 4; t++) plain.add(post(t));
    expect(plain.templates().get(0)).not.toContain(linePairHash('Sign in', 'The Valley Blog'));
  });

  fcTest.prop([fc.option(fc.string({ unit: fc.constantFrom('a', 'Σ', 'İ', 'ß', ' ', '.', 'É', '1', '\u0307', '𝐀', 'ǅ'), maxLength: 30 })), fc.string({ unit: fc.constantFrom('a', 'Σ', 'İ', 'ß', ' ', '.', 'É', '1', '𝐀'), maxLength: 30 })], { numRuns: 1000 })(
    'linePairHash is the hash of the two lines\' words',
    (prev, line) => {
      const words = (s: string): string => s.toLowerCase().match(/[\p{L}\p{N}]+/gu)?.join(' ') ?? '';
      expect(linePairHash(prev, line)).toBe(words(line) ? hashKey(`${words(prev ?? '')}\u0001${words(line)}`) : -1);
    },
  );

  it('never takes the line for the headline in a run of the site, and a file cleaned alone is unchanged', async () => {
    const dir = tempDir();
    mkdirSync(path.join(dir, 'in'));
    for (let t = 0; t < 4; t++) writeFileSync(path.join(dir, 'in', `p${t}.txt`), post(t));
    const title = (md: string): string | undefined => /^title: (.*)$/m.exec(md)?.[1]?.replace(/^"(.*)"$/, '$1').replace(/\\"/g, '"');
    const r = await runCli(['in', '-o', 'out', '--json'], { cwd: dir });
    expect(r.code).toBe(0);
    const docs = JSON.parse(r.stdout).documents as Array<{ input: string; output: string; error: unknown }>;
    expect(docs).toHaveLength(4);
    for (const d of docs) {
      expect(d.error).toBeNull();
      const t = Number(/p(\d)\.txt$/.exec(d.input)![1]);
      expect(title(readFileSync(path.join(dir, d.output), 'utf8'))).toBe(HEADS[t]);
    }
    const one = await runCli(['in/p0.txt', '-o', 'single', '--json'], { cwd: dir });
    expect(one.code).toBe(0);
    const doc = JSON.parse(one.stdout).documents[0];
    expect(title(readFileSync(path.join(dir, doc.output), 'utf8'))).toBe('The Valley Blog');
  });
});
