import type { Simulators } from '../../sandbox/simulators';
import { TEST_PAYLOAD_KEYS } from './codec';
import { devServerAddress } from './temporal';

/**
 * The configuration of a `ucship worker` child process (stack-kit's WorkerProcess) on the suite's dev server and
 * a pair of simulators, with explicit sandbox credentials, as in production; `extra` adds or overrides settings.
 */
export function simulatorWorkerEnv(o: { sims: Simulators; merchantId: string; taskQueue: string; httpPort: number; dir: string }, extra: Record<string, string> = {}): Record<string, string> {
  return {
    TEMPORAL_ADDRESS: devServerAddress(),
    TEMPORAL_TASK_QUEUE: o.taskQueue,
    HTTP_PORT: String(o.httpPort),
    DATA_DIR: o.dir,
    LOG_LEVEL: 'warn',
    ULTRACART_MERCHANT_ID: o.merchantId,
    ULTRACART_ACCESS_KEY: 'sandbox-access-key',
    ULTRACART_DC_CODE: 'DFLT',
    ULTRACART_SOAP_URL: o.sims.uc.soapUrl,
    SHIPSTATION_API_KEY: 'sandbox-key',
    SHIPSTATION_API_SECRET: 'sandbox-secret',
    SHIPSTATION_BASE_URL: o.sims.ss.url,
    SHIPSTATION_STORE_ID: '1',
    PAYLOAD_ENCRYPTION_KEYS: TEST_PAYLOAD_KEYS,
    ...extra,
  };
}
