import { parsePayloadEncryption, type PayloadEncryptionConfig } from '../codec/settings';
import { readSecretFile } from '../secrets';
import { SOAP_PATH } from '../ultracart/protocol';
import type { TransportKind } from '../ultracart/transport';
import { SANDBOX_DEFAULTS, envSchema } from './env-schema';

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
    ? { INGEST_INTERVAL: '5s', SHIPMENT_POLL_INTERVAL: '30s', SHIPMENT_WATCH_PERIOD: '2m', VOID_SWEEP_INTERVAL: '30s', SHIPMENT_SWEEP_INTERVAL: '30s', RECONCILE_INTERVAL: '10m', ALERT_INTERVAL: '10s' }
    : { INGEST_INTERVAL: '1m', SHIPMENT_POLL_INTERVAL: '3d', SHIPMENT_WATCH_PERIOD: '3d', VOID_SWEEP_INTERVAL: '1h', SHIPMENT_SWEEP_INTERVAL: '30m', RECONCILE_INTERVAL: '1d', ALERT_INTERVAL: '5m' };
  if (!sandbox) return { ULTRACART_REST_URL: 'https://secure.ultracart.com/rest/v2', SHIPSTATION_BASE_URL: 'https://ssapi.shipstation.com', ...intervals };
  const ultracart = local('SANDBOX_ULTRACART_PORT', SANDBOX_DEFAULTS.ultracartPort);
  return {
    ULTRACART_MERCHANT_ID: SANDBOX_DEFAULTS.merchantId,
    ULTRACART_DC_CODE: SANDBOX_DEFAULTS.dcCode,
    ULTRACART_ACCESS_KEY: SANDBOX_DEFAULTS.accessKey,
    ULTRACART_API_KEY: SANDBOX_DEFAULTS.simpleKey,
    ULTRACART_SOAP_URL: `${ultracart}${SOAP_PATH}`,
    ULTRACART_REST_URL: `${ultracart}/rest/v2`,
    SHIPSTATION_API_KEY: SANDBOX_DEFAULTS.apiKey,
    SHIPSTATION_API_SECRET: SANDBOX_DEFAULTS.apiSecret,
    SHIPSTATION_BASE_URL: local('SANDBOX_SHIPSTATION_PORT', SANDBOX_DEFAULTS.shipstationPort),
    SHIPSTATION_STORE_ID: String(SANDBOX_DEFAULTS.storeId),
    WEBHOOK_SECRET: SANDBOX_DEFAULTS.webhookSecret,
    ...intervals,
  };
}

/** An empty (or blank) value is unset, everywhere: compose's `${X:-}` and `X=` in a .env file mean "not given". */
export function setValues(source: NodeJS.ProcessEnv): Record<string, string> {
  return Object.fromEntries(Object.entries(source).filter((e): e is [string, string] => (e[1] ?? '').trim() !== ''));
}

export interface ResolvedSettings {
  sandbox: boolean;
  transport: TransportKind;
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

