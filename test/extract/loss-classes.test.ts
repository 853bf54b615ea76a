/**
 * One minimal synthetic page for each class of whole-page loss measured against other extractors (docs/html-extraction.md):
 * each page is built here from invented text, not copied from a site, and goes through cleanText as a saved page does.
 */
import { describe, expect, it } from 'vitest';
import { cleanText } from '../../src/index.js';
import { closeRunawayTitle, liftHeadContent } from '../../src/html/repair.js';
import { parseDocument } from 'htmlparser2';

const P1 = 'The ferry between Port Alden and the outer islands will run twice a day from next month, the operator said on Tuesday, after a winter of cancellations.';
const P2 = 'Residents of the islands had asked for a second daily crossing for years, saying a single boat left them stranded whenever the weather turned.';
const P3 = 'The new timetable adds an early sailing at seven in the morning and keeps the evening return, with a smaller vessel on quiet days.';
const MENU = '<ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li><li><a href="/sport">Sport</a></li><li><a href="/weather">Weather</a></li><li><a href="/contact">Contact</a></li></ul>';

function clean(html: string) {
  const r = cleanText(html, { path: 'page.html' });
  return { ...r, text: r.body };
}

describe('text inside <head>: no <body> tag, or content before it', () => {
  it('a page without a <body> tag gives its article', () => {
    const html = `<!DOCTYPE html><html><head><title>Ferry to run twice a day</title><meta charset="utf-8">
      <div class="menu">${MENU}</div><div class="story"><p>${P1}</p><p>${P2}</p><p>${P3}</p></div></html>`;
    const r = clean(html);
    expect(r.error).toBeNull();
    for (const p of [P1, P2, P3]) expect(r.text).toContain(p);
    expect(r.text).not.toContain('Weather');
  });

  it('content before a late <body> is moved into it, in order', () => {
    const doc = parseDocument(`<html><head><title>T</title><div id="a"><p>${P1}</p></div><body><p>${P2}</p></body></html>`);
    expect(liftHeadContent(doc)).toBe(true);
    const html = doc.children.find((c) => c.type === 'tag')! as unknown as { children: Array<{ name?: string; children?: unknown[] }> };
    const names = html.children.filter((c) => c.name).map((c) => c.name);
    expect(names).toEqual(['head', 'body']);
    expect(liftHeadContent(doc)).toBe(false);
  });
});

describe('an unclosed <title> swallowing the page', () => {
  it('ends the title where the page markup starts', () => {
    expect(closeRunawayTitle('<html><head><title>Ferry news</head><body><p>x</p></body></html>')).toBe(
      '<html><head><title>Ferry news</title></head><body><p>x</p></body></html>',
    );
    // a closed title, and a title holding a "<" that is no markup, stay as they are
    const ok = '<html><head><title>a < b: Ferry</title></head><body><p>x</p></body></html>';
    expect(closeRunawayTitle(ok)).toBe(ok);
  });

  it('the page is cleaned with its article and its title', () => {
    const html = `<html><head><title>Ferry to run twice a day
      <meta charset="utf-8"></head><body><nav>${MENU}</nav><article><p>${P1}</p><p>${P2}</p><p>${P3}</p></article></body></html>`;
    const r = clean(html);
    expect(r.error).toBeNull();
    expect(r.text).toContain(P1);
    expect(r.metadata.title).toBe('Ferry to run twice a day');
  });
});

const NAV = `<nav>${MENU}</nav>`;
const FOOT = '<footer><p>© Port Alden Gazette. All rights reserved.</p><ul><li><a href="/about">About us</a></li><li><a href="/jobs">Jobs</a></li></ul></footer>';
const teaser = (i: number) => `<div class="card"><h3><a href="/story/${i}">Other story number ${i} from the archive</a></h3><p>A short summary of story ${i}, written to make you click, with a comma.</p></div>`;

describe('short articles are not refused as "too little text"', () => {
  it('a one-paragraph item among menus and a footer is the article', () => {
    const item = 'The library on Quay Street is closed on Monday for repairs to its roof, the council said.';
    const r = clean(`<html><head><title>Library closed on Monday</title></head><body>${NAV}<div class="main"><h1>Library closed on Monday</h1><p>${item}</p></div>${FOOT}</body></html>`);
    expect(r.error).toBeNull();
    expect(r.text).toBe(item);
  });
});

describe('a post laid out as a card is not an index page', () => {
  it('the card headed by the page title is the article; the other cards are teasers', () => {
    const post = `<div class="card"><h2><a href="/2031/ferry">Ferry to run twice a day</a></h2><p>${P1}</p></div>`;
    const r = clean(`<html><head><title>Ferry to run twice a day | Island Notes</title></head><body>${NAV}<div class="posts">${post}${teaser(1)}${teaser(2)}${teaser(3)}${teaser(4)}</div>${FOOT}</body></html>`);
    expect(r.error).toBeNull();
    expect(r.text).toContain(P1);
    expect(r.text).not.toContain('Other story number');
  });
});

