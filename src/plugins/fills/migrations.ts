/** Append-only: never edit a shipped entry, add a new one. */
export const fillsMigrations: readonly string[] = [
  `CREATE TABLE orders (
     seq INTEGER PRIMARY KEY AUTOINCREMENT,
     order_ref TEXT NOT NULL UNIQUE,
     cycle_id TEXT NOT NULL,
     symbol TEXT NOT NULL,
     sec_type TEXT NOT NULL,
     currency TEXT NOT NULL,
     multiplier REAL NOT NULL,
     side TEXT NOT NULL CHECK (side IN ('BUY', 'SELL')),
     quantity REAL NOT NULL,
     order_type TEXT NOT NULL,
     limit_price REAL,
     arrival_price REAL NOT NULL,
     predicted_slippage_bps REAL NOT NULL,
     decided_at TEXT NOT NULL,
     submitted_at TEXT,
     acked_at TEXT,
     done_at TEXT,
     broker_order_id INTEGER,
     perm_id INTEGER,
     status TEXT NOT NULL,
     filled_quantity REAL NOT NULL DEFAULT 0,
     avg_fill_price REAL,
     reject_reason TEXT
   );
   CREATE INDEX orders_cycle ON orders (cycle_id);
   CREATE INDEX orders_symbol ON orders (symbol, seq);
   CREATE INDEX orders_broker_id ON orders (broker_order_id);

   CREATE TABLE executions (
     seq INTEGER PRIMARY KEY AUTOINCREMENT,
     exec_id TEXT NOT NULL UNIQUE,
     order_ref TEXT NOT NULL,
     cycle_id TEXT NOT NULL,
     symbol TEXT NOT NULL,
     side TEXT NOT NULL CHECK (side IN ('BUY', 'SELL')),
     quantity REAL NOT NULL,
     price REAL NOT NULL,
     time TEXT NOT NULL,
     exchange TEXT NOT NULL,
     broker_order_id INTEGER,
     perm_id INTEGER,
     commission REAL,
     commission_currency TEXT,
     realized_pnl REAL,
     commission_at TEXT
   );
   CREATE INDEX executions_time ON executions (time, seq);
   CREATE INDEX executions_symbol_time ON executions (symbol, time, seq);
   CREATE INDEX executions_order ON executions (order_ref);
   CREATE INDEX executions_cycle ON executions (cycle_id);

   -- IB may report a commission before its execution: it waits here and is applied when the execution lands.
   CREATE TABLE pending_commissions (
     exec_id TEXT PRIMARY KEY,
     commission REAL NOT NULL,
     currency TEXT NOT NULL,
     realized_pnl REAL,
     at TEXT NOT NULL
   ) WITHOUT ROWID;

   CREATE TABLE positions (
     cycle_id TEXT NOT NULL,
     trading_date TEXT NOT NULL,
     symbol TEXT NOT NULL,
     sec_type TEXT NOT NULL,
     quantity REAL NOT NULL,
     avg_cost REAL NOT NULL,
     multiplier REAL NOT NULL,
     market_price REAL,
     market_value REAL,
     unrealized_pnl REAL,
     PRIMARY KEY (cycle_id, symbol)
   ) WITHOUT ROWID;

   CREATE TABLE equity (
     cycle_id TEXT PRIMARY KEY,
     trading_date TEXT NOT NULL,
     at TEXT NOT NULL,
     net_liquidation REAL NOT NULL,
     cash REAL NOT NULL,
     daily_pnl REAL,
     currency TEXT NOT NULL
   ) WITHOUT ROWID;
   CREATE INDEX equity_date ON equity (trading_date);`,
  // When hydra received each execution (its own clock), for latency; older rows keep null.
  'ALTER TABLE executions ADD COLUMN received_at TEXT;',
];
