import { requestJson } from '../../sandbox/admin-client';
import { IntegrationError } from '../../src/errors';
import { DEFAULT_WSDL, type UltraCartConfig } from '../../src/config';
import { startUltraCartSimulator, type UltraCartSimulator } from '../../sandbox/ultracart/server';
import { createUltraCartClient, type UltraCartClient } from '../../src/ultracart/soap/client';

/** A distinctive key (with XML-special characters) so a leak is easy to find and escaping is exercised. */
export const ACCESS_KEY = 'k3y-&-<secret>-ZQX9';
export const MERCHANT = 'TESTM';
export const DC = 'DC1';

export async function startSim(): Promise<UltraCartSimulator> {
  return startUltraCartSimulator({ port: 0, merchantId: MERCHANT, dcCode: DC, accessKey: ACCESS_KEY });
}

export function clientConfig(sim: { soapUrl: string }, overrides: Partial<UltraCartConfig> = {}): UltraCartConfig {
  return {
    transport: 'soap',
    merchantId: MERCHANT,
    dcCode: DC,
    accessKey: ACCESS_KEY,
    apiKey: '',
    soapUrl: sim.soapUrl,
    wsdl: DEFAULT_WSDL,
    restUrl: '',
    timeoutMs: 2_000,
    rateLimitPerHour: 1000,
    ...overrides,
  };
}

export function connect(sim: { soapUrl: string }, overrides: Partial<UltraCartConfig> = {}): Promise<UltraCartClient> {
  return createUltraCartClient(clientConfig(sim, overrides));
}

/** Calls an admin route and returns status and parsed JSON body (undefined when empty); tests read it freely. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function admin(sim: UltraCartSimulator, method: string, path: string, body?: unknown): Promise<{ status: number; body: any }> {
  const { status, body: answer } = await requestJson(`${sim.url}${path}`, { method, body });
  return { status, body: answer };
}

export function minimalOrder(orderId: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    order_id: orderId,
    creation_dts: '2024-05-01T12:00:00Z',
    shipping: { first_name: 'A', last_name: 'B', address1: '1 Main St', city: 'Town', country_code: 'US' },
    items: [{ item_index: 1, merchant_item_id: 'SKU-1', quantity: 1 }],
    ...extra,
  };
}

/** Runs `fn`, which must reject with an IntegrationError, and returns it. */
export async function failure(fn: () => Promise<unknown>): Promise<IntegrationError> {
  try {
    await fn();
  } catch (err) {
    if (err instanceof IntegrationError) return err;
    throw err;
  }
  throw new Error('expected a failure');
}
