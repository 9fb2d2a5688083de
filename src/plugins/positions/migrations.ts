/** Append-only: never edit a shipped entry, add a new one. */
export const positionsMigrations: readonly string[] = [
  `-- The book at the end of each cycle. Greeks per unit as IB sent them; NULL = IB sent none (never 0).
   CREATE TABLE book_positions (
     cycle_id TEXT NOT NULL,
     trading_date TEXT NOT NULL,
     at TEXT NOT NULL,
     position_key TEXT NOT NULL,
     symbol TEXT NOT NULL,
     sec_type TEXT NOT NULL,
     con_id INTEGER,
     right TEXT,
     strike REAL,
     expiry TEXT,
     multiplier REAL NOT NULL,
     quantity REAL NOT NULL,
     avg_cost REAL NOT NULL,
     market_price REAL,
     underlying_price REAL,
     delta REAL,
     gamma REAL,
     vega REAL,
     theta REAL,
     implied_vol REAL,
     PRIMARY KEY (cycle_id, position_key)
   ) WITHOUT ROWID;
   CREATE INDEX book_positions_at ON book_positions (at);

   -- One row per cycle that reported its book, so "the book as of" is one index lookup.
   CREATE TABLE book_snapshots (
     cycle_id TEXT PRIMARY KEY,
     trading_date TEXT NOT NULL,
     at TEXT NOT NULL,
     positions INTEGER NOT NULL
   ) WITHOUT ROWID;
   CREATE INDEX book_snapshots_at ON book_snapshots (at);`,
];
