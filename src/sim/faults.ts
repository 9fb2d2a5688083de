import { hydraError } from '../errors.js';
import { isIsoDate } from './calendar.js';

/**
 * A fault script: a list of rules, each a trigger and an action, validated on load. The format is
 * documented with examples in FAULTS.md beside this file.
 */
export const TRIGGERS = [
  'connect',
  'message',
  'placeOrder',
  'cancelOrder',
  'reqHistoricalData',
  'reqMktData',
  'reqContractDetails',
  'reqExecutions',
  'reqPositions',
  'reqAccountSummary',
  'day',
] as const;
export type FaultTrigger = (typeof TRIGGERS)[number];

const REQUEST_TRIGGERS: readonly FaultTrigger[] = TRIGGERS.filter(
  (t) => t !== 'connect' && t !== 'message' && t !== 'day',
);

export type FaultAction =
  | { action: 'drop'; phase: 'before' | 'after' }
  | { action: 'dropAll' }
  | { action: 'refuse' }
  | { action: 'resetWindow'; ms: number }
  | { action: 'noNextValidId' }
  | { action: 'rollbackNextValidId'; to: number }
  | { action: 'reject'; code: number; message: string }
  | { action: 'fail'; code: number; message: string }
  | { action: 'delayFills'; ms: number }
  | { action: 'connectivity'; codes: number[]; intervalMs: number }
  /** Option market data without Greeks: no tickOptionComputation at all, or only "not computed" values. */
  | { action: 'noGreeks'; symbol: string | null; mode: 'omit' | 'sentinel' };

export type FaultRule = FaultAction & {
  on: FaultTrigger;
  /** Fires from the nth matching event on (1 = the first). */
  nth: number | null;
  /** How many times it fires; null = every time. Default 1 when nth or date is set. */
  times: number | null;
  /** Only events of this API client. */
  clientId: number | null;
  /** day trigger only: fires once the clock reaches this trading date. */
  date: string | null;
};

export interface FaultScript {
  rules: FaultRule[];
}

export const CONNECTIVITY_CODES: ReadonlyMap<number, string> = new Map([
  [1100, 'Connectivity between IB and Trader Workstation has been lost.'],
  [1101, 'Connectivity between IB and Trader Workstation has been restored - data lost.'],
  [1102, 'Connectivity between IB and Trader Workstation has been restored - data maintained.'],
  [2103, 'Market data farm connection is broken:usfarm'],
  [2104, 'Market data farm connection is OK:usfarm'],
  [2105, 'HMDS data farm connection is broken:ushmds'],
  [2106, 'HMDS data farm connection is OK:ushmds'],
  [2110, 'Connectivity between Trader Workstation and server is broken. It will be restored automatically.'],
]);

/** Which triggers each action makes sense for. */
const ACTION_TRIGGERS: Record<FaultAction['action'], readonly FaultTrigger[]> = {
  drop: TRIGGERS.filter((t) => t !== 'day'),
  dropAll: TRIGGERS,
  refuse: ['connect'],
  resetWindow: TRIGGERS,
  noNextValidId: ['connect'],
  rollbackNextValidId: ['connect'],
  reject: ['placeOrder'],
  fail: REQUEST_TRIGGERS,
  delayFills: ['placeOrder'],
  connectivity: TRIGGERS,
  noGreeks: ['reqMktData'],
};

const PARAMS: Record<FaultAction['action'], readonly string[]> = {
  drop: ['phase'],
  dropAll: [],
  refuse: [],
  resetWindow: ['ms'],
  noNextValidId: [],
  rollbackNextValidId: ['to'],
  reject: ['code', 'message'],
  fail: ['code', 'message'],
  delayFills: ['ms'],
  connectivity: ['codes', 'intervalMs'],
  noGreeks: ['symbol', 'mode'],
};
const COMMON = ['on', 'action', 'nth', 'times', 'clientId', 'date'];

