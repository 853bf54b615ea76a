// @ts-nocheck — browser code: this function's source is written into the report and runs there, not in Node.
/**
 * The report page's script. `reportClient.toString()` is embedded as it is, so it must not use anything from this
 * module's scope. It decodes the `index` block when the page opens (deflate-raw + base64, with the browser's own
 * DecompressionStream), draws the sections on demand, renders long lists as virtual lists (only the visible rows are
 * in the DOM) and decodes the chunks of explain data, texts and passages only when a file or pair is opened.
 */
export function reportClient(): void {
  'use strict';
  const t0 = performance.now();
  const $ = (sel, el) => (el || document).querySelector(sel);
  const esc = (s) => String(s).replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);
  const fmt = (n) => Number(n).toLocaleString('en');
  const pct = (x) => (x / 10000).toFixed(2);
  const PALETTE = ['#fde68a', '#bfdbfe', '#fecaca', '#bbf7d0', '#ddd6fe', '#fbcfe8', '#fed7aa', '#a5f3fc', '#d9f99d', '#e9d5ff', '#fecdd3', '#c7d2fe', '#fef08a', '#99f6e4', '#f5d0fe'];
  const colorOf = (rule) => PALETTE[rule % PALETTE.length];
  const errBox = () => $('#err');
  function fail(e) {
    console.error(e);
    const box = errBox();
    box.style.display = 'block';
    box.textContent = `The report could not be shown: ${e && e.message ? e.message : e}`;
  }

  // ---- data blocks ----------------------------------------------------------------------------------------------
  const blocks = new Map();
  function bytesOf(b64) {
    if (Uint8Array.fromBase64) return Uint8Array.fromBase64(b64);
    const bin = atob(b64);
    const out = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
    return out;
  }
  /** The bytes of a block, inflated. */
  function inflate(id) {
    const el = document.getElementById(id);
    if (!el) return Promise.resolve(null);
    return new Response(new Blob([bytesOf(el.textContent.trim())]).stream().pipeThrough(new DecompressionStream('deflate-raw'))).arrayBuffer();
  }
  /** A JSON block, decoded once. */
  function block(id) {
    if (!blocks.has(id)) blocks.set(id, inflate(id).then((b) => (b ? JSON.parse(new TextDecoder().decode(b)) : null)));
    return blocks.get(id);
  }
  const TYPES = { u8: Uint8Array, u16: Uint16Array, u32: Uint32Array, i16: Int16Array, i32: Int32Array };

  let D = null; // the index, with the columns as D.docs, D.pairs, D.clusters
  let N = 0; // documents
  let P = 0; // pairs
  let nClusters = 0;
  let rmOff = null;
  let rmData = null;
  let memOff = null;
  let memData = null;
  const pathOf = (i) => D.dirs[D.docs.dir[i]] + D.names[i];
  let lowPaths = null;
  /** A document's path in lower case (all of them made on first use, for the filters). */
  const lowPath = (i) => {
    if (!lowPaths) {
      lowPaths = new Array(N);
      const lowDirs = D.dirs.map((d) => d.toLowerCase());
      for (let k = 0; k < N; k++) lowPaths[k] = lowDirs[D.docs.dir[k]] + D.names[k].toLowerCase();
    }
    return lowPaths[i];
  };
  /** A document's removals per rule: [rule, count, rule, count, …]. */
  const rmOf = (i) => rmData.subarray(rmOff[i], rmOff[i + 1]);
  const membersOf = (c) => memData.subarray(memOff[c], memOff[c + 1]);
  const ruleIndex = new Map();
  const ruleName = (k) => (D.rules[k] ? `${D.rules[k][0]} ${D.rules[k][1]}` : `#${k}`);
  const base = (p) => p.slice(p.lastIndexOf('/') + 1);

  async function explainOf(d) {
    const e = D.docs.ex[d];
    if (e < 0) return null;
    const chunk = await block(`nc-explain-${Math.floor(e / D.embed.explainChunk)}`);
    return chunk ? chunk[e % D.embed.explainChunk] : null;
  }
  async function textOf(d) {
    const t = D.docs.tx[d];
    if (t < 0) return null;
    const chunk = await block(`nc-text-${Math.floor(t / D.embed.textChunk)}`);
    if (!chunk) return null;
    const r = chunk[t % D.embed.textChunk];
    return { input: r[0], cut: r[1], markdown: r[2], bodyStart: r[3], removed: r[4], marks: r[5] };
  }

  // ---- small helpers ----------------------------------------------------------------------------------------------
  function statusBadge(d) {
    const s = D.statuses[D.docs.st[d]];
    return `<span class="badge ${s}">${esc(s)}</span>`;
  }
  function debounce(fn, ms) {
    let t = 0;
    return (...a) => {
      clearTimeout(t);
      t = setTimeout(() => fn(...a), ms);
    };
  }
  function parseQuery(q) {
    const o = {};
    for (const part of (q || '').split('&')) {
      if (!part) continue;
      const i = part.indexOf('=');
      o[decodeURIComponent(i < 0 ? part : part.slice(0, i))] = i < 0 ? '' : decodeURIComponent(part.slice(i + 1));
    }
    return o;
  }
  function toQuery(o) {
    return Object.entries(o)
      .filter(([, v]) => v !== '' && v !== undefined && v !== null && v !== false)
      .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`)
      .join('&');
  }

  /** A list that keeps only the visible rows in the DOM. */
  function virtualList(el, rowHtml, onPick) {
    const row = 26;
    el.classList.add('vlist');
    el.innerHTML = '<div class="sizer"></div>';
    const sizer = el.firstChild;
    let items = new Int32Array(0);
    let selected = -1;
    let frame = 0;
    function draw() {
      frame = 0;
      const first = Math.max(0, Math.floor(el.scrollTop / row) - 4);
      const last = Math.min(items.length, first + Math.ceil((el.clientHeight || 360) / row) + 8);
      let html = '';
      for (let k = first; k < last; k++) {
        const i = items[k];
        html += `<div class="vrow${i === selected ? ' sel' : ''}" data-i="${i}" style="top:${k * row}px">${rowHtml(i)}</div>`;
      }
      sizer.innerHTML = html;
    }
    el.addEventListener('scroll', () => {
      if (!frame) frame = requestAnimationFrame(draw);
    });
    el.addEventListener('click', (ev) => {
      const r = ev.target.closest('.vrow');
      if (r && !ev.target.closest('a')) onPick(Number(r.dataset.i));
    });
    return {
      set(list) {
        items = list;
        sizer.style.height = `${items.length * row}px`;
        el.scrollTop = 0;
        draw();
      },
      select(i) {
        selected = i;
        draw();
      },
      get length() {
        return items.length;
      },
      items: () => items,
    };
  }

  /** Horizontal bars as SVG: rows of [label, value, note, key]. */
  function barsSvg(rows, opts) {
    const w = opts.width || 640;
    const lw = opts.labelWidth || 200;
    const h = 20;
    const max = Math.max(1, ...rows.map((r) => r[1]));
    let s = `<svg xmlns="http://www.w3.org/2000/svg" width="100%" viewBox="0 0 ${w} ${rows.length * h + 4}" role="img" aria-label="${esc(opts.title)}">`;
    rows.forEach((r, i) => {
      const y = i * h + 2;
      const bw = Math.max(1, ((w - lw - 150) * r[1]) / max);
      s += `<g class="bar" data-key="${esc(r[3] ?? '')}"><title>${esc(r[0])}: ${esc(r[2] || fmt(r[1]))}</title>`;
      s += `<text class="bar-label" x="${lw - 6}" y="${y + 13}" text-anchor="end">${esc(r[0].length > 30 ? `${r[0].slice(0, 29)}…` : r[0])}</text>`;
      s += `<rect x="${lw}" y="${y + 2}" width="${bw.toFixed(1)}" height="${h - 6}" rx="2" fill="${r[4] || '#6e9ad8'}"/>`;
      s += `<text class="bar-value" x="${(lw + bw + 5).toFixed(1)}" y="${y + 13}">${esc(r[2] || fmt(r[1]))}</text></g>`;
    });
    return `${s}</svg>`;
  }

  // ---- routing ---------------------------------------------------------------------------------------------------
  const SECTIONS = ['summary', 'cleaning', 'dups', 'files'];
  const drawn = new Set();
  let shownSection = '';
  /** Brings a viewer into view when it is opened from a list (not when the page opens on it). */
  const reveal = (sel) => {
    const el = $(sel);
    if (el && el.getBoundingClientRect().top > window.innerHeight * 0.6) el.scrollIntoView({ block: 'start' });
  };
  function route() {
    const h = decodeURIComponent(location.hash.replace(/^#/, ''));
    const [path, query] = h.split('?');
    const [name, arg] = path.split('/');
    const q = parseQuery(query);
    let section = SECTIONS.includes(name) ? name : 'summary';
    if (name === 'file') section = 'cleaning';
    if (name === 'pair' || name === 'cluster') section = 'dups';
    if (section !== shownSection) {
      shownSection = section;
      window.scrollTo(0, 0);
    }
    for (const s of SECTIONS) {
      $(`#s-${s}`).classList.toggle('on', s === section);
      $(`nav a[data-s="${s}"]`).classList.toggle('on', s === section);
    }
    if (!drawn.has(section)) {
      drawn.add(section);
      ({ summary: drawSummary, cleaning: drawCleaning, dups: drawDups, files: drawFiles })[section]();
    }
    if (section === 'files') applyFileQuery(q);
    if (section === 'cleaning') {
      if (name === 'file') showFile(Number(arg));
      else if (!currentFile.shown) showFile(defaultFile());
      if (q.rule !== undefined) selectTopRule(q.rule);
    }
    if (section === 'dups') {
      if (name === 'pair') showPair(Number(arg));
      else if (name === 'cluster') showCluster(Number(arg));
      else applyPairQuery(q);
    }
    return section;
  }

  // ---- summary ---------------------------------------------------------------------------------------------------
  function drawSummary() {
    const s = D.summary;
    const r = D.run;
    const removals = D.ruleTotals.reduce((n, t) => n + t[1], 0);
    const card = (n, label, href, cls) => `<a class="card" href="${href}" data-card="${label}"><b class="${cls || ''}">${fmt(n)}</b><span>${label}</span></a>`;
    let html = '<h2>Summary</h2>';
    if (r.interrupted) html += '<p class="warn"><b>The run was interrupted:</b> the report covers the files done before it stopped.</p>';
    html += '<div class="cards">';
    html += card(s.files, 'files', '#files');
    html += card(s.cleaned, 'cleaned', '#files?st=cleaned', 'ok');
    html += card(s.failed, 'failed', '#files?st=failed', s.failed ? 'bad' : '');
    html += card(s.skipped, 'skipped', '#summary', '');
    html += card(s.duplicates, 'duplicate pairs', '#dups?kind=duplicate');
    html += card(s.overlaps, 'overlap pairs', '#dups?kind=overlap');
    html += card(s.clusters, 'clusters', '#dups');
    html += card(s.dropped, 'dropped', '#files?st=dropped-duplicate');
    html += card(removals, 'removals', '#cleaning');
    html += '</div>';
    // formats and languages
    const tally = (col, names) => {
      const c = new Map();
      for (let i = 0; i < N; i++) {
        const v = col[i];
        c.set(v, (c.get(v) || 0) + 1);
      }
      return [...c].sort((a, b) => b[1] - a[1]).map(([v, n]) => [v < 0 ? '(none)' : names[v], n, `${fmt(n)} (${((100 * n) / Math.max(1, N)).toFixed(1)} %)`, String(v)]);
    };
    const langs = tally(D.docs.lang, D.langs);
    const shownLangs = langs.slice(0, 12);
    if (langs.length > 12) shownLangs.push(['other', langs.slice(12).reduce((n, x) => n + x[1], 0), '', '']);
    html += '<div class="grid2"><div><h3>Formats</h3><div id="chart-formats">' + barsSvg(tally(D.docs.fmt, D.formats), { title: 'files per format', width: 520, labelWidth: 110 }) + '</div></div>';
    html += '<div><h3>Languages</h3><div id="chart-langs">' + barsSvg(shownLangs, { title: 'files per language', width: 520, labelWidth: 110 }) + '</div></div></div>';
    // failures by error code
    html += '<h3>Failed files by error code</h3>';
    const byCode = new Map();
    for (let i = 0; i < N; i++) {
      const e = D.docs.err[i];
      if (e < 0) continue;
      if (!byCode.has(e)) byCode.set(e, []);
      byCode.get(e).push(i);
    }
    if (byCode.size === 0) html += '<p class="note">No file failed.</p>';
    for (const [e, list] of [...byCode].sort((a, b) => b[1].length - a[1].length)) {
      html += `<details class="fail" data-code="${esc(D.errors[e])}"><summary><b class="bad">${esc(D.errors[e])}</b> — ${fmt(list.length)} file${list.length === 1 ? '' : 's'} <a href="#files?err=${encodeURIComponent(D.errors[e])}">list in Files</a></summary><ul class="list" data-docs="${list.slice(0, 500).join(',')}"></ul>${list.length > 500 ? `<p class="note">The first 500 are shown; all ${fmt(list.length)} in Files.</p>` : ''}</details>`;
    }
    html += `<h3>Skipped (${fmt(D.skipped.length)})</h3>`;
    if (D.skipped.length === 0) html += '<p class="note">Nothing was skipped.</p>';
    else {
      html += `<details><summary>${fmt(D.skipped.length)} paths not read as articles, with the reason</summary><ul class="list">`;
      for (const [p, why] of D.skipped.slice(0, 1000)) html += `<li>${esc(p)} — <span class="note">${esc(why)}</span></li>`;
      html += `</ul>${D.skipped.length > 1000 ? '<p class="note">The first 1,000 are listed.</p>' : ''}</details>`;
    }
    // run time and settings
    const dd = r.dedup;
    const rows = [
      ['newsclean', r.version],
      ['started', r.startedAt],
      ['run time', `${(r.elapsedMs / 1000).toFixed(1)} s`],
      ['command', `newsclean ${r.argv.join(' ')}`],
      ['inputs', r.inputs.join(', ')],
      ['output folder', r.dryRun ? `${r.out} (dry run: nothing written)` : r.out],
      ['threads', r.threads],
      ['rules off', r.settings.disable.length ? r.settings.disable.join(', ') : 'none'],
      ['max file size', `${fmt(r.settings.maxFileSize)} bytes`],
      ['max depth', fmt(r.settings.maxDepth)],
      ['timeout', `${fmt(r.settings.timeoutMs)} ms`],
    ];
    if (dd) {
      rows.push(
        ['duplicate when', `Jaccard ≥ ${dd.threshold}, or containment ≥ ${dd.containment} with shared runs covering ${dd.coverage * 100} % of the shorter text`],
        ['overlap when', `≥ ${dd.minShared} words shared verbatim in runs of ≥ ${dd.minPassage}`],
        ['shingles', `${dd.shingleSize} words; MinHash ${dd.numPerm} values, LSH ${dd.bands} × ${dd.rows}`],
        ['drop duplicates', r.dropDuplicates ? 'yes' : 'no'],
      );
    } else rows.push(['near-duplicates', 'off (--no-dedup)']);
    const em = D.embed;
    rows.push(['texts embedded', `${fmt(em.textDocs)} of ${fmt(N)} files (${fmt(em.textChars)} characters; budget ${fmt(em.limits.textBudget)}), passages of ${fmt(em.pairTexts)} of ${fmt(P)} pairs (at most ${fmt(em.limits.passageCap)})`]);
    rows.push(['removal lists embedded', `${fmt(em.explainDocs)} files (${fmt(em.explainChars)} characters; budget ${fmt(em.limits.explainBudget)})`]);
    html += '<h3>Run and settings</h3><table class="kv" id="settings">' + rows.map(([k, v]) => `<tr><th>${esc(k)}</th><td>${esc(v)}</td></tr>`).join('') + '</table>';
    const el = $('#s-summary');
    el.innerHTML = html;
    el.querySelectorAll('details.fail').forEach((det) =>
      det.addEventListener('toggle', async () => {
        const ul = det.querySelector('ul');
        if (!det.open || ul.dataset.done) return;
        ul.dataset.done = '1';
        const ids = ul.dataset.docs ? ul.dataset.docs.split(',').map(Number) : [];
        const items = await Promise.all(ids.map(async (d) => {
          const e = await explainOf(d);
          return `<li><a href="#file/${d}">${esc(pathOf(d))}</a> — <span class="note">${esc(e && e[2] ? e[2] : '')}</span></li>`;
        }));
        ul.innerHTML = items.join('');
      }),
    );
    $('#chart-formats').addEventListener('click', (ev) => {
      const g = ev.target.closest('.bar');
      if (g && g.dataset.key !== '' && Number(g.dataset.key) >= 0) location.hash = `#files?fmt=${encodeURIComponent(D.formats[Number(g.dataset.key)])}`;
    });
  }

  // ---- cleaning --------------------------------------------------------------------------------------------------
  const currentFile = { shown: false, d: -1 };
  function defaultFile() {
    let best = -1;
    let bestN = -1;
    for (let i = 0; i < N; i++) {
      if (D.docs.tx[i] < 0) continue;
      const rm = rmOf(i);
      let n = 0;
      for (let k = 1; k < rm.length; k += 2) n += rm[k];
      if (n > bestN) {
        best = i;
        bestN = n;
      }
    }
    return best < 0 ? 0 : best;
  }
  function drawCleaning() {
    const totals = [...D.ruleTotals].sort((a, b) => b[1] - a[1]);
    let html = '<h2>Cleaning</h2>';
    html += `<h3>Removals per rule</h3><p class="note">Each bar: what the rule removed or moved (records in the report) and in how many files. Click a bar to list those files.</p>`;
    html += totals.length
      ? `<div id="chart-rules">${barsSvg(totals.map(([k, n, files]) => [ruleName(k), n, `${fmt(n)} in ${fmt(files)} file${files === 1 ? '' : 's'}`, D.rules[k][0], colorOf(k)]), { title: 'removals per rule', width: 900, labelWidth: 230 })}</div>`
      : '<p class="note">No rule removed anything.</p>';
    html += '<h3>Where each rule removed most</h3><div class="filters"><label>rule <select id="top-rule"></select></label></div><table class="kv" id="top-table"></table>';
    html += '<div class="viewer" id="file-view"></div>';
    const el = $('#s-cleaning');
    el.innerHTML = html;
    const sel = $('#top-rule');
    sel.innerHTML = totals.map(([k]) => `<option value="${esc(D.rules[k][0])}">${esc(ruleName(k))}</option>`).join('');
    sel.addEventListener('change', () => drawTop(sel.value));
    if (totals.length) drawTop(D.rules[totals[0][0]][0]);
    const chart = $('#chart-rules');
    if (chart)
      chart.addEventListener('click', (ev) => {
        const g = ev.target.closest('.bar');
        if (g) location.hash = `#files?rule=${encodeURIComponent(g.dataset.key)}`;
      });
  }
  function selectTopRule(id) {
    const sel = $('#top-rule');
    if (sel && [...sel.options].some((o) => o.value === id)) {
      sel.value = id;
      drawTop(id);
    }
  }
  function drawTop(id) {
    const k = ruleIndex.get(id);
    const rows = D.tops[k] || [];
    $('#top-table').innerHTML =
      '<tr><th>file</th><th>removals by this rule</th><th>characters</th><th>format</th></tr>' +
      rows.map(([d, n, c]) => `<tr><td><a href="#file/${d}">${esc(pathOf(d))}</a></td><td>${fmt(n)}</td><td>${fmt(c)}</td><td>${esc(D.formats[D.docs.fmt[d]] || '')}</td></tr>`).join('');
  }

  /** The input with the located removals marked and labelled with their rule. */
  function markedInput(t) {
    const marks = t.marks;
    let html = '';
    let at = 0;
    for (let m = 0; m < marks.length; m += 3) {
      const s = marks[m];
      const e = marks[m + 1];
      const r = t.removed[marks[m + 2]];
      if (s < at) continue;
      html += esc(t.input.slice(at, s));
      const rule = D.rules[r[0]];
      const keep = /^(moved|made|repaired|decoded|split)/.test(D.actions[r[1]]);
      html += `<mark class="rm${keep ? ' keep' : ''}" id="rm-${marks[m + 2]}" data-rule="${esc(rule[0])}" style="--c:${colorOf(r[0])}" title="${esc(`${rule[0]} ${rule[1]}: ${D.actions[r[1]]}`)}"><span class="tag">${esc(rule[0])}</span>${esc(t.input.slice(s, e))}</mark>`;
      at = e;
    }
    html += esc(t.input.slice(at));
    if (t.cut > 0) html += `\n<span class="note">… ${fmt(t.cut)} more characters not embedded</span>`;
    return html;
  }
  async function showFile(d) {
    if (!(d >= 0 && d < N)) return;
    currentFile.shown = true;
    currentFile.d = d;
    const box = $('#file-view');
    box.innerHTML = '<p class="note">Loading…</p>';
    const [ex, t] = await Promise.all([explainOf(d), textOf(d)]);
    if (currentFile.d !== d) return;
    const cl = D.docs.cl[d];
    let html = `<div class="vhdr"><h3 id="file-title">${esc(pathOf(d))}</h3>${statusBadge(d)}`;
    html += `<span class="pill">${esc(D.formats[D.docs.fmt[d]] || 'unknown format')}, ${fmt(D.docs.words[d])} words${D.docs.lang[d] >= 0 ? `, ${esc(D.langs[D.docs.lang[d]])}` : ''}</span>`;
    if (D.docs.rev[d]) html += '<span class="badge warn">needs review</span>';
    if (cl >= 0) html += `<a class="pill" href="#cluster/${cl}">cluster #${cl + 1}${D.clusters.canon[cl] === d ? ' (canonical)' : ''}</a>`;
    html += `<span style="margin-left:auto"><button data-step="-1">◀ previous</button> <button data-step="1">next ▶</button></span></div>`;
    const removed = t ? t.removed : ex ? ex[0] : null;
    if (ex && ex[2]) html += `<p class="bad"><b>${esc(D.errors[D.docs.err[d]] || 'error')}</b>: ${esc(ex[2])}</p>`;
    if (ex && ex[1].length) html += `<p class="warn">${ex[1].map(([c, m]) => `<b>${esc(c)}</b>: ${esc(m)}`).join('<br>')}</p>`;
    if (t) {
      const rules = [...new Set(t.removed.map((r) => r[0]))];
      html += `<div class="legend">${rules.map((k) => `<span><i style="--c:${colorOf(k)}"></i>${esc(ruleName(k))}</span>`).join('')}<span>struck through: removed; plain: moved to metadata or changed</span></div>`;
      html += `<div class="sbs"><div class="pane" id="pane-input"><h4>Input (as decoded)</h4><pre>${markedInput(t)}</pre></div>`;
      html += `<div class="pane" id="pane-md"><h4>Clean Markdown${D.statuses[D.docs.st[d]] === 'cleaned' ? '' : ' (not written)'}</h4><pre>${t.markdown ? esc(t.markdown) : '<span class="note">no Markdown: the file failed</span>'}</pre></div></div>`;
    } else {
      html += `<p class="note">The texts of this file are not embedded in this report (${fmt(D.embed.textDocs)} of ${fmt(N)} files are, within a budget of ${fmt(D.embed.limits.textBudget)} characters). To see it side by side, run <span class="kbd">newsclean ${esc(pathOf(d))} --dry-run --report FILE.html</span>.</p>`;
    }
    if (removed) {
      const located = new Set();
      if (t) for (let m = 2; m < t.marks.length; m += 3) located.add(t.marks[m]);
      html += `<h3>What was removed (${fmt(removed.length)})</h3><ul class="explain" id="explain-list">`;
      removed.forEach((r, i) => {
        const loc = located.has(i);
        html += `<li class="${loc ? 'loc' : ''}" data-i="${i}"><span class="sw" style="--c:${colorOf(r[0])}"></span><b>${esc(D.rules[r[0]][0])}</b> ${esc(D.rules[r[0]][1])}<span class="act">${esc(D.actions[r[1]])}</span><span class="txt">${esc(r[2])}</span>${t && !loc ? '<span class="note">not located in the input</span>' : ''}</li>`;
      });
      html += '</ul>';
    } else if (rmOf(d).length === 0 && D.docs.err[d] < 0) html += '<p class="note">No rule removed anything from this file.</p>';
    else html += `<p class="note">The list of removals of this file is not embedded (budget of ${fmt(D.embed.limits.explainBudget)} characters); per rule: ${esc(countsText(d))}.</p>`;
    box.innerHTML = html;
    reveal('#file-view');
    box.querySelectorAll('button[data-step]').forEach((b) =>
      b.addEventListener('click', () => {
        const n = d + Number(b.dataset.step);
        if (n >= 0 && n < N) location.hash = `#file/${n}`;
      }),
    );
    const list = $('#explain-list', box);
    if (list)
      list.addEventListener('click', (ev) => {
        const li = ev.target.closest('li.loc');
        if (!li) return;
        const m = document.getElementById(`rm-${li.dataset.i}`);
        if (m) {
          m.scrollIntoView({ block: 'center' });
          m.classList.add('flash');
          setTimeout(() => m.classList.remove('flash'), 1200);
        }
      });
  }
  function countsText(d) {
    const rm = rmOf(d);
    if (!rm.length) return 'nothing';
    const parts = [];
    for (let k = 0; k < rm.length; k += 2) parts.push(`${D.rules[rm[k]][0]} ×${rm[k + 1]}`);
    return parts.join(', ');
  }

  // ---- files -----------------------------------------------------------------------------------------------------
  let fileList = null;
  function drawFiles() {
    const el = $('#s-files');
    const opt = (list, all) => `<option value="">${all}</option>` + list.map((v) => `<option value="${esc(v)}">${esc(v)}</option>`).join('');
    const usedRules = D.ruleTotals.map((t) => t[0]);
    el.innerHTML =
      '<h2>Files</h2><div class="filters" id="file-filters">' +
      '<input type="search" id="f-q" placeholder="file name contains…" aria-label="file name">' +
      `<select id="f-st" aria-label="status">${opt(D.statuses, 'any status')}</select>` +
      `<select id="f-rule" aria-label="rule"><option value="">any rule</option>${usedRules.map((k) => `<option value="${esc(D.rules[k][0])}">${esc(ruleName(k))}</option>`).join('')}</select>` +
      `<select id="f-err" aria-label="error code">${opt(D.errors, 'any error')}</select>` +
      `<select id="f-fmt" aria-label="format">${opt(D.formats, 'any format')}</select>` +
      '<input type="search" id="f-cl" placeholder="cluster # or path" aria-label="cluster" style="min-width:140px">' +
      '<label><input type="checkbox" id="f-rev"> needs review</label>' +
      '<span class="count" id="f-count"></span></div>' +
      '<div class="vhead"><span class="c-path">file</span><span class="c-s">status</span><span class="c-w">format</span><span class="c-n">words</span><span class="c-n">removals</span><span class="c-w">error</span><span class="c-n">cluster</span></div><div id="file-list" style="height:calc(100vh - 210px);min-height:300px"></div>';
    fileList = virtualList(
      $('#file-list'),
      (i) => {
        const rm = rmOf(i);
        let n = 0;
        for (let k = 1; k < rm.length; k += 2) n += rm[k];
        const cl = D.docs.cl[i];
        return `<span class="c-path" title="${esc(pathOf(i))}">${esc(pathOf(i))}</span><span class="c-s">${statusBadge(i)}</span><span class="c-w">${esc(D.formats[D.docs.fmt[i]] || '')}</span><span class="c-n">${fmt(D.docs.words[i])}</span><span class="c-n">${n || ''}</span><span class="c-w bad">${esc(D.docs.err[i] >= 0 ? D.errors[D.docs.err[i]] : '')}</span><span class="c-n">${cl >= 0 ? `#${cl + 1}${D.clusters.canon[cl] === i ? '★' : ''}` : ''}</span>`;
      },
      (i) => (location.hash = `#file/${i}`),
    );
    const update = () => {
      const q = {
        q: $('#f-q').value,
        st: $('#f-st').value,
        rule: $('#f-rule').value,
        err: $('#f-err').value,
        fmt: $('#f-fmt').value,
        cl: $('#f-cl').value,
        rev: $('#f-rev').checked ? '1' : '',
      };
      history.replaceState(null, '', `#files${toQuery(q) ? `?${toQuery(q)}` : ''}`);
      filterFiles(q);
    };
    const later = debounce(update, 120);
    for (const id of ['#f-q', '#f-cl']) $(id).addEventListener('input', later);
    for (const id of ['#f-st', '#f-rule', '#f-err', '#f-fmt', '#f-rev']) $(id).addEventListener('change', update);
  }
  function applyFileQuery(q) {
    const set = (id, v) => {
      const el = $(id);
      if (el.type === 'checkbox') el.checked = v === '1';
      else el.value = v || '';
    };
    set('#f-q', q.q);
    set('#f-st', q.st);
    set('#f-rule', q.rule);
    set('#f-err', q.err);
    set('#f-fmt', q.fmt);
    set('#f-cl', q.cl);
    set('#f-rev', q.rev);
    filterFiles(q);
  }
  /** Which cluster a filter text means: "#3" or "3" is the third largest, anything else a member's path. */
  function clusterMatcher(text) {
    const t = (text || '').trim();
    if (!t) return null;
    const m = /^#?(\d+)$/.exec(t);
    if (m) return (c) => c === Number(m[1]) - 1;
    const low = t.toLowerCase();
    const hit = new Set();
    for (let c = 0; c < nClusters; c++) if (membersOf(c).some((d) => lowPath(d).includes(low))) hit.add(c);
    return (c) => hit.has(c);
  }
  function filterFiles(q) {
    const low = (q.q || '').toLowerCase();
    const st = q.st ? D.statuses.indexOf(q.st) : -1;
    const rule = q.rule ? ruleIndex.get(q.rule) : -1;
    const err = q.err ? D.errors.indexOf(q.err) : -2;
    const fm = q.fmt ? D.formats.indexOf(q.fmt) : -2;
    const inCluster = clusterMatcher(q.cl);
    const out = new Int32Array(N);
    let n = 0;
    for (let i = 0; i < N; i++) {
      if (st >= 0 && D.docs.st[i] !== st) continue;
      if (err !== -2 && D.docs.err[i] !== err) continue;
      if (fm !== -2 && D.docs.fmt[i] !== fm) continue;
      if (q.rev === '1' && !D.docs.rev[i]) continue;
      if (rule >= 0) {
        const rm = rmOf(i);
        let has = false;
        for (let k = 0; k < rm.length; k += 2) if (rm[k] === rule) has = true;
        if (!has) continue;
      }
      if (inCluster && !(D.docs.cl[i] >= 0 && inCluster(D.docs.cl[i]))) continue;
      if (low && !lowPath(i).includes(low)) continue;
      out[n++] = i;
    }
    fileList.set(out.subarray(0, n));
    $('#f-count').textContent = `${fmt(n)} of ${fmt(N)} files`;
  }

  // ---- near-duplicates -------------------------------------------------------------------------------------------
  let pairList = null;
  let clusterList = null;
  let passages = null;
  const BINS = 50;
  const pairQuery = {};
  function histogramSvg(values, kinds, thresholds, title, key, log) {
    const dup = new Int32Array(BINS);
    const ovl = new Int32Array(BINS);
    for (let i = 0; i < values.length; i++) {
      const b = Math.min(BINS - 1, Math.floor((values[i] / 10000) * BINS));
      (kinds[i] === 0 ? dup : ovl)[b]++;
    }
    const w = 520;
    const h = 190;
    const l = 40;
    const bottom = 24;
    const ch = h - bottom - 14;
    let max = 1;
    for (let b = 0; b < BINS; b++) max = Math.max(max, dup[b] + ovl[b]);
    const y = (n) => (log ? (n <= 0 ? 0 : (Math.log10(n + 1) / Math.log10(max + 1)) * ch) : (n / max) * ch);
    const bw = (w - l - 8) / BINS;
    let s = `<svg xmlns="http://www.w3.org/2000/svg" width="100%" viewBox="0 0 ${w} ${h}" role="img" aria-label="${esc(title)}" data-key="${key}">`;
    s += `<text class="axis" x="${l}" y="10">${esc(title)} — pairs per bin of 0.02${log ? ' (log scale)' : ''}</text>`;
    for (let b = 0; b < BINS; b++) {
      const x = l + b * bw;
      const hd = y(dup[b] + ovl[b]);
      const ho = y(ovl[b]);
      const total = dup[b] + ovl[b];
      s += `<g class="bin" data-lo="${b / BINS}" data-hi="${(b + 1) / BINS}"><title>${(b / BINS).toFixed(2)}–${((b + 1) / BINS).toFixed(2)}: ${fmt(dup[b])} duplicate, ${fmt(ovl[b])} overlap</title>`;
      s += `<rect x="${x.toFixed(1)}" y="${h - bottom - ch}" width="${bw.toFixed(1)}" height="${ch}" fill="transparent"/>`;
      if (total > 0) {
        s += `<rect x="${(x + 0.5).toFixed(1)}" y="${(h - bottom - hd).toFixed(1)}" width="${(bw - 1).toFixed(1)}" height="${(hd - ho).toFixed(1)}" fill="#a78bfa"/>`;
        if (ovl[b]) s += `<rect x="${(x + 0.5).toFixed(1)}" y="${(h - bottom - ho).toFixed(1)}" width="${(bw - 1).toFixed(1)}" height="${ho.toFixed(1)}" fill="#2bb5b5"/>`;
      }
      s += '</g>';
    }
    s += `<line x1="${l}" y1="${h - bottom}" x2="${w - 8}" y2="${h - bottom}" stroke="#999"/>`;
    for (let v = 0; v <= 10; v += 2) s += `<text class="axis" x="${l + (v / 10) * (w - l - 8)}" y="${h - bottom + 12}" text-anchor="middle">${(v / 10).toFixed(1)}</text>`;
    s += `<text class="axis" x="${l - 4}" y="${h - bottom - ch + 4}" text-anchor="end">${fmt(max)}</text><text class="axis" x="${l - 4}" y="${h - bottom}" text-anchor="end">0</text>`;
    for (const [v, label] of thresholds) {
      const x = l + v * (w - l - 8);
      s += `<line class="thr" x1="${x}" y1="${h - bottom - ch - 2}" x2="${x}" y2="${h - bottom}"/><text class="thr-l" x="${x + 3}" y="${h - bottom - ch + 8}">${esc(label)}</text>`;
    }
    return `${s}</svg>`;
  }
  function drawHistograms() {
    const log = $('#h-log').checked;
    const dd = D.run.dedup || { threshold: 0.5, containment: 0.4 };
    $('#hist').innerHTML =
      `<div id="hist-j">${histogramSvg(D.pairs.j, D.pairs.k, [[dd.threshold, `--threshold ${dd.threshold}`]], 'Jaccard', 'j', log)}</div>` +
      `<div id="hist-c">${histogramSvg(D.pairs.c, D.pairs.k, [[dd.containment, `--containment ${dd.containment}`]], 'Containment', 'c', log)}</div>`;
  }
  function whyText(c) {
    const [crit, a, b] = D.clusterWhy[c];
    switch (crit) {
      case 'metadata':
        return `most complete metadata (${a} of 10 keys; next best ${b})`;
      case 'date':
        return b === null ? `earliest date (${a}; the next best has none)` : `earliest date (${a}, next best ${b}), metadata equally complete`;
      case 'length':
        return `longest body (${fmt(a)} words, next best ${fmt(b)}), metadata and date equal`;
      case 'path':
        return `first in path order: as complete, as early and as long as the next best member (${base(b)})`;
      default:
        return 'the only member';
    }
  }
  function pairRow(i) {
    const k = D.pairs.k[i] === 0 ? 'duplicate' : 'overlap';
    const has = passages && passages[i] ? '◧' : '';
    return `<span class="c-path" title="${esc(pathOf(D.pairs.a[i]))}">${esc(base(pathOf(D.pairs.a[i])))}</span><span class="c-path" title="${esc(pathOf(D.pairs.b[i]))}">${esc(base(pathOf(D.pairs.b[i])))}</span><span class="c-s"><span class="badge ${k}">${k}</span></span><span class="c-n">${pct(D.pairs.j[i])}</span><span class="c-n">${pct(D.pairs.c[i])}</span><span class="c-n">${fmt(D.pairs.s[i])}</span><span class="c-n" title="texts embedded">${has}</span>`;
  }
  function drawDups() {
    const el = $('#s-dups');
    let html = '<h2>Near-duplicates</h2>';
    if (!D.run.dedup) html += '<p class="note">Near-duplicate detection was off for this run (--no-dedup).</p>';
    html += `<h3>Pair similarities around the thresholds</h3><p class="note">Every reported pair counted by its Jaccard and its containment (purple: duplicate, teal: overlap); pairs below both thresholds that share too few words are not reported. Click a bin to list its pairs. <label><input type="checkbox" id="h-log" checked> log scale</label></p><div class="hist" id="hist"></div>`;
    html += '<div class="grid2"><div><h3>Clusters, largest first</h3><div class="filters"><input type="search" id="c-q" placeholder="member path contains…" aria-label="cluster member"><span class="count" id="c-count"></span></div>';
    html += '<div class="vhead"><span class="c-n">#</span><span class="c-n">size</span><span class="c-path">canonical member</span></div><div id="cluster-list" style="height:300px"></div></div>';
    html += '<div><h3>Pairs</h3><div class="filters" id="pair-filters"><input type="search" id="p-q" placeholder="file name contains…" aria-label="pair file name">';
    html += '<select id="p-kind" aria-label="verdict"><option value="">any verdict</option><option value="duplicate">duplicate</option><option value="overlap">overlap</option></select>';
    html += '<input type="search" id="p-cl" placeholder="cluster #" aria-label="pair cluster" style="min-width:90px"><label><input type="checkbox" id="p-tx"> with texts</label><span class="count" id="p-count"></span></div>';
    html += '<div class="vhead"><span class="c-path">a</span><span class="c-path">b</span><span class="c-s">verdict</span><span class="c-n">Jaccard</span><span class="c-n">contain.</span><span class="c-n">shared</span><span class="c-n"></span></div><div id="pair-list" style="height:300px"></div></div></div>';
    html += '<div class="viewer" id="dup-view"><p class="note">Pick a cluster or a pair.</p></div>';
    el.innerHTML = html;
    // a passage under the pointer is outlined in both texts
    $('#dup-view').addEventListener('mouseover', (ev) => {
      const box = $('#dup-view');
      const m = ev.target.closest('mark[data-p]');
      box.querySelectorAll('mark.flash').forEach((e) => e.classList.remove('flash'));
      if (m) box.querySelectorAll(`mark[data-p="${m.dataset.p}"]`).forEach((e) => e.classList.add('flash'));
    });
    drawHistograms();
    $('#h-log').addEventListener('change', drawHistograms);
    $('#hist').addEventListener('click', (ev) => {
      const g = ev.target.closest('.bin');
      if (!g) return;
      const key = g.closest('svg').dataset.key;
      location.hash = `#dups?${toQuery({ ...pairQuery, [`${key}min`]: g.dataset.lo, [`${key}max`]: g.dataset.hi })}`;
    });
    clusterList = virtualList(
      $('#cluster-list'),
      (c) => `<span class="c-n">#${c + 1}</span><span class="c-n">${membersOf(c).length}</span><span class="c-path" title="${esc(whyText(c))}">${esc(pathOf(D.clusters.canon[c]))}</span>`,
      (c) => (location.hash = `#cluster/${c}`),
    );
    pairList = virtualList($('#pair-list'), pairRow, (i) => (location.hash = `#pair/${i}`));
    const filterClusters = () => {
      const low = $('#c-q').value.toLowerCase();
      const C = nClusters;
      const out = new Int32Array(C);
      let n = 0;
      for (let c = 0; c < C; c++) if (!low || membersOf(c).some((d) => lowPath(d).includes(low))) out[n++] = c;
      clusterList.set(out.subarray(0, n));
      $('#c-count').textContent = `${fmt(n)} of ${fmt(C)} clusters`;
    };
    $('#c-q').addEventListener('input', debounce(filterClusters, 120));
    filterClusters();
    const update = () => {
      const q = { ...pairQuery, q: $('#p-q').value, kind: $('#p-kind').value, cl: $('#p-cl').value, tx: $('#p-tx').checked ? '1' : '' };
      history.replaceState(null, '', `#dups${toQuery(q) ? `?${toQuery(q)}` : ''}`);
      filterPairs(q);
    };
    $('#p-q').addEventListener('input', debounce(update, 120));
    $('#p-cl').addEventListener('input', debounce(update, 120));
    $('#p-kind').addEventListener('change', update);
    $('#p-tx').addEventListener('change', update);
    block('nc-passages').then((p) => {
      passages = p || {};
      filterPairs(pairQuery);
    });
    filterPairs({});
  }
  function applyPairQuery(q) {
    $('#p-q').value = q.q || '';
    $('#p-kind').value = q.kind || '';
    $('#p-cl').value = q.cl || '';
    $('#p-tx').checked = q.tx === '1';
    filterPairs(q);
  }
  function filterPairs(q) {
    for (const k of Object.keys(pairQuery)) delete pairQuery[k];
    Object.assign(pairQuery, q);
    const low = (q.q || '').toLowerCase();
    const kind = q.kind === 'duplicate' ? 0 : q.kind === 'overlap' ? 1 : -1;
    const inCluster = clusterMatcher(q.cl);
    const range = (key) => [q[`${key}min`] !== undefined ? Math.round(Number(q[`${key}min`]) * 10000) : -1, q[`${key}max`] !== undefined ? Math.round(Number(q[`${key}max`]) * 10000) : 20000];
    const [jlo, jhi] = range('j');
    const [clo, chi] = range('c');
    const out = new Int32Array(P);
    let n = 0;
    const A = D.pairs.a;
    const B = D.pairs.b;
    for (let i = 0; i < P; i++) {
      if (kind >= 0 && D.pairs.k[i] !== kind) continue;
      const j = D.pairs.j[i];
      if (j < jlo || j >= jhi + (jhi >= 10000 ? 1 : 0)) continue;
      const c = D.pairs.c[i];
      if (c < clo || c >= chi + (chi >= 10000 ? 1 : 0)) continue;
      if (q.tx === '1' && !(passages && passages[i])) continue;
      if (inCluster && !((D.docs.cl[A[i]] >= 0 && inCluster(D.docs.cl[A[i]])) || (D.docs.cl[B[i]] >= 0 && inCluster(D.docs.cl[B[i]])))) continue;
      if (low && !lowPath(A[i]).includes(low) && !lowPath(B[i]).includes(low)) continue;
      out[n++] = i;
    }
    pairList.set(out.subarray(0, n));
    const rangeNote = (key, label) => (q[`${key}min`] !== undefined ? `, ${label} ${Number(q[`${key}min`]).toFixed(2)}–${Number(q[`${key}max`]).toFixed(2)} <a data-clear="${key}">clear</a>` : '');
    $('#p-count').innerHTML = `${fmt(n)} of ${fmt(P)} pairs${rangeNote('j', 'Jaccard')}${rangeNote('c', 'containment')}`;
    $('#p-count')
      .querySelectorAll('a[data-clear]')
      .forEach((a) =>
        a.addEventListener('click', () => {
          const k = a.dataset.clear;
          const rest = { ...pairQuery };
          delete rest[`${k}min`];
          delete rest[`${k}max`];
          location.hash = `#dups?${toQuery(rest)}`;
        }),
      );
  }
  function showCluster(c) {
    if (!(c >= 0 && c < nClusters)) return;
    clusterList.select(c);
    const members = membersOf(c);
    const canon = D.clusters.canon[c];
    applyPairQuery({ cl: String(c + 1) });
    let html = `<div class="vhdr"><h3 id="cluster-title">Cluster #${c + 1}: ${members.length} members</h3><span class="pill">canonical: <a href="#file/${canon}">${esc(pathOf(canon))}</a></span></div>`;
    html += `<p id="cluster-why"><b>Why this member is canonical:</b> ${esc(whyText(c))}. <span class="note">The order: most complete metadata, then earliest date, then longest body, then first path.</span></p>`;
    html += '<table class="kv"><tr><th></th><th>member</th><th>status</th><th>words</th></tr>';
    for (const m of members) html += `<tr><td>${m === canon ? '★' : ''}</td><td><a href="#file/${m}">${esc(pathOf(m))}</a></td><td>${statusBadge(m)}</td><td>${fmt(D.docs.words[m])}</td></tr>`;
    html += '</table><p class="note">Its pairs are listed above; open one to compare the texts.</p>';
    $('#dup-view').innerHTML = html;
    reveal('#dup-view');
  }

  /** The passages of a pair arranged in rows: passages in the same order in both texts side by side, the others marked where they are. */
  function alignedRows(bodyA, bodyB, flat) {
    const ps = [];
    for (let k = 0; k < flat.length; k += 4) ps.push({ n: ps.length + 1, a0: flat[k], a1: flat[k + 1], b0: flat[k + 2], b1: flat[k + 3] });
    ps.sort((x, y) => x.a0 - y.a0);
    // the longest chain of passages in the same order in b (patience sorting), weighted by nothing: order is what aligns
    const tails = [];
    const prev = new Array(ps.length).fill(-1);
    for (let i = 0; i < ps.length; i++) {
      let lo = 0;
      let hi = tails.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (ps[tails[mid]].b1 <= ps[i].b0) lo = mid + 1;
        else hi = mid;
      }
      prev[i] = lo > 0 ? tails[lo - 1] : -1;
      tails[lo] = i;
    }
    const chain = [];
    for (let i = tails.length ? tails[tails.length - 1] : -1; i >= 0; i = prev[i]) chain.unshift(ps[i]);
    const inChain = new Set(chain);
    const others = ps.filter((p) => !inChain.has(p));
    const side = (text, from, to, key) => {
      let html = '';
      let at = from;
      const inside = others.filter((p) => p[`${key}0`] >= from && p[`${key}1`] <= to).sort((x, y) => x[`${key}0`] - y[`${key}0`]);
      for (const p of inside) {
        if (p[`${key}0`] < at) continue;
        html += esc(text.slice(at, p[`${key}0`]));
        html += `<mark class="mv" data-p="${p.n}" title="shared passage ${p.n}, at another place in the other text"><span class="pn">${p.n}↕</span>${esc(text.slice(p[`${key}0`], p[`${key}1`]))}</mark>`;
        at = p[`${key}1`];
      }
      return html + esc(text.slice(at, to));
    };
    let html = '';
    let pa = 0;
    let pb = 0;
    for (const p of chain) {
      if (p.a0 > pa || p.b0 > pb) html += `<div>${side(bodyA, pa, p.a0, 'a')}</div><div>${side(bodyB, pb, p.b0, 'b')}</div>`;
      html += `<div class="p"><mark class="sh" data-p="${p.n}"><span class="pn">${p.n}</span>${esc(bodyA.slice(p.a0, p.a1))}</mark></div><div class="p"><mark class="sh" data-p="${p.n}"><span class="pn">${p.n}</span>${esc(bodyB.slice(p.b0, p.b1))}</mark></div>`;
      pa = p.a1;
      pb = p.b1;
    }
    if (pa < bodyA.length || pb < bodyB.length) html += `<div>${side(bodyA, pa, bodyA.length, 'a')}</div><div>${side(bodyB, pb, bodyB.length, 'b')}</div>`;
    return { html, count: ps.length, aligned: chain.length };
  }
  function verdictText(i) {
    const dd = D.run.dedup || { threshold: 0.5, containment: 0.4, coverage: 0.6, minShared: 40 };
    const j = D.pairs.j[i] / 10000;
    const c = D.pairs.c[i] / 10000;
    if (D.pairs.k[i] === 0) {
      if (j >= dd.threshold) return `duplicate: Jaccard ${j.toFixed(2)} ≥ ${dd.threshold}`;
      return `duplicate: containment ${c.toFixed(2)} ≥ ${dd.containment} and the shared runs cover ≥ ${dd.coverage * 100} % of the shorter text`;
    }
    return `overlap: not a duplicate (Jaccard ${j.toFixed(2)} < ${dd.threshold}), but ${fmt(D.pairs.s[i])} words shared verbatim ≥ ${dd.minShared}`;
  }
  async function showPair(i) {
    if (!(i >= 0 && i < P)) return;
    pairList.select(i);
    const a = D.pairs.a[i];
    const b = D.pairs.b[i];
    const kind = D.pairs.k[i] === 0 ? 'duplicate' : 'overlap';
    const box = $('#dup-view');
    box.innerHTML = '<p class="note">Loading…</p>';
    const [ta, tb, ps] = await Promise.all([textOf(a), textOf(b), block('nc-passages')]);
    const x = D.pairs.x[i];
    let html = `<div class="vhdr"><h3 id="pair-title">Pair ${fmt(i + 1)}</h3><span class="badge ${kind}" id="pair-verdict">${kind}</span>`;
    html += `<span class="pill">Jaccard <b id="pair-j">${pct(D.pairs.j[i])}</b> · containment <b id="pair-c">${pct(D.pairs.c[i])}</b> · ${fmt(D.pairs.s[i])} words in shared passages${x ? ` · ${x === 1 ? 'a' : 'b'} is an excerpt of the other` : ''}</span></div>`;
    html += `<p class="note" id="pair-why">${esc(verdictText(i))}</p>`;
    const flat = ps && ps[i];
    if (ta && tb && flat) {
      const bodyA = ta.markdown.slice(ta.bodyStart, -1);
      const bodyB = tb.markdown.slice(tb.bodyStart, -1);
      const rows = alignedRows(bodyA, bodyB, flat);
      if (rows.count === 0) html += `<p class="note">No shared passage of ${D.run.dedup ? D.run.dedup.minPassage : 8} words or more: the texts share shorter runs only.</p>`;
      html += `<div class="legend"><span><i style="--c:var(--shared)"></i>shared passage, aligned (${rows.aligned})</span><span><i style="--c:var(--moved)"></i>shared passage at another place in the other text (${rows.count - rows.aligned})</span></div>`;
      html += `<div class="rows" id="pair-rows"><div class="hd">a: <a href="#file/${a}">${esc(pathOf(a))}</a></div><div class="hd">b: <a href="#file/${b}">${esc(pathOf(b))}</a></div>${rows.html}</div>`;
    } else {
      html += `<p>a: <a href="#file/${a}">${esc(pathOf(a))}</a><br>b: <a href="#file/${b}">${esc(pathOf(b))}</a></p>`;
      html += `<p class="note">The texts of this pair are not embedded (passages of ${fmt(D.embed.pairTexts)} of ${fmt(P)} pairs are, at most ${fmt(D.embed.limits.passageCap)}). To compare them, run <span class="kbd">newsclean ${esc(pathOf(a))} ${esc(pathOf(b))} --dry-run --report FILE.html</span>.</p>`;
    }
    box.innerHTML = html;
    reveal('#dup-view');
  }

  // ---- start -----------------------------------------------------------------------------------------------------
  Promise.all([block('nc-index'), inflate('nc-columns')])
    .then(([index, bin]) => {
      D = index;
      const col = {};
      for (const [name, [type, offset, length]] of Object.entries(D.columns)) col[name] = new TYPES[type](bin, offset, length);
      const pick = (prefix) => Object.fromEntries(Object.entries(col).filter(([k]) => k.startsWith(prefix)).map(([k, v]) => [k.slice(prefix.length), v]));
      D.docs = pick('d.');
      D.pairs = pick('p.');
      D.clusters = pick('c.');
      rmOff = D.docs.rmOff;
      rmData = D.docs.rm;
      memOff = D.clusters.off;
      memData = D.clusters.mem;
      N = D.names.length;
      P = D.pairs.a.length;
      nClusters = D.clusters.canon.length;
      D.rules.forEach((r, k) => ruleIndex.set(r[0], k));
      $('#runline').textContent = `${fmt(N)} files · ${fmt(P)} pairs · ${(D.run.elapsedMs / 1000).toFixed(1)} s · newsclean ${D.run.version} · ${D.run.startedAt}`;
      window.addEventListener('hashchange', () => {
        try {
          route();
        } catch (e) {
          fail(e);
        }
      });
      route();
      document.documentElement.dataset.ready = '1';
      window.__ncReady = performance.now() - t0;
    })
    .catch(fail);
}
