/**
 * Ids of numbered documents, made when asked for. An index told where its documents' ids can be had (`idOf`, the
 * `SketchIndex` option) keeps none of them: a run's documents are numbered, and their ids (a container's name and a
 * record's key: ~100 bytes each) are read back from the run's packed sources when a verifying task, a report entry or a
 * cluster needs them. What needs their order — a pair's orientation, the pairs' and the clusters' order, a cluster's
 * name — uses each document's rank among the ids (`idRanks`), sorted once.
 */

/** A read-only array of `n` entries, entry `x` made by `at(x)` when it is asked for (a new value each time). */
export function lazyArray<T>(n: number, at: (x: number) => T): T[] {
  const index = (p: string | symbol): number => {
    if (typeof p !== 'string') return -1;
    const k = Number(p);
    return Number.isInteger(k) && k >= 0 && k < n && String(k) === p ? k : -1;
  };
  const target: T[] = [];
  return new Proxy(target, {
    get(t, p, receiver) {
      if (p === 'length') return n;
      const k = index(p);
      return k >= 0 ? at(k) : Reflect.get(t, p, receiver);
    },
    has(t, p) {
      return index(p) >= 0 || Reflect.has(t, p);
    },
    set() {
      return false;
    },
    getOwnPropertyDescriptor(t, p) {
      const k = index(p);
      return k >= 0 ? { value: at(k), writable: false, enumerable: true, configurable: true } : Reflect.getOwnPropertyDescriptor(t, p);
    },
    ownKeys(t) {
      return [...Array.from({ length: n }, (_, k) => String(k)), ...Reflect.ownKeys(t)];
    },
  });
}

/**
 * Each document's place among the ids of documents 0..n-1 in code-unit order (as `<` compares strings): `rank[x] <
 * rank[y]` exactly when `idOf(x) < idOf(y)`. The ids must be unique (an error names one that is not). The ids are made
 * once each, for the sort, and let go.
 */
export function idRanks(n: number, idOf: (x: number) => string): Uint32Array {
  const ids = new Array<string>(n);
  for (let x = 0; x < n; x++) ids[x] = idOf(x);
  const order = new Uint32Array(n);
  for (let x = 0; x < n; x++) order[x] = x;
  order.sort((x, y) => {
    const a = ids[x]!;
    const b = ids[y]!;
    return a < b ? -1 : a > b ? 1 : 0;
  });
  const rank = new Uint32Array(n);
  for (let r = 0; r < n; r++) {
    if (r > 0 && ids[order[r]!] === ids[order[r - 1]!]) throw new Error(`duplicate document id ${JSON.stringify(ids[order[r]!])}`);
    rank[order[r]!] = r;
  }
  return rank;
}
