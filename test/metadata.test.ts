/** Metadata: the order of trust, placeholder authors, dates, language detection, title suffixes, fragment metadata. */
import { describe, expect, it } from 'vitest';
import { cleanText, normalizeDate, parseDate } from '../src/index.js';
import { MetaCollector, TRUST } from '../src/metadata/collector.js';
import { detectLanguage, normalizeLanguageTag } from '../src/metadata/language.js';
import { splitTitleSuffix } from '../src/metadata/finish.js';

const P1 = 'The city council approved the new transport budget on Tuesday after a long debate that lasted well into the evening, officials said.';
const P2 = 'Opponents argued that the plan would raise fares for commuters in the outer districts, while supporters said it was overdue and necessary.';

describe('collector: order of trust', () => {
  it('front matter > JSON-LD > Open Graph > meta > HTML > text > inferred, whatever the order of offers', () => {
    const m = new MetaCollector();
    const order = ['inferred', 'text', 'html', 'meta', 'openGraph', 'jsonLd', 'frontMatter'] as const;
    for (const k of order) m.offer('title', k, TRUST[k]);
    expect(m.get('title')).toBe('frontMatter');
    const n = new MetaCollector();
    for (const k of order.slice(0, 6)) n.offer('title', k, TRUST[k]);
    expect(n.get('title')).toBe('jsonLd');
  });
  it('a placeholder author never wins, whatever its trust', () => {
    const m = new MetaCollector();
    for (const p of ['Staff Writer', 'admin', 'Web Desk', 'Staff Reporter']) m.offer('author', p, TRUST.frontMatter);
    m.offer('author', 'Jane Doe', TRUST.text);
    expect(m.get('author')).toBe('Jane Doe');
  });
  it('front matter "author: Staff Writer" plus a byline "By Jane Doe" gives Jane Doe', () => {
    const r = cleanText(`---\ntitle: "Budget passes"\nauthor: Staff Writer\n---\n\nBy Jane Doe\n\n${P1}\n\n${P2}`);
    expect(r.metadata.author).toBe('Jane Doe');
  });
  it('with no named author, the writer of a credit trailer is the author', () => {
    const r = cleanText(`Budget passes\n\n${P1}\n\n${P2}\n\n(Reporting by Kane Wu; Writing by Ann Lee; Editing by Tom Ray)`);
    expect(r.metadata.author).toBe('Ann Lee');
  });
});

