import {
  ADWIN_DEFAULTS,
  type AdwinParams,
  type AdwinState,
  adwinInit,
  adwinStep,
  isAdwinState,
} from './adwin.js';
import {
  CUSUM_DEFAULTS,
  type CusumParams,
  type CusumState,
  cusumInit,
  cusumStep,
  isCusumState,
} from './cusum.js';
import type { DetectorStep } from './detector-step.js';
import {
  isPageHinkleyState,
  PAGE_HINKLEY_DEFAULTS,
  type PageHinkleyParams,
  type PageHinkleyState,
  pageHinkleyInit,
  pageHinkleyStep,
} from './page-hinkley.js';

export * from './adwin.js';
export * from './cusum.js';
export * from './detector-step.js';
export * from './page-hinkley.js';

/** One streaming detector behind a common shape, so a caller can keep them in a table keyed by kind. */
export interface Detector<S, P> {
  defaults: Readonly<P>;
  init: (p?: P) => S;
  step: (s: S, x: number, p?: P, stream?: string) => DetectorStep<S>;
  /** Whether a persisted value is a state this version can continue; if not, start again from `init`. */
  isState: (x: unknown) => x is S;
}

/** The three detectors by kind, with DESIGN.md §5 defaults. */
export const DETECTORS: {
  adwin: Detector<AdwinState, AdwinParams>;
  'page-hinkley': Detector<PageHinkleyState, PageHinkleyParams>;
  cusum: Detector<CusumState, CusumParams>;
} = {
  adwin: { defaults: ADWIN_DEFAULTS, init: adwinInit, step: adwinStep, isState: isAdwinState },
  'page-hinkley': {
    defaults: PAGE_HINKLEY_DEFAULTS,
    init: pageHinkleyInit,
    step: pageHinkleyStep,
    isState: isPageHinkleyState,
  },
  cusum: { defaults: CUSUM_DEFAULTS, init: cusumInit, step: cusumStep, isState: isCusumState },
};