describe('an error-like title does not refuse a page with an article', () => {
  it('a long article under a title that reads like an error is kept', () => {
    const r = clean(`<html><head><title>Page not found</title></head><body>${NAV}<article><p>${P1}</p><p>${P2}</p><p>${P3}</p><p>${P1} ${P2}</p><p>${P3} ${P2}</p></article>${FOOT}</body></html>`);
    expect(r.error).toBeNull();
    expect(r.text).toContain(P3);
  });

  it('a real error page is still refused', () => {
    const r = clean(`<html><head><title>Page not found</title></head><body>${NAV}<div class="main"><h1>Sorry, this page could not be found.</h1><p>Try the search box or go back to the home page.</p></div>${FOOT}</body></html>`);
    expect(r.error?.code).toBe('no-article');
    expect(r.error?.message).toMatch(/error page/);
  });
});

describe('article text is not removed for its class name', () => {
  it('a post body whose class says "caption" keeps its paragraphs', () => {
    const r = clean(`<html><head><title>Ferry to run twice a day</title></head><body>${NAV}<div class="post"><h1>Ferry to run twice a day</h1><p>${P1}</p><div class="caption"><p>${P2}</p><p>${P3}</p></div></div>${FOOT}</body></html>`);
    expect(r.error).toBeNull();
    for (const p of [P1, P2, P3]) expect(r.text).toContain(p);
  });

  it('a real caption is still removed', () => {
    const r = clean(`<html><head><title>Ferry to run twice a day</title></head><body>${NAV}<article><h1>Ferry to run twice a day</h1><figure><img src="ferry.jpg"><div class="caption">The ferry at Port Alden. Photo: Sam Reed</div></figure><p>${P1}</p><p>${P2}</p><p>${P3}</p></article>${FOOT}</body></html>`);
    expect(r.text).not.toContain('Photo: Sam Reed');
    expect(r.text).toContain(P2);
  });

  it('an article laid out in an <aside> is not dropped after extraction', () => {
    const r = clean(`<html><head><title>Ferry to run twice a day</title></head><body>${NAV}<div class="wrap"><aside class="story"><p>${P1}</p><p>${P2}</p><p>${P3}</p></aside></div>${FOOT}</body></html>`);
    expect(r.error).toBeNull();
    expect(r.text).toContain(P2);
  });
});

describe('a page whose text sits in a script link', () => {
  it('is not refused as a page of links: a javascript: link goes nowhere, its text is the page text', () => {
    const html = `<html><head><title>Ferry to run twice a day</title></head><body><a href="javascript:void(0)"><p>${P1}</p><p>${P2}</p></a></body></html>`;
    const r = clean(html);
    expect(r.error).toBeNull();
    expect(r.text).toContain(P1);
    expect(r.text).toContain(P2);
    expect(r.text).not.toContain('javascript:');
  });
});

describe('reader comments under a "Comments" heading inside the article container', () => {
  const C1 = 'Great piece, I took that ferry every week when I lived out there and the winter was always the worst part of it.';
  const C2 = 'About time. My parents still live on the far island and the single crossing made every hospital visit an ordeal.';
  const comments = `<p>${C1}</p><p class="posted">Posted by: <a href="http://example.net/">Rowan</a> | Mar 26, 2007 2:00 PM</p><p>${C2}</p><p class="posted">Posted by: <a href="http://example.org/">Ines</a> | Mar 26, 2007 2:04 PM</p>`;

  it('drops what follows the heading as a whole, each block recorded as a comment section', () => {
    const html = `<html><head><title>Ferry to run twice a day</title></head><body>${NAV}<div><h1>Ferry to run twice a day</h1><p>${P1}</p><p>${P2}</p><p>${P3}</p><h2><a id="comments"></a>3 Comments</h2>${comments}</div></body></html>`;
    const r = clean(html);
    expect(r.error).toBeNull();
    for (const p of [P1, P2, P3]) expect(r.text).toContain(p);
    expect(r.text).not.toContain(C1);
    expect(r.text).not.toContain(C2);
    expect(r.text).not.toContain('Posted by');
    const notes = r.removed.filter((x) => x.action === 'removed (comment section)').map((x) => x.text);
    expect(notes).toContain('3 Comments');
    expect(notes.some((t) => t.startsWith('Great piece'))).toBe(true);
  });

  it('keeps an article section headed "Comment" or "Thoughts on …", and a heading before any prose', () => {
    for (const h of ['Comment', 'Thoughts on the new timetable', 'Responses to the cancellations']) {
      const html = `<html><head><title>Ferry to run twice a day</title></head><body>${NAV}<div><h1>Ferry to run twice a day</h1><p>${P1}</p><h2>${h}</h2><p>${P2}</p><p>${P3}</p></div></body></html>`;
      const r = clean(html);
      expect(r.text).toContain(P2);
      expect(r.text).toContain(P3);
    }
  });
});

