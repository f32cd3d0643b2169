import type { ShipStationClient } from './client';

/** Registers the SHIP_NOTIFY webhook once: a subscription to the same URL already there is kept as it is. */
export async function ensureWebhookSubscription(client: ShipStationClient, targetUrl: string, storeId: number | undefined): Promise<'existing' | 'created'> {
  const existing = await client.listWebhooks();
  if (existing.some((w) => w.targetUrl === targetUrl && w.event === 'SHIP_NOTIFY')) return 'existing';
  await client.subscribeWebhook({ targetUrl, event: 'SHIP_NOTIFY', storeId, friendlyName: 'ucship' });
  return 'created';
}