describe('dates', () => {
  it.each([
    ['July 16, 2016', '2016-07-16'],
    ['16 July 2016', '2016-07-16'],
    ['2016-07-16', '2016-07-16'],
    ['20/07/2016', '2016-07-20'],
    ['07/20/2016', '2016-07-20'],
    ['Tuesday, July 16, 2016', '2016-07-16'],
    ['2016-07-16 00:22:22', '2016-07-16T00:22:22'],
    ['12 March 2024 09:14 GMT', '2024-03-12T09:14Z'],
    ['March 5, 2024 at 4:05 pm', '2024-03-05T16:05'],
  ])('%s → %s', (input, iso) => {
    expect(parseDate(input)?.iso).toBe(iso);
  });
  it.each([
    ['12. März 2024', '2024-03-12'],
    ['3. März 2020, 10:15 Uhr', '2020-03-03T10:15'],
    ['12 mars 2024 à 10h30', '2024-03-12T10:30'],
    ['1er décembre 2017', '2017-12-01'],
    ['12 de marzo de 2024 a las 10:00', '2024-03-12T10:00'],
    ['12 de março de 2024', '2024-03-12'],
    ['12 marzo 2024 alle 10.00', '2024-03-12T10:00'],
    ['12 maart 2024', '2024-03-12'],
    ['12 Maret 2024', '2024-03-12'],
    ['12 марта 2024 в 10:00', '2024-03-12T10:00'],
    ['12 березня 2024', '2024-03-12'],
    ['12 maja 2024', '2024-05-12'],
    ['2024年3月12日', '2024-03-12'],
    ['2024年3月12日 14:30', '2024-03-12T14:30'],
    ['2024년 3월 12일', '2024-03-12'],
  ])('in another language: %s → %s', (input, iso) => {
    expect(parseDate(input)?.iso).toBe(iso);
  });
  it('a date in another language rejects what an English one rejects', () => {
    expect(parseDate('31. Februar 2024')).toBeNull();
    expect(parseDate('2024年2月30日')).toBeNull();
    expect(parseDate('2024年3月12日 地方版')).toBeNull();
    expect(parseDate('12 Marsmenschen 2024')).toBeNull();
  });
  it('a date line in another language fills date; an update line is no date', () => {
    for (const [line, iso] of [['Veröffentlicht am 12. März 2024, 10:15 Uhr', '2024-03-12T10:15'], ['Publié le 12 mars 2024', '2024-03-12'], ['Опубликовано: 12 марта 2024', '2024-03-12'], ['发布时间：2024年3月12日 14:30', '2024-03-12T14:30']]) {
      const r = cleanText(`Budget passes\n\n${line}\n\n${P1}\n\n${P2}`);
      expect(r.metadata.date, line).toBe(iso);
      expect(r.body, line).not.toContain(line.slice(0, 10));
    }
    expect(cleanText(`Budget passes\n\nAktualisiert am 13. März 2024\n\n${P1}\n\n${P2}`).metadata.date).toBeUndefined();
  });
  it('a byline in another language under the headline fills author; an English headline opening with such a word stays the headline', () => {
    for (const [line, author, more] of [
      ['Von Hans Müller und Eva Schmidt', 'Hans Müller', 'Eva Schmidt'],
      ['Par Jean Dupont et Marie Curie', 'Jean Dupont', 'Marie Curie'],
      ['Por Emily Anthes y Jonathan Corum', 'Emily Anthes', 'Jonathan Corum'],
      ['Door Jan de Vries', 'Jan de Vries', undefined],
      ['Автор: Иван Петров', 'Иван Петров', undefined],
    ] as const) {
      const r = cleanText(`Budget passes\n\n${line}\n\n${P1}\n\n${P2}`);
      expect(r.metadata.author, line).toBe(author);
      if (more) expect(r.metadata.contributors, line).toContain(`${more} (byline)`);
      expect(r.body, line).not.toContain(line);
    }
    for (const headline of ['Von Miller Signs With Bills', 'Door Dash Names New CEO']) {
      const r = cleanText(`${headline}\n\n${P1}\n\n${P2}`);
      expect(r.metadata.title).toBe(headline);
      expect(r.metadata.author).toBeUndefined();
    }
    expect(cleanText(`Budget passes\n\nPor qué el gobierno cambia el plan\n\n${P1}\n\n${P2}`).metadata.author).toBeUndefined();
  });
  it('leaves an ambiguous day/month unset and rejects impossible dates', () => {
    expect(parseDate('05/07/2016')).toEqual({ iso: '', ambiguous: true });
    expect(parseDate('31/02/2016')).toBeNull();
    expect(parseDate('the 5th of never')).toBeNull();
  });
  it('keeps a given offset and invents none', () => {
    expect(normalizeDate('2024-03-05T10:00:00+01:00')).toBe('2024-03-05T10:00:00+01:00');
    expect(normalizeDate('2024-03-05T10:00:00')).toBe('2024-03-05T10:00:00');
    expect(normalizeDate('2024-03-05T10:00:00.123Z')).toBe('2024-03-05T10:00:00Z');
  });
  it('a date line in the header zone and a dated byline fill date', () => {
    expect(cleanText(`Budget passes\n\n• 20/07/2016\n\n${P1}\n\n${P2}`).metadata.date).toBe('2016-07-20');
    expect(cleanText(`Budget passes\n\nBy Jane Doe | July 16, 2016\n\n${P1}\n\n${P2}`).metadata).toMatchObject({ author: 'Jane Doe', date: '2016-07-16' });
  });
});

