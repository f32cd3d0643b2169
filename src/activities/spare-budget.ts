import type { ShipStationClient } from '../shipstation/client';

/** What a background listing (reconciliation, the shipment sweep) leaves untouched of each window: a quarter, for the orders. */
export const backgroundReserve = (limitPerMinute: number): number => Math.ceil(limitPerMinute / 4);

const SPARE_POLL_MS = 1_000;

/**
 * Waits until this process could send a ShipStation request without delaying anyone, above `reserve`, for at
 * most `maxWaitMs`. Says whether it got there (false: the orders needed every call for that long).
 */
export async function untilSpareRequest(shipstation: Pick<ShipStationClient, 'spareRequests'>, reserve: number, maxWaitMs: number): Promise<boolean> {
  const deadline = Date.now() + maxWaitMs;
  for (;;) {
    const spare = shipstation.spareRequests();
    if (spare === undefined || spare > reserve) return true;
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, SPARE_POLL_MS));
  }
}
