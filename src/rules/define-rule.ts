/** The shape of a cleaning rule: a small named unit with an id that records everything it removes. */
import type { Document } from 'domhandler';
import type { Block, Format, Removal, Warning } from '../types.js';
import type { MetaCollector } from '../metadata/collector.js';
import type { Settings } from '../settings.js';
import { foldSpaces } from '../text/spaces.js';

export type Stage = 'raw' | 'html' | 'text';

export interface RuleInfo {
  /** Stable id: NC0xx raw text, NC1xx HTML, NC2xx body blocks. */
  id: string;
  /** kebab-case name, also accepted by --disable. */
  name: string;
  stage: Stage;
  tags: readonly string[];
  /** One line for `--list-rules` and the README. */
  description: string;
}

/** What a rule may do besides returning its result: record removals, offer metadata, warn. */
export interface RuleContext {
  readonly format: Format;
  readonly path: string | undefined;
  readonly settings: Settings;
  readonly meta: MetaCollector;
  /** Hashes of this document's lines that are template text of the run (../inbox/templates.ts), when known. */
  readonly templates?: ReadonlySet<number> | undefined;
  /** Records text this rule removed (or changed), with what became of it. */
  removed(text: string, action?: string): void;
  warn(code: string, message: string): void;
}

export interface RawRule extends RuleInfo {
  stage: 'raw';
  /** Formats the rule runs on; all when absent. */
  formats?: readonly Format[];
  apply(text: string, ctx: RuleContext): string;
}
export interface HtmlRule extends RuleInfo {
  stage: 'html';
  formats?: readonly Format[];
  apply(dom: Document, ctx: RuleContext): void;
}
export interface TextRule extends RuleInfo {
  stage: 'text';
  formats?: readonly Format[];
  apply(blocks: Block[], ctx: RuleContext): Block[];
}
export type Rule = RawRule | HtmlRule | TextRule;

export function defineRule<R extends Rule>(rule: R): R {
  if (!/^NC\d{3}$/.test(rule.id)) throw new Error(`rule id ${rule.id} must look like NC123`);
  if (!/^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/.test(rule.name)) throw new Error(`rule name ${rule.name} must be kebab-case`);
  return Object.freeze(rule);
}

/** What every rule's context of one document shares. */
export interface ContextBase {
  format: Format;
  path: string | undefined;
  settings: Settings;
  meta: MetaCollector;
  /** Record removed texts whole (default: shortened to 160 characters for the report). */
  fullText?: boolean;
  templates?: ReadonlySet<number> | undefined;
}

/** A rule's context: stamps the rule's id and name onto what it records (methods shared, nothing copied per rule). */
class Context implements RuleContext {
  readonly format: Format;
  /** Record removed texts whole instead of shortened (the HTML report locates them in the input). */
  private readonly fullText: boolean;
  readonly path: string | undefined;
  readonly settings: Settings;
  readonly meta: MetaCollector;
  readonly templates: ReadonlySet<number> | undefined;
  constructor(
    private readonly rule: RuleInfo,
    base: ContextBase,
    private readonly removals: Removal[],
    private readonly warnings: Warning[],
  ) {
    this.format = base.format;
    this.fullText = base.fullText === true;
    this.path = base.path;
    this.settings = base.settings;
    this.meta = base.meta;
    this.templates = base.templates;
  }
  removed(text: string, action = 'removed'): void {
    const t = foldSpaces(text).trim();
    if (!t) return;
    this.removals.push({ id: this.rule.id, rule: this.rule.name, text: !this.fullText && t.length > 160 ? `${t.slice(0, 157)}…` : t, action });
  }
  warn(code: string, message: string): void {
    this.warnings.push({ code, message: `${this.rule.name}: ${message}` });
  }
}

/** Builds the per-rule context that stamps the rule's id and name onto what it records. */
export function contextFor(
  rule: RuleInfo,
  base: ContextBase,
  removals: Removal[],
  warnings: Warning[],
): RuleContext {
  return new Context(rule, base, removals, warnings);
}
