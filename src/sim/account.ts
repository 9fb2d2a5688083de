import type { SimContractSpec } from './catalog.js';

/** A commission schedule; the default is IBKR Pro "fixed". */
export interface CommissionPlan {
  /** Stocks: USD per share. @default 0.005 */
  perShare: number;
  /** Stocks: minimum per order. @default 1 */
  minPerOrder: number;
  /** Stocks: maximum as a fraction of the trade value. @default 0.01 */
  maxPctOfValue: number;
  /** Futures: USD per contract per side, all-in (commission and exchange/regulatory fees). @default 2.25 */
  perFutureContract: number;
  /** Stock options: USD per contract (IBKR Pro fixed, premium ≥ $0.10). @default 0.65 */
  perOptionContract: number;
  /** Stock options: minimum per order. @default 1 */
  minPerOptionOrder: number;
  /** Futures options: USD per contract per side, all-in (commission and exchange fees). @default 1.77 */
  perFutureOptionContract: number;
}

export const IBKR_PRO_FIXED: CommissionPlan = {
  perShare: 0.005,
  minPerOrder: 1,
  maxPctOfValue: 0.01,
  perFutureContract: 2.25,
  perOptionContract: 0.65,
  minPerOptionOrder: 1,
  perFutureOptionContract: 1.77,
};

const money = (x: number) => Math.round(x * 10_000) / 10_000;

/**
 * What an order owes in total after `cumQty` units worth `cumValue`. IB applies the minimum and maximum
 * per order, so each execution is charged the increase of this figure.
 */
export const orderCommission = (
  plan: CommissionPlan,
  spec: SimContractSpec,
  cumQty: number,
  cumValue: number,
): number => {
  switch (spec.secType) {
    case 'FUT':
      return money(plan.perFutureContract * cumQty);
    case 'OPT':
      return money(Math.max(plan.minPerOptionOrder, plan.perOptionContract * cumQty));
    case 'FOP':
      return money(plan.perFutureOptionContract * cumQty);
    default:
      return money(
        Math.min(Math.max(plan.minPerOrder, plan.perShare * cumQty), plan.maxPctOfValue * cumValue),
      );
  }
};

export interface SimPosition {
  spec: SimContractSpec;
  /** Signed: negative when short. */
  quantity: number;
  /** Average fill price per unit, without commissions or the multiplier. */
  avgPrice: number;
  /** Average cost per unit: commissions included, multiplier not (IB's wire figure is this × multiplier). */
  avgCost: number;
  /** Realized P&L on this contract so far, net of commissions. */
  realizedPnl: number;
}

/** Margin approximations for the account tags (Reg T-like for stocks, a flat rate for futures). */
const STOCK_INIT = 0.25;
const STOCK_MAINT = 0.25;
const FUT_INIT = 0.06;
const FUT_MAINT = 0.05;

export type Mark = (spec: SimContractSpec) => number;

/**
 * Cash, positions and P&L of one paper account. Stocks and options (premium paid up front, futures options
 * included, as in the US) move their notional through cash; futures only their realized P&L (variation
 * margin) and commissions, so TotalCashValue looks like IB's. Positions are per conId.
 */
