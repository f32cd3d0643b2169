import type { Logger } from '../logger';
import type { ShipStationClient } from './client';
import type { ShipStationStore } from './schemas';

/**
 * ShipStation's own UltraCart connector imports the same orders under its own order keys, so running it next
 * to this service ships every order twice. Returns the offending active stores (empty when all is well).
 */
export async function warnIfNativeUltraCartStore(client: Pick<ShipStationClient, 'listStores'>, logger: Logger): Promise<ShipStationStore[]> {
  const native = (await client.listStores()).filter((s) => s.active && /ultra\s*cart/i.test(s.marketplaceName));
  for (const store of native) {
    logger.warn(
      { storeId: store.storeId, storeName: store.storeName, marketplaceName: store.marketplaceName },
      `ShipStation store "${store.storeName}" (id ${store.storeId}) is ShipStation's native UltraCart connector and is active: every order would arrive twice. Deactivate it or stop this service.`,
    );
  }
  return native;
}
