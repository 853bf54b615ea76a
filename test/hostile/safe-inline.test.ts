/**
 * The last guard of the render stage, safeInline, on its own: over any text made of the characters and words that
 * make Markdown syntax (tag openers, brackets, link targets with unsafe schemes, code span fences, backslashes),
 * what it returns renders with no HTML element and no unsafe link, and it is a fixed point.
 */
import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { safeInline } from '../../src/markdown/safe.js';
import { unsafeParts } from '../helpers/commonmark.js';

const seed = process.env.NEWSCLEAN_PROPERTY_SEED ? Number(process.env.NEWSCLEAN_PROPERTY_SEED) : process.env.CI ? 20261121 : undefined;
const scale = Number(process.env.NEWSCLEAN_PROPERTY_RUNS ?? 1);
const opts = (numRuns: number) => ({ numRuns: Math.max(1, Math.round(numRuns * scale)), ...(seed !== undefined ? { seed } : {}) });

describe('safeInline', () => {
  const piece = fc.constantFrom(
    '<', '>', '<b>', '</p>', '<!--', '<?', '<!X', '`', '``', '\\', '[', ']', '](', '(', ')', '!', '![', ']:', '&lt;', '&#58;', ':',
    'javascript:', 'JaVaScRiPt:', 'data:', 'http://x.org/', 'www.x.org', 'mailto:', 'a@b.co', ' ', '\n', '\n\n', '\t', 'x', 'word', '*', '_', '#', '-', '1.', '|', '"', "'",
  );
  const text = fc.array(piece, { maxLength: 40 }).map((p) => p.join(''));

  it('is a fixed point where an escaped bracket moves where the first label of a line ends', () => {
    for (const t of ['[](]:', '[](javascript:x)]: y', ' [a](]: <b>', 'x\n[](]:']) {
      const once = safeInline(t);
      expect(safeInline(once)).toBe(once);
    }
  });

  test.prop([text], opts(400))('is safe on its own, and a fixed point', (t) => {
    const once = safeInline(t);
    expect(unsafeParts(once.replace(/\n/g, ' '))).toEqual([]);
    expect(safeInline(once)).toBe(once);
  });
});
