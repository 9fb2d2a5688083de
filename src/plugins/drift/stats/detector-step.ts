/** What a streaming detector's pure step returns: the next state (plain JSON) and whether it alarmed. */
export interface DetectorStep<S> {
  state: S;
  alarm: boolean;
  /** Which way the mean moved, when `alarm`; otherwise null. */
  direction: 'up' | 'down' | null;
}

/** Which changes a one-statistic-per-side detector watches. */
export type DetectorMode = 'up' | 'down' | 'both';

export const DETECTOR_MODES: readonly DetectorMode[] = ['up', 'down', 'both'];