describe('blog furniture after the post inside the container', () => {
  it('drops the theme line that says where the post was filed, as one block', () => {
    const filed = 'This entry was posted on Saturday, August 25th, 2012 at 12:23 am and is filed under Travel, Islands. You can follow any responses to this entry through the RSS 2.0 feed.';
    const html = `<html><head><title>Ferry to run twice a day</title></head><body>${NAV}<div><h1>Ferry to run twice a day</h1><p>${P1}</p><p>${P2}</p><p>${P3}</p><p>${filed}</p></div></body></html>`;
    const r = clean(html);
    for (const p of [P1, P2, P3]) expect(r.text).toContain(p);
    expect(r.text).not.toContain('is filed under');
    expect(r.removed.some((x) => x.action === 'removed (post filing line)' && x.text.startsWith('This entry was posted'))).toBe(true);
  });

  it('drops the lines on following the replies and the trackback URL', () => {
    const follow = 'You can follow any responses to this entry through the RSS 2.0 feed. You can leave a response, or trackback from your own site.';
    const tb = 'TrackBack URL for this entry: http://example.net/services/trackback/6a00d834';
    const html = `<html><head><title>Ferry to run twice a day</title></head><body>${NAV}<div><h1>Ferry to run twice a day</h1><p>${P1}</p><p>${P2}</p><p>${P3}</p><p>${follow}</p><p>${tb}</p></div></body></html>`;
    const r = clean(html);
    for (const p of [P1, P2, P3]) expect(r.text).toContain(p);
    expect(r.text).not.toContain('follow any responses');
    expect(r.text).not.toContain('TrackBack URL');
    expect(r.removed.filter((x) => x.action === 'removed (post filing line)').length).toBe(2);
  });

  it('drops a filing line that gives only the date, and "Comments are closed."', () => {
    const dated = 'This entry was posted on Thursday, August 9th, 2012 at 2:01 pm.';
    const html = `<html><head><title>Ferry to run twice a day</title></head><body>${NAV}<div><h1>Ferry to run twice a day</h1><p>${P1}</p><p>${P2}</p><p>${P3}</p><p>${dated}</p><p>Comments are closed.</p></div></body></html>`;
    const r = clean(html);
    for (const p of [P1, P2, P3]) expect(r.text).toContain(p);
    expect(r.text).not.toContain('was posted on');
    expect(r.text).not.toContain('Comments are closed');
    expect(r.removed.filter((x) => x.action === 'removed (post filing line)').length).toBe(2);
    // a sentence of the article that starts the same way goes on to say more, and stays
    const told = 'This post was posted on the harbour office door, where the timetable change was first announced to residents.';
    expect(clean(html.replace(dated, told)).text).toContain(told);
  });

  it('drops the trackback heading "Listed below are links to weblogs that reference …" and an "About these ads" label', () => {
    const tb = 'Listed below are links to weblogs that reference Ferry to run twice a day:';
    const html = `<html><head><title>Ferry to run twice a day</title></head><body>${NAV}<div><h1>Ferry to run twice a day</h1><p>${P1}</p><p>About these ads</p><p>${P2}</p><p>${P3}</p><h3>${tb}</h3></div></body></html>`;
    const r = clean(html);
    for (const p of [P1, P2, P3]) expect(r.text).toContain(p);
    expect(r.text).not.toContain('Listed below');
    expect(r.text).not.toContain('About these ads');
    expect(r.removed.some((x) => x.action === 'removed (post filing line)' && x.text.startsWith('Listed below'))).toBe(true);
    expect(r.removed.some((x) => x.action === 'removed (page furniture)' && x.text === 'About these ads')).toBe(true);
  });

  it('drops a list of excerpts of other posts cut short with [...], keeps an article list', () => {
    const teasers = ['The harbour board met again on Monday to discuss the pier repairs that were promised last spring [...]', 'Fishing quotas for the coming season were announced with a small rise for the inshore fleet [...]', 'A new footpath along the northern cliffs opens to walkers at the end of the month, weather permitting [...]'];
    const list = `<ul>${teasers.map((t) => `<li>${t}</li>`).join('')}</ul>`;
    const steps = '<ul><li>An early sailing at seven in the morning.</li><li>The evening return, as now.</li><li>A smaller vessel on quiet days.</li></ul>';
    const html = `<html><head><title>Ferry to run twice a day</title></head><body>${NAV}<div><h1>Ferry to run twice a day</h1><p>${P1}</p><p>${P2}</p>${steps}<p>${P3}</p>${list}</div></body></html>`;
    const r = clean(html);
    for (const p of [P1, P2, P3]) expect(r.text).toContain(p);
    expect(r.text).toContain('A smaller vessel on quiet days.');
    expect(r.text).not.toContain('harbour board');
    expect(r.removed.some((x) => x.action === 'removed (excerpts of other posts)')).toBe(true);
  });

  it('counts an item as an excerpt when "… Read more..." is followed only by its date', () => {
    const items = ['Harbour board meets on pier repairs', 'Inshore quotas rise', 'Cliff path opens'].map(
      (h) => `<li><h3>${h}</h3><p>The story in brief, as the front page shows it to readers... <a href="/x">Read more...</a></p><p>2012-11-09</p></li>`,
    );
    const html = `<html><head><title>Ferry to run twice a day</title></head><body>${NAV}<div><h1>Ferry to run twice a day</h1><p>${P1}</p><p>${P2}</p><p>${P3}</p><ul>${items.join('')}</ul></div></body></html>`;
    const r = clean(html);
    for (const p of [P1, P2, P3]) expect(r.text).toContain(p);
    expect(r.text).not.toContain('Inshore quotas');
  });
});

describe('a related-stories heading over a hinted block that is not link-dense', () => {
  it('drops "Also on <outlet>:" and the slideshow after it, each recorded', () => {
    const caps = Array.from({ length: 8 }, (_, i) => `<p>Passengers board the morning ferry at the Port Alden terminal during the trial week of the new timetable, picture ${i + 1} of the series.</p>`).join('');
    const html = `<html><head><title>Ferry to run twice a day</title></head><body>${NAV}<div><h1>Ferry to run twice a day</h1><p>${P1}</p><p>${P2}</p><p>${P3}</p><p>Also on Harbour Gazette:</p><div class="gallery-holder">${caps}</div></div></body></html>`;
    const r = clean(html);
    for (const p of [P1, P2, P3]) expect(r.text).toContain(p);
    expect(r.text).not.toContain('Passengers board');
    expect(r.text).not.toContain('Also on');
    expect(r.removed.filter((x) => x.action === 'removed (related links)').length).toBe(2);
  });
});

