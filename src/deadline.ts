/**
 * The time budget of the document being cleaned (--timeout). In a worker thread an overrun is stopped from
 * outside; cleaning in the calling thread (library mode, `--threads 0`) can only stop itself, so every stage looks
 * at the clock as it goes: between rules, every few thousand lines, nodes or blocks, between chunks of HTML fed to
 * the parser. Cleaning is synchronous, so one budget at a time is enough.
 */
import { InputError } from './errors.js';

let until = Infinity;
let budgetMs = 0;
let ticks = 0;

/** Starts the budget of one document; `endBudget` must follow (in a finally). */
export function startBudget(ms: number): void {
  until = Date.now() + ms;
  budgetMs = ms;
  ticks = 0;
}

export function endBudget(): void {
  until = Infinity;
}

/** Throws InputError('timeout') once the budget is spent. */
export function checkBudget(): void {
  if (until !== Infinity && Date.now() > until) throw new InputError('timeout', `cleaning took longer than ${budgetMs} ms (--timeout)`);
}

/** For hot loops: looks at the clock once every 4,096 calls. */
export function tick(): void {
  if ((++ticks & 4095) === 0) checkBudget();
}
