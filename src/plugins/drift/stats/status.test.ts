import { featureSetDrifted, statusOf, worst } from './status.js';

describe('status', () => {
  it("'up': larger is worse, flagged at ≥ the threshold (PSI 0.1 / 0.25)", () => {
    expect(statusOf(0.05, 0.1, 0.25)).toBe('ok');
    expect(statusOf(0.1, 0.1, 0.25)).toBe('warn');
    expect(statusOf(0.2499, 0.1, 0.25)).toBe('warn');
    expect(statusOf(0.25, 0.1, 0.25)).toBe('alert');
  });

  it("'down': smaller is worse, flagged below the threshold (KS warn p < 0.05, alert p < 0.01)", () => {
    expect(statusOf(0.05, 0.05, 0.01, 'down')).toBe('ok');
    expect(statusOf(0.0499, 0.05, 0.01, 'down')).toBe('warn');
    expect(statusOf(0.01, 0.05, 0.01, 'down')).toBe('warn');
    expect(statusOf(0.0099, 0.05, 0.01, 'down')).toBe('alert');
    expect(statusOf(-2, 0, -1, 'down')).toBe('alert');
  });

  it('treats null (not computable yet) as ok, and refuses NaN and inverted thresholds', () => {
    expect(statusOf(null, 0.1, 0.25)).toBe('ok');
    expect(() => statusOf(Number.NaN, 0.1, 0.25, 'up', 'psi')).toThrow(/^psi: the value is NaN/);
    expect(() => statusOf(0.1, 0.25, 0.1, 'up', 'psi')).toThrow(
      /alert threshold 0.1 is less severe than warn 0.25/,
    );
    expect(() => statusOf(0.1, 0.01, 0.05, 'down')).toThrow(/less severe/);
    expect(() => statusOf(0.1, Number.NaN, 0.25)).toThrow(/warn threshold is NaN/);
  });

  it('worst of several statuses', () => {
    expect(worst([])).toBe('ok');
    expect(worst(['ok', 'warn'])).toBe('warn');
    expect(worst(['warn', 'alert', 'ok'])).toBe('alert');
  });

  it('the feature set drifted when at least half of its features drift (Evidently drift_share 0.5)', () => {
    expect(featureSetDrifted(['ok', 'warn', 'alert', 'ok'])).toBe(true);
    expect(featureSetDrifted(['ok', 'ok', 'alert'])).toBe(false);
    expect(featureSetDrifted(['ok', 'alert'])).toBe(true);
    expect(featureSetDrifted([])).toBe(false);
    expect(featureSetDrifted(['ok', 'warn', 'ok', 'ok'], 0.25)).toBe(true);
    expect(() => featureSetDrifted(['ok'], 0)).toThrow(/share must lie in \(0, 1\]/);
  });
});
