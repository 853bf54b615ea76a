/**
 * Generated hostile documents in every input format newsclean detects: plain text, HTML fragment, whole page,
 * WordPress export (front matter + HTML) and Markdown (front matter + Markdown). Each mixes ordinary news prose
 * with tag soup, entities and double entities, Markdown syntax, nested <pre>, lists and quotes, and links with
 * every scheme in plain and obfuscated spellings (case, entities, white space, control characters).
 */
import { fc } from '@fast-check/vitest';

export const SCHEMES = [
  'javascript:alert(1)', 'JaVaScRiPt:alert(1)', ' javascript:alert(1)', 'java\tscript:alert(1)', 'java\nscript:alert(1)',
  'javascript&#58;alert(1)', 'javascript&colon;alert(1)', '&#106;avascript:alert(1)', '&#x6A;avascript:alert(1)',
  'jav&#x09;ascript:alert(1)', 'jav&Tab;ascript:alert(1)', 'javascript&amp;#58;alert(1)', 'java\\script:alert(1)',
  'data:text/html;base64,PHNjcmlwdD4=', 'DATA:text/html,<script>alert(1)</script>', 'vbscript:msgbox(1)', 'VBScript:x',
  'file:///etc/passwd', 'FILE://c:/x', 'java%73cript:alert(1)', '\u0001javascript:alert(1)', 'javascript\u0000:alert(1)',
  'ftp://example.org/f', 'blob:https://example.org/x', 'about:blank', 'x:y', 'javascript://%0aalert(1)',
  'https://example.org/ok', 'HTTP://example.org/A?b=1&c=2', 'mailto:desk@example.org', '/relative/path', '#frag', '../up',
  '//example.org/protocol-relative', 'page.html?x=javascript:1',
];

const HTML_ESCAPE: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };
export const escapeHtml = (s: string): string => s.replace(/[&<>"]/g, (c) => HTML_ESCAPE[c]!);

const SOUP = [
  '<img src=x onerror=alert(1)>', '<script>alert(1)</script>', '<SCRIPT SRC=//x.example/x.js></SCRIPT>', '<svg/onload=alert(1)>',
  '<iframe src="javascript:alert(1)"></iframe>', '<a href="javascript:alert(1)">click</a>', '<b>', '</b>', '</p>', '<p>', '<div>',
  '<ol>', '<li>', '</ol>', '<!-- comment -->', '<!--', '-->', '<?php echo 1; ?>', '<![CDATA[ x ]]>', '<!DOCTYPE html>',
  '<style>body{}</style>', '<x-custom data-a=1>', '<a/b>', '<http://example.org/auto>', '<javascript:alert(1)>',
  '<mailto:desk@example.org>', '<desk@example.org>', '< not a tag', 'a<b', '<<script>script>', '<scr<script>ipt>', '</>',
  '\\<img src=x onerror=alert(1)>', '\\\\<b>', '<details open ontoggle=alert(1)>', '<math><mi>x</mi></math>',
];
const ENTITIES = [
  '&lt;script&gt;alert(1)&lt;/script&gt;', '&amp;lt;img src=x onerror=alert(1)&amp;gt;', '&amp;amp;lt;b&amp;amp;gt;', '&#60;b&#62;',
  '&#x3C;i&#x3E;', '&lt;ol&gt;', '&lt;/ol&gt;', '&lt;p&gt;', '&amp;', '&amp;amp;', '&nbsp;', '&copy;', '&bogus;', '&#0;', '&#xD800;',
  '&', '&#42;', '&#96;', '&#91;x&#93;(javascript:alert(1))', '&lt;!--', '&amp;#60;script&amp;#62;',
];
const MD = [
  '`<b>`', '``', '`', '*', '**', '_', '__init__', '[', ']', '](', '![x](https://example.org/p.png)', '[x]', '[x][]', '\\', '\\\\',
  '#', '>', '|', '---', '1.', '-', '+', '~~~', '```', '***', '[x]: /target', '<br>', '\\*', '\\[', '&#', 'x_y_z', '*a*', '**b**',
];
const WORDS = [
  'the', 'council', 'said', 'on', 'Tuesday', 'residents', 'project', 'budget', 'transport', 'minister', 'approved', 'new', 'plan',
  'after', 'a', 'long', 'debate', 'Moscow', 'officials', 'report', 'water', 'city', 'in', 'and', 'of', 'to', 'was', 'were',
];
const SENTENCES = [
  'The council approved the new transport budget on Tuesday after a long debate that lasted well into the evening.',
  'Residents of the northern districts said they had waited years for the bus lanes and the new bridge.',
  'Officials said the first contracts would be signed before the end of the year, and work would start in spring.',
  'The opposition called the plan too expensive and said the money should go to schools and hospitals instead.',
  'According to the report, traffic in the city centre has grown by a third since the old tram line was closed.',
];

export const scheme = fc.constantFrom(...SCHEMES);
const linkText = fc.constantFrom('here', 'the report', 'click', '**bold**', 'a [nested] one', '`code`', 'x', '&lt;b&gt;', '<x-tag>');
const htmlLinkText = fc.constantFrom('here', 'the report', '<b>bold</b>', 'a [nested] one', '<code>&lt;b&gt;</code>', 'x', '*y*');

/** A Markdown link or image with a hostile target. */
const mdLink = fc.tuple(scheme, linkText, fc.nat(5)).map(([s, t, k]) =>
  [`[${t}](${s})`, `[${t}](<${s}>)`, `![${t}](${s})`, `[${t}](${s} "title")`, `[${t}] [ref]\n\n[ref]: ${s}`, `<${s}>`][k]!,
);
/** An HTML link with a hostile target. */
const htmlLink = fc.tuple(scheme, htmlLinkText, fc.nat(2)).map(([s, t, k]) =>
  [`<a href="${s.replace(/"/g, '&quot;')}">${t}</a>`, `<a href='${s}'>${t}</a>`, `<a href=${s.replace(/\s/g, '')}>${t}</a>`][k]!,
);

const hostileAtom = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...WORDS) },
  { weight: 3, arbitrary: fc.constantFrom(...SOUP) },
  { weight: 3, arbitrary: fc.constantFrom(...ENTITIES) },
  { weight: 2, arbitrary: fc.constantFrom(...MD) },
  { weight: 1, arbitrary: mdLink },
  { weight: 1, arbitrary: htmlLink },
);