const fail = (i: number, field: string, why: string, value?: unknown) =>
  hydraError(
    'HYDRA_ERR_SIM_FAULTS',
    `fault script rules[${i}].${field}: ${why}${value === undefined ? '' : ` (got ${JSON.stringify(value)})`}`,
    { rule: i, field },
  );

const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);
const posInt = (v: unknown): v is number => isInt(v) && v > 0;

const parseRule = (r: unknown, i: number): FaultRule => {
  if (typeof r !== 'object' || r === null || Array.isArray(r))
    throw fail(i, '(rule)', 'must be an object', r);
  const o = r as Record<string, unknown>;
  if (!TRIGGERS.includes(o.on as FaultTrigger))
    throw fail(i, 'on', `must be one of ${TRIGGERS.join(', ')}`, o.on);
  const on = o.on as FaultTrigger;
  const action = o.action as FaultAction['action'];
  if (!(typeof action === 'string' && action in ACTION_TRIGGERS))
    throw fail(i, 'action', `must be one of ${Object.keys(ACTION_TRIGGERS).join(', ')}`, o.action);
  if (!ACTION_TRIGGERS[action].includes(on))
    throw fail(i, 'on', `action ${action} works with ${ACTION_TRIGGERS[action].join(', ')}`, on);
  for (const k of Object.keys(o)) {
    if (!COMMON.includes(k) && !PARAMS[action].includes(k))
      throw fail(
        i,
        k,
        `is not a field of a ${action} rule (fields: ${[...COMMON, ...PARAMS[action]].join(', ')})`,
      );
  }
  if (o.nth !== undefined && !posInt(o.nth)) throw fail(i, 'nth', 'must be a positive integer', o.nth);
  if (o.times !== undefined && !posInt(o.times))
    throw fail(i, 'times', 'must be a positive integer', o.times);
  if (o.clientId !== undefined && !isInt(o.clientId))
    throw fail(i, 'clientId', 'must be an integer', o.clientId);
  if (o.date !== undefined) {
    if (on !== 'day') throw fail(i, 'date', 'is only for rules with "on": "day"', o.date);
    if (typeof o.date !== 'string' || !isIsoDate(o.date)) throw fail(i, 'date', 'must be YYYY-MM-DD', o.date);
  }
  const base = {
    on,
    nth: (o.nth as number | undefined) ?? null,
    times: (o.times as number | undefined) ?? (o.nth !== undefined || o.date !== undefined ? 1 : null),
    clientId: (o.clientId as number | undefined) ?? null,
    date: (o.date as string | undefined) ?? null,
  };
  const ms = () => {
    if (!posInt(o.ms)) throw fail(i, 'ms', 'must be a positive integer (milliseconds)', o.ms);
    return o.ms;
  };
  const codeAndMessage = (defaultCode: number, defaultMessage: string) => {
    if (o.code !== undefined && !posInt(o.code)) throw fail(i, 'code', 'must be a positive integer', o.code);
    if (o.message !== undefined && typeof o.message !== 'string')
      throw fail(i, 'message', 'must be a string', o.message);
    return {
      code: (o.code as number | undefined) ?? defaultCode,
      message: (o.message as string) ?? defaultMessage,
    };
  };
  switch (action) {
    case 'drop': {
      if (o.phase !== undefined && o.phase !== 'before' && o.phase !== 'after')
        throw fail(i, 'phase', 'must be "before" or "after"', o.phase);
      const phase = (o.phase as 'before' | 'after' | undefined) ?? (on === 'message' ? 'before' : 'after');
      return { ...base, action, phase };
    }
    case 'dropAll':
    case 'refuse':
    case 'noNextValidId':
      return { ...base, action };
    case 'resetWindow':
      return { ...base, action, ms: ms() };
    case 'delayFills':
      return { ...base, action, ms: ms() };
    case 'rollbackNextValidId':
      if (!posInt(o.to)) throw fail(i, 'to', 'must be a positive integer (the order id to announce)', o.to);
      return { ...base, action, to: o.to };
    case 'reject':
      return { ...base, action, ...codeAndMessage(201, 'Order rejected - reason:simulated reject') };
    case 'fail':
      return {
        ...base,
        action,
        ...codeAndMessage(162, 'Historical Market Data Service error message:simulated failure'),
      };
    case 'noGreeks': {
      if (o.symbol !== undefined && !(typeof o.symbol === 'string' && /^[A-Z0-9.]{1,12}$/.test(o.symbol)))
        throw fail(i, 'symbol', 'must be an underlying symbol such as "AAPL" or "ES"', o.symbol);
      if (o.mode !== undefined && o.mode !== 'omit' && o.mode !== 'sentinel')
        throw fail(i, 'mode', 'must be "omit" or "sentinel"', o.mode);
      return {
        ...base,
        action,
        symbol: (o.symbol as string | undefined) ?? null,
        mode: (o.mode as 'omit' | 'sentinel' | undefined) ?? 'omit',
      };
    }
    case 'connectivity': {
      const codes = o.codes;
      if (!Array.isArray(codes) || codes.length === 0)
        throw fail(
          i,
          'codes',
          `must be a non-empty list of ${[...CONNECTIVITY_CODES.keys()].join(', ')}`,
          codes,
        );
      codes.forEach((c, k) => {
        if (!CONNECTIVITY_CODES.has(c as number))
          throw fail(i, `codes[${k}]`, `must be one of ${[...CONNECTIVITY_CODES.keys()].join(', ')}`, c);
      });
      if (o.intervalMs !== undefined && !posInt(o.intervalMs))
        throw fail(i, 'intervalMs', 'must be a positive integer (milliseconds)', o.intervalMs);
      return {
        ...base,
        action,
        codes: codes as number[],
        intervalMs: (o.intervalMs as number | undefined) ?? 200,
      };
    }
  }
};

