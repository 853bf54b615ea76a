/** The report's style sheet: system fonts only, nothing loaded. */
export const CSS = `
:root{--fg:#1f2328;--muted:#59636e;--line:#d1d9e0;--bg:#fff;--panel:#f6f8fa;--accent:#0969da;--dup:#8250df;--ovl:#0a7f8c;--bad:#cf222e;--ok:#1a7f37;--warn:#9a6700;--shared:#fff1a8;--moved:#d6e8ff;--row:26px}
*{box-sizing:border-box}
html,body{margin:0;padding:0;background:var(--bg);color:var(--fg);font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",Arial,sans-serif}
a{color:var(--accent);text-decoration:none;cursor:pointer}a:hover{text-decoration:underline}
header{position:sticky;top:0;z-index:5;background:var(--bg);border-bottom:1px solid var(--line);display:flex;align-items:center;gap:16px;padding:8px 16px}
header h1{font-size:16px;margin:0}header .run{color:var(--muted);font-size:12px;margin-left:auto;text-align:right}
nav{display:flex;gap:4px}nav a{padding:6px 12px;border-radius:6px;color:var(--fg)}nav a.on{background:var(--panel);font-weight:600;box-shadow:inset 0 -2px 0 var(--accent)}
main{padding:12px 16px 40px}section{display:none}section.on{display:block}
h2{font-size:18px;margin:12px 0 8px}h3{font-size:15px;margin:16px 0 6px}
.note{color:var(--muted);font-size:12px}.bad{color:var(--bad)}.ok{color:var(--ok)}.warn{color:var(--warn)}
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(130px,1fr));gap:8px}
.card{border:1px solid var(--line);border-radius:8px;padding:8px 10px;background:var(--panel)}.card b{display:block;font-size:22px}.card span{color:var(--muted);font-size:12px}
.grid2{display:grid;grid-template-columns:1fr 1fr;gap:16px}@media (max-width:900px){.grid2{grid-template-columns:1fr}}
table.kv{border-collapse:collapse;font-size:13px}table.kv td,table.kv th{border-bottom:1px solid var(--line);padding:3px 10px 3px 0;text-align:left;vertical-align:top}
table.kv th{color:var(--muted);font-weight:500}
details{border:1px solid var(--line);border-radius:6px;margin:4px 0;padding:4px 8px}summary{cursor:pointer}
.list{font-size:13px;margin:4px 0 0;padding:0;list-style:none;max-height:320px;overflow:auto}.list li{padding:2px 0;border-top:1px dashed var(--line)}
.bar-label{font-size:12px;fill:var(--fg)}.bar-value{font-size:11px;fill:var(--muted)}svg .bar{cursor:pointer}svg .bar:hover{opacity:.8}
.filters{display:flex;flex-wrap:wrap;gap:8px;align-items:center;margin:6px 0}
.filters input[type=search],.filters select,.filters input[type=number]{font:inherit;padding:4px 6px;border:1px solid var(--line);border-radius:6px;background:var(--bg)}
.filters input[type=search]{min-width:240px}.count{color:var(--muted);font-size:12px}
.vlist{position:relative;overflow:auto;border:1px solid var(--line);border-radius:6px;height:360px;background:var(--bg)}
.vlist .sizer{position:relative}.vrow{position:absolute;left:0;right:0;height:var(--row);display:flex;align-items:center;gap:8px;padding:0 8px;white-space:nowrap;border-bottom:1px solid #eef1f4;cursor:pointer;font-size:13px}
.vrow:hover{background:#f3f7ff}.vrow.sel{background:#e7f0ff}.vhead{display:flex;gap:8px;padding:4px 8px;font-size:12px;color:var(--muted);border-bottom:1px solid var(--line);background:var(--panel)}
.c-path{flex:1 1 auto;overflow:hidden;text-overflow:ellipsis;min-width:120px}.c-s{flex:0 0 90px}.c-n{flex:0 0 64px;text-align:right;font-variant-numeric:tabular-nums}.c-w{flex:0 0 130px;overflow:hidden;text-overflow:ellipsis}
.badge{display:inline-block;border-radius:10px;padding:0 7px;font-size:11px;line-height:18px;border:1px solid var(--line);background:var(--panel)}
.badge.duplicate{background:#f3e8ff;border-color:#d8b4fe;color:var(--dup)}.badge.overlap{background:#dff7f7;border-color:#9be0e0;color:var(--ovl)}
.badge.failed{background:#ffebe9;border-color:#ffb3ad;color:var(--bad)}.badge.cleaned{background:#dafbe1;border-color:#aceebb;color:var(--ok)}
.viewer{scroll-margin-top:56px;border:1px solid var(--line);border-radius:8px;margin-top:12px;padding:8px 10px;background:var(--bg)}
.viewer h3{margin:14px 0 6px}.viewer .vhdr h3{margin:4px 0}.vhdr{display:flex;flex-wrap:wrap;align-items:center;gap:8px}
.sbs{display:grid;grid-template-columns:1fr 1fr;gap:10px;margin-top:8px}
.pane{border:1px solid var(--line);border-radius:6px;overflow:auto;max-height:560px;background:#fcfcfd}
.pane h4{position:sticky;top:0;margin:0;padding:4px 8px;font-size:12px;background:var(--panel);border-bottom:1px solid var(--line);color:var(--muted)}
.pane pre{margin:0;padding:8px;white-space:pre-wrap;word-break:break-word;font:12.5px/1.5 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
mark.rm{background:var(--c,#fde68a);border-radius:2px;color:inherit;text-decoration:line-through;text-decoration-color:rgba(0,0,0,.35)}
mark.rm.keep{text-decoration:none}
mark.rm .tag{display:inline-block;text-decoration:none;font:600 10px/14px system-ui,sans-serif;background:rgba(0,0,0,.62);color:#fff;border-radius:3px;padding:0 3px;margin-right:3px;vertical-align:1px}
mark.rm.flash,mark.sh.flash{outline:2px solid var(--accent)}
.explain{font-size:12.5px;margin:8px 0 0;padding:0;list-style:none;max-height:260px;overflow:auto;border:1px solid var(--line);border-radius:6px}
.explain li{padding:3px 8px;border-bottom:1px solid #eef1f4;display:flex;gap:8px;align-items:baseline}
.explain .sw{flex:0 0 auto;width:10px;height:10px;border-radius:2px;background:var(--c);display:inline-block}
.explain .act{color:var(--muted);flex:0 0 auto}.explain .txt{flex:1 1 auto;word-break:break-word}
.explain li.loc{cursor:pointer}.explain li.loc:hover{background:#f3f7ff}
.rows{display:grid;grid-template-columns:1fr 1fr;border:1px solid var(--line);border-radius:6px;max-height:620px;overflow:auto;margin-top:8px}
.rows>div{padding:4px 8px;white-space:pre-wrap;word-break:break-word;font:12.5px/1.5 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;border-bottom:1px solid #eef1f4}
.rows>div:nth-child(odd){border-right:1px solid var(--line)}.rows>.hd{position:sticky;top:0;background:var(--panel);font:600 12px system-ui,sans-serif;color:var(--muted);z-index:1}
.rows>.p{background:#fffbe0}
mark.sh{background:var(--shared);border-bottom:2px solid #e3b400;color:inherit}mark.mv{background:var(--moved);border-bottom:2px solid #5b9bf0;color:inherit}
mark .pn{font:600 10px/14px system-ui,sans-serif;background:#6b5600;color:#fff;border-radius:3px;padding:0 3px;margin-right:3px;vertical-align:1px}
mark.mv .pn{background:#1f5fbf}
.legend{display:flex;flex-wrap:wrap;gap:10px;font-size:12px;color:var(--muted);margin-top:6px}.legend span{display:inline-flex;gap:4px;align-items:center}
.legend i{display:inline-block;width:12px;height:12px;border-radius:2px;background:var(--c)}
.hist{display:grid;grid-template-columns:1fr 1fr;gap:12px}@media (max-width:900px){.hist{grid-template-columns:1fr}}
.hist svg .bin{cursor:pointer}.hist svg .bin:hover{opacity:.75}
.axis{font-size:10px;fill:var(--muted)}.thr{stroke:var(--bad);stroke-width:1.5;stroke-dasharray:4 3}.thr-l{font-size:10px;fill:var(--bad)}
#err{display:none;background:#ffebe9;color:var(--bad);border:1px solid #ffb3ad;padding:8px 12px;margin:8px 16px;border-radius:6px}
.pill{font-size:12px;color:var(--muted)}.kbd{font:11px ui-monospace,monospace;border:1px solid var(--line);border-radius:4px;padding:0 4px;background:var(--panel)}
button{font:inherit;font-size:12px;padding:3px 10px;border:1px solid var(--line);border-radius:6px;background:var(--panel);cursor:pointer}button:hover{background:#eaeef2}
`;
