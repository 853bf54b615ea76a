/**
 * Scripts written without spaces between words (src/text/unspaced.ts): Chinese, Japanese and Thai are counted in the
 * words a reader of the language counts (the platform's word segmenter), so that a paragraph of Chinese is prose to
 * the length tests and to the line model and not a three-word label; a paragraph a text browser wrapped is joined
 * again without a space at the break; a page of such text, rendered as a text browser renders it with the site's
 * menus and lists around it, comes out as its article.
 */
import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { cleanText } from '../src/index.js';
import { wordCount } from '../src/rules/zones.js';
import { columns, joinWrapped, segmentWords } from '../src/text/unspaced.js';

/** Lines of at most `width` columns (a CJK character counts two), broken between any two characters as w3m does. */
function wrapColumns(paragraph: string, width: number): string[] {
  const out: string[] = [];
  let cur = '';
  for (const ch of paragraph) {
    if (columns(cur + ch) > width) {
      out.push(cur);
      cur = ch;
    } else cur += ch;
  }
  if (cur) out.push(cur);
  return out;
}

const HEADLINE = '市区地铁新线今日开通 沿线居民出行时间缩短一半';
const ZH = [
  '本报讯 记者王晓明报道',
  '经过四年的建设，市区地铁六号线今天上午正式开通运营。这条线路全长三十二公里，设有二十四座车站，连接城市东部的新区和西部的老城区。',
  '据市交通局介绍，新线开通后，从东部新区到市中心的出行时间将从原来的九十分钟缩短到四十分钟左右。沿线的学校、医院和商业区都将因此受益。',
  '开通当天，许多市民早早来到车站，体验新线路。家住东部新区的李女士说：“以前每天上班要换两次公交车，现在坐地铁直接就到了，方便多了。”',
  '交通局表示，六号线在早晚高峰时段的发车间隔为三分钟，其他时段为六分钟。票价与现有线路相同，市民可以使用交通卡或手机扫码乘车。',
  '按照规划，到二〇三〇年，全市的地铁线路总长度将达到五百公里，形成覆盖主要城区的轨道交通网络。',
];
const ZH_MENU = ['首页', '新闻', '体育', '财经', '科技', '娱乐', '汽车', '房产', '更多', '', '登录 注册', '', '首页 > 新闻 > 本地', ''];
const ZH_TAIL = ['', '分享到：', '微博', '微信', 'QQ空间', '', '相关文章', '市区公交线路调整方案公布', '新机场高速公路年底通车', '老城区停车难问题有望缓解', '', '热门评论', '暂无评论', '', '版权所有 © 2024 城市日报社'];

/** The page as w3m renders it at 100 columns: menus, the headline, the article's paragraphs wrapped, the lists under it. */
function zhPage(width: number): string {
  const body = ZH.flatMap((p, i) => [...(i ? [''] : []), ...wrapColumns(p, width)]);
  return [...ZH_MENU, HEADLINE, '', ...body, ...ZH_TAIL].join('\n');
}

const JA_HEADLINE = '地方の図書館で夜間開館を試行 利用者が倍増';
const JA = [
  '県立図書館は、今月から平日の開館時間を午後九時まで延長する試みを始めた。仕事帰りの会社員や学生の利用を増やすことが目的だ。',
  '図書館によると、延長した時間帯の利用者は一日平均で百二十人となり、以前の同じ時間帯と比べて二倍以上に増えたという。',
  '館長は「仕事を終えてからでも本を借りられるようになったという声を多く聞いている。今後も利用者の意見を取り入れていきたい」と話している。',
  '試行は三月末まで続けられ、その結果を踏まえて来年度からの本格的な実施を検討する予定だ。',
];
const JA_MENU = ['ホーム', 'ニュース', 'スポーツ', '経済', '政治', '国際', '地域', '文化', '科学', '天気', '動画', '', 'ログイン', '', 'ホーム > 地域 > 文化', ''];
const JA_TAIL = ['', 'この記事をシェアする', 'ツイート', '', '関連記事', '市民会館の改修工事が完了', '駅前広場で冬のイベント開催', '', '人気ランキング', '1 新しいバス路線の運行開始', '2 商店街の歳末セール始まる'];

function jaPage(width: number): string {
  const body = JA.flatMap((p, i) => [...(i ? [''] : []), ...wrapColumns(p, width)]);
  return [...JA_MENU, JA_HEADLINE, '', ...body, ...JA_TAIL].join('\n');
}

