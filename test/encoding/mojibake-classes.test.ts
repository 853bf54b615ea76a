// The failure classes of mojibake repair, with cases written for them in
// several languages. Broken text is made with the reference code-page tables
// of fixtures/encoding/mappings (bench/mojibake-corpus.mjs), never with the
// tables under test.
import { describe, expect, it } from 'vitest';
import { fixText } from '../../src/encoding/index.js';
// @ts-expect-error plain JS module shared with the benchmark
import { mojibake as rawMojibake } from '../../bench/mojibake-corpus.mjs';

const mojibake = rawMojibake as (text: string, codepage: string) => string;

/** 0xA0 turned into a space by a scraper (U+00A0 → U+0020). */
const nbspLost = (s: string) => s.replace(/\u00a0/g, ' ');
/** The same, and the run of spaces collapsed (what most scrapers do). */
const nbspLostCollapsed = (s: string) => s.replace(/\u00a0/g, ' ').replace(/ {2,}/g, ' ');

describe('class 1: Mac OS Roman read with Apple’s table (0xBD Ω, 0xDB €, 0xF0 Apple logo)', () => {
  // Every one of these has a byte 0xBD, 0xDB or 0xF0 in its UTF-8 (н = D0 BD, ν = CE BD, emoji F0 …).
  const texts: Array<[string, string]> = [
    ['cs', 'Vláda schválila nový zákon o důchodech a penzích.'],
    ['sk', 'Na Slovensku začína nová sezóna, ľudia sú nadšení.'],
    ['ru', 'Правительство утвердило новый бюджет на следующий год.'],
    ['uk', 'Уряд ухвалив нову програму підтримки малого бізнесу.'],
    ['el', 'Η κυβέρνηση ενέκρινε τον νέο προϋπολογισμό την Τρίτη.'],
    ['ja', '政府は新しい経済対策を閣議決定した。'],
    ['zh', '国务院批准了新的经济刺激计划。'],
    ['en', 'Fans reacted with 😂 and 👍 after the 3–1 win.'],
  ];
  for (const [lang, text] of texts) {
    it(`${lang}: restores text broken through Mac OS Roman`, () => {
      const broken = mojibake(text, 'macintosh');
      expect(broken).not.toBe(text);
      expect(fixText(broken)).toBe(text);
    });
  }
  it('restores a Russian paragraph broken through Mac OS Roman between clean ones', () => {
    const clean = 'The report was published on Monday.';
    const ru = 'Решение суда вступит в силу через месяц, сообщил адвокат.';
    expect(fixText(`${clean}\n\n${mojibake(ru, 'macintosh')}\n\n${clean}`)).toBe(`${clean}\n\n${ru}\n\n${clean}`);
  });
});