describe("a short post beside a longer prose text away from its headline", () => {
  const ABOUT = [
    'I grew up on the outer islands and have written about boats, tides and the people who work on them for most of my life, first for the parish newsletter and later for anyone who would print it.',
    'These days I teach sailing to children in the summer, repair old wooden dinghies in the winter, and spend far too many evenings arguing about timetables with anyone who will listen to me.',
    'My first book, a history of the island ferries from the age of sail to the diesel years, came out three years ago; a second one, about the lighthouses of the coast, is nearly finished.',
    'If you want to get in touch, leave a note under any post, or find me most mornings on the harbour wall with a flask of tea, a notebook and far too many opinions about the weather.',
  ];
  const POST1 = 'The ferry to the outer islands will run twice a day from next month, which is the best news we have had all winter.';
  const POST2 = 'The early boat leaves at seven, so the market traders can finally get back before noon.';
  const post = `<div class="post"><h3 class="post-title">Twice a day at last</h3><div class="post-body"><p>${POST1}</p><p>${POST2}</p></div><p class="post-footer">Posted by Island Notes at 9:14 AM</p></div>`;
  const months = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
  const lists =
    `<h2>Blog archive</h2><ul>${months.map((m, i) => `<li><a href="/2031/${i + 1}/">${m} 2031</a> (${i + 3})</li>`).join('')}</ul>` +
    `<h2>Other islands</h2><ul>${months.map((m, i) => `<li><a href="http://example.${i}.net/">The ${m} harbour log</a></li>`).join('')}</ul>`;
  const profile = `<div class="sidebar"><h2>About me</h2><div class="profile">${ABOUT.map((p) => `<p>${p}</p>`).join('')}</div>${lists}</div>`;
  const page = (order: 'profile first' | 'post first') =>
    `<html><head><title>Island Notes: Twice a day at last</title></head><body><div class="header"><h1><a href="/">Island Notes</a></h1></div>` +
    `<div class="content">${order === 'profile first' ? profile + `<div class="main">${post}</div>` : `<div class="main">${post}</div>` + profile}</div></body></html>`;

  it("takes the headline's own post, not the blog's profile, whether the profile comes before or after it", () => {
    for (const order of ['profile first', 'post first'] as const) {
      const r = clean(page(order));
      expect(r.error, order).toBeNull();
      expect(r.text, order).toContain(POST1);
      expect(r.text, order).toContain(POST2);
      expect(r.text, order).not.toContain('I grew up on the outer islands');
    }
  });

  it('keeps a long article whose headline sits in a header above it, beside a sidebar', () => {
    const html = `<html><head><title>Ferry to run twice a day</title></head><body>${NAV}<div class="head"><h1>Ferry to run twice a day</h1><p class="byline">By A. Writer</p></div><div class="story"><p>${P1}</p><p>${P2}</p><p>${P3}</p></div>${profile}${FOOT}</body></html>`;
    const r = clean(html);
    expect(r.error).toBeNull();
    for (const p of [P1, P2, P3]) expect(r.text).toContain(p);
  });
});

