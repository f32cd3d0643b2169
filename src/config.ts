import path from 'node:path';
import { z } from 'zod';
import { parsePayloadEncryption, type PayloadEncryptionConfig } from './codec/settings';
import { parseDuration } from './duration';
import { SetupError } from './setup-error';
import { DEFAULT_STAGE_THRESHOLDS_MS } from './ops/stages';
import { readSecretFile } from './secrets';
import { IMPORT_STATUSES, type ImportStatus } from './shipstation/schemas';
import { SOAP_PATH } from './ultracart/protocol';

/**
 * One zod-validated configuration from the environment (and an optional .env file, loaded by the CLI).
 * With no UltraCart or ShipStation credentials the product runs the local sandbox: the defaults below then
 * point at the two simulators with their documented demo credentials.
 */

const SANDBOX = {
  ultracartPort: 4010,
  shipstationPort: 4020,
  merchantId: 'DEMO',
  dcCode: 'DFLT',
  accessKey: 'sandbox-access-key',
  simpleKey: 'sandbox-simple-key',
  apiKey: 'sandbox-key',
  apiSecret: 'sandbox-secret',
  storeId: 1,
  webhookSecret: 'sandbox-webhook-secret',
} as const;

const port = z.coerce.number().int().min(0).max(65535);
const duration = z.string().transform((s, ctx) => {
  try {
    return parseDuration(s);
  } catch (err) {
    ctx.addIssue({ code: 'custom', message: (err as Error).message });
    return z.NEVER;
  }
});
/** A Schedule's interval: Temporal refuses anything under a second ("interval is too small"), after the simulators started. */
const scheduleInterval = duration.refine((ms) => ms >= 1000, 'must be at least 1s (Temporal Schedules run at most once a second)');
const bool = z.enum(['0', '1', 'true', 'false']).transform((v) => v === '1' || v === 'true');
const optionalText = z.string().trim().min(1).optional();

/** Every setting the product reads, with its documented default. The README's reference is checked against this. */
export const envSchema = z.object({
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DATA_DIR: z.string().default('.data'),

  TEMPORAL_ADDRESS: optionalText,
  TEMPORAL_NAMESPACE: z.string().default('default'),
  TEMPORAL_API_KEY: optionalText,
  TEMPORAL_TLS_CERT_PATH: optionalText,
  TEMPORAL_TLS_KEY_PATH: optionalText,
  TEMPORAL_TASK_QUEUE: z.string().default('ucship'),
  TEMPORAL_DEV_PORT: port.default(7233),
  TEMPORAL_UI_PORT: port.default(8233),

  ULTRACART_MERCHANT_ID: optionalText,
  ULTRACART_ACCESS_KEY: optionalText,
  ULTRACART_ACCESS_KEY_FILE: optionalText,
  ULTRACART_DC_CODE: optionalText,
  ULTRACART_SOAP_URL: z.url().optional(),
  ULTRACART_WSDL: z.string().default(path.join(__dirname, 'ultracart', 'DistributionCenterService.wsdl')),
  ULTRACART_TIMEOUT_MS: z.coerce.number().int().positive().default(30000),
  ULTRACART_TRANSPORT: z.enum(['rest', 'soap']).optional(),
  ULTRACART_API_KEY: optionalText,
  ULTRACART_API_KEY_FILE: optionalText,
  ULTRACART_REST_URL: z.url().optional(),
  ULTRACART_RATE_LIMIT_PER_HOUR: z.coerce.number().int().positive().default(1000),

  SHIPSTATION_API_KEY: optionalText,
  SHIPSTATION_API_SECRET: optionalText,
  SHIPSTATION_API_KEY_FILE: optionalText,
  SHIPSTATION_API_SECRET_FILE: optionalText,
  SHIPSTATION_BASE_URL: z.url().optional(),
  SHIPSTATION_STORE_ID: z.coerce.number().int().positive().optional(),
  SHIPSTATION_TIMEOUT_MS: z.coerce.number().int().positive().default(30000),
  SHIPSTATION_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(0).default(40),
  SHIPSTATION_RATE_LIMIT_RESERVE: z.coerce.number().int().min(0).default(0),
  STATUS_MAP: z
    .string()
    .default('{}')
    .transform((s, ctx) => {
      try {
        return z.record(z.string(), z.enum(IMPORT_STATUSES)).parse(JSON.parse(s));
      } catch {
        ctx.addIssue({ code: 'custom', message: `must be a JSON object of UltraCart stage → ${IMPORT_STATUSES.join(' | ')}` });
        return z.NEVER;
      }
    }),

  INGEST_INTERVAL: scheduleInterval.optional(),
  SHIPMENT_POLL_INTERVAL: duration.optional(),
  SHIPMENT_WATCH_PERIOD: duration.optional(),
  VOID_SWEEP_INTERVAL: scheduleInterval.optional(),
  BATCH_LINGER: duration.default(1000),
  BATCH_MAX_WAIT: duration.default(5000),
  RECONCILE_INTERVAL: scheduleInterval.optional(),
  ALERT_WEBHOOK_URL: z.url().optional(),
  ALERT_INTERVAL: duration.optional(),
  STAGE_THRESHOLDS: z
    .string()
    .default('{}')
    .transform((s, ctx) => {
      try {
        return Object.fromEntries(Object.entries(z.record(z.string(), z.string()).parse(JSON.parse(s))).map(([stage, d]) => [stage, parseDuration(d)]));
      } catch {
        ctx.addIssue({ code: 'custom', message: 'must be a JSON object of stage → duration, e.g. {"importing":"30m"}' });
        return z.NEVER;
      }
    }),

  HTTP_HOST: z.string().trim().min(1).default('127.0.0.1'),
  HTTP_PORT: port.default(3000),
  PUBLIC_URL: z.url().optional(),
  WEBHOOK_SECRET: optionalText,

  PAYLOAD_ENCRYPTION: z.enum(['on', 'off']).default('on'),
  PAYLOAD_ENCRYPTION_KEYS: optionalText,
  PAYLOAD_ENCRYPTION_KEYS_FILE: optionalText,
  CODEC_AUTH_TOKEN: z.string().trim().min(16, 'at least 16 characters (e.g. `openssl rand -base64 24`)').optional(),
  CODEC_CORS_ORIGINS: optionalText,

  SANDBOX_DEMO: bool.default(true),
  SANDBOX_ULTRACART_PORT: port.default(SANDBOX.ultracartPort),
  SANDBOX_SHIPSTATION_PORT: port.default(SANDBOX.shipstationPort),
});