describe('class 2: a lost no-break space (byte 0xA0 turned into a space)', () => {
  it('French à keeps its word break (à la, à l’école, à 8 heures)', () => {
    const text = 'Il est arrivé à la gare à 8 heures, puis il est allé à l’école à pied.';
    expect(fixText(nbspLostCollapsed(mojibake(text, 'windows-1252')))).toBe(text);
    expect(fixText(nbspLost(mojibake(text, 'windows-1252')))).toBe(text);
  });
  it('Portuguese à glues to the word it contracts with (às, àquele, àquela)', () => {
    const text = 'Ele foi à praia e voltou às 18 horas, àquela hora em que o sol já não queima.';
    expect(fixText(nbspLostCollapsed(mojibake(text, 'windows-1252')))).toBe(text);
  });
  it('Vietnamese à inside a syllable is glued back (thành, vào, và)', () => {
    const text = 'Thành phố Hồ Chí Minh và Hà Nội đón khách vào mùa hè.';
    expect(fixText(nbspLost(mojibake(text, 'windows-1252')))).toBe(text);
  });
  it('Czech and Slovak Š at the start of a word (Škoda, Šumava, Štátny)', () => {
    for (const text of ['Na Šumavě napadlo přes půl metru sněhu a Škoda zastavila výrobu.', 'Štátny rozpočet počíta so schodkom, povedal minister.']) {
      expect(fixText(nbspLost(mojibake(text, 'windows-1252')))).toBe(text);
    }
  });
  it('Russian Р, Greek Π and Hebrew נ', () => {
    for (const text of ['Россия и Франция подписали соглашение о сотрудничестве.', 'Ο Πρόεδρος της Δημοκρατίας μίλησε για την Παιδεία.', 'הנשיא נפגש עם נציגי הממשלה בירושלים.']) {
      expect(fixText(nbspLost(mojibake(text, 'windows-1252')))).toBe(text);
    }
  });
  it('under a windows-1251 reading (Г for Ã), glued or standing alone', () => {
    expect(fixText('Le cafГ© Г© dГ©jГ  vu.')).toBe('Le café é déjà vu.');
    const text = 'Les élèves sont allés à la gare à pied, déjà fatigués après la fête.';
    expect(fixText(nbspLostCollapsed(mojibake(text, 'windows-1251')))).toBe(text);
  });
  it('three-byte sequences ending in 0xA0: a sign keeps its break, a capital takes its word', () => {
    const text = 'Nguyễn Văn An † 1998 — ẠNH TRĂNG';
    expect(fixText(nbspLost(mojibake(text, 'windows-1252')))).toBe(text);
  });
});

describe('class 3: lost bytes (a `?` or U+FFFD where a byte was dropped)', () => {
  /** Break text through windows-1252, then replace the last byte of the n-th non-ASCII character by `lost`. */
  function dropByte(text: string, n: number, lost: string): { broken: string; expected: string } {
    const chars = [...text];
    const multi = chars.map((c, i) => (c.charCodeAt(0) > 0x7f ? i : -1)).filter((i) => i >= 0);
    const at = multi[n] ?? -1;
    const broken = chars.map((c, i) => (i === at ? mojibake(c, 'windows-1252').slice(0, -1) + lost : mojibake(c, 'windows-1252'))).join('');
    const expected = chars.map((c, i) => (i === at ? '\ufffd' : c)).join('');
    return { broken, expected };
  }
  const texts: Array<[string, string, number]> = [
    ['fr', 'Zoë et Renée ont quitté Montréal après la fermeture du café.', 3],
    ['en', 'The mayor said “we can’t wait any longer” on Tuesday.', 1],
    ['de', 'Die Straße zwischen Düsseldorf und Köln bleibt gesperrt.', 1],
    ['ru', 'Правительство утвердило новый бюджет на следующий год.', 5],
    ['es', 'El señor Muñoz explicó que la compañía invertirá más.', 2],
  ];
  for (const [lang, text, n] of texts) {
    it(`${lang}: a ? standing for a dropped byte becomes U+FFFD in the character’s place`, () => {
      const { broken, expected } = dropByte(text, n, '?');
      expect(fixText(broken)).toBe(expected);
    });
    it(`${lang}: a U+FFFD standing for a dropped byte becomes one U+FFFD in the character’s place`, () => {
      const { broken, expected } = dropByte(text, n, '\ufffd');
      expect(fixText(broken)).toBe(expected);
    });
  }
});