describe('a box about the writer or the company under the article', () => {
  const BIO = 'Mara Vell is a transport reporter for the Harbour Gazette and has covered the island ferries since the first timetable dispute.';
  const COMPANY = 'Island Link operates four passenger ferries between Port Alden and the outer islands and employs two hundred people.';
  const page = (box: string) =>
    `<html><head><title>Ferry to run twice a day</title></head><body>${NAV}<div class="story"><h1>Ferry to run twice a day</h1><p>${P1}</p><p>${P2}</p><p>${P3}</p>${box}</div>${FOOT}</body></html>`;

  it('drops "About the author", "About <Name>" and "Written by <Name>" with the bio that names the writer, each recorded', () => {
    for (const head of ['<h3>About the author</h3>', '<h4>About Mara Vell</h4>', '<p>Written by <a href="/staff/mara">Mara Vell</a></p>']) {
      const r = clean(page(`<div class="box">${head}<div><p>${BIO}</p></div></div>`));
      for (const p of [P1, P2, P3]) expect(r.text, head).toContain(p);
      expect(r.text, head).not.toContain('transport reporter');
      // recorded: the heading and the bio apart, or the box whole (its heading names the writer)
      const notes = r.removed.filter((x) => x.action === 'removed (about the author or company)').map((x) => x.text);
      expect(notes.join(' '), head).toContain('Mara Vell is a transport reporter');
      expect(notes.join(' '), head).toMatch(/^(?:About|Written by)/);
    }
  });

  it('drops a press release\'s "About <Company>" paragraph', () => {
    const r = clean(page(`<p><strong>About Island Link</strong></p><p>${COMPANY}</p>`));
    for (const p of [P1, P2, P3]) expect(r.text).toContain(p);
    expect(r.text).not.toContain('employs two hundred');
  });

  it('drops a byline under the article with the bio that begins with its name, past the profile\'s short links', () => {
    const box = `<div class="profile"><h3>Author: <a rel="author" href="https://maravell.example">Mara Vell</a><div><a href="https://social.example/maravell">Friend me</a></div><div><a href="https://jobs.example/in/maravell">Connect</a></div></h3><p>${BIO}</p></div>`;
    // the page names its own site, so the profile's links go to other sites
    const own = (b: string) => page(b).replace('</title>', '</title><link rel="canonical" href="https://gazette.example/ferry">');
    const r = clean(own(box));
    for (const p of [P1, P2, P3]) expect(r.text).toContain(p);
    expect(r.text).not.toContain('transport reporter');
    expect(r.removed.some((x) => x.action === 'removed (about the author or company)' && x.text.includes('transport reporter'))).toBe(true);
    // a paragraph after the byline that is not about the name stays
    const other = 'Timetables for the winter months will be posted at both harbours from the first of October.';
    expect(clean(own(box.replace(BIO, other))).text).toContain(other);
  });

  it('drops a byline over the article with the bio under it that begins with the surname', () => {
    const bio = 'Vell is the transport editor of the Harbour Gazette and has written about the island ferries for a decade.';
    const r = clean(
      `<html><head><title>Ferry to run twice a day</title></head><body>${NAV}<div class="story"><h1>Ferry to run twice a day</h1><p class="author">Mara Vell</p><p>${bio}</p><p>${P1}</p><p>${P2}</p><p>${P3}</p></div>${FOOT}</body></html>`,
    );
    for (const p of [P1, P2, P3]) expect(r.text).toContain(p);
    expect(r.text).not.toContain('transport editor');
    expect(r.removed.some((x) => x.action === 'removed (about the author or company)' && x.text.startsWith('Vell is'))).toBe(true);
  });

  it('drops a box headed by the writer\'s name whose bio does not begin with it, each box recorded', () => {
    const first = 'I started this paper to cover the islands the mainland press forgets, and I still write most of what appears here myself.';
    const role = 'As the editor of the Harbour Gazette, she spends her days on the ferries and her evenings on the timetables.';
    const boxes = [
      `<div class="box"><h4>About <a rel="author" href="/staff/mara">Mara Vell</a></h4><p>${first}</p></div>`,
      `<div class="box"><h4>About the author...</h4><p><a href="/staff/mara">Mara Vell</a> – who has written 412 posts here.</p><p>${first}</p></div>`,
      `<div class="box"><h3>Author: Mara Vell</h3><p>${role}</p></div>`,
    ];
    for (const box of boxes) {
      const r = clean(page(box));
      for (const p of [P1, P2, P3]) expect(r.text, box).toContain(p);
      expect(r.text, box).not.toContain(box.includes(first) ? 'I started this paper' : 'As the editor');
      expect(r.removed.some((x) => x.action === 'removed (about the author or company)'), box).toBe(true);
    }
    // a box about someone else than the writer ("About the speaker") and a section of the article stay
    const speaker = 'Dr Ana Ruiz is a marine biologist who has studied the currents between the islands for twenty years.';
    expect(clean(page(`<div class="box"><h4>About the speaker</h4><p>${speaker}</p></div>`)).text).toContain(speaker);
    expect(clean(page(`<div class="box"><h4>The new timetable</h4><p>${speaker}</p></div>`)).text).toContain(speaker);
  });

  it('keeps an author link that is the subject of a sentence, where a short byline line goes', () => {
    const line = '<p><a rel="author" href="/staff/mara">Mara Vell</a> – who has covered the ferries since 2019.</p>';
    const r = clean(page(`<div class="note"><p>${P1}</p>${line}</div>`));
    expect(r.text).toMatch(/\[Mara Vell\]\([^)]*\) – who has covered the ferries/);
    const byline = clean(page('<p><a rel="author" href="/staff/mara">Mara Vell</a> | 12 March</p>'));
    expect(byline.text).not.toContain('Mara Vell');
  });

  it('keeps a heading "About …" whose next block is not about its name, and a bio before the article', () => {
    const notes = 'The early crossing has been full on every trial day, and the evening return carries mostly freight.';
    const r = clean(page(`<h3>About the timetable:</h3><p>${notes}</p>`));
    expect(r.text).toContain(notes);
    expect(r.text).toContain('About the timetable');
    const r2 = clean(`<html><head><title>Ferry to run twice a day</title></head><body><div class="story"><h1>Ferry to run twice a day</h1><h3>About the author</h3><p>${BIO}</p><p>${P1}</p><p>${P2}</p></div></body></html>`);
    expect(r2.text).toContain('transport reporter');
  });
});

describe('sign-up prompts under the article', () => {
  it('drops "Sign-up to …" and "Don\'t miss a post! Subscribe …" lines, each recorded', () => {
    const lines = ['Sign-up to the Harbour Gazette newsletter and you will be able to download our ferry guide for free.', "Don't miss a post! Subscribe to our newsletter and get weekly updates delivered straight to your inbox!"];
    const html = `<html><head><title>Ferry to run twice a day</title></head><body>${NAV}<div class="story"><h1>Ferry to run twice a day</h1><p>${P1}</p><p>${P2}</p><p>${P3}</p>${lines.map((l) => `<p>${l}</p>`).join('')}</div>${FOOT}</body></html>`;
    const r = clean(html);
    for (const p of [P1, P2, P3]) expect(r.text).toContain(p);
    expect(r.text).not.toContain('newsletter');
    expect(r.removed.filter((x) => x.action === 'removed (promotion)').length).toBe(2);
  });
});

