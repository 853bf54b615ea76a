import { existsSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createSketcher, SketchIndex } from '../../src/dedup/index.js';
import { SpilledU32 } from '../../src/dedup/feature-spill.js';
import { corpus } from './helpers.js';

const { docs } = corpus(400, 7);
const openFds = (): number => readdirSync('/proc/self/fd').length;
const linux = existsSync('/proc/self/fd');

describe('band keys and fingerprints in a temporary file (spillFeatures)', () => {
  it('gives back every value in order, across write buffers and chunks', () => {
    const s = new SpilledU32();
    const n = (1 << 20) + (1 << 18) + 12_345; // more than a chunk, several write buffers, a ragged end
    const values = new Uint32Array(n);
    for (let i = 0; i < n; i++) values[i] = Math.imul(i + 1, 2654435761) >>> 0;
    s.push(values[0]!);
    for (let at = 1; at < n; at += 7_777) s.pushAll(values.subarray(at, Math.min(n, at + 7_777)));
    expect(s.length).toBe(n);
    const back = s.load();
    expect(back.length).toBe(n);
    let same = 0;
    for (let i = 0; i < n; i++) if (back.get(i) === values[i]) same++;
    expect(same).toBe(n);
    expect(() => s.pushAll(values.subarray(0, 1))).toThrow(/after it was closed/);
  });

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
