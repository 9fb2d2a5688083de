import { hydraError } from '../errors.js';

/**
 * A 5-field cron evaluator (minute hour day-of-month month day-of-week) in an IANA time zone. Bree runs the
 * jobs; this answers the read-side questions Bree cannot: when is the next cycle due, and which past runs
 * were expected (so missed cycles can be listed). Standard semantics: `*`, lists, ranges, steps, 0/7 =
 * Sunday, and when both day fields are restricted a day matches if EITHER does (Vixie cron).
 */
export interface CronSchedule {
  readonly expression: string;
  readonly tz: string;
  matches(at: Date): boolean;
  /** First matching minute strictly after `after`, or null if none within `horizonDays`. */
  next(after: Date, horizonDays?: number): Date | null;
  /** Every matching minute in [from, to). */
  between(from: Date, to: Date): Date[];
}

interface Field {
  values: Set<number>;
  any: boolean;
}

const RANGES: [number, number][] = [
  [0, 59],
  [0, 23],
  [1, 31],
  [1, 12],
  [0, 7],
];

const parseField = (raw: string, [min, max]: [number, number], name: string, expr: string): Field => {
  const values = new Set<number>();
  for (const part of raw.split(',')) {
    const m = /^(\*|\d+(?:-\d+)?)(?:\/(\d+))?$/.exec(part);
    if (!m)
      throw hydraError('HYDRA_ERR_CONFIG', `cron "${expr}": ${name} field "${raw}" is not valid`, {
        expression: expr,
      });
    const step = m[2] ? Number(m[2]) : 1;
    let lo = min;
    let hi = max;
    if (m[1] !== '*') {
      const [a, b] = m[1]!.split('-').map(Number) as [number, number | undefined];
      lo = a;
      hi = b ?? (m[2] ? max : a);
    }
    if (lo < min || hi > max || lo > hi || step < 1) {
      throw hydraError(
        'HYDRA_ERR_CONFIG',
        `cron "${expr}": ${name} field "${raw}" is out of range ${min}-${max}`,
        { expression: expr },
      );
    }
    for (let v = lo; v <= hi; v += step) values.add(v);
  }
  return { values, any: raw === '*' };
};

export const partsFormatter = (tz: string) =>
  new Intl.DateTimeFormat('en-US', {
    timeZone: tz,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    weekday: 'short',
  });

const WEEKDAYS: Record<string, number> = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 };

/** Local calendar fields of an instant in a time zone. */
export const localParts = (fmt: Intl.DateTimeFormat, at: Date) => {
  const p: Record<string, string> = {};
  for (const x of fmt.formatToParts(at)) p[x.type] = x.value;
  return {
    year: Number(p.year),
    month: Number(p.month),
    day: Number(p.day),
    hour: Number(p.hour),
    minute: Number(p.minute),
    weekday: WEEKDAYS[p.weekday!] ?? 0,
  };
};

export const parseCron = (expression: string, tz: string): CronSchedule => {
  const fields = expression.trim().split(/\s+/);
  if (fields.length !== 5) {
    throw hydraError(
      'HYDRA_ERR_CONFIG',
      `cron "${expression}" must have 5 fields: minute hour day-of-month month day-of-week`,
      { expression },
    );
  }
  const names = ['minute', 'hour', 'day-of-month', 'month', 'day-of-week'];
  const [minute, hour, dom, month, dow] = fields.map((f, i) =>
    parseField(f, RANGES[i]!, names[i]!, expression),
  ) as [Field, Field, Field, Field, Field];
  if (dow.values.has(7)) dow.values.add(0);
  const fmt = partsFormatter(tz);

  const matches = (at: Date): boolean => {
    const l = localParts(fmt, at);
    if (!minute.values.has(l.minute) || !hour.values.has(l.hour) || !month.values.has(l.month)) return false;
    const domOk = dom.values.has(l.day);
    const dowOk = dow.values.has(l.weekday);
    if (dom.any || dow.any) return dom.any ? dowOk : domOk;
    return domOk || dowOk;
  };

  const MINUTE = 60_000;
  const next = (after: Date, horizonDays = 8): Date | null => {
    let t = Math.floor(after.getTime() / MINUTE) * MINUTE + MINUTE;
    const end = t + horizonDays * 86_400_000;
    // Minute stepping is simple and exact across DST changes; a week is ~10k cheap checks, and
    // non-matching hours are skipped a whole hour at a time.
    while (t < end) {
      const d = new Date(t);
      const l = localParts(fmt, d);
      if (!hour.values.has(l.hour)) {
        t += (60 - l.minute) * MINUTE;
        continue;
      }
      if (matches(d)) return d;
      t += MINUTE;
    }
    return null;
  };

  const between = (from: Date, to: Date): Date[] => {
    const out: Date[] = [];
    let cur = next(
      new Date(from.getTime() - 60_000),
      Math.ceil((to.getTime() - from.getTime()) / 86_400_000) + 1,
    );
    while (cur && cur < to) {
      out.push(cur);
      cur = next(cur, Math.ceil((to.getTime() - cur.getTime()) / 86_400_000) + 1);
    }
    return out;
  };

  return { expression, tz, matches, next, between };
};

/** The calendar date (YYYY-MM-DD) of an instant in a time zone: the trading date of a cycle run then. */
export const localDate = (at: Date, tz: string): string => {
  const l = localParts(partsFormatter(tz), at);
  return `${l.year}-${String(l.month).padStart(2, '0')}-${String(l.day).padStart(2, '0')}`;
};

/**
 * The firing of `schedule` before `now` and the next one after it, as a function of `now` that searches again
 * only once `now` has left the interval between them. The minute-stepping search costs milliseconds for a
 * weekly cron, and status reads ask on every heartbeat of every subscriber.
 */
export const cronBracket = (schedule: CronSchedule, lookbackDays: number) => {
  let b: { last: Date | null; next: Date | null } | null = null;
  return (now: Date): { last: Date | null; next: Date | null } => {
    if (!b?.last || !b.next || now <= b.last || now >= b.next) {
      b = {
        last: schedule.between(new Date(now.getTime() - lookbackDays * 86_400_000), now).at(-1) ?? null,
        next: schedule.next(now),
      };
    }
    return b;
  };
};