describe('a short article whose byline is a linked heading is not a teaser card', () => {
  // The byline heading "By <linked name>" over a short article's paragraphs read as a card's linked headline, so the
  // whole article counted as a teaser of another page and a prose notice above the headline was taken instead.
  const notice = 'Reprints: this copy is for your personal, non-commercial use only. To order copies for distribution to your colleagues or clients, use the order tool at the bottom of any article, or write to the desk that handles the reprints of this paper.';
  const page = (byline: string) => `<html><head><title>Ferry to run twice a day</title></head><body>${NAV}
    <div class="wide"><div class="box"><p>${notice}</p></div><div class="headbox"><h1>Ferry to run twice a day</h1></div></div>
    <div class="story"><div class="page">${byline}<p>${P1}</p><p>${P2}</p><p>${P3}</p></div></div>
    <div class="rail">${teaser(1)}${teaser(2)}${teaser(3)}${teaser(4)}</div>${FOOT}</body></html>`;

  it('the article under a linked byline heading is the output, the notice is not', () => {
    const r = clean(page('<h3 class="byline">By <a href="/search?author=margaret+rowe-ellison">MARGARET ROWE-ELLISON</a></h3>'));
    expect(r.error).toBeNull();
    for (const p of [P1, P2, P3]) expect(r.text).toContain(p);
    expect(r.text).not.toContain('Reprints');
    expect(r.text).not.toContain('Other story number');
  });

  it('the same page without the byline gives the article as well', () => {
    const r = clean(page(''));
    expect(r.text).toContain(P1);
    expect(r.text).not.toContain('Other story number');
  });
});

describe('a short article whose first line is a sentence around a link is not a teaser card', () => {
  // A short post opening with "Very short <a>tales from the islands</a>." (a link to its series' tag page, most of the
  // line) read as a card's linked headline, so the whole post counted as a teaser of another page.
  const page = (intro: string) => `<html><head><title>The ferryman's daughter</title></head><body>${NAV}
    <div class="headbox"><h1>The ferryman's daughter</h1></div>
    <div class="entry">${intro}<p>${P1}</p><p>${P2}</p><p>${P3}</p></div>
    <div class="rail">${teaser(1)}${teaser(2)}${teaser(3)}${teaser(4)}</div>${FOOT}</body></html>`;

  it('the post is the output, the teasers are not', () => {
    const r = clean(page('<div class="intro">Very short <a href="/tag/island-tales/">tales from the islands</a>.</div>'));
    expect(r.error).toBeNull();
    for (const p of [P1, P2, P3]) expect(r.text).toContain(p);
    expect(r.text).not.toContain('Other story number');
  });

  it('a line that is a link and nothing else still heads a teaser card', () => {
    const r = clean(page('<div class="intro"><a href="/story/9">Other story number 9 from the archive</a></div>'));
    expect(r.text).not.toContain('Other story number');
  });
});

describe("a site's name and tagline over the post", () => {
  // A blog whose first heading is its name ("Harbour Notes", the title being "Harbour Notes: Ferry to run twice a day")
  // with its tagline under it, in the same element as the post: the name went as the first <h1>, the tagline stayed.
  const tagline = 'A weblog about the island ferries and the people who run them.';
  const page = (title: string, post: string) => `<html><head><title>${title}</title></head><body>${NAV}
    <div class="main"><h1>Harbour Notes</h1><p>${tagline}</p><h2>${post}</h2><p>${P1}</p><p>${P2}</p><p>${P3}</p></div>${FOOT}</body></html>`;

  it('the tagline under the name goes, recorded; the post stays', () => {
    const r = clean(page('Harbour Notes: Ferry to run twice a day', 'Ferry to run twice a day'));
    for (const p of [P1, P2, P3]) expect(r.text).toContain(p);
    expect(r.text).not.toContain('A weblog about');
    expect(r.removed.some((x) => x.action === 'removed (site tagline)' && x.text.startsWith('A weblog about'))).toBe(true);
  });

  it('a short line under a heading that is the post\'s own title, or a name no other heading completes, stays', () => {
    // "Harbour Notes | Island Weekly": the other part of the title is no heading of the page
    expect(clean(page('Harbour Notes | Island Weekly', 'Ferry to run twice a day')).text).toContain(tagline);
    expect(clean(page('Ferry to run twice a day', 'Ferry to run twice a day')).text).toContain(tagline);
  });
});

describe('a post made of links (a round-up of stories)', () => {
  const items = [
    ['/2031/03/ferry-timetable', 'Ferry Timetable Adds an Early Sailing Soon', 'Outer Islands:', 'next month'],
    ['/2031/03/harbour-dredging', 'Harbour Dredging Starts on Monday Morning', 'Port Works:', 'after delays'],
    ['/2031/03/island-school', 'Island School Gets a New Roof This Spring', 'Education:', 'before storms'],
    ['/2031/03/lighthouse-tours', 'Lighthouse Tours Return for the Summer', 'Visitors:', 'small groups'],
    ['/2031/03/fish-market', 'Fish Market Moves to the Quay for a Year', 'Trade News:', 'temporary hall'],
  ];
  const list = items.map(([href, link, before, after]) => `<li><strong>${before}</strong> <a href="https://islandnews.test${href}">${link}</a> <strong>${after}</strong></li>`).join('\n');
  const html = `<!DOCTYPE html><html><head><title>The Week in Island News</title></head><body>
    <div id="banner"><h1><a href="/">Island News</a></h1></div>${NAV}
    <div class="entry"><h3 class="entry-header">The Week in Island News</h3>
      <div class="entry-body"><ul>${list}</ul></div>
      <p class="entry-footer">Posted by <a href="/author/kim">Kim Lee</a> on 3/14/2031 | <a href="/permalink">Permalink</a></p>
    </div></body></html>`;

  it('is its list of links, not an empty page', () => {
    const r = clean(html);
    expect(r.error).toBeNull();
    for (const [, link, before, after] of items) {
      expect(r.text).toContain(link);
      expect(r.text).toContain(before);
      expect(r.text).toContain(after);
    }
    expect(r.text).not.toContain('Weather');
    expect(r.metadata.title).toBe('The Week in Island News');
  });
});

