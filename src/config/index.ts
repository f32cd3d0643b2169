import path from 'node:path';
import type { PayloadEncryptionConfig } from '../codec/settings';
import { DEFAULT_STAGE_THRESHOLDS_MS } from '../ops/stages';
import { SetupError } from '../setup-error';
import type { ImportStatus } from '../shipstation/schemas';
import type { TransportKind } from '../ultracart/transport';
import type { Env } from './env-schema';
import { resolveSettings } from './resolve';

export { DEFAULT_WSDL, SANDBOX_DEFAULTS, envSchema, type Env } from './env-schema';
export { modeDefaults, resolveSettings, setValues, type ResolvedSettings } from './resolve';

export interface UltraCartConfig {
  /** rest: UltraCart's documented fulfillment API (what a merchant connects today); soap: this project's contract. */
  transport: TransportKind;
  merchantId: string;
  dcCode: string;
  /** Secrets (the SOAP access key, the REST simple key): never logged, never put in an error or in workflow history. */
  accessKey: string;
  apiKey: string;
  /** ULTRACART_ACCESS_KEY_FILE / ULTRACART_API_KEY_FILE: re-read when they change, so a key rotates without a restart. */
  accessKeyFile?: string;
  apiKeyFile?: string;
  soapUrl: string;
  wsdl: string;
  restUrl: string;
  timeoutMs: number;
  /** UltraCart's leaky bucket per application and IP; the daily one is fixed at 10,000. */
  rateLimitPerHour: number;
}

export interface ShipStationConfig {
  /** Secrets: never logged, never put in an error or in workflow history. */
  apiKey: string;
  apiSecret: string;
  /** SHIPSTATION_API_KEY_FILE / _SECRET_FILE: re-read when they change, so the key rotates without a restart. */
  apiKeyFile?: string;
  apiSecretFile?: string;
  baseUrl: string;
  storeId: number | undefined;
  timeoutMs: number;
  /** 0: no limit (benchmarks of everything else against the simulator with its limit off). */
  rateLimitPerMinute: number;
  /** Requests per window left unspent for other programs on the same key. */
  rateLimitReserve: number;
  statusMap: Record<string, ImportStatus>;
}

export interface TemporalConfig {
  /** Unset: the embedded dev server is started. */
  address: string | undefined;
  namespace: string;
  apiKey: string | undefined;
  tlsCertPath: string | undefined;
  tlsKeyPath: string | undefined;
  taskQueue: string;
  devPort: number;
  uiPort: number;
}

export interface Config {
  sandbox: boolean;
  sandboxDemo: boolean;
  logLevel: Env['LOG_LEVEL'];
  dataDir: string;
  temporal: TemporalConfig;
  ultracart: UltraCartConfig;
  shipstation: ShipStationConfig;
  ingestIntervalMs: number;
  shipmentPollIntervalMs: number;
  shipmentWatchPeriodMs: number;
  /** How often the labels voided lately are listed (voids send no webhook). */
  voidSweepIntervalMs: number;
  /** How often the labels, "mark as shipped" fulfillments and cancels made in ShipStation lately are listed. */
  shipmentSweepIntervalMs: number;
  /** A batched call goes once no order joined it for lingerMs, or once its oldest order waited maxWaitMs. */
  batching: { lingerMs: number; maxWaitMs: number };
  /** How often the Schedule compares ShipStation with the order workflows. */
  reconcileIntervalMs: number;
  /** Undefined: alerts are only logged. `intervalMs`: one message per kind at most this often. */
  alerts: { webhookUrl: string | undefined; intervalMs: number };
  /** Stage → how long an order may stay in it before it is alerted and reported (defaults in src/ops/stages.ts). */
  stageThresholdsMs: Record<string, number>;
  /** webhookSecret undefined (production without WEBHOOK_SECRET): the webhook route answers 404. */
  http: { host: string; port: number; publicUrl: string | undefined; webhookSecret: string | undefined };
  simulators: { ultracartPort: number; shipstationPort: number };
  /** undefined: PAYLOAD_ENCRYPTION=off, payloads in plain text. */
  payloadEncryption: PayloadEncryptionConfig | undefined;
  /**
   * The codec endpoint on the HTTP server (`/codec/encode`, `/codec/decode`) for the Web UI and the `temporal` CLI.
   * authToken (secret) or, in the sandbox, a token file under DATA_DIR; neither: no codec endpoint.
   */
  codec: { authToken: string | undefined; authTokenFile: string | undefined; corsOrigins: string[] };
}

