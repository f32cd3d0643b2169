import { IntegrationError } from '../errors';
import type { Logger } from '../logger';
import type { UltraCartTransport } from './transport';

/**
 * One read at start-up (REST: the key's distribution centers; SOAP: the DC queue, nothing acknowledged), so a
 * wrong key, merchant or DC code stops the process at once with the reason, instead of a worker that fails every
 * scheduled ingest. A transient failure (UltraCart down for a moment) does not block the start: the ingest
 * retries it like any other call.
 */
export async function checkUltraCartCredentials(transport: Pick<UltraCartTransport, 'check'>, logger: Logger): Promise<void> {
  try {
    await transport.check();
  } catch (err) {
    if (err instanceof IntegrationError && !err.retryable) throw err;
    logger.warn({ err: (err as Error).message }, 'UltraCart did not answer the start-up check; starting anyway, the ingest retries');
  }
}