describe('words of scripts written without spaces', () => {
  it('are the segmenter\'s words: a Chinese, a Japanese and a Thai sentence', () => {
    expect(wordCount(ZH[1]!)).toBeGreaterThan(30);
    expect(wordCount(ZH[1]!)).toBe(segmentWords(ZH[1]!.replace(/[，。]/g, '')).length);
    expect(segmentWords('不正に改造したiPhoneでも')).toEqual(['不正', 'に', '改造', 'した', 'iPhone', 'でも']);
    expect(wordCount('นายกรัฐมนตรีกล่าวว่ารัฐบาลจะเดินหน้าแก้ไขปัญหาเศรษฐกิจ')).toBeGreaterThan(8);
  });
  it('leave every other script as it was: one word per run of letters', () => {
    const WORD = /[\p{L}\p{N}][\p{L}\p{N}\p{M}]*(?:['’.-][\p{L}\p{N}][\p{L}\p{N}\p{M}]*)*/gu;
    for (const s of ["The council's plan, U.S.-backed, passed 7-2 in Zürich.", 'Совет утвердил план развития города', '서울시는 새 지하철 노선을 개통했다', 'مجلس المدينة يقر الميزانية']) {
      expect(wordCount(s)).toBe(s.match(WORD)!.length);
    }
    expect(wordCount('서울시는 새 지하철 노선을 개통했다')).toBe(5);
  });
  it('a limit still stops the count there', () => {
    expect(wordCount(ZH[1]!, 5)).toBe(5);
  });
});

describe('a wrapped paragraph joined again', () => {
  it('has no space where a browser broke Chinese or Japanese, one between words of a spaced script', () => {
    expect(joinWrapped(['这条线路全长三十二公', '里，设有二十四座车站'])).toBe('这条线路全长三十二公里，设有二十四座车站');
    expect(joinWrapped(['会到达哪个站？', '”这样的问题。'])).toBe('会到达哪个站？”这样的问题。');
    expect(joinWrapped(['The council passed', 'the budget.'])).toBe('The council passed the budget.');
    expect(joinWrapped(['서울시는 새 지하철', '노선을 개통했다'])).toBe('서울시는 새 지하철 노선을 개통했다');
    expect(joinWrapped(['DeepMind has', '开发出'])).toBe('DeepMind has 开发出');
  });
  test.prop([fc.array(fc.string({ maxLength: 20 }), { minLength: 1, maxLength: 6 })])('keeps every character of every line, in order', (lines) => {
    expect(joinWrapped(lines).replace(/ /g, '')).toBe(lines.join('').replace(/ /g, ''));
  });
});

describe('a page of Chinese or Japanese rendered as text', () => {
  for (const width of [80, 100]) {
    it(`Chinese at ${width} columns: the article's paragraphs whole, the headline its title, menus and lists gone`, () => {
      const r = cleanText(zhPage(width), { path: 'page.txt' });
      expect(r.error).toBeFalsy();
      expect(r.metadata.title).toBe(HEADLINE);
      for (const p of ZH.slice(1)) expect(r.body).toContain(p);
      for (const chrome of ['登录 注册', '首页 > 新闻', '相关文章', '新机场高速公路年底通车', '热门评论', '分享到']) expect(r.body).not.toContain(chrome);
      expect(r.metadata.words).toBeGreaterThan(150);
      // each removal recorded with the rule that made it: the share widget and the related-links run by their heads
      const by = (rule: string) => r.removed.filter((x) => x.rule === rule).map((x) => x.text);
      expect(by('share-widgets')).toEqual(expect.arrayContaining(['分享到：', '微博', '微信', 'QQ空间']));
      expect(by('related-links')).toEqual(expect.arrayContaining(['相关文章', '新机场高速公路年底通车']));
    });
    it(`Japanese at ${width} columns: the same`, () => {
      const r = cleanText(jaPage(width), { path: 'page.txt' });
      expect(r.error).toBeFalsy();
      expect(r.metadata.title).toBe(JA_HEADLINE);
      // every sentence whole (a break that falls at a sentence's end may part a paragraph, as in any script)
      for (const p of JA) for (const sentence of p.split(/(?<=。)/)) expect(r.body).toContain(sentence);
      for (const chrome of ['ログイン', 'ホーム > 地域', '関連記事', '駅前広場で冬のイベント開催', '人気ランキング', 'ツイート']) expect(r.body).not.toContain(chrome);
      expect(r.metadata.section).toBe('文化');
    });
  }
  it('cleaning the written Markdown again changes nothing, and the same input gives the same output', () => {
    for (const text of [zhPage(100), jaPage(80)]) {
      const r = cleanText(text, { path: 'page.txt' });
      expect(cleanText(r.markdown, { path: 'page.md' }).body).toBe(r.body);
      expect(cleanText(text, { path: 'page.txt' }).markdown).toBe(r.markdown);
    }
  });
  it('a Markdown paragraph of Chinese with soft breaks is one paragraph without spaces at the breaks', () => {
    const md = `# ${HEADLINE}\n\n${wrapColumns(ZH[1]!, 60).join('\n')}\n\n${wrapColumns(ZH[2]!, 60).join('\n')}\n`;
    const r = cleanText(md, { path: 'page.md' });
    expect(r.body).toContain(ZH[1]);
    expect(r.body).toContain(ZH[2]);
  });
});