describe('class 4: other code pages, stacked mojibake, mojibake inside words', () => {
  const iso2: Array<[string, string]> = [
    ['de', '„Wir müssen schneller werden“, sagte die Ministerin in München über die Straße.'],
    ['pl', 'Rząd przyjął we wtorek projekt ustawy; źródło w Żywcu zamknięto.'],
    ['cs', 'Příliš žluťoučký kůň úpěl ďábelské ódy.'],
    ['hu', 'Árvíztűrő tükörfúrógép – így szól a híres magyar mondat.'],
    ['ru', 'В Москве и Санкт-Петербурге прошли акции в поддержку учителей.'],
  ];
  for (const [lang, text] of iso2) {
    it(`${lang}: ISO-8859-2 is not taken for windows-1250`, () => {
      expect(fixText(mojibake(text, 'iso-8859-2'))).toBe(text);
    });
  }
  const baltic: Array<[string, string]> = [
    ['lt', 'Vyriausybė pritarė naujam mokesčių įstatymo projektui; Šiais metais ekonomika augo.'],
    ['lv', 'Valdība otrdien apstiprināja jauno budžeta projektu Rīgā.'],
    ['et', 'Tallinna vanalinnas käis möödunud aastal üle miljoni turisti.'],
    ['ru', 'Российские компании увеличили экспорт зерна на 12 процентов.'],
  ];
  for (const [lang, text] of baltic) {
    it(`${lang}: windows-1257`, () => {
      expect(fixText(mojibake(text, 'windows-1257'))).toBe(text);
    });
  }
  it('box drawing and signs broken twice and three times', () => {
    const box = 'Box: ┌──┐ │ok│ └──┘ ✓ → ★';
    expect(fixText(mojibake(mojibake(box, 'windows-1252'), 'windows-1252'))).toBe(box);
    const signs = 'Price → 5 € ✓ — “fine”…';
    expect(fixText(mojibake(mojibake(mojibake(signs, 'windows-1252'), 'windows-1252'), 'windows-1252'))).toBe(signs);
    const frame = '╔═══╗\n║ A ║\n╚═══╝';
    expect(fixText(mojibake(mojibake(frame, 'windows-1252'), 'windows-1252'))).toBe(frame);
  });
  it('a Greek letter inside an ASCII word (genes, compounds)', () => {
    for (const text of ['Expression of TNF-α and IFN-γ rose.', 'The β-catenin pathway', '5α-reductase and κ-casein', 'Δ9-THC levels']) {
      expect(fixText(mojibake(text, 'windows-1252'))).toBe(text);
    }
  });
});

describe('class 5: correct text never changes', () => {
  const clean = [
    '√2 ≈ 1.414, π ≈ 3.14159, and x ≤ y ≠ z; ∀ε > 0 ∃δ > 0.',
    'σ² = E[(X − μ)²], Δt = 0.5 s, Ω = 2π·f, α + β + γ = 180°.',
    '┌──────┬──────┐\n│ Name │ Rank │\n└──────┴──────┘',
    '╔═══════════╗\n║  RESULTS  ║\n╚═══════════╝',
    'Å – a village in Lofoten – and Å\u00a0i Lofoten are the same place.',
    'Åse and Åge live in Ålesund; Å\u00a0Church is in Denmark.',
    'A IRMÃ… E O IRMÃO…',
    'NÃO É POSSÍVEL: O CAPITÃ… FALOU',
    'MAÇÃ, ROMÃ, AVELÃ…',
    'Ângela e Ângelo chegaram à estação; ÂNGELA MERKEL VISITOU O BRASIL.',
    'Ãdão and Ãngelo are rare spellings.',
    'AMANHÃ? SIM. É VERDADE? NÃO?',
  ];
  for (const text of clean) {
    it(`leaves ${JSON.stringify(text.slice(0, 40))} unchanged`, () => {
      expect(fixText(text)).toBe(text);
    });
  }
  it('leaves clean paragraphs unchanged in a document whose other paragraphs are broken', () => {
    const broken = mojibake('Les élèves sont allés à la gare à pied, déjà fatigués après la fête de l’école.', 'windows-1252');
    for (const text of clean) {
      const out = fixText(`${broken}\n\n${text}\n\n${broken}`).split('\n\n');
      expect(out[1 + 0]).toBe(text.split('\n\n')[0]);
      expect(fixText(`${broken}\n\n${text}\n\n${broken}`)).toContain(text);
    }
  });
});
