import path from 'node:path';
import { z } from 'zod';
import { parseDuration } from '../duration';
import { IMPORT_STATUSES } from '../shipstation/schemas';
import { TRANSPORT_KINDS } from '../ultracart/transport';

/**
 * One zod-validated configuration from the environment (and an optional .env file, loaded by the CLI).
 * With no UltraCart or ShipStation credentials the product runs the local sandbox: the defaults below then
 * point at the two simulators with their documented demo credentials.
 */

export const SANDBOX_DEFAULTS = {
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
  ULTRACART_WSDL: z.string().default(path.join(__dirname, '..', 'ultracart', 'DistributionCenterService.wsdl')),
  ULTRACART_TIMEOUT_MS: z.coerce.number().int().positive().default(30000),
  ULTRACART_TRANSPORT: z.enum(TRANSPORT_KINDS).optional(),
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
  SHIPMENT_SWEEP_INTERVAL: scheduleInterval.optional(),
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
  SANDBOX_ULTRACART_PORT: port.default(SANDBOX_DEFAULTS.ultracartPort),
  SANDBOX_SHIPSTATION_PORT: port.default(SANDBOX_DEFAULTS.shipstationPort),
});

export type Env = z.infer<typeof envSchema>;

export const DEFAULT_WSDL = envSchema.shape.ULTRACART_WSDL.parse(undefined);

