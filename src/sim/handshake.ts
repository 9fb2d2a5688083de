import { EXCHANGE_TZ, wallTime } from './calendar.js';
import type { Handshake } from './codec.js';
import * as R from './responses.js';

/**
 * The server versions the encoders and parsers are written (and tested, one by one) for. Below 166 the
 * ERR_MSG shape differs; 193 is the newest @stoqey/ib 1.6.10 speaks.
 */
export const SUPPORTED = { min: 166, max: 193 } as const;

/**
 * The version to speak with a client offering `hs`: the highest both sides know, like a real gateway
 * (min(own max, client max)). null when the ranges do not meet; the gateway then closes the socket.
 */
export const negotiate = (hs: Handshake, configured: number): number | null => {
  const v = Math.min(configured, hs.maxVersion);
  return v < SUPPORTED.min || v < hs.minVersion ? null : v;
};

const zoneAbbreviation = new Intl.DateTimeFormat('en-US', { timeZone: EXCHANGE_TZ, timeZoneName: 'short' });

/** The free-text connection time a gateway sends after its version: "20260302 16:05:00 EST". */
export const connectionTime = (epochMs: number): string => {
  const w = wallTime(epochMs);
  const tz =
    zoneAbbreviation.formatToParts(new Date(epochMs)).find((p) => p.type === 'timeZoneName')?.value ?? 'ET';
  return `${w.date.replaceAll('-', '')} ${w.time} ${tz}`;
};

/** After START_API: the managed accounts, the next order id (unless withheld) and the farm status. */
export const greeting = (sv: number, account: string, nextOrderId: number | null): R.Msg[] => [
  R.managedAccounts(account),
  ...(nextOrderId === null ? [] : [R.nextValidId(nextOrderId)]),
  R.error(sv, -1, 2104, 'Market data farm connection is OK:usfarm'),
  R.error(sv, -1, 2106, 'HMDS data farm connection is OK:ushmds'),
  R.error(sv, -1, 2158, 'Sec-def data farm connection is OK:secdefil'),
];
