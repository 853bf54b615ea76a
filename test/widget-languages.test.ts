/**
 * Widget heads in the languages news is written in (src/rules/text/widgets.ts): a share bar's head with the platform
 * names under it (NC205), a related-links head with its run of headlines and an inline "read also" line (NC207) go,
 * each recorded with its rule, in German, French, Spanish, Portuguese, Italian, Dutch, Russian and Indonesian as in
 * English; the article's own sentences that start with the same words stay.
 */
import { describe, expect, it } from 'vitest';
import { cleanText } from '../src/index.js';

const CASES: ReadonlyArray<{ lang: string; p: string; share: string; also: string; head: string }> = [
  { lang: 'de', p: 'Der Stadtrat hat den Haushalt am Dienstag nach einer langen Debatte über Straßen und Schulen beschlossen, sagten Beamte.', share: 'Teilen', also: 'Lesen Sie auch: Neue Buslinie startet im Mai', head: 'Das könnte Sie auch interessieren' },
  { lang: 'fr', p: 'Le conseil municipal a adopté le budget mardi après un long débat sur les routes et les écoles de la ville, selon des responsables.', share: 'Partager', also: 'Lire aussi : Une nouvelle ligne de bus en mai', head: 'Sur le même sujet' },
  { lang: 'es', p: 'El concejo aprobó el presupuesto el martes tras un largo debate sobre las calles y las escuelas de la ciudad, dijeron funcionarios.', share: 'Compartir', also: 'LEA TAMBIÉN: Nueva línea de autobús en mayo', head: 'Noticias relacionadas' },
  { lang: 'pt', p: 'A câmara aprovou o orçamento na terça-feira depois de um longo debate sobre as ruas e as escolas da cidade, disseram autoridades.', share: 'Compartilhar', also: 'Leia também: Nova linha de ônibus em maio', head: 'Veja também' },
  { lang: 'it', p: 'Il consiglio comunale ha approvato il bilancio martedì dopo un lungo dibattito sulle strade e sulle scuole della città, hanno detto i funzionari.', share: 'Condividi', also: 'Leggi anche: Nuova linea di autobus a maggio', head: 'Potrebbe interessarti' },
  { lang: 'nl', p: 'De gemeenteraad heeft dinsdag de begroting goedgekeurd na een lang debat over wegen en scholen in de stad, zeiden ambtenaren.', share: 'Delen', also: 'Lees ook: Nieuwe buslijn vanaf mei', head: 'Meer nieuws' },
  { lang: 'ru', p: 'Городской совет во вторник утвердил бюджет после долгих споров о дорогах и школах города, сообщили чиновники.', share: 'Поделиться', also: 'Читайте также: Новый автобусный маршрут с мая', head: 'Похожие новости' },
  { lang: 'id', p: 'Dewan kota menyetujui anggaran pada hari Selasa setelah perdebatan panjang tentang jalan dan sekolah di kota itu, kata para pejabat.', share: 'Bagikan', also: 'Baca juga: Jalur bus baru mulai Mei', head: 'Berita terkait' },
];

describe('widget heads in other languages', () => {
  for (const c of CASES) {
    it(`${c.lang}: the share bar, the inline "read also" line and the related list go, by their rules`, () => {
      const text = ['Headline of the local budget story', '', c.p, '', c.also, '', c.p, '', c.p, '', c.share, 'Facebook', 'Twitter', '', c.head, 'Schule nach Reparatur wieder offen', 'Neuer Busfahrplan ab Mai'].join('\n');
      const r = cleanText(text, { path: `${c.lang}.txt` });
      const by = (rule: string) => r.removed.filter((x) => x.rule === rule).map((x) => x.text);
      expect(by('share-widgets')).toEqual(expect.arrayContaining([c.share, 'Facebook', 'Twitter']));
      expect(by('related-links')).toEqual(expect.arrayContaining([c.also, c.head, 'Neuer Busfahrplan ab Mai']));
      expect(r.body.split('\n\n')).toEqual([c.p, c.p, c.p]);
    });
  }
  it('a sentence of the article that opens with the same words stays', () => {
    const p = CASES[0]!.p;
    const r = cleanText(['Headline of the local budget story', '', p, '', 'Teilen Sie uns Ihre Meinung mit, schrieb der Bürgermeister am Abend in einer langen Erklärung an die Bürger der Stadt.', '', p].join('\n'), { path: 'de.txt' });
    expect(r.body).toContain('Teilen Sie uns Ihre Meinung mit');
  });
});

describe('newsletter prompts in other languages', () => {
  const p = CASES[0]!.p;
  it.each(['Newsletter abonnieren', 'Jetzt abonnieren', 'Abonnez-vous à notre newsletter', 'Suscríbete a nuestro boletín', 'Inscreva-se na nossa newsletter', 'Iscriviti alla newsletter', 'Schrijf je in voor de nieuwsbrief', 'Подпишитесь на нашу рассылку', 'Berlangganan newsletter kami'])('%s goes (NC206)', (prompt) => {
    const r = cleanText(['Headline of the local budget story', '', p, '', p, '', prompt, '', p].join('\n'), { path: 'x.txt' });
    expect(r.removed.filter((x) => x.rule === 'newsletter-prompt').map((x) => x.text)).toEqual([prompt]);
    expect(r.body.split('\n\n')).toEqual([p, p, p]);
  });
  it('reported speech that opens with the word stays', () => {
    const quote = 'Abonnez-vous à la vie de la cité, a déclaré le maire devant le conseil municipal mardi soir.';
    const r = cleanText(['Headline of the local budget story', '', p, '', quote, '', p].join('\n'), { path: 'x.txt' });
    expect(r.body).toContain(quote);
  });
});
