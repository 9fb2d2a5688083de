import type { Db } from '../../db/open.js';
import type { SystemStore } from '../system/store.js';
import { createDeliveriesStore, type DeliveriesStore } from './notify/deliveries-store.js';
import { type AlertsStore, createAlertsStore } from './store.js';

export type DeliveryStatus = 'pending' | 'sent' | 'failed' | 'rate_limited';

/** A notification row as the API shows it. */
export interface DeliveryView {
  id: number;
  alertId: number;
  ruleId: string;
  channel: string;
  channelType: string;
  event: 'firing' | 'resolved';
  status: DeliveryStatus;
  attempts: number;
  nextAttemptAt: Date | null;
  lastError: string | null;
  createdAt: Date;
  sentAt: Date | null;
}

/** What the read side of the outbox offers the API. */
export interface DeliveriesReader {
  list(
    filter: { ruleId?: string | null; status?: DeliveryStatus | null; alertId?: number | null },
    afterId: number | null,
    limit: number,
  ): DeliveryView[];
  counts(): Partial<Record<DeliveryStatus, number>>;
}

/** The alerts plugin's store: the rule states and episodes, and the notification outbox. */
export interface AlertsPluginStore {
  alerts: AlertsStore;
  deliveries: DeliveriesStore;
}

/** The same composition for the API's reader and the evaluator's writer connection. */
export const createAlertsPluginStore = (db: Db, system: SystemStore | undefined): AlertsPluginStore => ({
  alerts: createAlertsStore(db, { system }),
  deliveries: createDeliveriesStore(db),
});