/** Validates a fault script (parsed JSON); errors name the rule index and the field. */
export const parseFaultScript = (raw: unknown): FaultScript => {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    throw hydraError('HYDRA_ERR_SIM_FAULTS', 'a fault script is a JSON object with a "rules" array', {});
  const o = raw as Record<string, unknown>;
  for (const k of Object.keys(o))
    if (k !== 'rules' && k !== 'description')
      throw hydraError(
        'HYDRA_ERR_SIM_FAULTS',
        `fault script: unknown field "${k}" (fields: rules, description)`,
        {
          field: k,
        },
      );
  if (!Array.isArray(o.rules))
    throw hydraError('HYDRA_ERR_SIM_FAULTS', 'fault script: "rules" must be an array', { field: 'rules' });
  return { rules: o.rules.map(parseRule) };
};

export interface FaultEvent {
  clientId: number | null;
  /** day trigger: the trading date the clock moved onto. */
  date?: string;
}

/** Counts the events each rule matches and says which rules fire on this one. */
export const createFaultEngine = (initial: FaultScript = { rules: [] }) => {
  let script = initial;
  let seen = new Map<FaultRule, number>();
  let fired = new Map<FaultRule, number>();
  return {
    set(next: FaultScript) {
      script = next;
      seen = new Map();
      fired = new Map();
    },
    rules: () => script.rules,
    hit(on: FaultTrigger, e: FaultEvent): FaultRule[] {
      const out: FaultRule[] = [];
      for (const r of script.rules) {
        if (r.on !== on || (r.clientId !== null && r.clientId !== e.clientId)) continue;
        if (r.date !== null && (e.date === undefined || e.date < r.date)) continue;
        const n = (seen.get(r) ?? 0) + 1;
        seen.set(r, n);
        if (r.nth !== null && n < r.nth) continue;
        const f = fired.get(r) ?? 0;
        if (r.times !== null && f >= r.times) continue;
        fired.set(r, f + 1);
        out.push(r);
      }
      return out;
    },
  };
};
export type FaultEngine = ReturnType<typeof createFaultEngine>;
