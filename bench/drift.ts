import { jensenShannon, psi, summarizeReference } from '../src/plugins/drift/stats/binned.js';
import { ks2 } from '../src/plugins/drift/stats/ks.js';
import { sortedSample } from '../src/plugins/drift/stats/sample.js';
import { wassersteinNormalized } from '../src/plugins/drift/stats/wasserstein.js';
import { mulberry32, normal } from '../src/sim/rng.js';
import { median } from './stats.js';

/**
 * The drift step's statistics for `features` features × `rows` reference rows against a current window of
 * `current` rows, beside its baseline: just sorting the same arrays (the floor any exact method pays).
 */
export const benchDrift = (features: number, rows: number, current: number, repeats: number) => {
  const rnd = mulberry32(7);
  const data = Array.from({ length: features }, () => ({
    ref: Float64Array.from({ length: rows }, () => normal(rnd)),
    cur: Float64Array.from({ length: current }, () => normal(rnd) + 0.05),
  }));
  const full: number[] = [];
  const floor: number[] = [];
  for (let r = 0; r < repeats; r++) {
    let t = performance.now();
    for (const f of data) {
      const ref = summarizeReference(f.ref);
      const cur = sortedSample(f.cur);
      psi(ref, cur);
      ks2(ref.sorted, cur);
      jensenShannon(ref, cur);
      wassersteinNormalized(ref.sorted, ref.sd, cur);
    }
    full.push(performance.now() - t);
    t = performance.now();
    for (const f of data) {
      Float64Array.from(f.ref).sort();
      Float64Array.from(f.cur).sort();
    }
    floor.push(performance.now() - t);
  }
  return {
    features,
    rows,
    current,
    ms: median(full),
    sortMs: median(floor),
    ratio: median(full) / median(floor),
  };
};
