import type { UltraCartConfig } from '../config';
import { liveSecret } from '../secrets';
import { UltraCartGate } from './gate';
import { createRestTransport } from './rest/transport';
import { createSoapTransport } from './soap/transport';
import type { UltraCartTransport } from './transport';

export type { UltraCartTransport } from './transport';
export { UltraCartGate } from './gate';

/**
 * The process's one gate: UltraCart's buckets under REST; SOAP calls are serialized only (no documented limit).
 * `cancellation`: the current activity attempt's abort signal, which takes its waiting calls out of the line.
 */
export function createUltraCartGate(config: UltraCartConfig, cancellation?: () => AbortSignal | undefined): UltraCartGate {
  return new UltraCartGate({ perHour: config.transport === 'rest' ? config.rateLimitPerHour : 0, cancellation });
}

/** The transport ULTRACART_TRANSPORT names, over the given gate. */
export async function createUltraCartTransport(config: UltraCartConfig, gate: UltraCartGate = createUltraCartGate(config)): Promise<UltraCartTransport> {
  if (config.transport === 'soap') return createSoapTransport(config, gate);
  return createRestTransport({ restUrl: config.restUrl, apiKey: liveSecret(config.apiKey, config.apiKeyFile), merchantId: config.merchantId, dcCode: config.dcCode, timeoutMs: config.timeoutMs, gate });
}