export type Env = z.infer<typeof envSchema>;

export interface UltraCartConfig {
  /** rest: UltraCart's documented fulfillment API (what a merchant connects today); soap: this project's contract. */
  transport: 'rest' | 'soap';
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

export const DEFAULT_WSDL = envSchema.shape.ULTRACART_WSDL.parse(undefined);

const ULTRACART_REQUIRED = { soap: ['ULTRACART_MERCHANT_ID', 'ULTRACART_ACCESS_KEY', 'ULTRACART_DC_CODE'], rest: ['ULTRACART_MERCHANT_ID', 'ULTRACART_API_KEY', 'ULTRACART_DC_CODE'] } as const;
const SHIPSTATION_REQUIRED = ['SHIPSTATION_API_KEY', 'SHIPSTATION_API_SECRET'] as const;
/** Secrets that may come from a file instead (`<name>_FILE`). */
const FILE_SECRETS = ['ULTRACART_ACCESS_KEY', 'ULTRACART_API_KEY', 'SHIPSTATION_API_KEY', 'SHIPSTATION_API_SECRET'] as const;
type FileSecret = (typeof FILE_SECRETS)[number];
const CREDENTIALS = ['ULTRACART_MERCHANT_ID', 'ULTRACART_ACCESS_KEY', 'ULTRACART_API_KEY', 'ULTRACART_DC_CODE', ...SHIPSTATION_REQUIRED];

/**
 * Defaults that depend on the mode, as text, as if they had been set: the sandbox points at the simulators with
 * their demo credentials. One place, so `ucship config` shows what each setting resolved to.
 */
export function modeDefaults(sandbox: boolean, source: Readonly<Record<string, string>>): Record<string, string> {
  const local = (setting: string, port: number) => `http://127.0.0.1:${source[setting] ?? port}`;
  const intervals = sandbox
    ? { INGEST_INTERVAL: '5s', SHIPMENT_POLL_INTERVAL: '30s', SHIPMENT_WATCH_PERIOD: '2m', VOID_SWEEP_INTERVAL: '30s', RECONCILE_INTERVAL: '10m', ALERT_INTERVAL: '10s' }
    : { INGEST_INTERVAL: '1m', SHIPMENT_POLL_INTERVAL: '6h', SHIPMENT_WATCH_PERIOD: '3d', VOID_SWEEP_INTERVAL: '1h', RECONCILE_INTERVAL: '1d', ALERT_INTERVAL: '5m' };
  if (!sandbox) return { ULTRACART_REST_URL: 'https://secure.ultracart.com/rest/v2', SHIPSTATION_BASE_URL: 'https://ssapi.shipstation.com', ...intervals };
  const ultracart = local('SANDBOX_ULTRACART_PORT', SANDBOX.ultracartPort);
  return {
    ULTRACART_MERCHANT_ID: SANDBOX.merchantId,
    ULTRACART_DC_CODE: SANDBOX.dcCode,
    ULTRACART_ACCESS_KEY: SANDBOX.accessKey,
    ULTRACART_API_KEY: SANDBOX.simpleKey,
    ULTRACART_SOAP_URL: `${ultracart}${SOAP_PATH}`,
    ULTRACART_REST_URL: `${ultracart}/rest/v2`,
    SHIPSTATION_API_KEY: SANDBOX.apiKey,
    SHIPSTATION_API_SECRET: SANDBOX.apiSecret,
    SHIPSTATION_BASE_URL: local('SANDBOX_SHIPSTATION_PORT', SANDBOX.shipstationPort),
    SHIPSTATION_STORE_ID: String(SANDBOX.storeId),
    WEBHOOK_SECRET: SANDBOX.webhookSecret,
    ...intervals,
  };
}

/** An empty (or blank) value is unset, everywhere: compose's `${X:-}` and `X=` in a .env file mean "not given". */
export function setValues(source: NodeJS.ProcessEnv): Record<string, string> {
  return Object.fromEntries(Object.entries(source).filter((e): e is [string, string] => (e[1] ?? '').trim() !== ''));
}

export interface ResolvedSettings {
  sandbox: boolean;
  transport: 'rest' | 'soap';
  /** What each setting was given, mode defaults and secrets read from `<name>_FILE` filled in (schema defaults not). */
  given: Record<string, string>;
  /** The secrets whose value came from `<name>_FILE`. */
  fromFiles: string[];
  parsed: ReturnType<typeof envSchema.safeParse>;
  /** `SETTING: what is wrong`, one per bad setting. */
  problems: string[];
  encryption: PayloadEncryptionConfig | undefined;
}

/** Every setting checked at once, nothing thrown: loadConfig and `ucship config` share it. */
export function resolveSettings(raw: NodeJS.ProcessEnv): ResolvedSettings {
  const source = setValues(raw);
  const isSet = (k: string) => k in source || ((FILE_SECRETS as readonly string[]).includes(k) && `${k}_FILE` in source);
  const problems: string[] = [];
  const secrets: Partial<Record<FileSecret, string>> = {};
  for (const k of FILE_SECRETS) {
    const file = source[`${k}_FILE`]?.trim();
    if (!file) continue;
    if (k in source) problems.push(`${k}_FILE: set together with ${k}; use one of them`);
    try {
      secrets[k] = readSecretFile(file);
      if (secrets[k] === '') problems.push(`${k}_FILE: ${file} is empty`);
    } catch (err) {
      problems.push(`${k}_FILE: cannot read ${file} (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
    }
  }
  const sandbox = !CREDENTIALS.some(isSet);
  const given = { ...modeDefaults(sandbox, source), ...source, ...secrets };
  const parsed = envSchema.safeParse(given);
  if (!parsed.success) problems.unshift(...parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  // The sandbox speaks SOAP unless told otherwise (its documented default); with a simple key set, REST.
  const transport = source.ULTRACART_TRANSPORT === 'rest' || source.ULTRACART_TRANSPORT === 'soap' ? source.ULTRACART_TRANSPORT : isSet('ULTRACART_API_KEY') ? 'rest' : 'soap';
  if (!sandbox) {
    const required = [...ULTRACART_REQUIRED[transport], ...SHIPSTATION_REQUIRED];
    for (const k of required.filter((k) => !isSet(k))) problems.push(`${k}: required when any UltraCart or ShipStation credential is set (ULTRACART_TRANSPORT=${transport})`);
    if (transport === 'soap' && !isSet('ULTRACART_SOAP_URL')) problems.push('ULTRACART_SOAP_URL: required outside the sandbox with ULTRACART_TRANSPORT=soap');
    if (isSet('PUBLIC_URL') && !isSet('WEBHOOK_SECRET')) problems.push('WEBHOOK_SECRET: required when PUBLIC_URL is set outside the sandbox');
  }
  const encryption = parsePayloadEncryption(source, sandbox, source.DATA_DIR ?? '.data');
  problems.push(...encryption.problems);
  return { sandbox, transport, given, fromFiles: Object.keys(secrets), parsed, problems, encryption: encryption.config };
}

/** Reads and checks every setting at once; throws a ConfigError listing every problem by setting name. */
export function loadConfig(source: NodeJS.ProcessEnv = process.env): Config {
  const { sandbox, transport, parsed, problems, encryption } = resolveSettings(source);
  if (!parsed.success || problems.length > 0) throw new ConfigError(problems);
  // Every mode-defaulted setting is given (modeDefaults), or required and checked above.
  const env = parsed.data as Env &
    Required<Pick<Env, 'ULTRACART_MERCHANT_ID' | 'ULTRACART_DC_CODE' | 'ULTRACART_REST_URL' | 'SHIPSTATION_API_KEY' | 'SHIPSTATION_API_SECRET' | 'SHIPSTATION_BASE_URL'>> &
    Required<Pick<Env, 'INGEST_INTERVAL' | 'SHIPMENT_POLL_INTERVAL' | 'SHIPMENT_WATCH_PERIOD' | 'VOID_SWEEP_INTERVAL' | 'RECONCILE_INTERVAL' | 'ALERT_INTERVAL'>>;
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

export { SANDBOX as SANDBOX_DEFAULTS };
