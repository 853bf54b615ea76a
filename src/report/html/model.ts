/**
 * The report's data: the run report and the embedded texts made into compact, column-wise JSON blocks. Pure.
 *
 *   index     always parsed when the page opens: run settings, summary, rules, file names and folders, clusters'
 *             reasons for their canonical members, totals and top files per rule
 *   columns   also decoded when the page opens, but binary (typed arrays, no parsing): per document its folder,
 *             status, format, language, words, error, cluster, removals per rule; per pair its documents, Jaccard
 *             and containment ×10⁴, verdict, shared words; per cluster (largest first) its canonical member and members
 *   explain   chunks of EXPLAIN_CHUNK documents: the `--explain` list of each (rule, action, text) with warnings and
 *             the error message; decoded when a document is opened
 *   texts     chunks of TEXT_CHUNK documents: input, Markdown, where each removal is in the input
 *   passages  the shared passages of the pairs with texts, as character ranges in the two bodies
 */
import type { DocumentReport, RunReport } from '../../run/index.js';
import { rankOf } from '../../run/index.js';
import type { Settings } from '../../settings.js';
import type { Removal } from '../../types.js';
import { defaultCanonicalCompare, type RankedDoc, type ResolvedDedupOptions } from '../../dedup/index.js';
import { SPREAD_COVERAGE } from '../../dedup/verify.js';
import { rules } from '../../rules/index.js';
import type { ReportTexts } from './sources.js';

export const EXPLAIN_CHUNK = 256;
export const TEXT_CHUNK = 8;

/** How the run was made, for the summary. */
export interface RunInfo {
  version: string;
  /** ISO time the run started. */
  startedAt: string;
  elapsedMs: number;
  /** The command line (arguments after the program name). */
  argv: string[];
  inputs: string[];
  out: string;
  dryRun: boolean;
  dropDuplicates: boolean;
  threads: number;
  settings: Settings;
  /** The near-duplicate options in force, or null when the stage was off. */
  dedup: ResolvedDedupOptions | null;
}

/** A column of numbers, one value per document, pair or cluster (or a flat list with its offsets). */
export type Column = Uint8Array | Uint16Array | Uint32Array | Int16Array | Int32Array;

export interface ReportModel {
  index: Record<string, unknown>;
  /** Written as one binary block; the index says where each column is. */
  columns: Record<string, Column>;
  explain: unknown[][];
  texts: unknown[][];
  passages: Record<number, number[]>;
}

class Interner {
  readonly list: string[] = [];
  private readonly map = new Map<string, number>();
  id(s: string): number {
    let i = this.map.get(s);
    if (i === undefined) {
      i = this.list.length;
      this.list.push(s);
      this.map.set(s, i);
    }
    return i;
  }
}

const STATUSES = ['cleaned', 'failed', 'dropped-duplicate', 'skipped'] as const;

/** Why the canonical member of a cluster beat the next best one: [criterion, its value, the next best's value]. */
export type CanonicalWhy = [criterion: 'metadata' | 'date' | 'length' | 'path' | 'chosen', canonical: string | number | null, next: string | number | null];

function ranked(d: DocumentReport): RankedDoc {
  const r = rankOf(d.metadata);
  const t = r.date === undefined ? Number.NaN : Date.parse(r.date);
  return { id: d.input, completeness: r.completeness, date: Number.isNaN(t) ? Number.NaN : t, length: r.length };
}

/** The first criterion of dedup/cluster.ts on which the canonical member beats every other member. */
export function canonicalWhy(canonical: DocumentReport, others: DocumentReport[]): CanonicalWhy {
  if (others.length === 0) return ['chosen', null, null];
  const c = ranked(canonical);
  const rest = others.map(ranked).sort(defaultCanonicalCompare);
  const next = rest[0]!;
  const nextDoc = others.find((d) => d.input === next.id)!;
  if (defaultCanonicalCompare(c, next) > 0) return ['chosen', null, null];
  if (c.completeness !== next.completeness) return ['metadata', c.completeness, next.completeness];
  if (Number.isNaN(c.date) !== Number.isNaN(next.date) || c.date !== next.date) {
    if (!(Number.isNaN(c.date) && Number.isNaN(next.date))) return ['date', canonical.metadata.date ?? null, nextDoc.metadata.date ?? null];
  }
  if (c.length !== next.length) return ['length', c.length, next.length];
  return ['path', canonical.input, next.id];
}

const scaled = (x: number): number => Math.round(x * 10_000);

