import { IntegrationError } from '../errors';
import type { Logger } from '../logger';
import type { UltraCartClient } from './client';

/**
 * One read of the DC queue at start-up, so a wrong access key, merchant or DC code stops the process at once with
 * the reason, instead of a worker that runs and fails every scheduled ingest (and parks every order it touches).
 * `getOrders` only reads (nothing is acknowledged). A transient failure (UltraCart down for a moment) does not
 * block the start: the ingest retries it like any other call.
 */
export async function checkUltraCartCredentials(client: Pick<UltraCartClient, 'getOrders'>, logger: Logger): Promise<void> {
  try {
    await client.getOrders();
  } catch (err) {
    if (err instanceof IntegrationError && !err.retryable) throw err;
    logger.warn({ err: (err as Error).message }, 'UltraCart did not answer the start-up check; starting anyway, the ingest retries');
  }
}
