// The simulator's trading calendar and its time conventions. Monday–Friday only: exchange holidays are not
// modelled, so the simulator agrees with the runner's weekday calendar (src/trading-dates.ts) date for date.

export const EXCHANGE_TZ = 'America/New_York';

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

export const isIsoDate = (s: string): boolean =>
  DATE_RE.test(s) && new Date(`${s}T12:00:00Z`).toISOString().slice(0, 10) === s;

export const addDays = (date: string, days: number): string => {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};

export const isTradingDay = (date: string): boolean => {
  const d = new Date(`${date}T12:00:00Z`).getUTCDay();
  return d >= 1 && d <= 5;
};

export const nextTradingDay = (date: string): string => {
  let d = addDays(date, 1);
  while (!isTradingDay(d)) d = addDays(d, 1);
  return d;
};

export const previousTradingDay = (date: string): string => {
  let d = addDays(date, -1);
  while (!isTradingDay(d)) d = addDays(d, -1);
  return d;
};

/** The date itself when it trades, else the next trading day. */
export const tradingDayOnOrAfter = (date: string): string =>
  isTradingDay(date) ? date : nextTradingDay(date);

export const tradingDayOnOrBefore = (date: string): string =>
  isTradingDay(date) ? date : previousTradingDay(date);

/** `n` trading days after (n > 0) or before (n < 0) a trading day. */
export const addTradingDays = (date: string, n: number): string => {
  let d = date;
  for (let i = 0; i < Math.abs(n); i++) d = n > 0 ? nextTradingDay(d) : previousTradingDay(d);
  return d;
};

/** Calendar months or years back, clamped to the month's length (IB's "1 M" from Mar 31 is Feb 28/29). */
export const addMonths = (date: string, months: number): string => {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + months;
  const ny = Math.floor(total / 12);
  const nm = total - ny * 12 + 1;
  const last = new Date(Date.UTC(ny, nm, 0)).getUTCDate();
  return `${ny}-${String(nm).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
};

const partsFormatter = new Map<string, Intl.DateTimeFormat>();
const formatterFor = (tz: string): Intl.DateTimeFormat => {
  let f = partsFormatter.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    partsFormatter.set(tz, f);
  }
  return f;
};

/** Wall-clock fields of an instant in a time zone. */
export const wallTime = (epochMs: number, tz = EXCHANGE_TZ) => {
  const p: Record<string, string> = {};
  for (const x of formatterFor(tz).formatToParts(new Date(epochMs))) p[x.type] = x.value;
  return {
    date: `${p.year}-${p.month}-${p.day}`,
    time: `${p.hour}:${p.minute}:${p.second}`,
  };
};

/** The instant a wall-clock time in a time zone names (DST-correct: two passes settle the offset). */
export const zonedInstant = (date: string, time: string, tz = EXCHANGE_TZ): number => {
  const naive = Date.parse(`${date}T${time}Z`);
  let guess = naive;
  for (let i = 0; i < 2; i++) {
    const w = wallTime(guess, tz);
    guess += naive - Date.parse(`${w.date}T${w.time}Z`);
  }
  return guess;
};

/**
 * The simulator's "now" on trading date D: five minutes after D's 16:00 close in New York, so D's daily
 * bar is complete and the quote is D's closing quote.
 */
export const afterClose = (date: string): number => zonedInstant(date, '16:05:00');

/** "yyyyMMdd HH:mm:ss US/Eastern", the way IB stamps executions and order times. */
export const ibTime = (epochMs: number): string => {
  const w = wallTime(epochMs);
  return `${w.date.replaceAll('-', '')} ${w.time} US/Eastern`;
};

export const ibDate = (date: string): string => date.replaceAll('-', '');

const TZ_ALIASES: Record<string, string> = {
  EST: EXCHANGE_TZ,
  EDT: EXCHANGE_TZ,
  ET: EXCHANGE_TZ,
  'US/Eastern': EXCHANGE_TZ,
  CST: 'America/Chicago',
  CDT: 'America/Chicago',
  'US/Central': 'America/Chicago',
  GMT: 'UTC',
  UTC: 'UTC',
};

const knownZone = (tz: string): string | null => {
  const name = TZ_ALIASES[tz] ?? tz;
  try {
    formatterFor(name);
    return name;
  } catch {
    return null;
  }
};

/**
 * IB's date-time strings as clients send them: "yyyyMMdd-HH:mm:ss" (UTC), "yyyyMMdd HH:mm:ss [zone]" (no
 * zone: the gateway's, New York here) and "yyyyMMdd". Returns epoch ms, or null when it is none of those.
 */
export const parseIbDateTime = (s: string): number | null => {
  const m = /^(\d{4})(\d{2})(\d{2})(?:([ -])\s*(\d{2}):(\d{2}):(\d{2})(?:\s+(\S+))?)?$/.exec(s.trim());
  if (!m) return null;
  const date = `${m[1]}-${m[2]}-${m[3]}`;
  if (!isIsoDate(date)) return null;
  if (m[4] === undefined) return zonedInstant(date, '00:00:00');
  const time = `${m[5]}:${m[6]}:${m[7]}`;
  if (Number(m[5]) > 23 || Number(m[6]) > 59 || Number(m[7]) > 59) return null;
  if (m[4] === '-') return m[8] === undefined ? Date.parse(`${date}T${time}Z`) : null;
  const tz = knownZone(m[8] ?? EXCHANGE_TZ);
  return tz === null ? null : zonedInstant(date, time, tz);
};
