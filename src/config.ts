import path from 'node:path';
import { z } from 'zod';
import { parseDuration } from './duration';
import { SetupError } from './setup-error';
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
  apiKey: 'sandbox-key',
  apiSecret: 'sandbox-secret',
  storeId: 1,
  webhookSecret: 'sandbox-webhook-secret',
} as const;

const port = z.coerce.number().int().min(0).max(65535);
const duration = z
  .string()
  .transform((s, ctx) => {
    try {
      return parseDuration(s);
    } catch (err) {
      ctx.addIssue({ code: 'custom', message: (err as Error).message });
      return z.NEVER;
    }
  });
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
  ULTRACART_DC_CODE: optionalText,
  ULTRACART_SOAP_URL: z.url().optional(),
  ULTRACART_WSDL: optionalText,
  ULTRACART_TIMEOUT_MS: z.coerce.number().int().positive().default(30000),

  SHIPSTATION_API_KEY: optionalText,
  SHIPSTATION_API_SECRET: optionalText,
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

  INGEST_INTERVAL: duration.optional(),
  SHIPMENT_POLL_INTERVAL: duration.optional(),
  SHIPMENT_WATCH_PERIOD: duration.optional(),
  VOID_SWEEP_INTERVAL: duration.optional(),

  HTTP_PORT: port.default(3000),
  PUBLIC_URL: z.url().optional(),
  WEBHOOK_SECRET: optionalText,

  SANDBOX_DEMO: bool.default(true),
  SANDBOX_ULTRACART_PORT: port.default(SANDBOX.ultracartPort),
  SANDBOX_SHIPSTATION_PORT: port.default(SANDBOX.shipstationPort),
});

export type Env = z.infer<typeof envSchema>;

export interface UltraCartConfig {
  merchantId: string;
  dcCode: string;
  /** Secret: never logged, never put in an error or in workflow history. */
  accessKey: string;
  soapUrl: string;
  wsdl: string;
  timeoutMs: number;
}

export interface ShipStationConfig {
  /** Secrets: never logged, never put in an error or in workflow history. */
  apiKey: string;
  apiSecret: string;
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
  /** webhookSecret undefined (production without WEBHOOK_SECRET): the webhook route answers 404. */
  http: { port: number; publicUrl: string | undefined; webhookSecret: string | undefined };
  simulators: { ultracartPort: number; shipstationPort: number };
}

export class ConfigError extends SetupError {
  constructor(readonly problems: string[]) {
    super(`ucship cannot start; fix these settings:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export const DEFAULT_WSDL = path.join(__dirname, 'ultracart', 'DistributionCenterService.wsdl');

const ULTRACART_REQUIRED = ['ULTRACART_MERCHANT_ID', 'ULTRACART_ACCESS_KEY', 'ULTRACART_DC_CODE'] as const;
const SHIPSTATION_REQUIRED = ['SHIPSTATION_API_KEY', 'SHIPSTATION_API_SECRET'] as const;

/** Reads and checks every setting at once; throws a ConfigError listing every problem by setting name. */
export function loadConfig(source: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(source);
  const problems = parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  const isSet = (k: string) => (source[k] ?? '').trim() !== '';
  const credentials = [...ULTRACART_REQUIRED, ...SHIPSTATION_REQUIRED];
  const sandbox = !credentials.some(isSet);
  if (!sandbox) {
    for (const k of credentials.filter((k) => !isSet(k))) problems.push(`${k}: required when any UltraCart or ShipStation credential is set`);
    if (!isSet('ULTRACART_SOAP_URL')) problems.push('ULTRACART_SOAP_URL: required outside the sandbox');
    if (isSet('PUBLIC_URL') && !isSet('WEBHOOK_SECRET')) problems.push('WEBHOOK_SECRET: required when PUBLIC_URL is set outside the sandbox');
  }
  if (!parsed.success || problems.length > 0) throw new ConfigError(problems);
  const env = parsed.data;
  const local = (p: number) => `http://127.0.0.1:${p}`;
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
      merchantId: env.ULTRACART_MERCHANT_ID ?? SANDBOX.merchantId,
      dcCode: env.ULTRACART_DC_CODE ?? SANDBOX.dcCode,
      accessKey: env.ULTRACART_ACCESS_KEY ?? SANDBOX.accessKey,
      soapUrl: env.ULTRACART_SOAP_URL ?? `${local(env.SANDBOX_ULTRACART_PORT)}${SOAP_PATH}`,
      wsdl: env.ULTRACART_WSDL ?? DEFAULT_WSDL,
      timeoutMs: env.ULTRACART_TIMEOUT_MS,
    },
    shipstation: {
      apiKey: env.SHIPSTATION_API_KEY ?? SANDBOX.apiKey,
      apiSecret: env.SHIPSTATION_API_SECRET ?? SANDBOX.apiSecret,
      baseUrl: env.SHIPSTATION_BASE_URL ?? (sandbox ? local(env.SANDBOX_SHIPSTATION_PORT) : 'https://ssapi.shipstation.com'),
      storeId: env.SHIPSTATION_STORE_ID ?? (sandbox ? SANDBOX.storeId : undefined),
      timeoutMs: env.SHIPSTATION_TIMEOUT_MS,
      rateLimitPerMinute: env.SHIPSTATION_RATE_LIMIT_PER_MINUTE,
      rateLimitReserve: env.SHIPSTATION_RATE_LIMIT_RESERVE,
      statusMap: env.STATUS_MAP,
    },
    ingestIntervalMs: env.INGEST_INTERVAL ?? (sandbox ? 5_000 : 60_000),
    shipmentPollIntervalMs: env.SHIPMENT_POLL_INTERVAL ?? (sandbox ? 30_000 : 6 * 3600_000),
    shipmentWatchPeriodMs: env.SHIPMENT_WATCH_PERIOD ?? (sandbox ? 120_000 : 3 * 86_400_000),
    voidSweepIntervalMs: env.VOID_SWEEP_INTERVAL ?? (sandbox ? 30_000 : 3600_000),
    http: {
      port: env.HTTP_PORT,
      publicUrl: env.PUBLIC_URL,
      webhookSecret: env.WEBHOOK_SECRET ?? (sandbox ? SANDBOX.webhookSecret : undefined),
    },
    simulators: { ultracartPort: env.SANDBOX_ULTRACART_PORT, shipstationPort: env.SANDBOX_SHIPSTATION_PORT },
  };
}

export { SANDBOX as SANDBOX_DEFAULTS };