export class ConfigError extends SetupError {
  constructor(readonly problems: string[]) {
    super(`ucship cannot start; fix these settings:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Reads and checks every setting at once; throws a ConfigError listing every problem by setting name. */
export function loadConfig(source: NodeJS.ProcessEnv = process.env): Config {
  const { sandbox, transport, parsed, problems, encryption } = resolveSettings(source);
  if (!parsed.success || problems.length > 0) throw new ConfigError(problems);
  // Every mode-defaulted setting is given (modeDefaults), or required and checked above.
  const env = parsed.data as Env &
    Required<Pick<Env, 'ULTRACART_MERCHANT_ID' | 'ULTRACART_DC_CODE' | 'ULTRACART_REST_URL' | 'SHIPSTATION_API_KEY' | 'SHIPSTATION_API_SECRET' | 'SHIPSTATION_BASE_URL'>> &
    Required<Pick<Env, 'INGEST_INTERVAL' | 'SHIPMENT_POLL_INTERVAL' | 'SHIPMENT_WATCH_PERIOD' | 'VOID_SWEEP_INTERVAL' | 'SHIPMENT_SWEEP_INTERVAL' | 'RECONCILE_INTERVAL' | 'ALERT_INTERVAL'>>;
  const uiOrigins = [`http://127.0.0.1:${env.TEMPORAL_UI_PORT}`, `http://localhost:${env.TEMPORAL_UI_PORT}`];
  return {
    sandbox,
    sandboxDemo: sandbox && env.SANDBOX_DEMO,
    logLevel: env.LOG_LEVEL,
    dataDir: env.DATA_DIR,
    temporal: {
      address: env.TEMPORAL_ADDRESS,
      namespace: env.TEMPORAL_NAMESPACE,
      apiKey: env.TEMPORAL_API_KEY,
      tlsCertPath: env.TEMPORAL_TLS_CERT_PATH,
      tlsKeyPath: env.TEMPORAL_TLS_KEY_PATH,
      taskQueue: env.TEMPORAL_TASK_QUEUE,
      devPort: env.TEMPORAL_DEV_PORT,
      uiPort: env.TEMPORAL_UI_PORT,
    },
    ultracart: {
      transport,
      merchantId: env.ULTRACART_MERCHANT_ID,
      dcCode: env.ULTRACART_DC_CODE,
      // The other transport's key is not required: empty.
      accessKey: env.ULTRACART_ACCESS_KEY ?? '',
      accessKeyFile: env.ULTRACART_ACCESS_KEY_FILE,
      apiKey: env.ULTRACART_API_KEY ?? '',
      apiKeyFile: env.ULTRACART_API_KEY_FILE,
      soapUrl: env.ULTRACART_SOAP_URL ?? '',
      wsdl: env.ULTRACART_WSDL,
      restUrl: env.ULTRACART_REST_URL.replace(/\/+$/, ''),
      timeoutMs: env.ULTRACART_TIMEOUT_MS,
      rateLimitPerHour: env.ULTRACART_RATE_LIMIT_PER_HOUR,
    },
    shipstation: {
      apiKey: env.SHIPSTATION_API_KEY,
      apiSecret: env.SHIPSTATION_API_SECRET,
      apiKeyFile: env.SHIPSTATION_API_KEY_FILE,
      apiSecretFile: env.SHIPSTATION_API_SECRET_FILE,
      baseUrl: env.SHIPSTATION_BASE_URL,
      storeId: env.SHIPSTATION_STORE_ID,
      timeoutMs: env.SHIPSTATION_TIMEOUT_MS,
      rateLimitPerMinute: env.SHIPSTATION_RATE_LIMIT_PER_MINUTE,
      rateLimitReserve: env.SHIPSTATION_RATE_LIMIT_RESERVE,
      statusMap: env.STATUS_MAP,
    },
    ingestIntervalMs: env.INGEST_INTERVAL,
    shipmentPollIntervalMs: env.SHIPMENT_POLL_INTERVAL,
    shipmentWatchPeriodMs: env.SHIPMENT_WATCH_PERIOD,
    voidSweepIntervalMs: env.VOID_SWEEP_INTERVAL,
    shipmentSweepIntervalMs: env.SHIPMENT_SWEEP_INTERVAL,
    batching: { lingerMs: env.BATCH_LINGER, maxWaitMs: Math.max(env.BATCH_MAX_WAIT, env.BATCH_LINGER) },
    reconcileIntervalMs: env.RECONCILE_INTERVAL,
    alerts: { webhookUrl: env.ALERT_WEBHOOK_URL, intervalMs: env.ALERT_INTERVAL },
    stageThresholdsMs: { ...DEFAULT_STAGE_THRESHOLDS_MS, ...env.STAGE_THRESHOLDS },
    http: {
      host: env.HTTP_HOST,
      port: env.HTTP_PORT,
      publicUrl: env.PUBLIC_URL,
      webhookSecret: env.WEBHOOK_SECRET,
    },
    simulators: { ultracartPort: env.SANDBOX_ULTRACART_PORT, shipstationPort: env.SANDBOX_SHIPSTATION_PORT },
    payloadEncryption: encryption,
    codec: {
      authToken: env.CODEC_AUTH_TOKEN,
      authTokenFile: env.CODEC_AUTH_TOKEN === undefined && sandbox ? path.join(env.DATA_DIR, 'codec-auth-token') : undefined,
      // The embedded dev server's UI, else Temporal Cloud's.
      corsOrigins: env.CODEC_CORS_ORIGINS?.split(',').map((o) => o.trim().replace(/\/$/, '')).filter(Boolean) ?? (env.TEMPORAL_ADDRESS ? ['https://cloud.temporal.io'] : uiOrigins),
    },
  };
}

