import { SANDBOX_DEFAULTS } from '../src/config';
import { freePort } from '../src/util/free-port';
import { startSimulators, type SimulatorsOptions } from '../sandbox/simulators';
import { PrivateTemporal } from './private-temporal';
import { WorkerProcess } from './worker-process';

export interface PrivateStackOptions {
  /** A running private Temporal to share (the drills run every scenario on one); default: a fresh in-memory one, stopped with the stack. */
  temporal?: PrivateTemporal;
  /** For a fresh Temporal: payload encryption (a key of its own, the product's default) or off. */
  encryption?: boolean;
  /** The UltraCart merchant (default the sandbox's); its own merchant keeps workflow and schedule ids apart on a shared server. */
  merchantId?: string;
  simulators?: SimulatorsOptions;
  /**
   * How the worker is configured: `sandbox` runs it as `npm start` would without credentials (the sandbox's
   * defaults, pointed at these simulators); `credentials` gives it explicit ones, as in production.
   */
  mode: 'sandbox' | 'credentials';
  /** With credentials: the UltraCart transport (default SOAP). */
  ultracartTransport?: 'soap' | 'rest';
  taskQueue?: string;
  /** Added to (or overriding) the worker's configuration. */
  workerEnv?: Record<string, string>;
  /** The worker's working directory, DATA_DIR and log file. */
  dir?: string;
  logFile?: string;
  onLine?: (line: string) => void;
  onExit?: (code: number | null, signal: NodeJS.Signals | null) => void;
}

/**
 * A whole private stack on free ports: Temporal, both simulators with their admin clients, and the product as
 * a `ucship worker` child process (started by `worker.start()`, ready when its /healthz answers). Nothing on
 * the default ports, so it runs next to `npm start` and the jest suite.
 */
export async function startPrivateStack(opts: PrivateStackOptions) {
  const temporal = opts.temporal ?? (await PrivateTemporal.start(undefined, { encryption: opts.encryption }));
  const merchantId = opts.merchantId ?? SANDBOX_DEFAULTS.merchantId;
  const taskQueue = opts.taskQueue ?? `private-${merchantId}`;
  const sims = await startSimulators({ ...opts.simulators, ultracart: { merchantId, ...opts.simulators?.ultracart } }).catch(async (err: unknown) => {
    if (!opts.temporal) await temporal.stop();
    throw err;
  });
  const httpPort = await freePort();
  const common = {
    TEMPORAL_ADDRESS: temporal.address,
    TEMPORAL_TASK_QUEUE: taskQueue,
    HTTP_PORT: String(httpPort),
    LOG_LEVEL: 'warn',
    ...temporal.encryptionEnv,
    ...(opts.dir !== undefined && { DATA_DIR: opts.dir }),
  };
  const sandbox = { SANDBOX_ULTRACART_PORT: String(sims.uc.port), SANDBOX_SHIPSTATION_PORT: String(sims.ss.port) };
  const ultracart: Record<string, string> =
    opts.ultracartTransport === 'rest'
      ? { ULTRACART_TRANSPORT: 'rest', ULTRACART_API_KEY: SANDBOX_DEFAULTS.simpleKey, ULTRACART_REST_URL: sims.uc.restUrl, ULTRACART_RATE_LIMIT_PER_HOUR: '1000000' }
      : { ULTRACART_TRANSPORT: 'soap', ULTRACART_ACCESS_KEY: SANDBOX_DEFAULTS.accessKey, ULTRACART_SOAP_URL: sims.uc.soapUrl };
  const credentials = {
    ULTRACART_MERCHANT_ID: merchantId,
    ULTRACART_DC_CODE: SANDBOX_DEFAULTS.dcCode,
    ...ultracart,
    SHIPSTATION_API_KEY: SANDBOX_DEFAULTS.apiKey,
    SHIPSTATION_API_SECRET: SANDBOX_DEFAULTS.apiSecret,
    SHIPSTATION_BASE_URL: sims.ss.url,
    SHIPSTATION_STORE_ID: String(SANDBOX_DEFAULTS.storeId),
    PUBLIC_URL: `http://127.0.0.1:${httpPort}`,
    WEBHOOK_SECRET: 'private-stack-webhook-secret',
  };
  /** The worker's configuration, with `extra` on top (a wrong credential, say). */
  const workerEnv = (extra: Record<string, string> = {}): Record<string, string> => ({
    ...common,
    ...(opts.mode === 'sandbox' ? sandbox : credentials),
    ...opts.workerEnv,
    ...extra,
  });
  const worker = new WorkerProcess({ env: workerEnv(), cwd: opts.dir, logFile: opts.logFile, onLine: opts.onLine, onExit: opts.onExit });
  return {
    temporal,
    client: temporal.client,
    ...sims,
    merchantId,
    taskQueue,
    httpPort,
    worker,
    workerEnv,
    async stop(): Promise<void> {
      await worker.stop();
      await sims.close();
      if (!opts.temporal) await temporal.stop();
    },
  };
}
export type PrivateStack = Awaited<ReturnType<typeof startPrivateStack>>;
