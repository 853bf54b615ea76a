/**
 * NC006 underlined-links: a plain-text copy from a browser that underlines links with underscores gets its linked
 * phrases back as words; identifiers, URLs, file names and handles stay as they are, and a text with a stray
 * underscored phrase or two is left alone.
 */
import { describe, expect, it } from 'vitest';
import { fc, test as fcTest } from '@fast-check/vitest';
import { cleanText } from '../src/index.js';

const PROSE = [
  '“Is the web driving us mad?” asked_Newsweek_magazine, in a cover story that fuelled some frantic global debate',
  'on technology and mental health. As sites like Mindhacks (co-written_by_BBC_Future_columnist_Tom_Stafford)',
  'have_already_argued in response, the evidence behind such claims is rather more tenuous than the article',
  'might have you believe. One of the pieces of research cited was later accompanied by a_follow-up_study that',
  'showed these negative effects dissipated with time. Similarly, as has_been_noted_on_BBC_Future, among other',
  'places, the notion that the internet is uniquely perilous in its ability to rewire our brains is not nearly',
  'as alarming as it sounds, not least because pretty much every other sustained mental activity we undertake',
  'also has a rewiring effect, according to the_latest_review of the research.',
];

describe('NC006 underlined-links', () => {
  it('turns the underscores of linked phrases back into spaces, recorded once with the rule id', () => {
    const r = cleanText(PROSE.join('\n'), { path: 'page.txt' });
    expect(r.error).toBeNull();
    expect(r.body).toContain('asked Newsweek magazine');
    expect(r.body).toContain('co-written by BBC Future columnist Tom Stafford');
    expect(r.body).toContain('have already argued');
    expect(r.body).not.toMatch(/\p{L}_\p{L}/u);
    const recs = r.removed.filter((x) => x.id === 'NC006');
    expect(recs).toHaveLength(1);
    expect(recs[0]!.rule).toBe('underlined-links');
    expect(recs[0]!.text).toContain('asked_Newsweek_magazine → asked Newsweek magazine (and 5 more)');
  });

  it('leaves identifiers, URLs, file names and handles alone, even in a text that underlines its links', () => {
    const extra = 'See https://example.org/a_long_path/file_name.html, the photo [Sokel_Josh.jpg], @angry_drunk and the key max_value2.';
    const r = cleanText(`${PROSE.join('\n')}\n${extra}`, { path: 'page.txt' });
    expect(r.body).toContain('https://example.org/a_long_path/file_name.html');
    expect(r.body).toContain('[Sokel_Josh.jpg]');
    expect(r.body).toContain('@angry_drunk');
    expect(r.body).toContain('max_value2');
    expect(r.body).toContain('asked Newsweek magazine');
  });

  it('reads linked phrases with numbers and linked dates as words too, in a text that underlines its links', () => {
    const comments = [
      'Posted by: DrNo at November_7,_2012_1:56_PM',
      'Reply on_2012-10-16_at_8:03_am from Ivan, who kept max_value2 and file_v2_3 as they were.',
      'Kudos from yuki_27 on the Nokia_Lumia_920, the query columns is_anomaly_0_5 and is_anomaly_1, at Microsoft’s_BUILD_2012_developer_conference.',
    ];
    const r = cleanText(`${PROSE.join('\n')}\n\n${comments.join('\n')}`, { path: 'page.txt' });
    expect(r.body).toContain('November 7, 2012 1:56 PM');
    expect(r.body).toContain('on 2012-10-16 at 8:03 am');
    expect(r.body).toContain('the Nokia Lumia 920');
    expect(r.body).toContain('at Microsoft’s BUILD 2012 developer conference');
    expect(r.body).toContain('max_value2');
    expect(r.body).toContain('file_v2_3');
    for (const name of ['yuki_27', 'is_anomaly_0_5', 'is_anomaly_1']) expect(r.body).toContain(name);
    expect(r.removed.filter((x) => x.id === 'NC006')[0]!.text).toContain('(and 9 more)');
  });

  it('changes nothing in a text that does not show the convention', () => {
    const code = [
      'The function get_user_name reads the field user_name from the table user_accounts, and',
      'the helper set_max_value writes max_value back, as the style guide of the project asks for',
      'every name in its code base; the test suite checks read_only_mode and the retry_count too.',
      'A reader may also follow asked_Newsweek_magazine, one linked phrase among ordinary prose lines.',
    ].join('\n');
    const r = cleanText(code, { path: 'notes.txt' });
    expect(r.removed.some((x) => x.id === 'NC006')).toBe(false);
    expect(r.body).toContain('get_user_name');
    expect(r.body).toContain('asked_Newsweek_magazine');
  });

  fcTest.prop([fc.array(fc.stringMatching(/^[A-Za-z_ .\-/@[\]]{0,40}$/), { maxLength: 30 })])('never throws, and is a fixed point of cleaning', (lines) => {
    const r = cleanText(lines.join('\n'), { path: 'x.txt' });
    if (r.markdown !== null) expect(cleanText(r.markdown, { path: 'x.md' }).body).toBe(r.body);
  });
});