export function buildModel(report: RunReport, run: RunInfo, texts: ReportTexts): ReportModel {
  // the documents may be read back from a temporary file, each read a new copy: read as few times as can be
  const docs = report.documents;
  const indexOf = new Map<string, number>();
  const failed = new Uint8Array(docs.length);
  docs.forEach((d, i) => {
    indexOf.set(d.input, i);
    if (d.error) failed[i] = 1;
  });

  // rules: the registry's, then any id found in the removals that the registry does not know
  const ruleIds = new Interner();
  const ruleRows: Array<[string, string, string, string]> = [];
  for (const r of rules) {
    ruleIds.id(r.id);
    ruleRows.push([r.id, r.name, r.stage, r.description]);
  }
  const ruleOf = (r: Removal): number => {
    const before = ruleIds.list.length;
    const i = ruleIds.id(r.id);
    if (i === before) ruleRows.push([r.id, r.rule, '', '']);
    return i;
  };
  const actions = new Interner();
  const formats = new Interner();
  const langs = new Interner();
  const errors = new Interner();

  // clusters, largest first (then by id, as the run sorts them)
  const order = report.clusters.map((_, i) => i).sort((x, y) => report.clusters[y]!.members.length - report.clusters[x]!.members.length || x - y);
  const clusterOfDoc = new Int32Array(docs.length).fill(-1);
  const clusterWhy: CanonicalWhy[] = [];
  const clusterCanon = new Int32Array(order.length);
  const clusterOff = new Uint32Array(order.length + 1);
  const clusterMembers: number[] = [];
  order.forEach((c, rank) => {
    const cl = report.clusters[c]!;
    const members = cl.members.map((m) => indexOf.get(m)).filter((i): i is number => i !== undefined);
    for (const m of members) clusterOfDoc[m] = rank;
    const canon = indexOf.get(cl.canonical) ?? members[0] ?? -1;
    clusterCanon[rank] = canon;
    clusterMembers.push(...members);
    clusterOff[rank + 1] = clusterMembers.length;
    clusterWhy.push(canon >= 0 ? canonicalWhy(docs[canon]!, members.filter((m) => m !== canon).map((m) => docs[m]!)) : ['chosen', null, null]);
  });

  // documents, column-wise: paths as a folder (from a table) and a name; numbers in typed arrays
  const n = docs.length;
  const dirs = new Interner();
  const col = {
    dir: new Uint32Array(n),
    st: new Uint8Array(n),
    fmt: new Int16Array(n),
    lang: new Int16Array(n),
    words: new Uint32Array(n),
    err: new Int16Array(n),
    cl: clusterOfDoc,
    rev: new Uint8Array(n),
    ex: new Int32Array(n),
    tx: new Int32Array(n),
    rmOff: new Uint32Array(n + 1),
  };
  const names: string[] = [];
  const rmFlat: number[] = [];
  const ruleTotals = new Map<number, [removals: number, files: number, chars: number]>();
  const explain: unknown[][] = [];
  const textChunks: unknown[][] = [];
  let explainChars = 0;
  const textDocs = [...texts.docs.keys()].sort((a, b) => a - b);
  const textId = new Map<number, number>();
  textDocs.forEach((d, k) => textId.set(d, k));
  // the documents with texts first, then the failed ones (their error messages), then the others in input order
  const positions = Array.from({ length: n }, (_, i) => i);
  const explainOrder = [...textDocs, ...positions.filter((i) => !textId.has(i) && failed[i]), ...positions.filter((i) => !textId.has(i) && !failed[i])];
  const explainId = new Int32Array(docs.length).fill(-1);
  let nextExplain = 0;
  const encodeRemovals = (list: readonly Removal[]): Array<[number, number, string]> => list.map((r) => [ruleOf(r), actions.id(r.action), r.text]);
  for (const i of explainOrder) {
    const d = docs[i]!;
    if (d.removed.length === 0 && d.warnings.length === 0 && !d.error) continue;
    const size = d.removed.reduce((n, r) => n + r.text.length + r.action.length + 16, 0) + d.warnings.reduce((n, w) => n + w.message.length + 16, 0) + (d.error?.message.length ?? 0);
    if (!textId.has(i) && explainChars + size > texts.limits.explainBudget) continue;
    explainChars += size;
    const e = nextExplain++;
    explainId[i] = e;
    const chunk = Math.floor(e / EXPLAIN_CHUNK);
    (explain[chunk] ??= []).push([encodeRemovals(d.removed), d.warnings.map((w) => [w.code, w.message]), d.error ? d.error.message : null]);
  }
  docs.forEach((d, i) => {
    const cut = d.input.lastIndexOf('/') + 1;
    col.dir[i] = dirs.id(d.input.slice(0, cut));
    names.push(d.input.slice(cut));
    col.st[i] = STATUSES.indexOf(d.status);
    col.fmt[i] = d.format ? formats.id(d.format) : -1;
    col.lang[i] = d.metadata.language ? langs.id(d.metadata.language) : -1;
    col.words[i] = d.metadata.words ?? 0;
    col.err[i] = d.error ? errors.id(d.error.code) : -1;
    col.rev[i] = d.metadata.needs_review ? 1 : 0;
    col.ex[i] = explainId[i]!;
    col.tx[i] = textId.get(i) ?? -1;
    if (d.removed.length > 0) {
      const counts = new Map<number, [number, number]>();
      for (const r of d.removed) {
        const k = ruleOf(r);
        const c = counts.get(k) ?? [0, 0];
        c[0]++;
        c[1] += r.text.length;
        counts.set(k, c);
      }
      for (const [k, [count, chars]] of [...counts].sort((x, y) => x[0] - y[0])) {
        rmFlat.push(k, count);
        const t = ruleTotals.get(k) ?? [0, 0, 0];
        t[0] += count;
        t[1]++;
        t[2] += chars;
        ruleTotals.set(k, t);
      }
    }
    col.rmOff[i + 1] = rmFlat.length;
  });

  for (const d of textDocs) {
    const t = texts.docs.get(d)!;
    const k = textId.get(d)!;
    const marks = t.marks.flatMap(([s, e, r]) => [s, e, r]);
    (textChunks[Math.floor(k / TEXT_CHUNK)] ??= []).push([t.input, t.inputCut, t.markdown, t.bodyStart, encodeRemovals(t.removed), marks]);
  }

  // pairs, column-wise
  const np = report.pairs.length;
  const pc = { a: new Uint32Array(np), b: new Uint32Array(np), j: new Uint16Array(np), c: new Uint16Array(np), k: new Uint8Array(np), s: new Uint32Array(np), x: new Uint8Array(np) };
  report.pairs.forEach((p, i) => {
    pc.a[i] = indexOf.get(p.a)!;
    pc.b[i] = indexOf.get(p.b)!;
    pc.j[i] = scaled(p.jaccard);
    pc.c[i] = scaled(p.containment);
    pc.k[i] = p.kind === 'duplicate' ? 0 : 1;
    pc.s[i] = p.sharedTokens;
    pc.x[i] = p.contained === 'a' ? 1 : p.contained === 'b' ? 2 : 0;
  });
  const passages: Record<number, number[]> = {};
  for (const [p, ranges] of texts.pairs) passages[p] = ranges;

  const tops: Record<number, Array<[number, number, number]>> = {};
  for (const [id, top] of texts.tops) tops[ruleIds.id(id)] = top.rows;

  const o = run.dedup;
  const index = {
    v: 1,
    run: {
      version: run.version,
      startedAt: run.startedAt,
      elapsedMs: Math.round(run.elapsedMs),
      argv: run.argv,
      inputs: run.inputs,
      out: run.out,
      dryRun: run.dryRun,
      dropDuplicates: run.dropDuplicates,
      threads: run.threads,
      interrupted: report.interrupted,
      settings: { disable: run.settings.disable, maxFileSize: run.settings.maxFileSize, maxDepth: run.settings.maxDepth, timeoutMs: run.settings.timeoutMs },
      dedup: o
        ? {
            threshold: o.jaccardThreshold,
            containment: o.containmentThreshold,
            coverage: SPREAD_COVERAGE,
            minShared: o.minSharedTokens,
            minPassage: o.minPassageTokens,
            shingleSize: o.shingleSize,
            numPerm: o.numPerm,
            bands: o.lshBands,
            rows: o.lshRows,
          }
        : null,
    },
    summary: report.summary,
    rules: ruleRows,
    actions: actions.list,
    formats: formats.list,
    langs: langs.list,
    errors: errors.list,
    statuses: STATUSES,
    dirs: dirs.list,
    names,
    ruleTotals: [...ruleTotals].sort((x, y) => x[0] - y[0]).map(([k, t]) => [k, ...t]),
    tops,
    skipped: report.skipped.map((s) => [s.path, s.reason]),
    clusterWhy,
    embed: {
      limits: texts.limits,
      textDocs: textDocs.length,
      textChars: texts.textChars,
      explainDocs: nextExplain,
      explainChars,
      explainChunk: EXPLAIN_CHUNK,
      textChunk: TEXT_CHUNK,
      pairTexts: texts.pairs.size,
    },
  };
  const columns: Record<string, Column> = {
    ...Object.fromEntries(Object.entries(col).map(([k, v]) => [`d.${k}`, v])),
    'd.rm': Uint32Array.from(rmFlat),
    ...Object.fromEntries(Object.entries(pc).map(([k, v]) => [`p.${k}`, v])),
    'c.canon': clusterCanon,
    'c.off': clusterOff,
    'c.mem': Uint32Array.from(clusterMembers),
  };
  return { index, columns, explain, texts: textChunks, passages };
}