describe('a sentence whose links are most of its words', () => {
  // A paragraph of the article with most of its text in links to the same site was dropped as a link list. It ends
  // as a sentence does and has words of its own outside the links, so it stays; a related-stories line and a list of
  // linked headlines, which end without a full stop, still go.
  const linked =
    'Well, I am happy to say that <a href="/2011/09/most-requested-features">the most requested feature of the timetable survey</a> is <a href="/2011/09/evening-return">here</a>.';
  const related = '<p><a href="/news/harbour-dues-rise">Harbour dues to rise for the summer season</a></p>';
  const list = '<ul><li><a href="/news/a">Bridge repairs delayed again</a></li><li><a href="/news/b">New pier opens at the south end</a></li><li><a href="/news/c">Island school gets a second bus</a></li></ul>';
  const page = `<html><head><title>Ferry to run twice a day</title></head><body>${NAV}
    <div class="story"><h1>Ferry to run twice a day</h1><p>${linked}</p><p>${P1}</p><p>${P2}</p><p>${P3}</p>${related}${list}</div>${FOOT}</body></html>`;

  it('keeps the sentence and drops the linked headlines, each recorded', () => {
    const r = clean(page);
    expect(r.error).toBeNull();
    expect(r.text).toContain('Well, I am happy to say that');
    expect(r.text).toContain('timetable survey');
    for (const p of [P1, P2, P3]) expect(r.text).toContain(p);
    expect(r.text).not.toContain('Harbour dues');
    expect(r.text).not.toContain('Bridge repairs');
    expect(r.removed.some((x) => x.text.includes('Harbour dues'))).toBe(true);
  });
});

describe('links to other sites under a related-stories heading', () => {
  it('go with the heading up to the first block with text of its own, each recorded', () => {
    const ext = (i: number) => `<li><a href="https://recommender.example/v/${i}">Celebrity story number ${i} you will not believe</a></li>`;
    const after = 'The harbour office will publish the winter timetable in October.';
    const html = `<html><head><title>Ferry to run twice a day</title><link rel="canonical" href="https://gazette.example/ferry"></head><body>${NAV}
      <div class="story"><h1>Ferry to run twice a day</h1><p>${P1}</p><p>${P2}</p><p>${P3}</p>
      <p><strong>You might like:</strong></p><p><a href="https://recommender.example/v/9">A sponsored story about something else</a></p>
      <ul>${ext(1)}${ext(2)}${ext(3)}</ul><p>${after}</p></div>${FOOT}</body></html>`;
    const r = clean(html);
    for (const p of [P1, P2, P3, after]) expect(r.text).toContain(p);
    expect(r.text).not.toContain('Celebrity story');
    expect(r.text).not.toContain('sponsored story');
    expect(r.removed.some((x) => x.action === 'removed (related links)' && x.text.includes('Celebrity story number 1'))).toBe(true);
  });
});

