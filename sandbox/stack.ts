import path from 'node:path';
import type { Config } from '../src/config';
import type { Logger } from '../src/logger';
import { namingPortSetting } from '../src/util/port-in-use';
import { generateDemoOrders } from './demo-orders';
import { startSimulators } from './simulators';

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
  const sims = await startSimulators({
    ultracart: {
      stateFile: path.join(stateDir, 'ultracart.json'),
      port: config.simulators.ultracartPort,
      merchantId: config.ultracart.merchantId,
      dcCode: config.ultracart.dcCode,
      accessKey: config.ultracart.accessKey,
      simpleKey: config.ultracart.apiKey,
      logger,
    },
    shipstation: {
      stateFile: path.join(stateDir, 'shipstation.json'),
      port: config.simulators.shipstationPort,
      apiKey: config.shipstation.apiKey,
      apiSecret: config.shipstation.apiSecret,
      rateLimitPerMinute: config.shipstation.rateLimitPerMinute,
      storeId: config.shipstation.storeId,
      logger,
    },
  }).catch((err: unknown) => {
    const port = (err as { port?: number }).port;
    const setting = port === config.simulators.shipstationPort ? 'SANDBOX_SHIPSTATION_PORT' : 'SANDBOX_ULTRACART_PORT';
    throw namingPortSetting(err, setting, `127.0.0.1:${port}`);
  });
  if (config.sandboxDemo) {
    if (!sims.uc.restored) {
      await sims.ucAdmin.postOrders(generateDemoOrders(DEMO_ORDERS, 1, { merchantId: config.ultracart.merchantId }));
      logger.info({ orders: DEMO_ORDERS }, 'sandbox demo: orders queued in UltraCart');
    }
    await sims.ssAdmin.autoship(AUTOSHIP_AFTER_MS);
    logger.info({ autoshipAfterMs: AUTOSHIP_AFTER_MS }, 'sandbox demo: labels are bought automatically in ShipStation');
  }
  return { urls: { ultracart: sims.uc.url, shipstation: sims.ss.url }, stop: sims.close };
}
