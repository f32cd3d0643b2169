import { requestJson, type JsonResponse } from '../../sandbox/admin-client';
import type { ShipStationConfig } from '../../src/config';
import { type ShipStationSimulator, type ShipStationSimulatorOptions, startShipStationSimulator } from '../../sandbox/shipstation';
import { type ShipStationClient, type ShipStationClientOptions, createShipStationClient } from '../../src/shipstation/client';
import type { CreateOrderRequest } from '../../src/shipstation/schemas';
import { orderKeyOf } from '../../src/contract';

export const KEY = 'test-key-K3Y';
export const SECRET = 'test-secret-S3CR3T';

export async function startSim(opts: ShipStationSimulatorOptions = {}) {
  return startShipStationSimulator({ port: 0, apiKey: KEY, apiSecret: SECRET, rateLimitPerMinute: 0, webhookDelayMs: 10, ...opts });
}

export function configFor(url: string, overrides: Partial<ShipStationConfig> = {}): ShipStationConfig {
  return { apiKey: KEY, apiSecret: SECRET, baseUrl: url, storeId: 1, timeoutMs: 5000, rateLimitPerMinute: 100_000, rateLimitReserve: 0, statusMap: {}, ...overrides };
}

export function clientFor(url: string, overrides: Partial<ShipStationConfig> = {}, opts: ShipStationClientOptions = {}) {
  return createShipStationClient(configFor(url, overrides), opts);
}

const address = { name: 'Ada Lovelace', street1: '1 Main St', city: 'Springfield', state: 'IL', postalCode: '62701', country: 'US' };

export function order(n: string, extra: Partial<CreateOrderRequest> = {}): CreateOrderRequest {
  return {
    orderNumber: n,
    orderKey: orderKeyOf('DEMO', n),
    orderDate: '2024-09-17 10:51:14',
    orderStatus: 'awaiting_shipment',
    billTo: address,
    shipTo: address,
    items: [
      { lineItemKey: '1', sku: 'MUG', name: 'Mug', quantity: 2, unitPrice: 10 },
      { lineItemKey: '2', sku: 'TEE', name: 'T-shirt', quantity: 1, unitPrice: 20 },
      { lineItemKey: '3', sku: 'COUPON-SAVE', name: 'Coupon SAVE', quantity: 1, unitPrice: -5, adjustment: true },
    ],
    ...extra,
  };
}

/** Calls an admin route of the simulator. */
export function admin<T = unknown>(url: string, method: string, path: string, body?: unknown): Promise<JsonResponse<T>> {
  return requestJson<T>(url + path, { method, body });
}

/** Calls a REST route with the test credentials (or others). */
export function rest(url: string, method: string, path: string, body?: unknown, auth = `${KEY}:${SECRET}`) {
  return requestJson<Record<string, unknown>>(url + path, { method, body, headers: { authorization: `Basic ${Buffer.from(auth).toString('base64')}` } });
}

/** Resolves to the thrown error (fails the test when nothing is thrown). */
export async function caught(p: Promise<unknown>): Promise<Error & { kind: string; retryable: boolean; retryAfterMs?: number }> {
  try {
    await p;
  } catch (err) {
    return err as never;
  }
  throw new Error('expected a rejection');
}

/** A simulator and a client on it for the whole test file, emptied before each test. */
export function simulatorPerFile(): { sim: ShipStationSimulator; client: ShipStationClient } {
  const held = {} as { sim: ShipStationSimulator; client: ShipStationClient };
  beforeAll(async () => {
    held.sim = await startSim();
    held.client = clientFor(held.sim.url);
  });
  afterAll(() => held.sim.close());
  beforeEach(() => held.sim.reset());
  return held;
}
