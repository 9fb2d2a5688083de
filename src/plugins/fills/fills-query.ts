/** Which of a fills page's optional conditions are set. */
export interface FillsPageShape {
  symbol: boolean;
  side: boolean;
  cycleId: boolean;
  from: boolean;
  to: boolean;
  after: boolean;
}

/**
 * The WHERE of a fills page with only the conditions that are set. One catch-all statement
 * (`@symbol IS NULL OR e.symbol = @symbol`, ...) cannot use an index SQLite has to choose before it sees the
 * values: on a million fills it walked all of executions_time (48 ms) where executions_symbol_time answers
 * in 0.6 ms. The keyset cursor is a row-value comparison so it can seek on (time, seq) too.
 */
export const fillsPageWhere = (s: FillsPageShape): string => {
  const c = [
    s.symbol && 'e.symbol = @symbol',
    s.side && 'e.side = @side',
    s.cycleId && 'e.cycle_id = @cycleId',
    s.from && 'e.time >= @from',
    s.to && 'e.time < @to',
    s.after && '(e.time, e.seq) < (@afterTime, @afterSeq)',
  ].filter((x): x is string => typeof x === 'string');
  return c.length > 0 ? `WHERE ${c.join(' AND ')}` : '';
};

export const shapeKey = (s: FillsPageShape): string =>
  (['symbol', 'side', 'cycleId', 'from', 'to', 'after'] as const).map((k) => (s[k] ? '1' : '0')).join('');
