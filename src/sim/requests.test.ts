import type { Contract, Order } from '@stoqey/ib';
import { Encoder } from '@stoqey/ib/dist/core/io/encoder.js';
import { SUPPORTED } from './handshake.js';
import {
  idAt,
  parseAccountSummary,
  parseCancelOrder,
  parseContractDetails,
  parseExecutions,
  parseGlobalCancel,
  parseHistorical,
  parseMktData,
  parsePlaceOrder,
  RequestError,
  UNSUPPORTED,
} from './requests.js';

/** What @stoqey/ib would put on the wire (its Socket.send: flattened, booleans as 1/0, unset as ""). */
const wire = (sv: number, call: (e: Encoder) => void): string[] => {
  let out: string[] = [];
  const enc = new Encoder({
    serverVersion: sv,
    sendMsg: (...tokens: unknown[]) => {
      out = (tokens.flat(Number.POSITIVE_INFINITY) as unknown[]).map((v) =>
        v === true ? '1' : v === false ? '0' : v === undefined || v === null ? '' : String(v),
      );
    },
    emitError: (msg: string) => {
      throw new Error(`encoder refused: ${msg}`);
    },
  });
  call(enc);
  return out;
};

const VERSIONS = Array.from({ length: SUPPORTED.max - SUPPORTED.min + 1 }, (_, i) => SUPPORTED.min + i);
const aapl = { symbol: 'AAPL', secType: 'STK', exchange: 'SMART', currency: 'USD' } as Contract;
const es = {
  symbol: 'ES',
  secType: 'FUT',
  exchange: 'CME',
  currency: 'USD',
  lastTradeDateOrContractMonth: '202603',
  multiplier: 50,
} as Contract;
const refusal = (fn: () => unknown): { id: number; code: number; message: string } | null => {
  try {
    fn();
    return null;
  } catch (err) {
    if (err instanceof RequestError) return { id: err.id, code: err.code, message: err.message };
    throw err;
  }
};