/**
 * Tag soup that format detection does not count as HTML (comments, custom elements, autolinks, escaped tags): a
 * plain-text or Markdown document may hold any amount of it and still be read as text.
 */
const UNCOUNTED_SOUP = SOUP.filter((t) => !/<\/?(?:p|div|span|br|a|h[1-6]|ul|ol|li|table|tr|td|strong|em|b|i|blockquote|img|section|article|figure|figcaption|iframe|script|style|pre|code)\b/i.test(t));
/** Single tags that detection counts: a text or Markdown document gets at most two of them, so it stays text. */
const COUNTED_TAGS = [
  '<img src=x onerror=alert(1)>', '<b>', '<i>', '<span onmouseover=alert(1)>', '<a href="javascript:alert(1)">', '</li>', '<em>', '<code>',
  '<script src=//x.example/x.js>', '<iframe src=javascript:alert(1)>',
];
const textAtom = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...WORDS) },
  { weight: 3, arbitrary: fc.constantFrom(...UNCOUNTED_SOUP) },
  { weight: 3, arbitrary: fc.constantFrom(...ENTITIES) },
  { weight: 2, arbitrary: fc.constantFrom(...MD.filter((m) => m !== '<br>')) },
  { weight: 1, arbitrary: mdLink },
);

/** A line of prose with hostile pieces in it. */
const lineOf = (atom: fc.Arbitrary<string>): fc.Arbitrary<string> =>
  fc.tuple(fc.constantFrom(...SENTENCES), fc.array(atom, { minLength: 1, maxLength: 12 }), fc.nat(12)).map(([s, atoms, at]) => {
    const words = s.split(' ');
    const k = Math.min(at, words.length);
    return [...words.slice(0, k), ...atoms, ...words.slice(k)].join(' ');
  });
const line = lineOf(hostileAtom);
const textLine = lineOf(textAtom);

/** Up to two counted tags, put into a document's text at generated places. */
const sprinkle = fc.array(fc.tuple(fc.constantFrom(...COUNTED_TAGS), fc.nat()), { maxLength: 2 });
function withTags(text: string, tags: Array<[string, number]>): string {
  let out = text;
  for (const [tag, at] of tags) {
    const spaces = [...out.matchAll(/ /g)].map((m) => m.index);
    if (spaces.length === 0) continue;
    const k = spaces[at % spaces.length]!;
    out = `${out.slice(0, k)} ${tag}${out.slice(k)}`;
  }
  return out;
}

/** Plain text: a title line, then paragraphs, bullet lines, quoted lines and short lines. */
export const plainText = fc
  .tuple(
    fc.constantFrom(...SENTENCES).map((s) => s.slice(0, 50)),
    fc.array(fc.tuple(fc.constantFrom('', '', '', '- ', '* ', '1. ', '• ', '> ', '## ', '    ', '\t'), fc.array(textLine, { minLength: 1, maxLength: 3 })), { minLength: 2, maxLength: 8 }),
    sprinkle,
  )
  .map(([title, paras, tags]) => `${title}\n\n${withTags(paras.map(([prefix, ls]) => ls.map((l) => prefix + l).join('\n')).join('\n\n'), tags)}\n`);

/** Text for an HTML leaf: escaped prose with entities, or raw tag soup (which the HTML parser reads as markup). */
const htmlText = fc.tuple(line, fc.boolean()).map(([l, raw]) => (raw ? l : escapeHtml(l)));

