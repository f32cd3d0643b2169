import type { Config } from '../config';
import type { Logger } from '../logger';
import { generateDemoOrders } from './demo-orders';
import { startShipStationSimulator } from './shipstation';
import { startUltraCartSimulator } from './ultracart/server';

/** How many demo orders a fresh sandbox starts with, and how soon the ShipStation simulator "buys" their labels. */
const DEMO_ORDERS = 12;
const AUTOSHIP_AFTER_MS = 8000;

export interface Sandbox {
  urls: { ultracart: string; shipstation: string };
  stop(): Promise<void>;
}

/**
 * Both simulators on their configured ports, with the sandbox credentials the config defaults to. Unless
 * SANDBOX_DEMO=0: demo orders queued in UltraCart and labels bought automatically in ShipStation. Demo orders
 * go in through the same admin route outside checks use.
 */
export async function startSandbox(config: Config, logger: Logger): Promise<Sandbox> {
  const ultracart = await startUltraCartSimulator({
    port: config.simulators.ultracartPort,
    merchantId: config.ultracart.merchantId,
    dcCode: config.ultracart.dcCode,
    accessKey: config.ultracart.accessKey,
    logger,
  });
  const shipstation = await startShipStationSimulator({
    port: config.simulators.shipstationPort,
    apiKey: config.shipstation.apiKey,
    apiSecret: config.shipstation.apiSecret,
    rateLimitPerMinute: config.shipstation.rateLimitPerMinute,
    storeId: config.shipstation.storeId,
    logger,
  }).catch(async (err: unknown) => {
    await ultracart.close();
    throw err;
  });
  const stop = async () => {
    await shipstation.close();
    await ultracart.close();
  };
  if (config.sandboxDemo) {
    await post(`${ultracart.url}/_sim/orders`, generateDemoOrders(DEMO_ORDERS, 1, { merchantId: config.ultracart.merchantId }));
    await post(`${shipstation.url}/_sim/autoship`, { after_ms: AUTOSHIP_AFTER_MS });
    logger.info({ orders: DEMO_ORDERS, autoshipAfterMs: AUTOSHIP_AFTER_MS }, 'sandbox demo: orders queued in UltraCart, labels bought automatically');
  }
  return { urls: { ultracart: ultracart.url, shipstation: shipstation.url }, stop };
}

async function post(url: string, body: unknown): Promise<void> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (!res.ok) throw new Error(`sandbox setup: POST ${url} answered ${res.status}: ${await res.text()}`);
}