describe.each(VERSIONS)('parsers against @stoqey/ib’s own encoder at server version %i', (sv) => {
  it('decodes a MKT and a LMT placeOrder field for field, with nothing left over', () => {
    const mkt = parsePlaceOrder(
      wire(sv, (e) =>
        e.placeOrder(11, aapl, {
          action: 'BUY',
          totalQuantity: 100,
          orderType: 'MKT',
          transmit: true,
          orderRef: 'hydra:1:AAPL',
        } as Order),
      ),
      sv,
    );
    expect(mkt).toMatchObject({
      orderId: 11,
      contract: { symbol: 'AAPL', secType: 'STK', exchange: 'SMART', currency: 'USD', conId: null },
      action: 'BUY',
      quantity: 100,
      orderType: 'MKT',
      limitPrice: null,
      tif: '',
      orderRef: 'hydra:1:AAPL',
      transmit: true,
      parentId: 0,
    });
    const lmt = parsePlaceOrder(
      wire(sv, (e) =>
        e.placeOrder(12, es, {
          action: 'SELL',
          totalQuantity: 2,
          orderType: 'LMT',
          lmtPrice: 5012.25,
          tif: 'GTC',
          account: 'DU1234567',
          outsideRth: true,
        } as Order),
      ),
      sv,
    );
    expect(lmt).toMatchObject({
      orderId: 12,
      contract: { symbol: 'ES', secType: 'FUT', lastTradeDateOrContractMonth: '202603', multiplier: '50' },
      action: 'SELL',
      quantity: 2,
      orderType: 'LMT',
      limitPrice: 5012.25,
      tif: 'GTC',
      account: 'DU1234567',
      // transmit left undefined is sent empty: IB holds such an order at the gateway.
      transmit: false,
      outsideRth: true,
    });
  });

  it('refuses a placeOrder with a field too many or too few', () => {
    const fields = wire(sv, (e) =>
      e.placeOrder(13, aapl, { action: 'BUY', totalQuantity: 1, orderType: 'MKT', transmit: true } as Order),
    );
    expect(refusal(() => parsePlaceOrder([...fields, ''], sv))).toMatchObject({ id: 13, code: 320 });
    expect(refusal(() => parsePlaceOrder(fields.slice(0, -1), sv))).toMatchObject({ id: 13, code: 320 });
  });

  it('refuses the variable-length order sections it does not model with 321, before they shift fields', () => {
    const base = { action: 'BUY', totalQuantity: 1, orderType: 'LMT', lmtPrice: 1, transmit: true };
    const cases: [string, Contract, Partial<Order>][] = [
      [
        'algo',
        aapl,
        { algoStrategy: 'Adaptive', algoParams: [{ tag: 'adaptivePriority', value: 'Normal' }] },
      ],
      [
        'conditions',
        aapl,
        {
          conditions: [
            { type: 3, conjunctionConnection: 'a', isMore: true, time: '20260302 10:00:00' },
          ] as never,
        },
      ],
      ['hedge', aapl, { hedgeType: 'D', hedgeParam: '1' } as Partial<Order>],
      ['scale', aapl, { scalePriceIncrement: 0.5, scaleInitLevelSize: 10, scaleSubsLevelSize: 10 }],
      ['delta-neutral', aapl, { deltaNeutralOrderType: 'LMT', deltaNeutralAuxPrice: 1 } as Partial<Order>],
      ['combo', { ...aapl, secType: 'BAG', comboLegs: [] } as Contract, {}],
    ];
    for (const [what, c, extra] of cases) {
      const fields = wire(sv, (e) => e.placeOrder(14, c, { ...base, ...extra } as Order));
      const r = refusal(() => parsePlaceOrder(fields, sv));
      expect([what, r?.code, r?.message]).toEqual([
        what,
        321,
        expect.stringContaining(what === 'delta-neutral' ? 'delta-neutral order' : what),
      ]);
    }
  });

  it('decodes cancelOrder and reqGlobalCancel in this version’s shape', () => {
    expect(
      parseCancelOrder(
        wire(sv, (e) => e.cancelOrder(42, {})),
        sv,
      ),
    ).toBe(42);
    expect(() =>
      parseGlobalCancel(
        wire(sv, (e) => e.reqGlobalCancel({})),
        sv,
      ),
    ).not.toThrow();
  });

  it('decodes the data requests', () => {
    expect(
      parseHistorical(
        wire(sv, (e) =>
          e.reqHistoricalData(
            5,
            es,
            '20260227-23:59:59',
            '1 Y',
            '1 day' as never,
            'TRADES' as never,
            1,
            1,
            false,
          ),
        ),
      ),
    ).toMatchObject({
      reqId: 5,
      contract: { symbol: 'ES', exchange: 'CME' },
      endDateTime: '20260227-23:59:59',
      barSize: '1 day',
      duration: '1 Y',
      useRth: true,
      whatToShow: 'TRADES',
      formatDate: 1,
      keepUpToDate: false,
    });
    expect(parseMktData(wire(sv, (e) => e.reqMktData(6, aapl, '', true, false)))).toMatchObject({
      reqId: 6,
      contract: { symbol: 'AAPL' },
      snapshot: true,
      regulatorySnapshot: false,
    });
    expect(
      parseContractDetails(
        wire(sv, (e) => e.reqContractDetails(7, { ...aapl, conId: 100000 })),
        sv,
      ),
    ).toMatchObject({
      reqId: 7,
      contract: { conId: 100000, symbol: 'AAPL' },
    });
    expect(
      parseExecutions(
        wire(sv, (e) =>
          e.reqExecutions(8, {
            clientId: '3',
            time: '20260302-21:00:00',
            symbol: 'AAPL',
            side: 'BUY',
          } as never),
        ),
        () => 1234,
      ),
    ).toEqual({
      reqId: 8,
      clientId: 3,
      account: '',
      since: 1234,
      symbol: 'AAPL',
      secType: '',
      exchange: '',
      side: 'BUY',
    });
    expect(
      parseAccountSummary(wire(sv, (e) => e.reqAccountSummary(9, 'All', 'NetLiquidation,$LEDGER:USD'))),
    ).toEqual({
      reqId: 9,
      group: 'All',
      tags: ['NetLiquidation', '$LEDGER:USD'],
    });
  });
});

describe('requests the simulator does not serve', () => {
  it('knows where each one carries its request id, so the error goes to that id', () => {
    const c = aapl;
    const samples: [number, (e: Encoder) => void][] = [
      [10, (e) => e.reqMktDepth(77, c, 5, false, [])],
      [50, (e) => e.reqRealTimeBars(77, c, 5, 'TRADES' as never, true, [])],
      [52, (e) => e.reqFundamentalData(77, c, 'ReportSnapshot', [])],
      [87, (e) => e.reqHeadTimestamp(77, c, 'TRADES' as never, true, 1)],
      [92, (e) => e.reqPnL(77, 'DU1', '')],
      [97, (e) => e.reqTickByTickData(77, c, 'Last' as never, 0, false)],
      [81, (e) => e.reqMatchingSymbols(77, 'AA')],
      [74, (e) => e.reqPositionsMulti(77, 'DU1', '')],
      [76, (e) => e.reqAccountUpdatesMulti(77, 'DU1', '', true)],
      [22, (e) => e.reqScannerSubscription(77, { instrument: 'STK' } as never, [], [])],
      [19, (e) => e.replaceFA(77, 1 as never, '<x/>')],
      [104, (e) => e.reqUserInfo(77)],
    ];
    for (const [id, call] of samples) {
      const fields = wire(193, call);
      expect([id, Number(fields[0]), idAt(fields, UNSUPPORTED.get(id)!.idAt)]).toEqual([id, id, 77]);
    }
    expect(
      idAt(
        wire(193, (e) => e.reqCompletedOrders(true)),
        UNSUPPORTED.get(99)!.idAt,
      ),
    ).toBe(-1);
  });
});
