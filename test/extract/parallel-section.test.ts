// The block feature `parallel_to_largest` (src/extract/model.ts): a block whose ancestor is a sibling of the largest
// block's ancestor at the same level, with the same tag and class, lies in a parallel section (a how-to's next step).
import { describe, expect, it } from 'vitest';
import { parseDocument } from 'htmlparser2';
import { analyze } from '../../src/extract/analyze.js';
import { blockFeatures, FEATURES, N_FEATURES } from '../../src/extract/model.js';

const LONG = 'Glass cloche terrariums are appealing to the eye, and they preserve a bit of nature in your home. '.repeat(6);
const page = `<html><body><main>
<h1>How to Build a Terrarium</h1>
<div class="mod step"><div class="content lead"><p>${LONG}</p></div></div>
<div class="related box"><div class="content"><p>Other people are reading this story about plants.</p></div></div>
<div class="mod step"><div class="content"><span>Step 1</span><p>Measure the cloche and cut the foam a little smaller.</p></div></div>
<div class="mod step"><div class="content"><span>Step 2</span><p>Insert your plant into the hole.</p></div></div>
</main></body></html>`;

function featureOf(html: string, text: string): number {
  const a = analyze(parseDocument(html));
  const { blocks, x } = blockFeatures(a, -1);
  const j = FEATURES.indexOf('parallel_to_largest' as (typeof FEATURES)[number]);
  expect(j).toBeGreaterThanOrEqual(0);
  for (let k = 0; k < blocks.length; k++) {
    const el = a.els[blocks[k]!]!;
    const own = el.children.map((c) => ('data' in c ? String(c.data) : '')).join('');
    if (own.includes(text)) return x[k * N_FEATURES + j]!;
  }
  throw new Error(`no block holds ${text}`);
}

describe('a block in a section parallel to the largest block', () => {
  it('is marked in a sibling section of the same tag and class', () => {
    expect(featureOf(page, 'Insert your plant')).toBe(1);
    expect(featureOf(page, 'Measure the cloche')).toBe(1);
  });
  it('is not marked in a sibling section of another class, nor in the largest block itself', () => {
    expect(featureOf(page, 'Other people are reading')).toBe(0);
    expect(featureOf(page, 'Glass cloche terrariums')).toBe(0);
  });
});