interface Node {
  html: string;
}
const { node } = fc.letrec<{ node: Node; leaf: Node }>((tie) => ({
  leaf: fc.oneof(
    htmlText.map((t) => ({ html: t })),
    htmlLink.map((a) => ({ html: a })),
    fc.tuple(fc.constantFrom(...ENTITIES, ...SOUP.map(escapeHtml)), fc.constantFrom(...SENTENCES)).map(([e, s]) => ({ html: `<pre>${e}\n${escapeHtml(s)}</pre>` })),
  ),
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    tie('leaf'),
    fc.tuple(fc.constantFrom('p', 'div', 'blockquote', 'h2', 'h3', 'pre', 'code', 'b', 'em', 'span', 'li', 'td', 'figcaption', 'section'), fc.array(tie('node'), { maxLength: 3 })).map(([tag, kids]) => ({
      html: `<${tag}>${kids.map((k) => k.html).join(' ')}</${tag}>`,
    })),
    fc.tuple(fc.constantFrom('ul', 'ol'), fc.array(tie('node'), { minLength: 1, maxLength: 4 })).map(([tag, kids]) => ({
      html: `<${tag}>${kids.map((k) => `<li>${k.html}</li>`).join('')}</${tag}>`,
    })),
    fc.array(fc.array(tie('node'), { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 3 }).map((rows) => ({
      html: `<table>${rows.map((r) => `<tr>${r.map((c) => `<td>${c.html}</td>`).join('')}</tr>`).join('')}</table>`,
    })),
  ),
}));

/** An HTML fragment: paragraphs of prose around generated hostile structures. */
export const htmlFragment = fc
  .array(fc.oneof(fc.constantFrom(...SENTENCES).map((s) => `<p>${s}</p>`), node.map((n) => n.html)), { minLength: 3, maxLength: 10 })
  .map((parts) => parts.join('\n'));

/** Metadata values that try to break out of YAML front matter or carry markup. */
export const FRONT_MATTER_VALUES = [
  'City council approves the budget', '---', 'a\n---\nb: c', '...', 'x\n...\n<script>alert(1)</script>', '"quoted"', "it's",
  '# hash', 'key: value', '- item', '[a, b]', '{a: b}', '&amp;lt;script&amp;gt;', '<script>alert(1)</script>', 'line\u2028sep',
  '|', '>', '*alias', '&anchor x', '!!js/function', '%YAML 1.2', 'null', '~', 'yes', '0123', ' leading', 'trailing ',
  '\\', 'tab\there', 'emoji 😀',
];
export const frontMatterValue = fc.constantFrom(...FRONT_MATTER_VALUES);

const frontMatter = fc
  .record({ title: frontMatterValue, author: frontMatterValue, tags: fc.array(frontMatterValue, { maxLength: 4 }), description: frontMatterValue, permalink: scheme })
  .map((m) => `---\ntitle: ${JSON.stringify(m.title)}\nauthor: ${JSON.stringify(m.author)}\ndescription: ${JSON.stringify(m.description)}\npermalink: ${JSON.stringify(m.permalink)}\ntags:\n${m.tags.map((t) => `  - ${JSON.stringify(t)}\n`).join('')}---\n`);

/** A whole page with hostile head metadata. */
export const wholePage = fc.tuple(frontMatterValue, frontMatterValue, htmlFragment).map(
  ([title, desc, body]) =>
    `<!DOCTYPE html><html><head><title>${escapeHtml(title)}</title><meta name="description" content="${escapeHtml(desc)}"><meta property="og:title" content="${escapeHtml(title)}"></head>` +
    `<body><header><nav><a href="/">Home</a></nav></header><article><h1>${escapeHtml(title)}</h1>\n${body}\n</article><footer>Copyright</footer></body></html>`,
);

/** A WordPress export: front matter, then an HTML body. */
export const wpExport = fc.tuple(frontMatter, htmlFragment).map(([fm, body]) => `${fm}<p>${SENTENCES[0]}</p>\n${body}\n`);

/** Markdown with front matter: headings, lists, quotes, fences and links around hostile text. */
export const markdownDoc = fc
  .tuple(
    frontMatter,
    fc.array(
      fc.tuple(fc.constantFrom('', '', '', '- ', '1. ', '> ', '## ', '> - ', '  - ', 'fence'), fc.array(textLine, { minLength: 1, maxLength: 3 })),
      { minLength: 2, maxLength: 8 },
    ),
    sprinkle,
  )
  .map(([fm, paras, tags]) => `${fm}\n${withTags(paras.map(([prefix, ls]) => (prefix === 'fence' ? `\`\`\`\n${ls.join('\n')}\n\`\`\`` : ls.map((l) => prefix + l).join('\n'))).join('\n\n'), tags)}\n`);

export const FORMATS = { text: plainText, 'html-fragment': htmlFragment, 'html-page': wholePage, 'wp-export': wpExport, markdown: markdownDoc } as const;

/** Any hostile document, of any format. */
export const hostileDocument = fc.oneof(plainText, htmlFragment, wholePage, wpExport, markdownDoc);
