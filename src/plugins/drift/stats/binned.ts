/**
 * The binned statistics behind one import: `analyze.ts` and `bench/drift.ts` import them from here. Each
 * lives in its own module (reference.ts, psi.ts, jensen-shannon.ts).
 */
export { jensenShannon, jensenShannonDistance } from './jensen-shannon.js';
export { EMPTY_BIN_FLOOR, psi, psiFromProportions } from './psi.js';
export {
  binProportions,
  DEFAULT_BINS,
  quantileEdges,
  type ReferenceSummary,
  summarizeReference,
} from './reference.js';