describe('language', () => {
  const texts: Record<string, string> = {
    en: `${P1} ${P2}`,
    fr: "Le conseil municipal a adopté mardi le nouveau budget des transports après un long débat qui s'est prolongé tard dans la soirée, et les opposants ont critiqué le projet.",
    de: 'Der Stadtrat hat am Dienstag nach einer langen Debatte, die bis in den Abend dauerte, den neuen Verkehrshaushalt beschlossen, und die Gegner kritisierten den Plan scharf.',
    es: 'El ayuntamiento aprobó el martes el nuevo presupuesto de transporte tras un largo debate que se prolongó hasta la noche, y los opositores criticaron duramente el plan.',
    ru: 'Городской совет во вторник утвердил новый транспортный бюджет после долгих споров, которые продолжались до позднего вечера, а противники плана резко его раскритиковали.',
    vi: 'Hội đồng thành phố hôm thứ Ba đã thông qua ngân sách giao thông mới sau một cuộc tranh luận kéo dài đến tối, và những người phản đối đã chỉ trích kế hoạch này.',
  };
  it.each(Object.entries(texts))('detects %s as a BCP 47 code', (code, text) => {
    expect(detectLanguage(text)).toBe(code);
  });
  it('does not guess on short text', () => {
    expect(detectLanguage('Ferries are cancelled on Sunday.')).toBeUndefined();
    expect(detectLanguage('')).toBeUndefined();
  });
  it('ignores Markdown syntax and URLs when detecting', () => {
    const md = `## Budget\n\n- [${P1}](https://example.org/a-very-long-url-with-words-in-it)\n\n> ${P2}`;
    expect(detectLanguage(md)).toBe('en');
  });
  it('normalises declared tags and prefers them over detection', () => {
    expect(normalizeLanguageTag('en_US')).toBe('en-US');
    expect(normalizeLanguageTag('eng')).toBe('en');
    expect(normalizeLanguageTag('DE')).toBe('de');
    expect(normalizeLanguageTag('not a tag')).toBeUndefined();
    const r = cleanText(`---\ntitle: "Budget"\nlang: fr\n---\n\n${P1}\n\n${P2}`);
    expect(r.metadata.language).toBe('fr');
  });
});

describe('title suffixes', () => {
  it('splits a pipe suffix and a dash suffix that names an agency or the publisher', () => {
    expect(splitTitleSuffix('Gulf states agree on joint visa | The Peninsula')).toEqual({ title: 'Gulf states agree on joint visa', site: 'The Peninsula' });
    expect(splitTitleSuffix('Oil prices rise on supply worries - Reuters')).toEqual({ title: 'Oil prices rise on supply worries', site: 'Reuters' });
    expect(splitTitleSuffix('Oil prices rise on supply worries - The Daily Star', 'The Daily Star')?.title).toBe('Oil prices rise on supply worries');
  });
  it('keeps dashes that belong to the headline', () => {
    expect(splitTitleSuffix('Farmers protest blocks highway - police')).toBeNull();
    expect(splitTitleSuffix('UPDATE 2-Oil prices rise on supply worries')).toBeNull();
  });
  it('a title suffix becomes the publisher', () => {
    const r = cleanText(`Gulf states agree on joint visa | The Peninsula\n\n${P1}\n\n${P2}`);
    expect(r.metadata).toMatchObject({ title: 'Gulf states agree on joint visa', publisher: 'The Peninsula' });
  });
});

describe('fragment metadata', () => {
  it('reads JSON-LD, Open Graph and <meta> in a fragment, in that order of trust', () => {
    const html = `<script type="application/ld+json">{"@type":"NewsArticle","headline":"From JSON-LD","datePublished":"2024-01-02T03:04:05Z","author":{"@type":"Person","name":"Ann Lee"}}</script><meta property="og:title" content="From OG"><meta name="author" content="Bob Roe"><p>${P1}</p><p>${P2}</p>`;
    const r = cleanText(html);
    expect(r.metadata).toMatchObject({ title: 'From JSON-LD', date: '2024-01-02T03:04:05Z', author: 'Ann Lee' });
  });
  it('a front-matter value outranks what the fragment says', () => {
    const r = cleanText(`---\ntitle: "From front matter"\n---\n<meta property="og:title" content="From OG"><p>${P1}</p><p>${P2}</p><p>More text.</p>`);
    expect(r.metadata.title).toBe('From front matter');
  });
});