export const createAccount = (account: string, initialCash: number) => {
  let cash = initialCash;
  let realized = 0;
  const positions = new Map<number, SimPosition>();

  /** Books one execution; returns the realized P&L it closed (net of commission), or null when it only opened. */
  const book = (
    spec: SimContractSpec,
    side: 'BUY' | 'SELL',
    units: number,
    price: number,
    commission: number,
  ): number | null => {
    const m = spec.multiplier;
    const signed = side === 'BUY' ? units : -units;
    const p = positions.get(spec.conId) ?? { spec, quantity: 0, avgPrice: 0, avgCost: 0, realizedPnl: 0 };
    const closing =
      p.quantity !== 0 && Math.sign(p.quantity) !== Math.sign(signed)
        ? Math.min(units, Math.abs(p.quantity))
        : 0;
    const opening = units - closing;
    const closeCommission = (commission * closing) / units;
    const openCommission = commission - closeCommission;
    let realizedHere: number | null = null;
    if (closing > 0) {
      const dir = Math.sign(p.quantity);
      realizedHere = closing * (price - p.avgCost) * dir * m - closeCommission;
      p.realizedPnl += realizedHere;
      realized += realizedHere;
      if (spec.secType === 'FUT') cash += closing * (price - p.avgPrice) * dir * m;
    }
    if (spec.secType !== 'FUT') cash -= signed * price * m;
    cash -= commission;
    const q = p.quantity + signed;
    if (opening > 0) {
      const dir = Math.sign(q);
      if (closing > 0 || p.quantity === 0) {
        p.avgPrice = price;
        p.avgCost = price + (dir * openCommission) / (opening * m);
      } else {
        const held = Math.abs(p.quantity);
        p.avgPrice = (p.avgPrice * held + price * opening) / Math.abs(q);
        p.avgCost = (p.avgCost * held * m + price * opening * m + dir * openCommission) / (Math.abs(q) * m);
      }
    } else if (q === 0) {
      p.avgPrice = 0;
      p.avgCost = 0;
    }
    p.quantity = q;
    positions.set(spec.conId, p);
    return realizedHere;
  };

  const open = () => [...positions.values()].filter((p) => p.quantity !== 0);
  const marketValue = (p: SimPosition, mark: Mark) => p.quantity * mark(p.spec) * p.spec.multiplier;
  const unrealizedOf = (p: SimPosition, mark: Mark) =>
    p.quantity * (mark(p.spec) - p.avgCost) * p.spec.multiplier;
  const netLiquidation = (mark: Mark) =>
    cash +
    open().reduce(
      (a, p) =>
        a +
        (p.spec.secType === 'FUT'
          ? p.quantity * (mark(p.spec) - p.avgPrice) * p.spec.multiplier
          : marketValue(p, mark)),
      0,
    );

  /** Account tags as IB names them, formatted as it sends them. */
  const values = (mark: Mark): Map<string, string> => {
    const nlv = netLiquidation(mark);
    let stockValue = 0;
    let optionValue = 0;
    let stockGross = 0;
    let futNotional = 0;
    let futPnl = 0;
    for (const p of open()) {
      if (p.spec.secType === 'FUT') {
        futNotional += Math.abs(marketValue(p, mark));
        futPnl += p.quantity * (mark(p.spec) - p.avgPrice) * p.spec.multiplier;
      } else {
        if (p.spec.option) optionValue += marketValue(p, mark);
        else stockValue += marketValue(p, mark);
        stockGross += Math.abs(marketValue(p, mark));
      }
    }
    const init = stockGross * STOCK_INIT + futNotional * FUT_INIT;
    const maint = stockGross * STOCK_MAINT + futNotional * FUT_MAINT;
    const unrealized = open().reduce((a, p) => a + unrealizedOf(p, mark), 0);
    const f = (x: number) => x.toFixed(2);
    return new Map([
      ['AccountType', 'INDIVIDUAL'],
      ['NetLiquidation', f(nlv)],
      ['TotalCashValue', f(cash)],
      ['SettledCash', f(cash)],
      ['AccruedCash', f(0)],
      ['BuyingPower', f(Math.max(0, (nlv - init) * 4))],
      ['EquityWithLoanValue', f(nlv)],
      ['PreviousDayEquityWithLoanValue', f(nlv)],
      ['GrossPositionValue', f(stockGross)],
      ['RegTEquity', f(nlv)],
      ['RegTMargin', f(stockGross * 0.5)],
      ['SMA', f(Math.max(0, nlv - stockGross * 0.5))],
      ['InitMarginReq', f(init)],
      ['MaintMarginReq', f(maint)],
      ['AvailableFunds', f(nlv - init)],
      ['ExcessLiquidity', f(nlv - maint)],
      ['Cushion', nlv > 0 ? ((nlv - maint) / nlv).toFixed(6) : '0'],
      ['FullInitMarginReq', f(init)],
      ['FullMaintMarginReq', f(maint)],
      ['FullAvailableFunds', f(nlv - init)],
      ['FullExcessLiquidity', f(nlv - maint)],
      ['Leverage', nlv > 0 ? ((stockGross + futNotional) / nlv).toFixed(4) : '0'],
      ['DayTradesRemaining', '-1'],
      // Ledger figures ($LEDGER tags); also reported by reqAccountUpdates.
      ['CashBalance', f(cash)],
      ['TotalCashBalance', f(cash)],
      ['StockMarketValue', f(stockValue)],
      ['OptionMarketValue', f(optionValue)],
      ['FuturesPNL', f(futPnl)],
      ['NetLiquidationByCurrency', f(nlv)],
      ['RealizedPnL', f(realized)],
      ['UnrealizedPnL', f(unrealized)],
      ['ExchangeRate', '1.00'],
    ]);
  };

  return {
    account,
    book,
    cash: () => cash,
    positions: open,
    /** The stock or future position in `symbol` (options: find them in positions()). */
    position: (symbol: string) =>
      [...positions.values()].find((p) => p.spec.symbol === symbol && !p.spec.option) ?? null,
    realizedPnl: () => realized,
    unrealizedPnl: (mark: Mark) => open().reduce((a, p) => a + unrealizedOf(p, mark), 0),
    unrealizedOf,
    netLiquidation,
    values,
  };
};
export type SimAccount = ReturnType<typeof createAccount>;

/** Tags reported per currency under $LEDGER; the rest are account-wide. */
export const LEDGER_TAGS: readonly string[] = [
  'CashBalance',
  'TotalCashBalance',
  'AccruedCash',
  'StockMarketValue',
  'FuturesPNL',
  'NetLiquidationByCurrency',
  'RealizedPnL',
  'UnrealizedPnL',
  'ExchangeRate',
];