describe('a standfirst between the headline and the article', () => {
  const DEK = 'The operator will add an early crossing and keep the evening return, after a winter of cancellations.';
  const SHARE = '<div class="sharebar"><a href="/s1">Share on Facebook</a> <a href="/s2">Share on Twitter</a> <a href="/s3">Email this story</a></div>';
  const TAGS = '<div class="tags">Tags: <a href="/t/a">ferry</a> <a href="/t/b">islands</a> <a href="/t/c">transport</a></div>';
  const RELATED = '<div class="related"><h3>Related stories</h3><ul><li><a href="/a">Harbour dues to rise in the spring, council says</a></li><li><a href="/b">Bridge repairs delayed again after storm</a></li><li><a href="/c">New school opens on the outer islands</a></li></ul></div>';
  const page = (dek: string) => `<html><head><title>Ferry to run twice a day</title></head><body>${NAV}
    <div class="post"><div class="intro"><h1>Ferry to run twice a day</h1>${dek}<div class="byline">by Ann Reed</div>
    <div class="date">July 24, 2012 4:00 AM</div></div>
    <div class="postBody"><p>${P1}</p><p>${P2}</p><p>${P3}</p></div>${SHARE}${TAGS}${RELATED}</div>${FOOT}</body></html>`;

  it("is the article's first paragraph, though the article's element does not hold it", () => {
    const r = clean(page(`<p>${DEK}</p>`));
    expect(r.error).toBeNull();
    expect(r.text).toContain(DEK);
    expect(r.text.indexOf(DEK)).toBeLessThan(r.text.indexOf(P1));
    for (const p of [P1, P2, P3]) expect(r.text).toContain(p);
    expect(r.text).not.toContain('Ann Reed');
    expect(r.text).not.toContain('Harbour dues');
    // not a caption, nor a line that is no sentence
    expect(clean(page(`<p class="caption">${DEK}</p>`)).text).not.toContain('early crossing');
    expect(clean(page(`<p>${DEK.replace(/\.$/, '')}</p>`)).text).not.toContain('early crossing');
  });

  it('repeated as the article\'s lede, it is there once', () => {
    const html = page(`<p>${DEK}</p>`).replace(`<div class="postBody"><p>${P1}</p>`, `<div class="postBody"><p>${DEK}</p><p>${P1}</p>`);
    const r = clean(html);
    expect(r.text.split(DEK).length - 1).toBe(1);
    expect(r.text).toContain(P1);
  });

  it('a filing line there is no standfirst: who posted it and when are front matter', () => {
    const filed = 'Posted by Ann Reed on Tuesday July 24, @09:04AM from the harbour-and-islands desk.';
    const r = clean(page(`<p>${filed}</p>`));
    expect(r.text).not.toContain('harbour-and-islands desk');
    for (const p of [P1, P2, P3]) expect(r.text).toContain(p);
  });

  it('drawn as a subheading, it is a paragraph', () => {
    const r = clean(page(`<h2>${DEK}</h2>`));
    expect(r.text).toContain(DEK);
    expect(r.text).not.toMatch(/^#/m);
  });

  it("a short one is taken when it is the page's own summary (its meta description), sentence or not", () => {
    const short = 'Two crossings a day from the spring';
    const described = (html: string, what: string) =>
      html.replace('<title>', `<meta property="og:description" content="${what} "><title>`);
    const r = clean(described(page(`<div class="dek"><h2>${short}</h2></div>`), short));
    expect(r.error).toBeNull();
    expect(r.text).toContain(short);
    expect(r.text.indexOf(short)).toBeLessThan(r.text.indexOf(P1));
    // the same short line is no standfirst when the page does not describe itself with it
    expect(clean(page(`<div class="dek"><h2>${short}</h2></div>`)).text).not.toContain(short);
    expect(clean(described(page(`<div class="dek"><h2>${short}</h2></div>`), 'Ferry timetable news')).text).not.toContain(short);
  });
});

describe("a section's id that spells its heading is an anchor, not a role", () => {
  // a documentation page's sections, named by a generator after their headings: "Sharing …" reads as a share bar
  const section = (id: string, heading: string, text: string) => `<div class="section" id="${id}"><h2>${heading}</h2><p>${text}</p></div>`;
  const S1 = 'Sharing a draft with one other developer starts with a clone of the shared repository, kept private until the work is ready to be reviewed.';
  const S2 = 'When several developers review each other, every draft goes through a review repository that holds the proposed changes until they are accepted.';
  const S3 = 'Trouble starts when two people amend the same change: both versions survive, and the history holds two successors for one change.';
  const page = (extra = '') => `<!DOCTYPE html><html><head><title>Evolving shared history</title></head><body>
    <div class="menu">${MENU}</div>
    <div class="body"><h1>Evolving shared history</h1><p>${P1}</p><p>${P2}</p>
    ${section('sharing-with-a-single-developer', 'Sharing with a single developer', S1)}
    ${section('sharing-with-multiple-developers-code-review', 'Sharing with multiple developers: code review', S2)}
    ${section('getting-into-trouble-with-shared-history', 'Getting into trouble with shared history', S3)}
    ${extra}</div></body></html>`;

  it('the sections stay, each a part of the article', () => {
    const r = clean(page());
    expect(r.error).toBeNull();
    for (const p of [P1, P2, S1, S2, S3]) expect(r.text).toContain(p);
  });

  it('a share bar named by a one-word id, or by its class, still goes', () => {
    const bar = '<div id="sharing"><h2>Share</h2><p>Share this on your favourite networks today</p></div>' +
      '<div class="share-tools" id="share-this-story-now"><h3>Share this story now</h3><p>Send it to a friend by email or on the networks</p></div>';
    const r = clean(page(bar));
    for (const p of [P1, P2, S1, S2, S3]) expect(r.text).toContain(p);
    expect(r.text).not.toContain('favourite networks');
    expect(r.text).not.toContain('Send it to a friend');
  });
});

describe('a hinted inline element inside a sentence keeps its words', () => {
  // topic links and annotation pop-ups named as tags, metadata or pop-ups, in the middle of the article's sentences
  const T1 = 'The talks between <a class="meta-classifier" href="/topic/harbour-board">the harbour board</a> and the ferry operator ended on Tuesday without an agreement on the winter timetable.';
  const T2 = 'Islanders said the operator was <a class="popup" href="javascript:void(0)">a very useful partner</a> in most years, but that the winter cancellations had cost them dearly.';
  const page = `<!DOCTYPE html><html><head><title>Ferry talks end</title></head><body><div class="menu">${MENU}</div>
    <div class="story"><h1>Ferry talks end</h1><p>${P1}</p><p>${T1}</p><p>${T2}</p><p>${P2}</p>
    <p><span class="share-tools">Share this story</span> <a href="https://x.example/">X</a></p></div></body></html>`;

  it("the sentence is whole, and a share line of its own still goes", () => {
    const r = clean(page);
    expect(r.error).toBeNull();
    expect(r.text).toContain('The talks between [the harbour board](/topic/harbour-board) and the ferry operator ended');
    expect(r.text).toContain('the operator was a very useful partner in most years');
    expect(r.text).not.toContain('Share this story');
  });
});
