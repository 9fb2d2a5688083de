import type { Contract, Order } from '@stoqey/ib';
import { BarSizeSetting, OrderAction, OrderType, SecType, WhatToShow } from '@stoqey/ib';
import { encodeFrame } from '../../src/sim/codec.js';
import { startSimulator } from '../../src/sim/index.js';
import { frames, rawClient, tokens, waitFor } from './helpers.js';

const SV = 193;
const AAPL: Contract = { symbol: 'AAPL', secType: SecType.STK, exchange: 'SMART', currency: 'USD' };
const ILLQ: Contract = { ...AAPL, symbol: 'ILLQ' };

/** A scripted session, the requests as @stoqey/ib encodes them; returns every byte the simulator sent. */
const session = async (seed: number) => {
  const sim = await startSimulator({ port: 0, seed, startDate: '2026-03-02', fillDelayMs: 1 });
  try {
    const c = await rawClient(sim.port);
    const send = (call: Parameters<typeof tokens>[1]) => c.sock.write(encodeFrame(tokens(SV, call)));
    const has = (pred: (f: string[]) => boolean) => c.frames().some(pred);
    const status = (id: number, st: string) => has((f) => f[0] === '3' && f[1] === String(id) && f[2] === st);
    /** Waits for what the step must produce, then for the engine's timers, so nothing races the next step. */
    const settle = async (what: string, done: () => boolean) => {
      await waitFor(done, what);
      await sim.broker.idle();
      await waitFor(() => sim.stats.sent === c.frames().length, 'every sent message to arrive');
    };
    c.start(5);
    await waitFor(() => c.frames().length >= 6, 'the greeting');
    send((e) =>
      e.reqHistoricalData(
        1,
        AAPL,
        '20260227-23:59:59',
        '30 D',
        BarSizeSetting.DAYS_ONE,
        WhatToShow.TRADES,
        1,
        1,
        false,
      ),
    );
    send((e) => e.reqMktData(2, ILLQ, '', true, false));
    send((e) =>
      e.placeOrder(1, ILLQ, {
        action: OrderAction.BUY,
        totalQuantity: 1000,
        orderType: OrderType.MKT,
        transmit: true,
      } as Order),
    );
    const lows = sim.market.bars('AAPL', '2026-03-03', '2026-03-05').map((b) => b.low);
    const limit = Math.round(Math.min(...lows) * 100) / 100 + 0.01;
    send((e) =>
      e.placeOrder(2, AAPL, {
        action: OrderAction.BUY,
        totalQuantity: 50,
        orderType: OrderType.LMT,
        lmtPrice: limit,
        tif: 'GTC',
        transmit: true,
      } as Order),
    );
    await settle(
      'bars, snapshot, the MKT filled and the LMT working',
      () =>
        has((f) => f[0] === '17') &&
        has((f) => f[0] === '57') &&
        status(1, 'Filled') &&
        status(2, 'Submitted'),
    );
    sim.clock.advance(3);
    await settle('the LMT filled', () => status(2, 'Filled'));
    send((e) => e.reqExecutions(3, {}));
    send((e) => e.reqPositions());
    send((e) => e.reqAccountSummary(4, 'All', 'NetLiquidation,TotalCashValue,RealizedPnL,UnrealizedPnL'));
    await settle(
      'executions, positions and the summary',
      () => has((f) => f[0] === '55') && has((f) => f[0] === '62') && has((f) => f[0] === '64'),
    );
    c.sock.destroy();
    return c.bytes();
  } finally {
    await sim.close();
  }
};

describe('determinism', () => {
  it('sends the same bytes for the same seed and the same requests, and other bytes for another seed', async () => {
    const a = await session(99);
    const b = await session(99);
    const other = await session(100);
    const msgs = frames(a);
    // The session did what it says: partial fills, a resting limit filled on a later day, reports.
    expect(msgs.filter((f) => f[0] === '11').length).toBeGreaterThanOrEqual(4);
    expect(msgs.filter((f) => f[0] === '59').length).toBeGreaterThanOrEqual(4);
    expect(msgs.some((f) => f[0] === '3' && f[1] === '2' && f[2] === 'Filled')).toBe(true);
    expect(a.length).toBeGreaterThan(5000);
    expect(Buffer.compare(a, b)).toBe(0);
    expect(Buffer.compare(a, other)).not.toBe(0);
  });
});
