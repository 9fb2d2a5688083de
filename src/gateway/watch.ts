import type { Logger } from '../log.js';
import { type ProbeResult, probeGateway } from './probe.js';

/** What the main thread last learned about the gateway between cycles. */
export interface GatewayProbeState {
  /** null until the first probe has answered. */
  reachable: boolean | null;
  checkedAt: Date | null;
  lastReachableAt: Date | null;
  /** Since when the current state (reachable or not) holds. */
  since: Date | null;
  serverVersion: number | null;
  error: string | null;
}

export interface GatewayWatchOptions {
  host: string;
  port: number;
  everyMs: number;
  timeoutMs: number;
  log: Logger;
  /** Called when reachability flips (and after the first probe). */
  onChange(state: GatewayProbeState): void;
  probe?: (target: { host: string; port: number; timeoutMs: number }) => Promise<ProbeResult>;
  now?: () => Date;
}

export interface GatewayWatch {
  state(): GatewayProbeState;
  /** Probes now; resolves with the state after it. */
  check(): Promise<GatewayProbeState>;
  stop(): void;
}

/**
 * Checks the gateway between cycles, so a session lost to the Sunday re-authentication or a missed 2FA is
 * known hours before the next cycle, not found by it. The cycle alone would only see the gateway once a day
 * (one failure mode in the field: three days of rejected orders with nothing reporting the loss).
 */
export const createGatewayWatch = (opts: GatewayWatchOptions): GatewayWatch => {
  const probe = opts.probe ?? probeGateway;
  const now = opts.now ?? (() => new Date());
  let state: GatewayProbeState = {
    reachable: null,
    checkedAt: null,
    lastReachableAt: null,
    since: null,
    serverVersion: null,
    error: null,
  };
  let inFlight: Promise<GatewayProbeState> | null = null;
  let stopped = false;

  const check = (): Promise<GatewayProbeState> => {
    inFlight ??= (async () => {
      const r = await probe({ host: opts.host, port: opts.port, timeoutMs: opts.timeoutMs });
      const at = now();
      const flipped = state.reachable !== r.ok;
      state = {
        reachable: r.ok,
        checkedAt: at,
        lastReachableAt: r.ok ? at : state.lastReachableAt,
        since: flipped ? at : state.since,
        serverVersion: r.ok ? r.serverVersion : state.serverVersion,
        error: r.ok ? null : r.error,
      };
      if (flipped && !stopped) {
        if (r.ok)
          opts.log.info(
            { host: opts.host, port: opts.port, serverVersion: r.serverVersion },
            'gateway answers',
          );
        else opts.log.warn({ host: opts.host, port: opts.port, err: r.error }, 'gateway does not answer');
        opts.onChange(state);
      }
      inFlight = null;
      return state;
    })();
    return inFlight;
  };

  void check();
  const timer = setInterval(() => void check(), opts.everyMs);
  timer.unref();
  return {
    state: () => state,
    check,
    stop: () => {
      stopped = true;
      clearInterval(timer);
    },
  };
};
