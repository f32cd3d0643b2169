import path from 'node:path';
import type { Config } from '../src/config';
import type { Logger } from '../src/logger';
import { namingPortSetting } from '../src/util/port-in-use';
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
 * Both simulators on their configured ports, with the sandbox credentials the config defaults to, their state
 * kept under DATA_DIR so a restart resumes where it stopped. Unless
 * SANDBOX_DEMO=0: demo orders queued in UltraCart and labels bought automatically in ShipStation. Demo orders
 * go in through the same admin route outside checks use.
 */
export async function startSandbox(config: Config, logger: Logger): Promise<Sandbox> {
  // State survives restarts; the empty sandbox (SANDBOX_DEMO=0) keeps its own, so it starts empty the first time.
  const stateDir = path.resolve(config.dataDir, config.sandboxDemo ? 'sandbox' : 'sandbox-empty');
  const ultracart = await startUltraCartSimulator({
    stateFile: path.join(stateDir, 'ultracart.json'),
    port: config.simulators.ultracartPort,
    merchantId: config.ultracart.merchantId,
    dcCode: config.ultracart.dcCode,
    accessKey: config.ultracart.accessKey,
    logger,
  }).catch((err: unknown) => {
    throw namingPortSetting(err, 'SANDBOX_ULTRACART_PORT', `127.0.0.1:${config.simulators.ultracartPort}`);
  });
  const shipstation = await startShipStationSimulator({
    stateFile: path.join(stateDir, 'shipstation.json'),
    port: config.simulators.shipstationPort,
    apiKey: config.shipstation.apiKey,
    apiSecret: config.shipstation.apiSecret,
    rateLimitPerMinute: config.shipstation.rateLimitPerMinute,
    storeId: config.shipstation.storeId,
    logger,
  }).catch(async (err: unknown) => {
    await ultracart.close();
    throw namingPortSetting(err, 'SANDBOX_SHIPSTATION_PORT', `127.0.0.1:${config.simulators.shipstationPort}`);
  });
  const stop = async () => {
    await shipstation.close();
    await ultracart.close();
  };
  if (config.sandboxDemo) {
    if (!ultracart.restored) {
      await post(`${ultracart.url}/_sim/orders`, generateDemoOrders(DEMO_ORDERS, 1, { merchantId: config.ultracart.merchantId }));
      logger.info({ orders: DEMO_ORDERS }, 'sandbox demo: orders queued in UltraCart');
    }
    await post(`${shipstation.url}/_sim/autoship`, { after_ms: AUTOSHIP_AFTER_MS });
    logger.info({ autoshipAfterMs: AUTOSHIP_AFTER_MS }, 'sandbox demo: labels are bought automatically in ShipStation');
  }
  return { urls: { ultracart: ultracart.url, shipstation: shipstation.url }, stop };
}

async function post(url: string, body: unknown): Promise<void> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (!res.ok) throw new Error(`sandbox setup: POST ${url} answered ${res.status}: ${await res.text()}`);
}
