import { existsSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createSketcher, SketchIndex } from '../../src/dedup/index.js';
import { corpus } from './helpers.js';

const { docs } = corpus(400, 7);
const openFds = (): number => readdirSync('/proc/self/fd').length;
const linux = existsSync('/proc/self/fd');

describe('band keys and fingerprints in a temporary file (spillFeatures)', () => {
  it('finds the same candidates as an index that keeps them in memory', () => {
    const build = (spillFeatures: boolean) => {
      const index = new SketchIndex({}, { spillFeatures });
      const sk = createSketcher(index.options);
      for (const d of docs) index.add(d.id, sk.sketch(d.text));
      return index.candidates();
    };
    const kept = build(false);
    const spilled = build(true);
    expect(kept.a.length).toBeGreaterThan(100);
    for (const k of ['a', 'b', 'via', 'sharedFingerprints', 'commonFingerprints', 'tokens'] as const) expect([...spilled[k]]).toEqual([...kept[k]]);
    expect(spilled.stats).toEqual(kept.stats);
  });

  it.runIf(linux)('holds the values in a file until the candidates are found, and lets it go then or on close()', () => {
    const before = openFds();
    const index = new SketchIndex({}, { spillFeatures: true });
    const sk = createSketcher(index.options);
    for (const d of docs.slice(0, 50)) index.add(d.id, sk.sketch(d.text));
    expect(openFds()).toBe(before + 2); // band keys, fingerprints
    index.candidates();
    expect(openFds()).toBe(before);
    const unused = new SketchIndex({}, { spillFeatures: true });
    expect(openFds()).toBe(before + 2);
    unused.close();
    unused.close();
    expect(openFds()).toBe(before);
  });
});
